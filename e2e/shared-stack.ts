import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { waitFor } from '../platform/infra/processes';
import { recordRunProcess, runFolder } from '../platform/testing/run-processes';
import { testInternalSecret } from '../platform/testing/test-secrets';
import { gatewayClient, type StackClient } from './stack-client';

/** What the shared stack's process publishes (e2e/stack-host.ts). */
export interface SharedStackFacts {
  pid: number;
  gatewayUrl: string;
  /** Loopback endpoint of the stack's process: POST /drain-outboxes. */
  controlUrl: string;
  subgraphs: Record<string, { url: string; databaseUrl: string }>;
  mailDir: string;
  staff: { email: string; password: string };
}

const ROOT = join(__dirname, '..');

/** Starts the run's stack process unless another file (in any jest worker) already did. */
function startHostOnce(folder: string): void {
  let lock: number;
  try {
    lock = openSync(join(folder, 'shared-stack.lock'), 'wx');
  } catch {
    return; // started by another file
  }
  const log = openSync(join(folder, 'shared-stack.log'), 'a');
  const child = spawn(process.execPath, ['--enable-source-maps', '-r', join(ROOT, 'platform', 'testing', 'register-ts.js'), join(__dirname, 'stack-host.ts'), join(folder, 'shared-stack.json')], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', log, log],
  });
  recordRunProcess(child.pid!);
  writeFileSync(join(folder, 'shared-stack.pid'), String(child.pid));
  child.unref();
  closeSync(log);
  closeSync(lock);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function readFacts(): Promise<SharedStackFacts> {
  const folder = runFolder();
  mkdirSync(folder, { recursive: true });
  startHostOnce(folder);
  const file = join(folder, 'shared-stack.json');
  const pidFile = join(folder, 'shared-stack.pid');
  const facts = await waitFor(
    'the shared e2e stack to start',
    async (): Promise<SharedStackFacts | { error: string } | false> => {
      if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
      const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : 0;
      // gone without a word (it could not even load): stop waiting
      return Boolean(pid) && !alive(pid) && !existsSync(file) && { error: `process ${pid} exited` };
    },
    180_000,
    100,
  );
  if ('error' in facts) throw new Error(`the shared e2e stack did not start (log: ${join(folder, 'shared-stack.log')}):\n${facts.error}`);
  return facts;
}

let facts: Promise<SharedStackFacts> | undefined;

/**
 * The standard system, one per e2e run, shared by every file that needs nothing else (no
 * settings, subgraphs or faults of its own: those use `startStack` of e2e/harness.ts). It runs
 * in a process of its own, started by the first file that asks and stopped by global teardown;
 * files share it in any order and in parallel, so each owns its data (unique names, its own
 * customers) and never counts rows it did not make. `stop()` releases only this file's connections.
 */
export async function sharedStack(): Promise<StackClient> {
  facts ??= readFacts();
  const shared = await facts;
  const client = gatewayClient(shared.gatewayUrl);
  const pools = new Map<string, Pool>();
  const pool = (name: string) => {
    const url = shared.subgraphs[name]?.databaseUrl;
    if (!url) throw new Error(`the shared stack has no subgraph ${name}`);
    if (!pools.has(name)) pools.set(name, new Pool({ connectionString: url, max: 2 }));
    return pools.get(name)!;
  };
  let admin: Promise<string> | undefined;
  return {
    gatewayUrl: shared.gatewayUrl,
    subgraphs: Object.fromEntries(Object.entries(shared.subgraphs).map(([name, s]) => [name, { url: s.url }])),
    internalSecret: testInternalSecret(),
    mailDir: shared.mailDir,
    call: client.call,
    registerCustomer: client.registerCustomer,
    adminToken() {
      admin ??= client.login(shared.staff.email, shared.staff.password);
      return admin;
    },
    sql: async (name, query, params = []) => (await pool(name).query(query, params)).rows,
    async drainOutboxes() {
      const res = await fetch(`${shared.controlUrl}/drain-outboxes`, { method: 'POST' });
      if (!res.ok) throw new Error(`drain-outboxes: ${res.status} ${await res.text()}`);
    },
    async stop() {
      await Promise.all([...pools.values()].map((p) => p.end()));
      pools.clear();
    },
  };
}
