/**
 * Apollo cache hints of the public catalog (the `@cacheControl` directive declared by the federation
 * helper). The subgraph turns them into its response's Cache-Control header and the gateway honours
 * it. Anything user-specific or staff-only is PRIVATE with no max age.
 */
export const CATALOG_MAX_AGE = 60;
export const PUBLIC = `@cacheControl(maxAge: ${CATALOG_MAX_AGE})`;
/** The category tree changes rarely. */
export const TAXONOMY = '@cacheControl(maxAge: 300)';
/** Stock moves with every checkout: a shorter life. */
export const STOCK = '@cacheControl(maxAge: 15)';
/** A field returning a shared type (Money, PageInfo…) lives as long as its parent. */
export const INHERIT = '@cacheControl(inheritMaxAge: true)';
/** Staff-only or per-user data: never in a shared cache. */
export const PRIVATE = '@cacheControl(maxAge: 0, scope: PRIVATE)';

interface InfoWithCacheControl {
  cacheControl?: { setCacheHint(hint: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' }): void };
}

/** Answers that depend on who asks (staff see drafts and stock) must never land in a shared cache. */
export function markPrivate(info: unknown): void {
  (info as InfoWithCacheControl).cacheControl?.setCacheHint({ maxAge: 0, scope: 'PRIVATE' });
}
