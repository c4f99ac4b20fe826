/**
 * `npm run bench:checkout [-- --levels 1,4,16] [--checkouts 60] [--warmup 8] [--products 10] [--provider-latency-ms 0]`:
 * the money path under load. Starts its own production-configured stack (NODE_ENV=production,
 * generated secrets, rate limits off, trusted documents allowed as text) with its data under
 * .data/bench-checkout and its servers on ports 27400-27422, seeds it (shipping zones, the demo
 * shop), creates products with ample stock, then, at each concurrency level, runs `--checkouts`
 * purchase flows through the gateway with that many customers at once (each a fresh account doing
 * its flows one after the other): MyCart → CartLinesAdd (a random product of `--products`) →
 * ShippingRates → Checkout with tok_visa. The driver is this process, apart from the servers
 * (its CPU is not counted) and limited to the level's concurrency.
 *
 * Prints per level the checkout mutation's p50/p99 latency, the whole flow's p50/p99, confirmed
 * orders per second (flows finished / wall time) and failures, then the CPU milliseconds per flow
 * (utime + stime from /proc/<pid>/stat, before and after the level) of the gateway and of each
 * subgraph's server and worker. Figures only: nothing is asserted.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startPostgresCluster, type PostgresCluster } from '../platform/infra/postgres-cluster';
import { portListening, waitFor } from '../platform/infra/processes';
import { startRedis, type LocalRedis } from '../platform/infra/redis-server';
import { ensureProductionSecrets } from '../scripts/secrets';
import { envPrefix, SUBGRAPHS } from '../subgraphs/registry';

const ROOT = resolve(__dirname, '..', '..');
const DATA_DIR = join(ROOT, '.data', 'bench-checkout');
const PORTS = { primary: 27400, replica: 27401, redis: 27402, opsPort: 27409, gateway: 27410 };

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const LEVELS = option('levels', '1,4,16').split(',').map(Number);
const CHECKOUTS = Number(option('checkouts', '60'));
const WARMUP = Number(option('warmup', '8'));
const PRODUCTS = Number(option('products', '10'));
const PROVIDER_LATENCY_MS = option('provider-latency-ms', '0');
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
const ADDRESS = { street: '1 Market St', city: 'San Francisco', state: 'CA', postalCode: '94105', country: 'US' };

const say = (message: string) => console.log(`\x1b[36m▸\x1b[0m ${message}`);

/** The project's client documents, read from schema/operations (fragments included). */
function clientDocument(operation: string): string {
  const dir = join(ROOT, 'schema', 'operations');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.graphql'));
  const text = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
  const definitions = text.split(/\n(?=(?:query|mutation|subscription|fragment) )/);
  const find = (kind: string, name: string) => definitions.find((d) => new RegExp(`^${kind} ${name}\\b`).test(d.trimStart()));
  const main = find('(?:query|mutation)', operation);
  if (!main) throw new Error(`no operation ${operation} in ${dir}`);
  const needed = new Map<string, string>();
  const visit = (source: string) => {
    for (const [, name] of source.matchAll(/\.\.\.\s*([A-Za-z_]\w*)/g)) {
      if (needed.has(name)) continue;
      const fragment = find('fragment', name);
      if (!fragment) throw new Error(`no fragment ${name}`);
      needed.set(name, fragment.replace(/#[^\n]*/g, ''));
      visit(fragment);
    }
  };
  const body = main.replace(/#[^\n]*/g, '');
  visit(body);
  return [body, ...needed.values()].join('\n');
}

const DOCS = Object.fromEntries(
  ['Register', 'Login', 'CreateProduct', 'AdjustInventory', 'MyCart', 'CartLinesAdd', 'ShippingRates', 'Checkout'].map((name) => [name, clientDocument(name)]),
);

interface Proc {
  name: string;
  child: ChildProcess;
}

const children: ChildProcess[] = [];

function launch(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', join(ROOT, 'dist', script)], { env, cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(`[${script}] ${chunk}`));
  children.push(child);
  return child;
}

function runToEnd(script: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = launch(script, env);
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${script} failed (exit ${code})`))));
  });
}

// connect only once something listens: a connection to a free port of the ephemeral range may connect to itself and hold it
const ready = (port: number) => async () => portListening(port) && ((await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.ok ?? false);

async function stopChildren() {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolvePromise) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolvePromise();
          child.once('exit', () => resolvePromise());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 12_000).unref();
        }),
    ),
  );
}

/**
 * Starts `script` and waits for its /readyz on `port`. The ports of this bench lie in the kernel's
 * ephemeral range, so a port may be held for a moment by some process's outgoing connection
 * (EADDRINUSE): a process that exits before it is ready is started again, a few times.
 */
async function launchReady(name: string, script: string, env: NodeJS.ProcessEnv, port: number): Promise<Proc> {
  for (let attempt = 1; ; attempt++) {
    const child = launch(script, env);
    const up = await waitFor(`${name} to be ready or exit`, async () => (child.exitCode !== null ? 'exited' : (await ready(port)()) && 'ready'), 120_000, 250);
    if (up === 'ready') return { name, child };
    if (attempt >= 5) throw new Error(`${name} exited ${attempt} times before it was ready`);
    say(`${name} exited before it was ready (port ${port} busy?): starting it again`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** The stack: every registered subgraph and its worker, seeded, then the gateway; the processes whose CPU is measured. */
async function startStack(shared: NodeJS.ProcessEnv): Promise<{ url: string; procs: Proc[] }> {
  const env: NodeJS.ProcessEnv = { ...shared, GATEWAY_PORT: String(PORTS.gateway), GATEWAY_OPS_PORT: String(PORTS.opsPort) };
  SUBGRAPHS.forEach((s, i) => {
    const prefix = envPrefix(s.name);
    env[`${prefix}_PORT`] = String(PORTS.gateway + 1 + 2 * i);
    env[`${prefix}_WORKER_PORT`] = String(PORTS.gateway + 2 + 2 * i);
    env[`${prefix}_URL`] = `http://127.0.0.1:${PORTS.gateway + 1 + 2 * i}/graphql`;
  });
  const procs = (
    await Promise.all(
      SUBGRAPHS.map(async (s) => {
        const prefix = envPrefix(s.name);
        const server = await launchReady(s.name, `subgraphs/${s.name}/src/main.js`, env, Number(env[`${prefix}_PORT`]));
        // the worker migrates too: after its server did
        return [server, await launchReady(`${s.name} worker`, `subgraphs/${s.name}/src/worker.js`, env, Number(env[`${prefix}_WORKER_PORT`]))];
      }),
    )
  ).flat();
  say('seeding the demo shop (idempotent)');
  await runToEnd('scripts/seed.js', env);
  procs.unshift(await launchReady('gateway', 'gateway/src/main.js', env, PORTS.opsPort));
  return { url: `http://127.0.0.1:${PORTS.gateway}/graphql`, procs };
}

async function graphql(url: string, operation: string, variables: object, token?: string): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: DOCS[operation], variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors?.length || !response.ok) throw new Error(`${operation}: ${response.status} ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

/** utime + stime of a process, in milliseconds. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

const percentile = (values: number[], p: number) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

async function customer(url: string, label: string): Promise<string> {
  const data = await graphql(url, 'Register', { input: { email: `bench-${label}-${randomBytes(5).toString('hex')}@example.com`, password: 'a long enough passphrase', name: `Bench ${label}` } });
  if (!data.register.accessToken) throw new Error(`register: ${JSON.stringify(data.register.userErrors)}`);
  return data.register.accessToken;
}

/** One purchase: the cart, a line, the rates, the checkout. Its latencies, or the failure. */
async function purchase(url: string, token: string, productIds: string[]): Promise<{ checkoutMs: number; flowMs: number; error?: string }> {
  const started = performance.now();
  try {
    const cartId = (await graphql(url, 'MyCart', {}, token)).me.cart.id as string;
    const productId = productIds[Math.floor(Math.random() * productIds.length)];
    const added = (await graphql(url, 'CartLinesAdd', { cartId, lines: [{ productId, quantity: 1 }] }, token)).cartLinesAdd;
    if (added.userErrors.length) return { checkoutMs: NaN, flowMs: NaN, error: `cartLinesAdd ${added.userErrors[0].code}` };
    const rates = (await graphql(url, 'ShippingRates', { cartId, countryCode: 'US', postalCode: ADDRESS.postalCode }, token)).shippingRates;
    const input = { cartId, shippingAddress: ADDRESS, shippingMethodId: rates[0].method.id, paymentToken: 'tok_visa', idempotencyKey: randomUUID() };
    const checkoutStarted = performance.now();
    const result = (await graphql(url, 'Checkout', { input }, token)).checkout;
    const done = performance.now();
    if (result.userErrors.length || result.order?.status !== 'CONFIRMED') return { checkoutMs: done - checkoutStarted, flowMs: done - started, error: `checkout ${result.userErrors.map((e: { code: string }) => e.code).join(',')}` };
    return { checkoutMs: done - checkoutStarted, flowMs: done - started };
  } catch (error) {
    return { checkoutMs: NaN, flowMs: NaN, error: (error as Error).message.slice(0, 200) };
  }
}

interface LevelResult {
  level: number;
  flows: number;
  failed: number;
  seconds: number;
  checkout: number[];
  flow: number[];
  cpu: Record<string, number>;
  errors: Map<string, number>;
}

/** `total` purchases by `level` customers at once, each doing its share one after the other. */
async function runLevel(url: string, procs: Proc[], productIds: string[], level: number, total: number): Promise<LevelResult> {
  const tokens = await Promise.all(Array.from({ length: level }, (_, i) => customer(url, `c${level}-${i}`)));
  const before = procs.map((p) => cpuMs(p.child.pid!));
  const started = performance.now();
  let next = 0;
  const results: Awaited<ReturnType<typeof purchase>>[] = [];
  await Promise.all(
    tokens.map(async (token) => {
      while (next < total) {
        next += 1;
        results.push(await purchase(url, token, productIds));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const after = procs.map((p) => cpuMs(p.child.pid!));
  const ok = results.filter((r) => !r.error);
  const cpu: Record<string, number> = {};
  procs.forEach((p, i) => (cpu[p.name] = (after[i] - before[i]) / Math.max(1, results.length)));
  const errors = new Map<string, number>();
  for (const r of results) if (r.error) errors.set(r.error, (errors.get(r.error) ?? 0) + 1);
  return { level, flows: results.length, failed: results.length - ok.length, seconds, checkout: ok.map((r) => r.checkoutMs), flow: ok.map((r) => r.flowMs), cpu, errors };
}

async function main() {
  mkdirSync(DATA_DIR, { recursive: true });
  let cluster: PostgresCluster | undefined;
  let redis: LocalRedis | undefined;
  const stopAll = async () => {
    await stopChildren();
    await redis?.stop(true);
    await cluster?.stop();
  };
  process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));
  try {
    cluster = await startPostgresCluster({ dataDir: DATA_DIR, primaryPort: PORTS.primary, replicaPort: PORTS.replica, unsafeFast: true, say });
    await cluster.createDatabases(SUBGRAPHS.map((s) => s.database));
    redis = await startRedis(DATA_DIR, PORTS.redis, say);
    const keys = ensureProductionSecrets(join(DATA_DIR, 'production.env'), join(DATA_DIR, 'keys'));
    const shared: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      REDIS_URL: redis.url,
      JWT_PRIVATE_KEY_FILE: keys.privateKeyFile,
      JWT_JWKS_FILE: keys.jwksFile,
      INTERNAL_SECRET: randomBytes(32).toString('hex'),
      JWT_ACCESS_TTL_SECONDS: '3600',
      MAIL_DIR: join(DATA_DIR, 'mail'),
      SMS_LOG_FILE: join(DATA_DIR, 'sms.log'),
      RESPONSE_CACHE_ENABLED: 'false',
      RATE_LIMIT_ENABLED: 'false',
      REGISTER_MAX_PER_IP_PER_HOUR: '100000',
      TOKEN_MAX_PER_IP_PER_15_MIN: '100000',
      TRUSTED_DOCUMENTS: 'allow',
      PAYMENT_PROVIDER_LATENCY_MS: PROVIDER_LATENCY_MS,
    };
    for (const s of SUBGRAPHS) {
      shared[`${envPrefix(s.name)}_DATABASE_URL`] = cluster.primaryUrl(s.database);
      shared[`${envPrefix(s.name)}_DATABASE_REPLICA_URLS`] = cluster.replicaUrl(s.database);
    }
    say('starting the stack (production profile)');
    const { url, procs } = await startStack(shared);

    const admin = (await graphql(url, 'Login', { input: { email: 'admin@example.com', password: 'admin-password-123' } })).login.accessToken as string;
    const productIds: string[] = [];
    for (let i = 0; i < PRODUCTS; i++) {
      const sku = `BENCH-${randomBytes(4).toString('hex')}`;
      const created = (await graphql(url, 'CreateProduct', { input: { name: `Bench product ${sku}`, sku, price: '19.99', status: 'ACTIVE' } }, admin)).createProduct;
      await graphql(url, 'AdjustInventory', { input: { productId: created.product.id, delta: 1_000_000, reason: 'bench stock' } }, admin);
      productIds.push(created.product.id);
    }

    say(`warm-up: ${WARMUP} purchases`);
    await runLevel(url, procs, productIds, Math.min(2, WARMUP || 1), WARMUP);
    const results: LevelResult[] = [];
    for (const level of LEVELS) {
      say(`${CHECKOUTS} purchases by ${level} customer(s) at once`);
      results.push(await runLevel(url, procs, productIds, level, CHECKOUTS));
    }

    const f = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '-');
    console.log(`\nCheckout flows (MyCart → CartLinesAdd → ShippingRates → Checkout tok_visa), ${CHECKOUTS} per level, production profile, ${PRODUCTS} products, provider latency ${PROVIDER_LATENCY_MS} ms\n`);
    console.log(`${'concurrency'.padEnd(12)}${'flows'.padStart(7)}${'failed'.padStart(8)}${'orders/s'.padStart(10)}${'checkout p50'.padStart(14)}${'checkout p99'.padStart(14)}${'flow p50'.padStart(10)}${'flow p99'.padStart(10)}   (ms)`);
    for (const r of results) {
      console.log(
        `${String(r.level).padEnd(12)}${String(r.flows).padStart(7)}${String(r.failed).padStart(8)}${f((r.flows - r.failed) / r.seconds, 1).padStart(10)}${f(percentile(r.checkout, 50)).padStart(14)}${f(percentile(r.checkout, 99)).padStart(14)}${f(percentile(r.flow, 50)).padStart(10)}${f(percentile(r.flow, 99)).padStart(10)}`,
      );
      for (const [error, n] of r.errors) console.log(`${''.padEnd(12)}${n} × ${error}`);
    }
    console.log(`\nCPU milliseconds per purchase flow (utime+stime of each process over the level / flows)\n`);
    console.log(`${'process'.padEnd(18)}${results.map((r) => `c=${r.level}`.padStart(10)).join('')}`);
    for (const p of procs) console.log(`${p.name.padEnd(18)}${results.map((r) => f(r.cpu[p.name], 2).padStart(10)).join('')}`);
    console.log(`${'total'.padEnd(18)}${results.map((r) => f(Object.values(r.cpu).reduce((a, b) => a + b, 0), 2).padStart(10)).join('')}`);
  } finally {
    say('stopping');
    await stopAll();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
