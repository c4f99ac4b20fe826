/**
 * Express's `trust proxy` from TRUSTED_PROXIES: unset → false (X-Forwarded-For is ignored and the
 * socket's address is the client's); a number → that many proxy hops; otherwise a comma-separated
 * list of addresses, CIDR ranges or the names loopback / linklocal / uniquelocal.
 */
export function trustProxySetting(value: string | undefined): boolean | number | string {
  if (!value) return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
