import { sendError, type BodyRequest, type Step } from '../../../platform/http/node-http';

/**
 * Refuses a GraphQL document longer than `maxChars` characters before it is parsed, validated or
 * registered as an automatic persisted query: a valid query can carry a huge string literal.
 * GET (query string) and POST (one operation or a batch). Answers 400 DOCUMENT_TOO_LARGE.
 */
export function documentSizeLimit(maxChars: number): Step<BodyRequest> {
  return (req, res, next) => {
    let tooLong: string | undefined;
    const check = (query: unknown) => {
      if (tooLong === undefined && typeof query === 'string' && query.length > maxChars) tooLong = query;
    };
    if (req.method === 'GET') {
      const url = req.url ?? '';
      const at = url.indexOf('?');
      // a query string shorter than the limit holds no longer document
      if (at >= 0 && url.length - at > maxChars) check(new URLSearchParams(url.slice(at + 1)).get('query'));
    } else {
      const body: unknown = req.body;
      for (const p of Array.isArray(body) ? body : [body]) check(p && typeof p === 'object' ? (p as { query?: unknown }).query : undefined);
    }
    if (tooLong === undefined) return next();
    sendError(res, 400, 'DOCUMENT_TOO_LARGE', `Document of ${tooLong.length} characters exceeds the limit of ${maxChars}`, { maxDocumentChars: maxChars });
  };
}
