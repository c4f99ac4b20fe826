import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { portListening, waitFor } from '../platform/infra/processes';
import { createTestDatabase } from '../platform/testing/databases';
import { testRedisUrl } from '../platform/testing/test-infra';
import { testInternalSecret } from '../platform/testing/test-secrets';
import type { StartedSubgraph } from '../platform/testing/start-subgraph';
import { loadSubgraphs } from '../subgraphs/definitions';
import { envPrefix, type SubgraphName } from '../subgraphs/registry';

const ROOT = join(__dirname, '..');
const REGISTER = join(ROOT, 'platform', 'testing', 'register-ts.js');

/** A subgraph's server and worker, each a real child process (`src/main.ts`, `src/worker.ts`), on a test database of their own. */
export interface SubgraphProcesses extends StartedSubgraph<{ database: { dataSource: DataSource } }> {
  server: ChildProcess | undefined;
  worker: ChildProcess | undefined;
  /** Starts the server and the worker (again, after a kill), with `env` on top of the settings given at first; waits until both are ready. */
  start(env?: NodeJS.ProcessEnv): Promise<void>;
  /** Resolves with the signal (or exit code) the process ended with. */
  exited(child: ChildProcess | undefined): Promise<string | number | null>;
  /** What both processes wrote to stdout and stderr, for a failing test's message. */
  output(): string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

// connect only once something listens: a connection to a free port of the ephemeral range may connect to itself and hold it
const ready = (port: number) => async () => portListening(port) && ((await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.ok ?? false);

/**
 * For startStack's `external`: runs `name` outside the test process, so a test can SIGKILL it and
 * start it again (e.g. FAULT_INJECT, platform/fault-injection.ts). The ports stay the same across
 * restarts, so the gateway and the other subgraphs keep calling the same URL. `env` adds settings
 * (given to the server and the worker alike).
 */
export function subgraphProcesses(name: SubgraphName, env: NodeJS.ProcessEnv = {}) {
  return async (serviceUrls: Record<string, string>, queuePrefix: string): Promise<SubgraphProcesses> => {
    const definition = loadSubgraphs().find((d) => d.name === name)!;
    const db = await createTestDatabase(name);
    const [port, workerPort] = [await freePort(), await freePort()];
    const prefix = envPrefix(name);
    const base: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      [`${prefix}_DATABASE_URL`]: db.primaryUrl,
      [`${prefix}_DATABASE_REPLICA_URLS`]: db.replicaUrls.join(','),
      [`${prefix}_PORT`]: String(port),
      [`${prefix}_WORKER_PORT`]: String(workerPort),
      REDIS_URL: testRedisUrl(),
      INTERNAL_SECRET: testInternalSecret(),
      QUEUE_PREFIX: queuePrefix,
      ...Object.fromEntries(Object.entries(serviceUrls).map(([other, url]) => [`${envPrefix(other)}_URL`, url])),
      ...definition.testEnv(queuePrefix),
      ...env,
    };
    const dataSource = await new DataSource({ type: 'postgres', url: db.primaryUrl, poolSize: 2 }).initialize();
    let log = '';
    const launch = (script: string, own: NodeJS.ProcessEnv) => {
      const child = spawn(process.execPath, ['--enable-source-maps', '-r', REGISTER, join(ROOT, 'subgraphs', name, 'src', script)], { cwd: ROOT, env: own, stdio: ['ignore', 'pipe', 'pipe'] });
      for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk: Buffer) => (log = `${log}[${name} ${script}] ${chunk}`.slice(-20_000)));
      return child;
    };
    const exited = (child: ChildProcess | undefined) =>
      new Promise<string | number | null>((resolve) => {
        if (!child || child.exitCode !== null || child.signalCode !== null) return resolve(child?.signalCode ?? child?.exitCode ?? null);
        child.once('exit', (code, signal) => resolve(signal ?? code));
      });
    const stopChild = async (child: ChildProcess | undefined) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const done = exited(child);
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 12_000);
      await done;
      clearTimeout(force);
    };

    const handle: SubgraphProcesses = {
      name,
      url: `http://127.0.0.1:${port}/graphql`,
      deps: { database: { dataSource } },
      server: undefined,
      worker: undefined,
      async start(extra = {}) {
        handle.server = launch('main.ts', { ...base, ...extra });
        // the server migrates first; the worker waits for the same advisory lock
        await waitFor(`the ${name} server to be ready`, ready(port), 120_000, 200).catch((error) => {
          throw new Error(`${error.message}\n${log}`);
        });
        handle.worker = launch('worker.ts', { ...base, ...extra });
        await waitFor(`the ${name} worker to be ready`, ready(workerPort), 120_000, 200).catch((error) => {
          throw new Error(`${error.message}\n${log}`);
        });
      },
      exited,
      output: () => log,
      // its worker relays the outbox on its own (NOTIFY at commit, and polling): wait until it did
      async drainOutbox() {
        await waitFor(`the ${name} outbox to be relayed`, async () => (await dataSource.query('SELECT 1 FROM outbox WHERE relayed_at IS NULL LIMIT 1')).length === 0, 20_000, 100);
      },
      // the URLs of the others were given at start
      useServiceUrls() {},
      async stop() {
        await Promise.all([stopChild(handle.server), stopChild(handle.worker)]);
        await dataSource.destroy();
      },
    };
    await handle.start();
    return handle;
  };
}
