/**
 * Apollo cache hints (the `@cacheControl` directive declared by the federation helper). Nothing
 * shipping answers may sit in a shared cache: rates depend on the caller's cart, staff data is
 * staff-only, and a tracking page must show a new event as soon as it is added (the gateway's
 * response cache has no way to learn that a shipment changed). So every root field is PRIVATE
 * with no max age, and the gateway answers `Cache-Control: no-store`.
 */
export const PRIVATE = '@cacheControl(maxAge: 0, scope: PRIVATE)';
