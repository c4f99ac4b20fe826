import vary from 'vary';
import { header, type Step } from '../../../platform/http/node-http';
import { CONSISTENCY_HEADER } from '../consistency';

/** Request headers a browser client may send cross-origin (Apollo's CSRF headers, auth, consistency). */
const ALLOWED_HEADERS = ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-id', CONSISTENCY_HEADER];

/**
 * CORS for the GraphQL path: an Origin on the allow-list (exact scheme://host[:port]) gets
 * Access-Control-Allow-Origin and answered preflights; any other Origin gets no CORS header, so a
 * browser keeps the response from its page. Same-origin pages (the playground) need no CORS.
 * Tokens travel in the Authorization header, not cookies: no Allow-Credentials.
 */
export function cors(origins: readonly string[], exposeHeaders: readonly string[] = []): Step {
  const allowed = new Set(origins.map((o) => new URL(o).origin));
  const expose = exposeHeaders.join(', ');
  return (req, res, next) => {
    const origin = header(req, 'origin');
    // every answer varies by Origin (a cache must not hand one origin's answer to another)
    vary(res, 'Origin');
    const preflight = req.method === 'OPTIONS';
    if (origin && allowed.has(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      if (expose) res.setHeader('access-control-expose-headers', expose);
      if (preflight) {
        res.setHeader('access-control-allow-methods', 'GET, POST');
        res.setHeader('access-control-allow-headers', ALLOWED_HEADERS.join(', '));
        res.setHeader('access-control-max-age', '600');
      }
    }
    if (!preflight) return next();
    // a preflight from elsewhere gets no permission
    res.statusCode = 204;
    res.end();
  };
}
