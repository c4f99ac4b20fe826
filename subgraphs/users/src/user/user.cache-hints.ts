/**
 * Apollo cache hints of accounts (the `@cacheControl` directive declared by the federation
 * helper). A user's public profile (id and name: a review's author) may sit in a shared cache for
 * a minute; everything else about an account, and every field whose answer depends on who asks
 * (`me`, staff lists, payloads), is PRIVATE with no max age.
 */
export const PUBLIC_PROFILE = '@cacheControl(maxAge: 60)';
export const PRIVATE = '@cacheControl(maxAge: 0, scope: PRIVATE)';
