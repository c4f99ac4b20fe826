import type { RequestHandler } from 'express';
import { CONSISTENCY_HEADER } from '../consistency';

/** Request headers a browser client may send cross-origin (Apollo's CSRF headers, auth, consistency). */
const ALLOWED_HEADERS = ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-id', CONSISTENCY_HEADER];

/**
 * CORS for the GraphQL path: an Origin on the allow-list (exact scheme://host[:port]) gets
 * Access-Control-Allow-Origin and answered preflights; any other Origin gets no CORS header, so a
 * browser keeps the response from its page. Same-origin pages (the playground) need no CORS.
 * Tokens travel in the Authorization header, not cookies: no Allow-Credentials.
 */
export function cors(origins: readonly string[], exposeHeaders: readonly string[] = []): RequestHandler {
  const allowed = new Set(origins.map((o) => new URL(o).origin));
  return (req, res, next) => {
    const origin = req.header('origin');
    // every answer varies by Origin (a cache must not hand one origin's answer to another)
    if (res.getHeader('vary') === undefined) res.setHeader('vary', 'Origin');
    else res.vary('Origin');
    if (origin && allowed.has(origin)) {
      res.set('access-control-allow-origin', origin);
      if (exposeHeaders.length) res.set('access-control-expose-headers', exposeHeaders.join(', '));
      if (req.method === 'OPTIONS') {
        res.set('access-control-allow-methods', 'GET, POST');
        res.set('access-control-allow-headers', ALLOWED_HEADERS.join(', '));
        res.set('access-control-max-age', '600');
        return void res.status(204).end();
      }
    } else if (req.method === 'OPTIONS') {
      return void res.status(204).end(); // a preflight from elsewhere: no permission given
    }
    next();
  };
}
