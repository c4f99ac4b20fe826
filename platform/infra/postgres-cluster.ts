import { appendFileSync, chownSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { run, serviceAccount, waitFor, which } from './processes';

export interface PostgresClusterOptions {
  dataDir: string;
  primaryPort: number;
  /** Replica 1's port; replica i listens on `replicaPort + i - 1`. */
  replicaPort: number;
  /** How many streaming replicas (replica1 … replicaN); default 1; 0 for a primary alone. */
  replicas?: number;
  /**
   * The primary's `synchronous_standby_names`; default: `ANY 1 (replica1, …)` with two or more
   * replicas, none with one (a commit asking for `remote_apply` then waits for no replica).
   */
  synchronousStandbyNames?: string;
  /** Faster, not crash-safe: for test clusters only. */
  unsafeFast?: boolean;
  say?: (message: string) => void;
}

export interface PostgresCluster {
  primaryUrl(database: string): string;
  /** Replica 1's address. */
  replicaUrl(database: string): string;
  /** Every replica's address, replica 1 first. */
  replicaUrls(database: string): string[];
  /** How many replicas the cluster has. */
  replicas: number;
  /** The port replica `i` (1-based) listens on. */
  replicaPort(i: number): number;
  /** The primary's `synchronous_standby_names` as started. */
  synchronousStandbyNames: string;
  createDatabases(names: string[]): Promise<void>;
  /** Replica `i` stops applying WAL (`pg_wal_replay_pause()`): it answers, and falls behind. */
  pauseReplica(i: number): Promise<void>;
  resumeReplica(i: number): Promise<void>;
  /** Stops replica `i` (fast shutdown); `startReplica(i)` brings it back and it catches up. */
  stopReplica(i: number): Promise<void>;
  startReplica(i: number): Promise<void>;
  /** `pg_ctl restart -m fast` of the primary: every connection to it ends (57P01), then it answers again. */
  restartPrimary(): Promise<void>;
  /** Stops the primary (fast shutdown); `startPrimary()` brings it back. */
  stopPrimary(): Promise<void>;
  startPrimary(): Promise<void>;
  /** Waits until every running replica has replayed the primary's current WAL position. */
  waitForReplicas(timeoutMs?: number): Promise<void>;
  /** Stops the servers this call started; with `evenIfReused`, also servers it found running. */
  stop(evenIfReused?: boolean): Promise<void>;
}

/** A replica's `application_name` (what `synchronous_standby_names` and pg_stat_replication name). */
export const replicaName = (i: number) => `replica${i}`;

/** `ANY 1 (replica1, replica2, …)` for two or more replicas, '' (no synchronous standby) for one. */
export function defaultSynchronousStandbyNames(replicas: number): string {
  if (replicas < 2) return '';
  return `ANY 1 (${Array.from({ length: replicas }, (_, k) => replicaName(k + 1)).join(', ')})`;
}

function postgresBinDir(): string {
  const onPath = which('initdb');
  if (onPath) return onPath.replace(/\/initdb$/, '');
  const debian = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)).map((v) => `/usr/lib/postgresql/${v}/bin`)
    : [];
  const found = debian.find((d) => existsSync(`${d}/initdb`));
  if (found) return found;
  throw new Error(
    'PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found.\n' +
      '  Debian/Ubuntu: sudo apt-get install postgresql\n' +
      '  macOS:         brew install postgresql@15\n' +
      '  Or point <SUBGRAPH>_DATABASE_URL / <SUBGRAPH>_DATABASE_REPLICA_URLS at existing servers.',
  );
}

const url = (port: number, database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;

async function canConnect(port: number): Promise<boolean> {
  const client = new Client({ connectionString: url(port, 'postgres') });
  try {
    await client.connect();
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function query<T>(port: number, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url(port, 'postgres') });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * A PostgreSQL primary and `replicas` streaming replicas (default 1) on loopback, data under
 * `dataDir` (reused by later starts): `postgres/primary`, `postgres/replica` (replica 1),
 * `postgres/replica2` … Replica i listens on `replicaPort + i - 1` and connects with
 * `application_name = replica<i>`. A new cluster's replicas begin as cold copies of the freshly
 * initialised primary; a replica added to an existing cluster is a `pg_basebackup` of the running
 * primary. Servers found running on their ports are reused as they are: another process (a fault
 * drill, a test) gets the controls of a running cluster by calling this with the same `dataDir`,
 * ports and `replicas` (restartPrimary and startPrimary start the primary with this call's
 * `synchronous_standby_names`).
 */
export async function startPostgresCluster(options: PostgresClusterOptions): Promise<PostgresCluster> {
  const say = options.say ?? (() => undefined);
  const bin = postgresBinDir();
  const account = serviceAccount();
  const asService = account ? { uid: account.uid, gid: account.gid } : {};
  const root = join(options.dataDir, 'postgres');
  const primaryDir = join(root, 'primary');
  const count = Math.max(0, options.replicas ?? 1);
  const indexes = Array.from({ length: count }, (_, k) => k + 1);
  const replicaDir = (i: number) => join(root, i === 1 ? 'replica' : `replica${i}`);
  const replicaPort = (i: number) => {
    if (!Number.isInteger(i) || i < 1 || i > count) throw new Error(`No replica ${i}: the cluster has ${count}`);
    return options.replicaPort + i - 1;
  };
  const syncNames = options.synchronousStandbyNames ?? defaultSynchronousStandbyNames(count);
  mkdirSync(root, { recursive: true });
  if (account) chownSync(root, account.uid, account.gid);

  const standby = (i: number) => {
    writeFileSync(join(replicaDir(i), 'standby.signal'), '');
    appendFileSync(
      join(replicaDir(i), 'postgresql.auto.conf'),
      `primary_conninfo = 'host=127.0.0.1 port=${options.primaryPort} user=postgres application_name=${replicaName(i)}'\n`,
    );
  };
  if (!existsSync(join(primaryDir, 'PG_VERSION'))) {
    say('initialising PostgreSQL primary');
    await run(`${bin}/initdb`, ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8'], asService);
    const conf = [
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = ''`,
      'wal_level = replica',
      'max_wal_senders = 20',
      'wal_keep_size = 512MB',
      'hot_standby = on',
      'hot_standby_feedback = on',
      'max_connections = 300',
      'shared_buffers = 128MB',
      options.unsafeFast ? 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off' : '',
    ];
    appendFileSync(join(primaryDir, 'postgresql.conf'), `\n# commerce-supergraph\n${conf.join('\n')}\n`);
    for (const i of indexes) {
      say(`copying the primary into ${replicaName(i)} (cold base backup)`);
      cpSync(primaryDir, replicaDir(i), { recursive: true });
      standby(i);
    }
    if (account) await run('chown', ['-R', `${account.uid}:${account.gid}`, root]);
  }

  const started = new Set<string>();
  // commits wait for no replica unless a transaction asks for remote_apply (see RequestDb.write)
  const primarySettings = `-p ${options.primaryPort} -c "synchronous_standby_names=${syncNames}" -c synchronous_commit=local`;
  // a replica follows the primary's port of this start (a data folder may have been made for other ports)
  const replicaSettings = (i: number) =>
    `-p ${replicaPort(i)} -c "primary_conninfo=host=127.0.0.1 port=${options.primaryPort} user=postgres application_name=${replicaName(i)}"`;
  const pgCtl = (dir: string, name: string, action: string, settings: string) =>
    run(`${bin}/pg_ctl`, ['-D', dir, '-l', join(root, `${name}.log`), '-o', settings, '-m', 'fast', '-w', '-t', '60', action], {
      ...asService,
      detached: true,
    });
  const start = async (dir: string, port: number, name: string, settings: string) => {
    if (await canConnect(port).catch(() => false)) {
      say(`PostgreSQL ${name} already running on port ${port}; reusing it`);
      return;
    }
    say(`starting PostgreSQL ${name} on port ${port}`);
    // a loopback port may be briefly taken as the source port of an outgoing connection: try again
    for (let attempt = 1; ; attempt++) {
      try {
        await pgCtl(dir, name, 'start', settings);
        break;
      } catch (error) {
        const busy = readFileSync(join(root, `${name}.log`), 'utf8').slice(-2000).includes('Address already in use');
        if (!busy || attempt >= 5) throw error;
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
    started.add(dir);
  };
  const stopServer = (dir: string) => run(`${bin}/pg_ctl`, ['-D', dir, '-m', 'fast', '-w', '-t', '60', 'stop'], asService);
  const logName = (i: number) => (i === 1 ? 'replica' : replicaName(i));
  const startReplica = (i: number) => start(replicaDir(i), replicaPort(i), logName(i), replicaSettings(i));

  await start(primaryDir, options.primaryPort, 'primary', primarySettings);
  for (const i of indexes) {
    if (existsSync(join(replicaDir(i), 'PG_VERSION'))) continue;
    // a replica added to an existing cluster: a base backup of the running primary
    say(`making ${replicaName(i)} from a base backup of the primary`);
    await run(`${bin}/pg_basebackup`, ['-h', '127.0.0.1', '-p', String(options.primaryPort), '-U', 'postgres', '-D', replicaDir(i), '-X', 'stream'], asService);
    standby(i);
    if (account) await run('chown', ['-R', `${account.uid}:${account.gid}`, replicaDir(i)]);
  }
  for (const i of indexes) await startReplica(i);
  await waitFor(`${count} replica(s) to stream from the primary`, async () => {
    const rows = await query<{ name: string }>(options.primaryPort, `SELECT application_name AS name FROM pg_stat_replication WHERE state = 'streaming'`);
    return indexes.every((i) => rows.some((r) => r.name === replicaName(i)));
  }, 60_000, 200);

  const running = async () => {
    const up = await Promise.all(indexes.map((i) => canConnect(replicaPort(i)).catch(() => false)));
    return indexes.filter((_, k) => up[k]);
  };
  const waitForReplicas = async (timeoutMs = 30_000) => {
    const [{ lsn }] = await query<{ lsn: string }>(options.primaryPort, 'SELECT pg_current_wal_lsn()::text AS lsn');
    for (const i of await running()) {
      await waitFor(`${replicaName(i)} to replay ${lsn}`, async () => {
        const [row] = await query<{ ok: boolean }>(replicaPort(i), 'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [lsn]);
        return row.ok;
      }, timeoutMs);
    }
  };

  return {
    primaryUrl: (database) => url(options.primaryPort, database),
    replicaUrl: (database) => url(count ? replicaPort(1) : options.primaryPort, database),
    replicaUrls: (database) => indexes.map((i) => url(replicaPort(i), database)),
    replicas: count,
    replicaPort,
    synchronousStandbyNames: syncNames,
    async createDatabases(names) {
      const existing = new Set(
        (await query<{ datname: string }>(options.primaryPort, 'SELECT datname FROM pg_database')).map((r) => r.datname),
      );
      for (const name of names.filter((n) => !existing.has(n))) {
        if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Bad database name ${name}`);
        await query(options.primaryPort, `CREATE DATABASE ${name}`);
      }
      // a replica sees a new database once it has replayed its creation
      await waitForReplicas();
    },
    async pauseReplica(i) {
      await query(replicaPort(i), 'SELECT pg_wal_replay_pause()');
    },
    async resumeReplica(i) {
      await query(replicaPort(i), 'SELECT pg_wal_replay_resume()');
    },
    async stopReplica(i) {
      await stopServer(replicaDir(i));
    },
    startReplica,
    async restartPrimary() {
      await pgCtl(primaryDir, 'primary', 'restart', primarySettings);
      started.add(primaryDir);
    },
    async stopPrimary() {
      await stopServer(primaryDir);
    },
    async startPrimary() {
      await start(primaryDir, options.primaryPort, 'primary', primarySettings);
    },
    waitForReplicas,
    async stop(evenIfReused = false) {
      const replicaDirs = indexes.map(replicaDir).reverse();
      const dirs = evenIfReused ? [...replicaDirs, primaryDir] : [...replicaDirs, primaryDir].filter((d) => started.has(d));
      for (const dir of dirs) await stopServer(dir).catch(() => undefined);
    },
  };
}
