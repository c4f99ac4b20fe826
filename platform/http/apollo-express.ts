import { HeaderMap, type ApolloServer, type BaseContext, type ContextFunction } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';
import { parse } from 'node:url';

/** The Content-Type Apollo Server answers GraphQL responses with; Express's res.send keeps it as it is. */
const JSON_UTF8 = 'application/json; charset=utf-8';

/**
 * Apollo Server as Express middleware: @as-integrations/express5's expressMiddleware (1.1), with
 * the same request, headers and responses, minus work it does for nothing on the usual request.
 * A POST's complete JSON answer is written with its Content-Length as res.send would write it
 * (res.send converts the body to a Buffer to measure it and checks the request's freshness, which a
 * POST never has); any other answer (GET, HEAD, 204/205/304, another type, streamed) goes through
 * res.send or the stream as before. The query string is parsed only when there is one.
 */
export function apolloMiddleware<C extends BaseContext>(
  server: ApolloServer<C>,
  options: { context: ContextFunction<[{ req: Request; res: Response }], C> },
): RequestHandler {
  server.assertStarted('apolloMiddleware()');
  const { context } = options;
  return async (req, res) => {
    if (!('body' in req)) {
      res.status(500);
      res.send('`req.body` is not set; this probably means you forgot to set up the `json` middleware before the Apollo Server middleware.');
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const httpGraphQLResponse = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: req.method.toUpperCase(),
        headers,
        search: req.url.includes('?') ? (parse(req.url).search ?? '') : '',
        body: req.body,
      },
      context: () => context({ req, res }),
    });
    for (const [key, value] of httpGraphQLResponse.headers) res.setHeader(key, value);
    res.statusCode = httpGraphQLResponse.status || 200;
    const { body } = httpGraphQLResponse;
    if (body.kind === 'complete') {
      const status = res.statusCode;
      const plain =
        req.method === 'POST' && status !== 204 && status !== 205 && status !== 304 && res.getHeader('content-type') === JSON_UTF8 && !res.getHeader('transfer-encoding');
      if (!plain) {
        res.send(body.string);
        return;
      }
      // the names as res.send writes them
      res.setHeader('Content-Type', JSON_UTF8);
      res.setHeader('Content-Length', String(Buffer.byteLength(body.string)));
      res.end(body.string, 'utf8');
      return;
    }
    for await (const chunk of body.asyncIterator) {
      res.write(chunk);
      if (typeof (res as { flush?: () => void }).flush === 'function') (res as unknown as { flush: () => void }).flush();
    }
    res.end();
  };
}
