import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/**
 * The client's address from TRUSTED_PROXIES, as Express's `trust proxy` reads it: unset → the
 * socket's address (X-Forwarded-For is ignored); a number → that many proxy hops; otherwise a
 * comma-separated list of addresses, CIDR ranges or the names loopback / linklocal / uniquelocal.
 */
export function clientAddress(trustedProxies: string | undefined): (req: IncomingMessage) => string {
  const trust = !trustedProxies
    ? () => false
    : /^\d+$/.test(trustedProxies)
      ? (_address: string, hop: number) => hop < Number(trustedProxies)
      : proxyaddr.compile(trustedProxies.split(',').map((entry) => entry.trim()));
  return (req) => proxyaddr(req, trust);
}
