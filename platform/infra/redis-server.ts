import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { waitFor, which } from './processes';

export interface LocalRedis {
  url: string;
  /** Stops the server this call started; with `evenIfReused`, also one it found running. */
  stop(evenIfReused?: boolean): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** redis-server on loopback with its data under `dataDir`, append-only, never evicting. */
export async function startRedis(dataDir: string, port: number, say: (m: string) => void = () => undefined): Promise<LocalRedis> {
  const url = `redis://127.0.0.1:${port}`;
  if (await answers(url)) {
    say(`Redis already running on port ${port}; reusing it`);
    return {
      url,
      stop: async (evenIfReused = false) => {
        if (!evenIfReused) return;
        const client = new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
        client.on('error', () => undefined);
        await client.shutdown('SAVE').catch(() => undefined);
        client.disconnect();
      },
    };
  }
  const binary = which('redis-server', ['/usr/sbin', '/usr/local/sbin', '/opt/homebrew/bin']);
  if (!binary) {
    throw new Error(
      'redis-server was not found on PATH.\n' +
        '  Debian/Ubuntu: sudo apt-get install redis-server\n' +
        '  macOS:         brew install redis\n' +
        '  Or set REDIS_URL to an existing Redis server (e.g. REDIS_URL=redis://127.0.0.1:6379).',
    );
  }
  const dir = join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  say(`starting Redis on port ${port}`);
  const child: ChildProcess = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--maxmemory-policy', 'noeviction', '--save', '', '--daemonize', 'no', '--logfile', join(dir, 'redis.log')],
    { stdio: 'ignore', detached: true },
  );
  let exited = false;
  child.on('exit', () => (exited = true));
  await waitFor('Redis to answer', async () => {
    if (exited) throw new Error('redis-server exited; see its log in ' + dir);
    return answers(url);
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
