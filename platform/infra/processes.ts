import { execFileSync, spawn, type SpawnOptions } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** Where a command lives on PATH, or undefined. */
export function which(command: string, extraDirs: string[] = []): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(':'), ...extraDirs];
  return dirs.map((d) => `${d}/${command}`).find((p) => existsSync(p));
}

/** When running as root, database servers run as this account (they refuse root). */
export function serviceAccount(name = process.env.PG_OS_USER ?? 'postgres'): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', name]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', name]).toString().trim());
    return { uid, gid };
  } catch {
    throw new Error(
      `PostgreSQL refuses to run as root and there is no "${name}" account. Create one (useradd -r ${name}) or set PG_OS_USER.`,
    );
  }
}

/** Runs a command to completion; rejects with its output when it fails. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`)),
    );
  });
}

/** Polls `check` until it gives a truthy value (returned) or the deadline passes (an error naming `what`). */
export async function waitFor<T>(what: string, check: () => Promise<T | false | null | undefined>, timeoutMs = 30_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check().catch(() => false as const);
    if (value) return value;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

/**
 * Whether something listens on 127.0.0.1:`port` (or any address), from /proc/net/tcp; true where
 * there is no /proc (then only a connection tells). Poll this before connecting to a port of the
 * ephemeral range that may not be listened on yet: a connection to a port nobody listens on can be
 * given that same port as its source and connect to itself (Linux), holding the port so the server
 * that is starting cannot bind it.
 */
export function portListening(port: number): boolean {
  let table: string;
  try {
    table = readFileSync('/proc/net/tcp', 'utf8');
  } catch {
    return true;
  }
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  return table.split('\n').some((line) => {
    const [, local, , state] = line.trim().split(/\s+/);
    return state === '0A' && (local === `0100007F:${hex}` || local === `00000000:${hex}`);
  });
}
