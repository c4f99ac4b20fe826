import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/**
 * The client's address from TRUSTED_PROXIES, as Express's `trust proxy` reads it: unset → the
 * socket's address (X-Forwarded-For is ignored); a number → that many proxy hops; otherwise a
 * comma-separated list of addresses, CIDR ranges or the names loopback / linklocal / uniquelocal.
 */
export function clientAddress(trustedProxies: string | undefined): (req: IncomingMessage) => string {
  // no proxy trusted, or no X-Forwarded-For: the socket's address (what proxyaddr answers, without parsing)
  if (!trustedProxies) return (req) => req.socket.remoteAddress!;
  const trust = /^\d+$/.test(trustedProxies)
    ? (_address: string, hop: number) => hop < Number(trustedProxies)
    : proxyaddr.compile(trustedProxies.split(',').map((entry) => entry.trim()));
  return (req) => (req.headers['x-forwarded-for'] === undefined ? req.socket.remoteAddress! : proxyaddr(req, trust));
}
