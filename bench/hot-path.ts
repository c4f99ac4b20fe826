/**
 * `npm run bench:hot-path [-- --baseline <checkout>] [--duration 10] [--connections 10] [--profile <dir>]`:
 * the CPU cost of the storefront's hottest requests. Starts its own production-configured stack
 * (NODE_ENV=production, generated secrets, response cache and rate limits off) on the seeded demo
 * shop, with its data under .data/bench-hot-path, and loads it from a separate autocannon process
 * with ProductList (`first: 20`) and ProductDetail (reviews with their authors), anonymous and
 * signed in. Prints requests per second, p50/p99 latency, and the CPU milliseconds per request of
 * the gateway and of each subgraph (utime + stime from /proc/<pid>/stat, before and after each run).
 *
 * `--baseline <checkout>`: another checkout of the project (with its own dist/, e.g. an older
 * commit) runs as a second stack on the same databases and Redis; each scenario runs on both
 * stacks one after the other (alternating which goes first) and the table shows the ratios.
 * `--rate <n>`: the same request rate on every stack (CPU per request falls as a process gets busier, so
 *   compare stacks at one rate). `--only <text>`: only the scenarios whose name contains it.
 * `--profile <dir>`: the gateway and subgraph servers write V8 CPU profiles (`--cpu-prof`) there.
 * `--rounds <n>`: every scenario runs n times on each stack (alternating which goes first); the table
 *   shows the medians, the median of the rounds' ratios, and their range: this machine is shared and noisy.
 * `--warmup <n>`: requests sent as fast as the stack answers before each measured run (default 2000).
 * `--idle <s>`: first, each stack's idle CPU milliseconds per second over that many seconds (default 10, 0 skips).
 * `--port-base <n>`: the ports it uses, n … n+99 (default 28300).
 * `--catalog-position`: every request carries a recent catalog write position (the key the
 *   gateway reads is set to the primary's WAL position before each run), as after a price change.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { globalPositionKey, rememberPosition } from '../platform/db/global-position';
import { startPostgresCluster, type PostgresCluster } from '../platform/infra/postgres-cluster';
import { waitFor } from '../platform/infra/processes';
import { startRedis, type LocalRedis } from '../platform/infra/redis-server';
import { ensureProductionSecrets } from '../scripts/secrets';

const ROOT = resolve(__dirname, '..', '..');
const DATA_DIR = join(ROOT, '.data', 'bench-hot-path');
function option(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const PORT_BASE = Number(option('port-base', '28300'));
const PORTS = { primary: PORT_BASE, replica: PORT_BASE + 1, redis: PORT_BASE + 2, stacks: [PORT_BASE + 10, PORT_BASE + 50] };
const CATALOG_POSITION = process.argv.includes('--catalog-position');
const DURATION = Number(option('duration', '10'));
/** Requests sent flat out before each measured run: the same number on every stack, so each has compiled its hot path. */
const WARMUP = Number(option('warmup', '2000'));
const CONNECTIONS = Number(option('connections', '10'));
/** Requests per second for every stack (autocannon -R); unset, as many as the stack answers. */
const RATE = option('rate');
const BASELINE = option('baseline');
const PROFILE_DIR = option('profile');
const ONLY = option('only');
/** Seconds each stack is first left without requests, to print its idle CPU per second (0: skip). */
const IDLE = Number(option('idle', '10'));
/** How many times every scenario runs on every stack; the table shows medians (and each round's ratio range). */
const ROUNDS = Math.max(1, Number(option('rounds', '1')));
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

const say = (message: string) => console.log(`\x1b[36m▸\x1b[0m ${message}`);

/** The project's client documents, read from schema/operations (fragments included). */
function clientDocument(root: string, operation: string): string {
  const dir = join(root, 'schema', 'operations');
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

interface Stack {
  label: string;
  root: string;
  gatewayUrl: string;
  /** The HTTP servers whose CPU is measured: the gateway and each subgraph. */
  servers: { name: string; child: ChildProcess }[];
  children: ChildProcess[];
}

/** The subgraphs a checkout has built: every dist/subgraphs/<name>/src/main.js, users first (others' seeds refer to its customers). */
function builtSubgraphs(root: string): string[] {
  const dir = join(root, 'dist', 'subgraphs');
  if (!existsSync(dir)) throw new Error(`${root} has no dist/subgraphs: run npm run build there`);
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'src', 'main.js')))
    .sort((a, b) => (a === 'users' ? -1 : b === 'users' ? 1 : a.localeCompare(b)));
}

function launch(root: string, script: string, env: NodeJS.ProcessEnv, profile?: string): ChildProcess {
  const args = ['--enable-source-maps', ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []), join(root, 'dist', script)];
  const child = spawn(process.execPath, args, { env, cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(`[${script}] ${chunk}`));
  return child;
}

function runToEnd(root: string, script: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = launch(root, script, env);
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${script} failed (exit ${code})`))));
  });
}

const ready = (port: number) => async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.ok ?? false;

async function startStack(label: string, root: string, basePort: number, shared: NodeJS.ProcessEnv, seed: boolean): Promise<Stack> {
  const subgraphs = builtSubgraphs(root);
  const env: NodeJS.ProcessEnv = { ...shared, GATEWAY_PORT: String(basePort), GATEWAY_OPS_PORT: String(basePort + 20) };
  subgraphs.forEach((name, i) => {
    const prefix = name.toUpperCase();
    env[`${prefix}_PORT`] = String(basePort + 1 + 2 * i);
    env[`${prefix}_WORKER_PORT`] = String(basePort + 2 + 2 * i);
    env[`${prefix}_URL`] = `http://127.0.0.1:${basePort + 1 + 2 * i}/graphql`;
  });
  const profile = PROFILE_DIR ? join(resolve(PROFILE_DIR), label) : undefined;
  if (profile) mkdirSync(profile, { recursive: true });
  const stack: Stack = { label, root, gatewayUrl: `http://127.0.0.1:${basePort}/graphql`, servers: [], children: [] };
  for (const name of subgraphs) {
    const child = launch(root, `subgraphs/${name}/src/main.js`, env, profile);
    stack.servers.push({ name, child });
    stack.children.push(child);
    if (existsSync(join(root, 'dist', 'subgraphs', name, 'src', 'worker.js'))) stack.children.push(launch(root, `subgraphs/${name}/src/worker.js`, env));
  }
  for (const name of subgraphs) await waitFor(`${label} ${name} to be ready`, ready(Number(env[`${name.toUpperCase()}_PORT`])), 120_000, 250);
  if (seed) {
    // one seed script for every subgraph where the checkout has it, else each subgraph's own
    if (existsSync(join(root, 'dist', 'scripts', 'seed.js'))) await runToEnd(root, 'scripts/seed.js', env);
    else {
      for (const name of subgraphs) {
        if (existsSync(join(root, 'dist', 'subgraphs', name, 'src', 'seed.js'))) await runToEnd(root, `subgraphs/${name}/src/seed.js`, env);
      }
    }
  }
  const gateway = launch(root, 'gateway/src/main.js', env, profile);
  stack.servers.unshift({ name: 'gateway', child: gateway });
  stack.children.push(gateway);
  await waitFor(`${label} gateway to be ready`, ready(basePort), 60_000, 250);
  return stack;
}

async function stopStack(stack: Stack) {
  await Promise.all(
    stack.children.map(
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

async function graphql(url: string, query: string, variables: object, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors?.length || !response.ok) throw new Error(`${url}: ${response.status} ${JSON.stringify(body.errors ?? body)}`);
  return { body, headers: response.headers };
}

/** utime + stime of a process, in milliseconds. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

interface Load {
  url: string;
  body: string;
  token?: string;
}

interface Result {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  failed: number;
  cpu: Record<string, number>;
}

/** autocannon in its own process, so the load generator's CPU is not the servers'. */
/** `length`: seconds, or a number of requests; `rate`: requests per second (autocannon -R), unset: as many as the stack answers. */
function autocannon(load: Load, length: { seconds: number } | { requests: number }, rate?: string): Promise<any> {
  const bin = join(ROOT, 'node_modules', 'autocannon', 'autocannon.js');
  const args = [bin, '-j', '-c', String(CONNECTIONS), ...('seconds' in length ? ['-d', String(length.seconds)] : ['-a', String(length.requests)]), '-m', 'POST', '-H', 'content-type=application/json', '-b', load.body];
  if (load.token) args.push('-H', `authorization=Bearer ${load.token}`);
  if (rate) args.push('-R', rate);
  args.push(load.url);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk));
    child.on('exit', (code) => (code === 0 ? resolvePromise(JSON.parse(out)) : reject(new Error(`autocannon exited ${code}`))));
  });
}

/** A recent catalog write, as the gateway sees it: its position key holds the primary's WAL position. */
async function setCatalogPosition(cluster: PostgresCluster, redis: LocalRedis): Promise<void> {
  const client = new Client({ connectionString: cluster.primaryUrl('catalog') });
  await client.connect();
  const lsn = (await client.query('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0].lsn as string;
  await client.end();
  const connection = new Redis(redis.url);
  await rememberPosition(connection, globalPositionKey('catalog'), lsn, 3600);
  connection.disconnect();
}

async function measure(stack: Stack, load: Load): Promise<Result> {
  // the warm-up runs flat out for a number of requests, so the hot path is compiled (V8 optimises by
  // calls, not by time) before a slow measured rate, as in a server that has been up for a while
  await autocannon(load, { requests: WARMUP });
  const before = stack.servers.map((s) => cpuMs(s.child.pid!));
  const result = await autocannon(load, { seconds: DURATION }, RATE);
  const after = stack.servers.map((s) => cpuMs(s.child.pid!));
  const requests = Number(result['2xx'] ?? 0) + Number(result.non2xx ?? 0);
  const cpu: Record<string, number> = {};
  stack.servers.forEach((s, i) => (cpu[s.name] = (after[i] - before[i]) / Math.max(1, requests)));
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, requests, failed: Number(result.non2xx ?? 0) + Number(result.errors ?? 0) + Number(result.timeouts ?? 0), cpu };
}

/** CPU milliseconds per second of each server with no requests at all (timers, pools, metrics). */
async function idle(stack: Stack, seconds: number): Promise<Record<string, number>> {
  const before = stack.servers.map((s) => cpuMs(s.child.pid!));
  await new Promise((resolvePromise) => setTimeout(resolvePromise, seconds * 1000));
  const after = stack.servers.map((s) => cpuMs(s.child.pid!));
  return Object.fromEntries(stack.servers.map((s, i) => [s.name, (after[i] - before[i]) / seconds]));
}

interface Scenario {
  name: string;
  query: string;
  variables: object;
  signedIn: boolean;
}

async function main() {
  const stackRoots: [string, string][] = [['new', ROOT]];
  if (BASELINE) stackRoots.push(['old', resolve(BASELINE)]);
  mkdirSync(DATA_DIR, { recursive: true });
  let cluster: PostgresCluster | undefined;
  let redis: LocalRedis | undefined;
  const stacks: Stack[] = [];
  const stopAll = async () => {
    await Promise.all(stacks.map(stopStack));
    await redis?.stop(true);
    await cluster?.stop();
  };
  process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));
  try {
    cluster = await startPostgresCluster({ dataDir: DATA_DIR, primaryPort: PORTS.primary, replicaPort: PORTS.replica, unsafeFast: true, say });
    const subgraphs = builtSubgraphs(ROOT);
    await cluster.createDatabases(subgraphs);
    redis = await startRedis(DATA_DIR, PORTS.redis, say);
    const keys = ensureProductionSecrets(join(DATA_DIR, 'production.env'), join(DATA_DIR, 'keys'));
    const shared: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      REDIS_URL: redis.url,
      // a checkout from before ES256 access tokens signs with JWT_SECRET; a newer one with the key pair
      JWT_SECRET: randomBytes(32).toString('hex'),
      JWT_PRIVATE_KEY_FILE: keys.privateKeyFile,
      JWT_JWKS_FILE: keys.jwksFile,
      INTERNAL_SECRET: randomBytes(32).toString('hex'),
      JWT_ACCESS_TTL_SECONDS: '3600',
      MAIL_DIR: join(DATA_DIR, 'mail'),
      SMS_LOG_FILE: join(DATA_DIR, 'sms.log'),
      RESPONSE_CACHE_ENABLED: 'false',
      RATE_LIMIT_ENABLED: 'false',
      TRUSTED_DOCUMENTS: 'allow',
    };
    for (const name of subgraphs) {
      shared[`${name.toUpperCase()}_DATABASE_URL`] = cluster.primaryUrl(name);
      shared[`${name.toUpperCase()}_DATABASE_REPLICA_URLS`] = cluster.replicaUrls(name).join(',');
    }
    for (const [i, [label, root]] of stackRoots.entries()) {
      say(`starting the ${label} stack (${root})`);
      stacks.push(await startStack(label, root, PORTS.stacks[i], shared, i === 0));
    }

    const doc = (name: string) => clientDocument(ROOT, name);
    const list = await graphql(stacks[0].gatewayUrl, doc('ProductList'), { first: 20 });
    const nodes = (list.body.data.products.edges as { node: { slug: string; reviewCount: number } }[]).map((e) => e.node);
    const slug = nodes.reduce((a, b) => (b.reviewCount > a.reviewCount ? b : a)).slug;
    const tokens = new Map<Stack, string>();
    for (const stack of stacks) {
      const login = await graphql(stack.gatewayUrl, doc('Login'), { input: { email: 'customer1@example.com', password: 'demo-customer-password' } });
      tokens.set(stack, login.body.data.login.accessToken);
    }
    const scenarios: Scenario[] = [false, true].flatMap((signedIn) => [
      { name: `ProductList first:20 ${signedIn ? 'signed in' : 'anonymous'}`, query: doc('ProductList'), variables: { first: 20 }, signedIn },
      { name: `ProductDetail ${signedIn ? 'signed in' : 'anonymous'}`, query: doc('ProductDetail'), variables: { slug, reviewsFirst: 5 }, signedIn },
    ]).filter((s) => !ONLY || s.name.includes(ONLY));

    const idleCpu = new Map<string, Record<string, number>>();
    if (IDLE) {
      for (const stack of stacks) {
        say(`${stack.label} stack idle: ${IDLE} s without requests`);
        idleCpu.set(stack.label, await idle(stack, IDLE));
      }
    }
    // each round runs every scenario on every stack, back to back, alternating which stack goes first
    const rounds = new Map<string, Map<string, Result>[]>(scenarios.map((s) => [s.name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, scenario] of scenarios.entries()) {
        const order = (i + round) % 2 === 0 ? stacks : [...stacks].reverse();
        const row = new Map<string, Result>();
        for (const stack of order) {
          const token = scenario.signedIn ? tokens.get(stack) : undefined;
          await graphql(stack.gatewayUrl, scenario.query, scenario.variables, token); // answers without errors
          if (CATALOG_POSITION) await setCatalogPosition(cluster, redis!);
          say(`${ROUNDS > 1 ? `round ${round + 1}/${ROUNDS}: ` : ''}${scenario.name} on ${stack.label}: warm-up of ${WARMUP} requests, ${DURATION} s measured, ${CONNECTIONS} connections`);
          row.set(stack.label, await measure(stack, { url: stack.gatewayUrl, body: JSON.stringify({ query: scenario.query, variables: scenario.variables }), token }));
        }
        rounds.get(scenario.name)!.push(row);
      }
    }

    const servers = stacks[0].servers.map((s) => s.name);
    const header = `${'scenario'.padEnd(32)}${'stack'.padEnd(6)}${'rps'.padStart(8)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'failed'.padStart(8)}${servers.map((s) => `${s} cpu ms`.padStart(16)).join('')}`;
    console.log(`\nCPU milliseconds per request (utime+stime), ${DURATION} s per run, ${CONNECTIONS} connections${RATE ? `, ${RATE} requests/s` : ''}, response cache off${ROUNDS > 1 ? `; medians of ${ROUNDS} rounds` : ''}\n`);
    console.log(header);
    for (const [label, cpu] of idleCpu) {
      console.log(`${'idle: CPU ms per second'.padEnd(32)}${label.padEnd(6)}${''.padStart(32)}${servers.map((s) => (cpu[s]?.toFixed(2) ?? '-').padStart(16)).join('')}`);
    }
    const median = (values: number[]) => {
      const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
      if (!sorted.length) return NaN;
      const mid = Math.floor(sorted.length / 2);
      return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    };
    const figure = (value: number, digits: number, width: number) => (Number.isFinite(value) ? value.toFixed(digits) : '-').padStart(width);
    for (const [name, rows] of rounds) {
      for (const stack of stacks) {
        const runs = rows.map((row) => row.get(stack.label)!);
        const of = (pick: (r: Result) => number) => median(runs.map(pick));
        console.log(`${name.padEnd(32)}${stack.label.padEnd(6)}${figure(of((r) => r.rps), 0, 8)}${figure(of((r) => r.p50), 1, 8)}${figure(of((r) => r.p99), 1, 8)}${String(runs.reduce((n, r) => n + r.failed, 0)).padStart(8)}${servers.map((s) => figure(of((r) => r.cpu[s] ?? NaN), 2, 16)).join('')}`);
      }
      if (stacks.length === 2) {
        // the median of each round's ratio: the two stacks of a round ran minutes apart at most
        const ratio = (pick: (r: Result) => number | undefined) => median(rows.map((row) => (pick(row.get('new')!) ?? NaN) / (pick(row.get('old')!) ?? NaN)));
        console.log(`${''.padEnd(32)}${'ratio'.padEnd(6)}${figure(ratio((r) => r.rps), 2, 8)}${figure(ratio((r) => r.p50), 2, 8)}${figure(ratio((r) => r.p99), 2, 8)}${''.padStart(8)}${servers.map((s) => figure(ratio((r) => r.cpu[s]), 2, 16)).join('')}`);
        if (ROUNDS > 1) {
          const range = (s: string) => {
            const each = rows.map((row) => row.get('new')!.cpu[s] / row.get('old')!.cpu[s]).filter(Number.isFinite);
            return each.length ? `${Math.min(...each).toFixed(2)}–${Math.max(...each).toFixed(2)}` : '-';
          };
          console.log(`${''.padEnd(32)}${'range'.padEnd(6)}${''.padStart(32)}${servers.map((s) => range(s).padStart(16)).join('')}`);
        }
      }
    }
  } finally {
    say('stopping');
    await stopAll();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
