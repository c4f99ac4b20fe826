import type { RequestHandler } from 'express';

/**
 * Refuses a GraphQL document longer than `maxChars` characters before it is parsed, validated or
 * registered as an automatic persisted query: a valid query can carry a huge string literal.
 * GET (query string) and POST (one operation or a batch). Answers 400 DOCUMENT_TOO_LARGE.
 */
export function documentSizeLimit(maxChars: number): RequestHandler {
  return (req, res, next) => {
    let queries: unknown[];
    if (req.method === 'GET') {
      const at = req.url.indexOf('?');
      queries = [new URLSearchParams(at < 0 ? '' : req.url.slice(at + 1)).get('query')];
    } else {
      const body: unknown = req.body;
      queries = (Array.isArray(body) ? body : [body]).map((p) => (p && typeof p === 'object' ? (p as { query?: unknown }).query : undefined));
    }
    const tooLong = queries.find((q): q is string => typeof q === 'string' && q.length > maxChars);
    if (tooLong === undefined) return next();
    res
      .status(400)
      .set('cache-control', 'private, no-cache, must-revalidate')
      .json({ errors: [{ message: `Document of ${tooLong.length} characters exceeds the limit of ${maxChars}`, extensions: { code: 'DOCUMENT_TOO_LARGE', maxDocumentChars: maxChars } }] });
  };
}
