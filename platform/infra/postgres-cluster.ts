import { chownSync, cpSync, existsSync, mkdirSync, readdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { run, serviceAccount, waitFor, which } from './processes';

export interface PostgresClusterOptions {
  dataDir: string;
  primaryPort: number;
  replicaPort: number;
  /** Faster, not crash-safe: for test clusters only. */
  unsafeFast?: boolean;
  say?: (message: string) => void;
}

export interface PostgresCluster {
  primaryUrl(database: string): string;
  replicaUrl(database: string): string;
  createDatabases(names: string[]): Promise<void>;
  /** Stops the servers this call started; with `evenIfReused`, also servers it found running. */
  stop(evenIfReused?: boolean): Promise<void>;
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
 * A PostgreSQL primary and one streaming replica on loopback, data under `dataDir` (reused by
 * later starts). The replica begins as a cold copy of the freshly initialised primary, with
 * `standby.signal` and `primary_conninfo`.
 */
export async function startPostgresCluster(options: PostgresClusterOptions): Promise<PostgresCluster> {
  const say = options.say ?? (() => undefined);
  const bin = postgresBinDir();
  const account = serviceAccount();
  const asService = account ? { uid: account.uid, gid: account.gid } : {};
  const root = join(options.dataDir, 'postgres');
  const primaryDir = join(root, 'primary');
  const replicaDir = join(root, 'replica');
  mkdirSync(root, { recursive: true });
  if (account) chownSync(root, account.uid, account.gid);

  if (!existsSync(join(primaryDir, 'PG_VERSION'))) {
    say('initialising PostgreSQL primary');
    await run(`${bin}/initdb`, ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8'], asService);
    const conf = [
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = ''`,
      'wal_level = replica',
      'max_wal_senders = 10',
      'wal_keep_size = 512MB',
      'hot_standby = on',
      'hot_standby_feedback = on',
      'max_connections = 300',
      'shared_buffers = 128MB',
      options.unsafeFast ? 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off' : '',
    ];
    appendFileSync(join(primaryDir, 'postgresql.conf'), `\n# commerce-supergraph\n${conf.join('\n')}\n`);
    say('copying the primary into the replica (cold base backup)');
    cpSync(primaryDir, replicaDir, { recursive: true });
    writeFileSync(join(replicaDir, 'standby.signal'), '');
    appendFileSync(
      join(replicaDir, 'postgresql.auto.conf'),
      `primary_conninfo = 'host=127.0.0.1 port=${options.primaryPort} user=postgres application_name=replica1'\n`,
    );
    if (account) await run('chown', ['-R', `${account.uid}:${account.gid}`, root]);
  }

  const started: string[] = [];
  const start = async (dir: string, port: number, name: string) => {
    if (await canConnect(port).catch(() => false)) {
      say(`PostgreSQL ${name} already running on port ${port}; reusing it`);
      return;
    }
    say(`starting PostgreSQL ${name} on port ${port}`);
    // commits wait for no replica unless a transaction asks for remote_apply (see RequestDb.write)
    // the replica follows the primary's port of this start (a data folder may have been made for other ports)
    const follow = name === 'replica' ? ` -c "primary_conninfo=host=127.0.0.1 port=${options.primaryPort} user=postgres application_name=replica1"` : '';
    const settings = `-p ${port} -c synchronous_standby_names=* -c synchronous_commit=local${follow}`;
    await run(`${bin}/pg_ctl`, ['-D', dir, '-l', join(root, `${name}.log`), '-o', settings, '-w', '-t', '60', 'start'], {
      ...asService,
      detached: true,
    });
    started.push(dir);
  };
  await start(primaryDir, options.primaryPort, 'primary');
  await start(replicaDir, options.replicaPort, 'replica');
  await waitFor('the replica to stream from the primary', async () => {
    const rows = await query<{ state: string }>(options.primaryPort, 'SELECT state FROM pg_stat_replication');
    return rows.some((r) => r.state === 'streaming');
  }, 60_000, 200);

  return {
    primaryUrl: (database) => url(options.primaryPort, database),
    replicaUrl: (database) => url(options.replicaPort, database),
    async createDatabases(names) {
      const existing = new Set(
        (await query<{ datname: string }>(options.primaryPort, 'SELECT datname FROM pg_database')).map((r) => r.datname),
      );
      for (const name of names.filter((n) => !existing.has(n))) {
        if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Bad database name ${name}`);
        await query(options.primaryPort, `CREATE DATABASE ${name}`);
      }
      // the replica sees a new database once it has replayed its creation
      const [{ lsn }] = await query<{ lsn: string }>(options.primaryPort, 'SELECT pg_current_wal_lsn()::text AS lsn');
      await waitFor('the replica to replay new databases', async () => {
        const [row] = await query<{ ok: boolean }>(options.replicaPort, 'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [lsn]);
        return row.ok;
      });
    },
    async stop(evenIfReused = false) {
      for (const dir of evenIfReused ? [replicaDir, primaryDir] : [...started].reverse()) {
        await run(`${bin}/pg_ctl`, ['-D', dir, '-m', 'fast', '-w', 'stop'], asService).catch(() => undefined);
      }
    },
  };
}
