import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { jsonBody } from '../../../platform/http/json-body';
import { answerFailure, runSteps, sendJson } from '../../../platform/http/node-http';
import { requestLog, type LoggedRequest } from './request-log';

/** Serves one request through requestLog with a logger at `level`; the id answered and the lines logged. */
async function serve(level: string): Promise<{ requestId: string | null; lines: Record<string, unknown>[] }> {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  const log = pino({ level }, sink);
  const handle = runSteps<LoggedRequest>(
    [requestLog(log, (req) => req.socket.remoteAddress!), jsonBody(1024), (_req, res) => sendJson(res, 200, { ok: true })],
    answerFailure(log),
  );
  const server = createServer((req, res) => handle(req as LoggedRequest, res)).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', operationName: 'Probe' }),
    });
    await response.text();
    return { requestId: response.headers.get('x-request-id'), lines };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('requestLog', () => {
  it('answers the request id and writes one access-log line at info', async () => {
    const { requestId, lines } = await serve('info');
    expect(requestId).toMatch(/^[\w.:-]{8,128}$/);
    expect(lines).toEqual([expect.objectContaining({ msg: 'request', requestId, method: 'POST', path: '/graphql', status: 200, operation: 'Probe', ip: '127.0.0.1' })]);
  });

  it('answers the request id and writes nothing below info', async () => {
    const { requestId, lines } = await serve('warn');
    expect(requestId).toMatch(/^[\w.:-]{8,128}$/);
    expect(lines).toEqual([]);
  });
});
