import { cacheHint } from '../../../../platform/graphql/cache-hints';

/** How long the public catalog may be cached (seconds). */
export const CATALOG_MAX_AGE = 60;
export const PUBLIC = cacheHint(CATALOG_MAX_AGE);
/** The category tree changes rarely. */
export const TAXONOMY = cacheHint(300);
/** Stock moves with every checkout: a shorter life. */
export const STOCK = cacheHint(15);
