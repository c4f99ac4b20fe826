import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, rmSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { startPostgresCluster, type PostgresCluster } from '../../platform/infra/postgres-cluster';
import { waitFor } from '../../platform/infra/processes';
import { startRedis, type LocalRedis } from '../../platform/infra/redis-server';
import { ensureProductionSecrets } from '../../scripts/secrets';
import { envPrefix, SUBGRAPHS } from '../../subgraphs/registry';
import type { ChaosOptions } from './options';
import { PostgresControl } from './postgres-control';

export const say = (message: string) => console.log(`\x1b[36m▸\x1b[0m ${message}`);

/** A process that exited without being told to. */
export interface Crash {
  name: string;
  at: number;
  exit: string;
}

/**
 * One node process of the stack (a subgraph, its worker or the gateway), which can be killed and
 * started again. Like a supervisor (systemd, Kubernetes), it starts a process that exits on its own
 * again after a second, and records the crash.
 */
export class NodeProcess {
  child: ChildProcess | undefined;
  private log: WriteStream;
  private told = false;

  constructor(
    readonly name: string,
    private readonly root: string,
    private readonly script: string,
    private readonly env: NodeJS.ProcessEnv,
    /** Its /healthz and /readyz port. */
    readonly port: number,
    logDir: string,
    private readonly crashes: Crash[],
  ) {
    this.log = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  }

  start(): void {
    const child = spawn(process.execPath, ['--enable-source-maps', join(this.root, 'dist', this.script)], { env: this.env, cwd: this.root, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.pipe(this.log, { end: false });
    child.stderr!.pipe(this.log, { end: false });
    this.told = false;
    this.child = child;
    child.once('exit', (code, signal) => {
      if (this.told || this.child !== child) return;
      this.crashes.push({ name: this.name, at: Date.now(), exit: signal ?? `exit ${code}` });
      setTimeout(() => {
        if (!this.told && this.child === child) this.start();
      }, 1000).unref();
    });
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** kill -9, and waits for the exit. */
  async kill9(): Promise<void> {
    await this.stop('SIGKILL');
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    this.told = true;
    if (!child || !this.running) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
      if (signal !== 'SIGKILL') setTimeout(() => child.kill('SIGKILL'), 12_000).unref();
    });
  }

  /** Answers /readyz (its database and Redis answer). */
  async ready(): Promise<boolean> {
    const response = await fetch(`http://127.0.0.1:${this.port}/readyz`, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
    return response?.ok ?? false;
  }

  close(): void {
    this.log.end();
  }
}

export interface Stack {
  options: ChaosOptions;
  gatewayUrl: string;
  ports: { primary: number; replica: number; redis: number };
  cluster: PostgresCluster;
  postgres: PostgresControl;
  redis: LocalRedis;
  /** The connection used by the run itself (queue depths, the worker's active jobs); reconnects after a Redis restart. */
  redisClient: Redis;
  /** By name: `gateway`, `<subgraph>`, `<subgraph>-worker`. */
  processes: Map<string, NodeProcess>;
  /** Processes that exited on their own (each was started again). */
  crashes: Crash[];
  mailDir: string;
  /** primary URL of a subgraph's database. */
  databaseUrl(subgraph: string): string;
  /** Starts Redis again (after it was killed) on its data folder. */
  restartRedis(): Promise<void>;
  stop(): Promise<void>;
}

function runToEnd(root: string, script: string, env: NodeJS.ProcessEnv, logDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'dist', script)], { env, cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const log = createWriteStream(join(logDir, 'seed.log'), { flags: 'a' });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${script} failed (exit ${code}); see ${logDir}/seed.log`))));
  });
}

/**
 * A fresh stack of real processes on its own data folder and ports, configured as production
 * (NODE_ENV=production, generated secrets), seeded with the demo shop: PostgreSQL primary +
 * replica, Redis, every subgraph and its worker, the gateway. The orders worker looks for stuck
 * checkouts every 2 s (10 s after their last step), so a checkout interrupted by a fault is settled
 * within the run.
 *
 * Ports from `basePort`: +0 primary, +1 replica, +2 Redis, +10 gateway, +11 its operations port,
 * +12.. each subgraph and its worker.
 */
export async function startStack(options: ChaosOptions): Promise<Stack> {
  const { dataDir, basePort, root } = options;
  const ports = { primary: basePort, replica: basePort + 1, redis: basePort + 2, gateway: basePort + 10, ops: basePort + 11 };
  if (existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true });
  const logDir = join(dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  say(`data, logs and the report in ${dataDir}`);

  const cluster = await startPostgresCluster({ dataDir, primaryPort: ports.primary, replicaPort: ports.replica, unsafeFast: true, say });
  await cluster.createDatabases(SUBGRAPHS.map((s) => s.database));
  let redis = await startRedis(dataDir, ports.redis, say);
  const keys = ensureProductionSecrets(join(dataDir, 'production.env'), join(dataDir, 'keys'));
  const mailDir = join(dataDir, 'mail');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    REDIS_URL: redis.url,
    INTERNAL_SECRET: keys.values.INTERNAL_SECRET ?? randomBytes(32).toString('base64url'),
    JWT_JWKS_FILE: keys.jwksFile,
    JWT_ACCESS_TTL_SECONDS: '3600',
    MAIL_DIR: mailDir,
    SMS_LOG_FILE: join(dataDir, 'sms.log'),
    RATE_LIMIT_ENABLED: 'false', // every virtual user comes from one address
    GATEWAY_PORT: String(ports.gateway),
    GATEWAY_OPS_PORT: String(ports.ops),
    ORDERS_SAGA_DEADLINE_SECONDS: '10',
    ORDERS_RECONCILE_EVERY_MS: '2000',
    ORDERS_IDEMPOTENCY_WAIT_MS: '5000',
    STOCK_RESERVATION_SWEEP_MS: '5000',
    // a notification claimed by the killed users worker is sent again within seconds, not minutes
    NOTIFICATION_CLAIM_TIMEOUT_SECONDS: '10',
    NOTIFICATION_SWEEP_MS: '2000',
    QUEUE_LOCK_MS: '5000', // a killed worker's jobs are redelivered within ~10 s, not a minute
  };
  SUBGRAPHS.forEach((s, i) => {
    const prefix = envPrefix(s.name);
    env[`${prefix}_PORT`] = String(basePort + 12 + 2 * i);
    env[`${prefix}_WORKER_PORT`] = String(basePort + 13 + 2 * i);
    env[`${prefix}_URL`] = `http://127.0.0.1:${basePort + 12 + 2 * i}/graphql`;
    env[`${prefix}_DATABASE_URL`] = cluster.primaryUrl(s.database);
    env[`${prefix}_DATABASE_REPLICA_URLS`] = cluster.replicaUrl(s.database);
  });
  const issuerEnv = { ...env, JWT_PRIVATE_KEY_FILE: keys.privateKeyFile };

  const processes = new Map<string, NodeProcess>();
  const crashes: Crash[] = [];
  SUBGRAPHS.forEach((s) => {
    const own = s.name === 'users' ? issuerEnv : env;
    const prefix = envPrefix(s.name);
    processes.set(s.name, new NodeProcess(s.name, root, `subgraphs/${s.name}/src/main.js`, own, Number(env[`${prefix}_PORT`]), logDir, crashes));
    processes.set(`${s.name}-worker`, new NodeProcess(`${s.name}-worker`, root, `subgraphs/${s.name}/src/worker.js`, own, Number(env[`${prefix}_WORKER_PORT`]), logDir, crashes));
  });
  const gateway = new NodeProcess('gateway', root, 'gateway/src/main.js', env, ports.ops, logDir, crashes);
  processes.set('gateway', gateway);

  const redisClient = new Redis(redis.url, { maxRetriesPerRequest: 1, retryStrategy: () => 200, enableOfflineQueue: false });
  redisClient.on('error', () => undefined);
  const stack: Stack = {
    options,
    gatewayUrl: `http://127.0.0.1:${ports.gateway}/graphql`,
    ports,
    cluster,
    postgres: new PostgresControl(dataDir),
    redis,
    redisClient,
    processes,
    crashes,
    mailDir,
    databaseUrl: (subgraph) => cluster.primaryUrl(subgraph),
    async restartRedis() {
      redis = await startRedis(dataDir, ports.redis, say);
      stack.redis = redis;
    },
    async stop() {
      await Promise.all([...processes.values()].map((p) => p.stop()));
      processes.forEach((p) => p.close());
      redisClient.disconnect();
      await stack.redis.stop(true);
      await cluster.stop(true);
    },
  };
  try {
    say(`starting ${SUBGRAPHS.length} subgraphs and their workers`);
    for (const [name, p] of processes) if (name !== 'gateway') p.start();
    for (const [name, p] of processes) if (name !== 'gateway') await waitFor(`${name} to be ready`, () => p.ready(), 180_000, 250);
    say('seeding the demo shop');
    await runToEnd(root, 'scripts/seed.js', issuerEnv, logDir);
    gateway.start();
    await waitFor('the gateway to be ready', () => gateway.ready(), 120_000, 250);
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}
