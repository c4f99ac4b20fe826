import { cacheHint } from '../../../../platform/graphql/cache-hints';

/**
 * Cache hints of accounts. A user's public profile (id and name: a review's author) may sit in a
 * shared cache for a minute; everything else about an account, and every field whose answer
 * depends on who asks (`me`, staff lists, payloads), is PRIVATE with no max age.
 */
export const PUBLIC_PROFILE = cacheHint(60);
export { PRIVATE } from '../../../../platform/graphql/cache-hints';
