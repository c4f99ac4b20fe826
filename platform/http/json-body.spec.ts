import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { jsonBody } from './json-body';
import { answerFailure, runSteps, sendJson, type BodyRequest } from './node-http';

let server: Server;
let port: number;
const failures: unknown[] = [];

beforeAll(async () => {
  const handle = runSteps<BodyRequest>([jsonBody(64), (req, res) => sendJson(res, 200, { body: req.body ?? null })], answerFailure({ error: (fields) => failures.push(fields) }));
  server = createServer((req, res) => handle(req, res)).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** POSTs `body` with `headers`; the status and the parsed answer. */
function post(body: string | Buffer, headers: Record<string, string>, chunked = false): Promise<{ status: number; json: { body?: unknown; errors?: { extensions: { code: string } }[] } }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: chunked ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text) }));
    });
    req.on('error', reject);
    if (chunked) for (let at = 0; at < body.length; at += 16) req.write(body.slice(at, at + 16));
    else req.write(body);
    req.end();
  });
}
const code = (answer: Awaited<ReturnType<typeof post>>) => answer.json.errors?.[0].extensions.code;

describe('jsonBody', () => {
  it('parses a JSON object, with or without a UTF-8 charset, plain or gzip', async () => {
    expect((await post('{"query":"{ a }"}', { 'content-type': 'application/json' })).json.body).toEqual({ query: '{ a }' });
    expect((await post('[{"q":"é"}]', { 'content-type': 'application/json; charset=UTF-8' })).json.body).toEqual([{ q: 'é' }]);
    expect((await post(gzipSync('{"zipped":true}'), { 'content-type': 'application/json', 'content-encoding': 'gzip' })).json.body).toEqual({ zipped: true });
    expect((await post('{"chunked":"yes, in pieces of sixteen"}', { 'content-type': 'application/json' }, true)).json.body).toEqual({ chunked: 'yes, in pieces of sixteen' });
  });

  it('leaves a body that is not JSON to the next step', async () => {
    expect(await post('query { a }', { 'content-type': 'text/plain' })).toEqual({ status: 200, json: { body: null } });
  });

  it('answers 400 BAD_REQUEST for malformed JSON and for a JSON value that is not an object or array', async () => {
    const malformed = await post('{"query": ', { 'content-type': 'application/json' });
    expect([malformed.status, code(malformed)]).toEqual([400, 'BAD_REQUEST']);
    const scalar = await post('"just a string"', { 'content-type': 'application/json' });
    expect([scalar.status, code(scalar)]).toEqual([400, 'BAD_REQUEST']);
  });

  it('answers 413 PAYLOAD_TOO_LARGE over the limit, declared or streamed, and decoded', async () => {
    const big = JSON.stringify({ query: 'x'.repeat(100) });
    for (const answer of [
      await post(big, { 'content-type': 'application/json' }),
      await post(big, { 'content-type': 'application/json' }, true),
      await post(gzipSync(big), { 'content-type': 'application/json', 'content-encoding': 'gzip' }),
    ]) {
      expect([answer.status, code(answer)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    }
  });

  it('answers 415 UNSUPPORTED_MEDIA_TYPE for another charset or an unknown encoding', async () => {
    const latin = await post('{}', { 'content-type': 'application/json; charset=latin1' });
    expect([latin.status, code(latin)]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const unknown = await post('{}', { 'content-type': 'application/json', 'content-encoding': 'zstd-x' });
    expect([unknown.status, code(unknown)]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    expect(failures).toEqual([]);
  });
});
