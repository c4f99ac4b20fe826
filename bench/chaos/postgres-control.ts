import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { run, serviceAccount, which } from '../../platform/infra/processes';

/**
 * Drives the servers of a cluster made by platform/infra/postgres-cluster.ts (data under
 * `<dataDir>/postgres/<primary|replica>`): stops one and starts it again with the command line it
 * was started with (its postmaster.opts), and pauses or resumes a standby's WAL replay.
 */
export class PostgresControl {
  private readonly bin = binDir();
  private readonly account = serviceAccount();
  private readonly saved = new Map<string, string[]>();

  constructor(private readonly dataDir: string) {}

  private dir(server: 'primary' | 'replica'): string {
    return join(this.dataDir, 'postgres', server);
  }

  private as() {
    return this.account ? { uid: this.account.uid, gid: this.account.gid } : {};
  }

  /** `pg_ctl stop` (fast: sessions are ended, or immediate: like a crash); remembers how it was started. */
  async stop(server: 'primary' | 'replica', mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    const dir = this.dir(server);
    this.saved.set(server, postmasterOptions(dir));
    await run(`${this.bin}/pg_ctl`, ['-D', dir, '-m', mode, '-w', '-t', '60', 'stop'], this.as());
  }

  /** Starts a server stopped by `stop` with the same options. */
  async start(server: 'primary' | 'replica'): Promise<void> {
    const dir = this.dir(server);
    const options = this.saved.get(server) ?? postmasterOptions(dir);
    const quoted = options.map((o) => `'${o.replace(/'/g, `'\\''`)}'`).join(' ');
    await run(`${this.bin}/pg_ctl`, ['-D', dir, '-l', join(this.dataDir, 'postgres', `${server}.log`), '-o', quoted, '-w', '-t', '60', 'start'], {
      ...this.as(),
      detached: true,
    });
  }

  /** Runs one statement on a server of the cluster (the postgres database). */
  static async query<T>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/** The postgres server's arguments of its last start, without the data folder (pg_ctl adds it). */
function postmasterOptions(dir: string): string[] {
  const file = join(dir, 'postmaster.opts');
  if (!existsSync(file)) throw new Error(`${file} is missing: was the server ever started?`);
  const args = [...readFileSync(file, 'utf8').matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1].replace(/\\(.)/g, '$1'));
  const options: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '-D') i += 1;
    else options.push(args[i]);
  }
  return options;
}

function binDir(): string {
  const onPath = which('pg_ctl');
  if (onPath) return onPath.replace(/\/pg_ctl$/, '');
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => `/usr/lib/postgresql/${v}/bin`).find((d) => existsSync(`${d}/pg_ctl`));
  if (!found) throw new Error('pg_ctl was not found');
  return found;
}
