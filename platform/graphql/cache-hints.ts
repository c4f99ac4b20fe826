/**
 * Apollo cache hints (the `@cacheControl` directive declared by the federation helper). A subgraph
 * turns them into its response's Cache-Control header and the gateway honours it. Anything
 * user-specific or staff-only is PRIVATE with no max age.
 */

/** A public hint living `maxAge` seconds, e.g. `@Directive(cacheHint(60))`. */
export const cacheHint = (maxAge: number) => `@cacheControl(maxAge: ${maxAge})`;
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
