import { SpanKind } from '@opentelemetry/api';
import { tracing } from '@opentelemetry/sdk-node';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createOpsApp } from '../../platform/http/ops-routes';
import { startTracing } from '../../platform/http/tracing';
import { startStack, type Stack } from '../../e2e/harness';
import { storefront } from '../../e2e/operations';
import { startExtraGateway } from './gateway-fixtures';

/** Every span of this test process, read from an in-memory exporter beside the configured one. */
const memory = new tracing.InMemorySpanExporter();
let stack: Stack;

beforeAll(async () => {
  startTracing('test', process.env, [new tracing.SimpleSpanProcessor(memory)]);
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const spans = () => memory.getFinishedSpans();
const parentOf = (s: tracing.ReadableSpan) => s.parentSpanContext?.spanId;

async function spansOf(traceId: string, until: (found: tracing.ReadableSpan[]) => boolean): Promise<tracing.ReadableSpan[]> {
  for (let i = 0; i < 50; i++) {
    const found = spans().filter((s) => s.spanContext().traceId === traceId);
    if (until(found)) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  return spans().filter((s) => s.spanContext().traceId === traceId);
}

describe('W3C trace context: gateway → subgraphs → jobs', () => {
  it('continues the caller trace through the gateway, the subgraph and the job the request enqueued', async () => {
    const traceId = randomBytes(16).toString('hex');
    const callerSpan = randomBytes(8).toString('hex');
    const email = `trace-${randomBytes(4).toString('hex')}@example.com`;
    const res = await stack.call(storefront.Register, { input: { email, password: 'a long enough passphrase', name: 'Tracy' } }, undefined, {
      traceparent: `00-${traceId}-${callerSpan}-01`,
    });
    expect(res.data?.register.userErrors).toEqual([]);
    await stack.drainOutboxes();

    const found = await spansOf(traceId, (f) => f.some((s) => s.name === 'job users user.registered'));
    const gateway = found.find((s) => s.attributes['service.name'] === 'gateway' && s.kind === SpanKind.SERVER);
    expect(gateway).toBeDefined();
    expect(parentOf(gateway!)).toBe(callerSpan);
    expect(gateway!.name).toBe('mutation Register');
    const fetch = found.find((s) => s.name === 'subgraph users');
    expect(fetch?.kind).toBe(SpanKind.CLIENT);
    expect(parentOf(fetch!)).toBe(gateway!.spanContext().spanId);
    const users = found.find((s) => s.attributes['service.name'] === 'users' && s.kind === SpanKind.SERVER);
    expect(parentOf(users!)).toBe(fetch!.spanContext().spanId);
    const job = found.find((s) => s.name === 'job users user.registered');
    expect(job?.kind).toBe(SpanKind.CONSUMER);
  });

  it('starts a trace when the caller sends none', async () => {
    await stack.call('query Untraced { me { id } }');
    const gateway = spans().find((s) => s.name === 'query Untraced');
    expect(gateway?.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(parentOf(gateway!)).toBeUndefined();
  });
});

describe('/metrics (Prometheus)', () => {
  const metricsOf = async (url: string) => (await fetch(url)).text();

  it('on the gateway: requests per operation, errors by code, subgraph fetches, response cache', async () => {
    await stack.call(storefront.Me);
    await stack.call('{ nope }');
    await stack.call(storefront.Categories);
    await stack.call(storefront.Categories);
    const ops = await stack.gateway.listenOps(0, '127.0.0.1'); // closed by stack.stop()
    const text = await metricsOf(`http://127.0.0.1:${(ops.address() as AddressInfo).port}/metrics`);
    expect(text).toMatch(/graphql_request_duration_seconds_bucket\{[^}]*service="gateway",operation="Me",outcome="ok"/);
    expect(text).toMatch(/graphql_request_duration_seconds_count\{service="gateway",operation="Categories",outcome="ok"\} \d+/);
    expect(text).toMatch(/graphql_errors_total\{service="gateway",code="GRAPHQL_VALIDATION_FAILED"\} [1-9]/);
    expect(text).toMatch(/gateway_subgraph_fetch_duration_seconds_count\{subgraph="users",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/gateway_response_cache_total\{result="(hit|miss)"\} [1-9]/);
  });

  it('on a subgraph: its requests, statements by server (primary/replica) and DB pool use', async () => {
    const customer = await stack.registerCustomer('Metered');
    await stack.call(storefront.Me, {}, customer.accessToken);
    const text = await metricsOf(stack.subgraphs.users.url.replace('/graphql', '/metrics'));
    expect(text).toMatch(/graphql_request_duration_seconds_count\{service="users",operation="[^"]+",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/db_statements_total\{database="users",target="replica"\} [1-9]/);
    expect(text).toMatch(/db_statements_total\{database="users",target="primary"\} [1-9]/);
    expect(text).toMatch(/db_pool_connections\{database="users",target="primary",state="total"\} \d+/);
    expect(text).toMatch(/db_pool_connections\{database="users",target="replica",state="idle"\} \d+/);
  });

  it('on a worker: queue depth and job latency', async () => {
    await stack.registerCustomer('Queued');
    await stack.drainOutboxes();
    const ops = createOpsApp(async () => undefined).listen(0, '127.0.0.1');
    await new Promise((r) => ops.once('listening', r));
    try {
      let text = '';
      for (let i = 0; i < 30 && !/queue_job_wait_seconds_count\{queue="users"/.test(text); i++) {
        await new Promise((r) => setTimeout(r, 100));
        text = await metricsOf(`http://127.0.0.1:${(ops.address() as AddressInfo).port}/metrics`);
      }
      expect(text).toMatch(/queue_jobs\{queue="users",state="waiting"\} \d+/);
      expect(text).toMatch(/queue_jobs\{queue="users",state="failed"\} \d+/);
      expect(text).toMatch(/queue_job_wait_seconds_count\{queue="users",job="user.registered"\} [1-9]/);
      expect(text).toMatch(/queue_job_duration_seconds_count\{queue="users",job="user.registered",outcome="ok"\} [1-9]/);
    } finally {
      ops.close();
    }
  });
});

describe('logs', () => {
  it('are JSON lines carrying the request id (the one the response names) and the trace id', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const gw = await startExtraGateway(stack, {}, undefined, pino({ level: 'info', base: { service: 'gateway' } }, sink));
    try {
      const res = await fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: storefront.Me, operationName: 'Me' }) });
      const requestId = res.headers.get('x-request-id');
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      await new Promise((r) => setTimeout(r, 50));
      const access = lines.find((l) => l.msg === 'request' && l.requestId === requestId);
      expect(access).toMatchObject({ service: 'gateway', method: 'POST', path: '/graphql', status: 200, operation: 'Me' });
      expect(access!.traceId).toMatch(/^[0-9a-f]{32}$/);
      // a request id a proxy set is kept
      const given = await fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'edge-1234-abcd' }, body: JSON.stringify({ query: '{ me { id } }' }) });
      expect(given.headers.get('x-request-id')).toBe('edge-1234-abcd');
    } finally {
      await gw.stop();
    }
  });
});
