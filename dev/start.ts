import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startPostgresCluster, type PostgresCluster } from '../platform/infra/postgres-cluster';
import { waitFor } from '../platform/infra/processes';
import { startRedis, type LocalRedis } from '../platform/infra/redis-server';
import { formatLine } from './log-format';
import { envPrefix, SUBGRAPHS } from '../subgraphs/registry';
import { ensureProductionSecrets } from '../scripts/secrets';
import { TOKEN_ISSUER } from '../scripts/docker-compose';

/**
 * `npm start`: PostgreSQL primary + streaming replicas (PG_REPLICAS, default 1), Redis, every subgraph and its worker, the
 * seeded demo shop, and the gateway. Addresses already given in the environment are used instead
 * of starting a server. Ctrl-C stops everything that was started.
 *
 * `npm run start:prod` (`--production`): the same processes in the production profile, on this
 * machine: NODE_ENV=production (trusted documents enforced, production limits and budgets),
 * secrets and the access-token key pair generated once under .data/production/ (the private key
 * for the users subgraph only), mail written to .data/production/mail/, and no demo data.
 */
const ROOT = join(__dirname, '..', '..');
const PRODUCTION = process.argv.includes('--production');
const DATA_DIR = process.env.DATA_DIR ?? join(ROOT, '.data', PRODUCTION ? 'production' : 'dev');
const started = Date.now();
const say = (message: string) => console.log(`\x1b[36m▸\x1b[0m ${message}`);
const GATEWAY_PORT = 4000;

const children: ChildProcess[] = [];
let cluster: PostgresCluster | undefined;
let redis: LocalRedis | undefined;
let stopping = false;

/** The production profile's settings: generated secrets and keys (kept across starts), files for mail. */
function productionEnv(env: NodeJS.ProcessEnv): { shared: NodeJS.ProcessEnv; issuer: NodeJS.ProcessEnv } {
  const secrets = ensureProductionSecrets(join(DATA_DIR, 'production.env'), join(DATA_DIR, 'keys'));
  say(`production profile: secrets in ${secrets.envFile}, keys in ${secrets.keyDir}`);
  return {
    shared: {
      NODE_ENV: 'production',
      INTERNAL_SECRET: env.INTERNAL_SECRET ?? secrets.values.INTERNAL_SECRET,
      JWT_JWKS_FILE: env.JWT_JWKS_FILE ?? secrets.jwksFile,
      MAIL_DIR: env.MAIL_DIR ?? join(DATA_DIR, 'mail'),
    },
    issuer: { JWT_PRIVATE_KEY_FILE: env.JWT_PRIVATE_KEY_FILE ?? secrets.privateKeyFile },
  };
}

function launch(name: string, script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', join(ROOT, 'dist', script)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => console.log(formatLine(name, line)));
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} exited (${signal ?? code}); stopping everything`);
      void shutdown(1);
    }
  });
  children.push(child);
  return child;
}

function runToEnd(name: string, script: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', script)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => console.log(formatLine(name, line)));
    }
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${name} failed (exit ${code})`))));
  });
}

/** PG_REPLICAS: how many streaming replicas `npm start` runs (1 to 8; default 1). */
function replicaCount(value: string | undefined): number {
  const n = Number(value ?? 1);
  if (!Number.isInteger(n) || n < 1 || n > 8) throw new Error(`PG_REPLICAS must be a whole number from 1 to 8, not ${value}`);
  return n;
}

async function ready(port: number) {
  const response = await fetch(`http://127.0.0.1:${port}/readyz`);
  return response.ok;
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 12_000).unref();
        }),
    ),
  );
  await redis?.stop();
  await cluster?.stop();
  say('stopped');
  process.exit(code);
}

async function main() {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  const env: NodeJS.ProcessEnv = { NODE_ENV: 'development', ...process.env };
  const production = PRODUCTION ? productionEnv(env) : undefined;
  if (production) Object.assign(env, production.shared);
  else env.JWT_KEY_DIR ??= join(DATA_DIR, 'keys');

  const needsPostgres = SUBGRAPHS.some((s) => !env[`${envPrefix(s.name)}_DATABASE_URL`]);
  if (needsPostgres) {
    cluster = await startPostgresCluster({
      dataDir: DATA_DIR,
      primaryPort: Number(env.PG_PRIMARY_PORT ?? 5433),
      // replica i listens on PG_REPLICA_PORT + i - 1
      replicaPort: Number(env.PG_REPLICA_PORT ?? 5434),
      replicas: replicaCount(env.PG_REPLICAS),
      say,
    });
    say(`PostgreSQL: ${cluster.replicas} replica(s), synchronous_standby_names '${cluster.synchronousStandbyNames}'`);
    await cluster.createDatabases(SUBGRAPHS.map((s) => s.database));
    for (const s of SUBGRAPHS) {
      const prefix = envPrefix(s.name);
      env[`${prefix}_DATABASE_URL`] ??= cluster.primaryUrl(s.database);
      env[`${prefix}_DATABASE_REPLICA_URLS`] ??= cluster.replicaUrls(s.database).join(',');
    }
  }
  if (!env.REDIS_URL) {
    redis = await startRedis(DATA_DIR, Number(env.REDIS_PORT ?? 6380), say);
    env.REDIS_URL = redis.url;
  }

  // the ports the processes listen on (registry defaults unless the environment says otherwise)
  const ports = SUBGRAPHS.map((s) => {
    const prefix = envPrefix(s.name);
    env[`${prefix}_PORT`] ??= String(s.port);
    env[`${prefix}_WORKER_PORT`] ??= String(s.workerPort);
    env[`${prefix}_URL`] ??= `http://127.0.0.1:${env[`${prefix}_PORT`]}/graphql`;
    return { name: s.name, port: Number(env[`${prefix}_PORT`]), workerPort: Number(env[`${prefix}_WORKER_PORT`]) };
  });
  env.GATEWAY_PORT ??= String(GATEWAY_PORT);

  say(`starting ${SUBGRAPHS.length} subgraphs and their workers`);
  for (const s of SUBGRAPHS) {
    const own = s.name === TOKEN_ISSUER && production ? { ...env, ...production.issuer } : env;
    launch(s.name, `subgraphs/${s.name}/src/main.js`, own);
    launch(`${s.name}-worker`, `subgraphs/${s.name}/src/worker.js`, own);
  }
  for (const s of ports) {
    await waitFor(`${s.name} to be ready`, () => ready(s.port), 120_000, 250);
    await waitFor(`${s.name}-worker to be ready`, () => ready(s.workerPort), 120_000, 250);
  }

  if (!production) {
    say('seeding the demo shop');
    await runToEnd('seed', 'scripts/seed.js', env);
  }

  launch('gateway', 'gateway/src/main.js', env);
  await waitFor('the gateway to be ready', () => ready(Number(env.GATEWAY_PORT)), 60_000, 250);

  const url = `http://127.0.0.1:${env.GATEWAY_PORT}/graphql`;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (production) {
    console.log(`
\x1b[32m✔ production profile ready in ${seconds} s\x1b[0m
  GraphQL API:  ${url} (trusted documents only: send a documentId from schema/operations)
  Health:       http://127.0.0.1:${env.GATEWAY_OPS_PORT ?? 4090}/healthz, /readyz, /metrics
  Mail:         ${env.MAIL_DIR}
  Data:         ${DATA_DIR} (no demo data; secrets in production.env, keys in keys/)
Press Ctrl-C to stop.
`);
    return;
  }
  console.log(`
\x1b[32m✔ ready in ${seconds} s\x1b[0m
  GraphQL API:  ${url}
  Admin:        ${env.ADMIN_EMAIL ?? 'admin@example.com'} / ${env.ADMIN_PASSWORD ?? 'admin-password-123'}
  Customers:    customer1@example.com … customer50@example.com / demo-customer-password
  Data:         ${DATA_DIR}
Press Ctrl-C to stop.
`);
}

main().catch((error) => {
  console.error(`\x1b[31m✖ ${error instanceof Error ? error.message : error}\x1b[0m`);
  void shutdown(1);
});
