import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { lsnToBigInt } from '../../../platform/db/lsn';
import { tracer, startTracing } from '../../../platform/http/tracing';
import { createLogger } from '../../../platform/logger';
import { ServiceCallError, ServiceClient, typedDocument, type ServiceCallContext } from '../../../platform/service-client/service-client';
import { makeProduct, startCatalog, type CatalogHarness } from './helpers';

/** Calls between subgraphs: "orders" reserving stock on the real catalog subgraph through the service client. */

interface Reserved {
  reserveStock: { reservation: { reference: string; status: string; lines: { productId: string; quantity: number }[] } | null; userErrors: { code: string }[] };
}
const RESERVE = typedDocument<Reserved, { reference: string; lines: { productId: string; quantity: number }[] }>(
  `mutation ($reference: String!, $lines: [StockLineInput!]!) {
    reserveStock(reference: $reference, lines: $lines) { reservation { reference status lines { productId quantity } } userErrors { code } }
  }`,
);
const AVAILABLE = typedDocument<{ product: { availableQuantity: number } | null }, { id: string }>(`query ($id: ID!) { product(id: $id) { availableQuantity } }`);

const log = createLogger('service-client-test', 'silent');
const context = (): ServiceCallContext & { committed: Record<string, string> } => ({ requestId: randomUUID(), log, positions: {}, committed: {} });

let h: CatalogHarness;
let orders: ServiceClient;
beforeAll(async () => {
  startTracing('service-client-test', { OTEL_TRACES_EXPORTER: 'none' });
  h = await startCatalog();
  orders = new ServiceClient({ caller: 'orders', internalSecret: h.deps.config.internalSecret, urls: { catalog: h.subgraph.url } });
});
afterAll(async () => {
  await orders?.close();
  await h?.stop();
});

/** A server on loopback that records each request and answers with `answer` (or never, when it returns false). */
async function fakeSubgraph(answer: (n: number, req: IncomingMessage, res: ServerResponse) => boolean) {
  const seen: IncomingMessage[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(req);
    req.resume();
    if (!answer(seen.length, req, res)) return;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return {
    url,
    seen,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

describe('service client → catalog', () => {
  it('reserves stock as "orders" and reads back the position of the write', async () => {
    const product = await makeProduct(h, {}, 5);
    const [{ lsn: before }] = await h.sql<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
    const ctx = context();
    const reference = `order-${randomUUID()}`;
    const data = await orders.call(ctx, 'catalog', RESERVE, { reference, lines: [{ productId: product.id, quantity: 2 }] });
    expect(data.reserveStock).toEqual({ reservation: { reference, status: 'HELD', lines: [{ productId: product.id, quantity: 2 }] }, userErrors: [] });
    expect(lsnToBigInt(ctx.committed.catalog)).toBeGreaterThan(lsnToBigInt(before));
    expect(ctx.positions.catalog).toBe(ctx.committed.catalog);

    // the next read of the same context carries the position, so the catalog reads its own write
    const after = await orders.call(ctx, 'catalog', AVAILABLE, { id: product.id }, { idempotent: true });
    expect(after.product?.availableQuantity).toBe(3);
  });

  it('the catalog sees the verified caller: an internal operation refuses the gateway', async () => {
    const gateway = new ServiceClient({ caller: 'gateway', internalSecret: h.deps.config.internalSecret, urls: { catalog: h.subgraph.url } });
    try {
      const error = await gateway.call(context(), 'catalog', RESERVE, { reference: `x-${randomUUID()}`, lines: [] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceCallError);
      expect((error as ServiceCallError).failure).toBe('GRAPHQL_ERROR');
      expect((error as ServiceCallError).code).toBe('FORBIDDEN');
    } finally {
      await gateway.close();
    }
  });

  it('refuses a credential for another subgraph, or signed with another secret', async () => {
    // a token with audience "users" presented to the catalog
    const misdirected = new ServiceClient({ caller: 'orders', internalSecret: h.deps.config.internalSecret, urls: { users: h.subgraph.url } });
    const forged = new ServiceClient({ caller: 'orders', internalSecret: 'not the internal secret', urls: { catalog: h.subgraph.url } });
    try {
      for (const [client, target] of [[misdirected, 'users'], [forged, 'catalog']] as const) {
        const error = (await client.call(context(), target, AVAILABLE, { id: randomUUID() }).catch((e: unknown) => e)) as ServiceCallError;
        expect(error).toBeInstanceOf(ServiceCallError);
        expect(error.failure).toBe('HTTP_ERROR');
        expect(error.status).toBe(401);
      }
    } finally {
      await misdirected.close();
      await forged.close();
    }
  });
});

describe('service client on the wire', () => {
  it('sends the credential, request id, trace context and positions', async () => {
    const fake = await fakeSubgraph((_, req, res) => {
      json(res, 200, { data: { product: null } }, { 'x-committed-positions': 'shipping=0/2A' });
      return true;
    });
    const client = new ServiceClient({ caller: 'orders', internalSecret: 'secret', env: { SHIPPING_URL: fake.url } });
    try {
      const ctx = context();
      ctx.positions = { catalog: '0/10', users: '1/2' };
      const traceId = await tracer().startActiveSpan('test', async (span) => {
        await client.call(ctx, 'shipping', AVAILABLE, { id: 'p' });
        span.end();
        return span.spanContext().traceId;
      });
      const headers = fake.seen[0].headers;
      expect(headers['x-request-id']).toBe(ctx.requestId);
      expect(headers['x-consistency-positions']).toBe('catalog=0/10,users=1/2');
      expect(headers.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-0[01]$`));
      expect(headers['x-internal-token']).toBeTruthy();
      expect(ctx.committed).toEqual({ shipping: '0/2A' });
      expect(ctx.positions).toEqual({ catalog: '0/10', users: '1/2', shipping: '0/2A' });
    } finally {
      await client.close();
      await fake.stop();
    }
  });

  it('gives up after the timeout when the target does not answer', async () => {
    const fake = await fakeSubgraph(() => false);
    const client = new ServiceClient({ caller: 'orders', internalSecret: 'secret', urls: { slow: fake.url } });
    try {
      const error = (await client.call(context(), 'slow', AVAILABLE, { id: 'p' }, { timeoutMs: 300, idempotent: true }).catch((e: unknown) => e)) as ServiceCallError;
      expect(error).toBeInstanceOf(ServiceCallError);
      expect(error.failure).toBe('TIMEOUT');
      expect(fake.seen.length).toBe(1);
    } finally {
      await client.close();
      await fake.stop();
    }
  });

  it('retries a 503 only when the call is marked idempotent', async () => {
    const fake = await fakeSubgraph((n, _req, res) => {
      if (n % 2 === 1) json(res, 503, { errors: [{ message: 'starting' }] });
      else json(res, 200, { data: { product: { availableQuantity: 7 } } });
      return true;
    });
    const client = new ServiceClient({ caller: 'orders', internalSecret: 'secret', urls: { flaky: fake.url }, retryDelayMs: 10 });
    try {
      const once = (await client.call(context(), 'flaky', AVAILABLE, { id: 'p' }).catch((e: unknown) => e)) as ServiceCallError;
      expect(once.failure).toBe('UNAVAILABLE');
      expect(once.status).toBe(503);
      expect(fake.seen.length).toBe(1);

      // the next request is answered 200, the one after 503 then 200
      await client.call(context(), 'flaky', AVAILABLE, { id: 'p' });
      const retried = await client.call(context(), 'flaky', AVAILABLE, { id: 'p' }, { idempotent: true });
      expect(retried.product?.availableQuantity).toBe(7);
      expect(fake.seen.length).toBe(4);
    } finally {
      await client.close();
      await fake.stop();
    }
  });

  it('retries an idempotent call at most `retries` times', async () => {
    const fake = await fakeSubgraph((_, _req, res) => {
      json(res, 502, { errors: [{ message: 'bad gateway' }] });
      return true;
    });
    const client = new ServiceClient({ caller: 'orders', internalSecret: 'secret', urls: { down: fake.url }, retries: 2, retryDelayMs: 10 });
    try {
      const error = (await client.call(context(), 'down', AVAILABLE, { id: 'p' }, { idempotent: true }).catch((e: unknown) => e)) as ServiceCallError;
      expect(error.failure).toBe('UNAVAILABLE');
      expect(fake.seen.length).toBe(3);
      expect(() => client.urlOf('nowhere')).toThrow(/NOWHERE_URL/);
    } finally {
      await client.close();
      await fake.stop();
    }
  });
});
