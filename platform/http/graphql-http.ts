import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { ServerResponse } from 'node:http';
import { memoizeMediaTypeNegotiation } from './media-type-memo';
import type { BodyRequest, Step } from './node-http';

/**
 * Apollo Server as the last step of a node:http handler: the request's method, headers, query
 * string and parsed body go to executeHTTPGraphQLRequest, and its answer is written with its
 * status, headers and Content-Length (or streamed, for incremental delivery).
 */
export function graphqlStep<C extends BaseContext, Req extends BodyRequest = BodyRequest>(
  server: ApolloServer<C>,
  context: (req: Req, res: ServerResponse) => Promise<C>,
): Step<Req> {
  server.assertStarted('graphqlStep()');
  memoizeMediaTypeNegotiation();
  return async (req, res) => {
    const headers = new HeaderMap();
    for (const key in req.headers) {
      const value = req.headers[key];
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = req.url ?? '';
    const at = url.indexOf('?');
    const answer = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method!.toUpperCase(), headers, search: at < 0 ? '' : url.slice(at), body: req.body },
      context: () => context(req, res),
    });
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    res.statusCode = answer.status ?? 200;
    const { body } = answer;
    if (body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(body.string));
      res.end(req.method === 'HEAD' ? undefined : body.string);
      return;
    }
    for await (const chunk of body.asyncIterator) res.write(chunk);
    res.end();
  };
}
