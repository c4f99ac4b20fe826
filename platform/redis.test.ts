import { createServer, connect, type Server, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { createRedis } from './redis';
import { waitFor } from './infra/processes';
import { testRedisUrl } from './testing/test-infra';

/** A switchable path to the test Redis: `down()` cuts every connection and refuses new ones. */
async function redisPath(): Promise<{ url: string; up(): Promise<void>; down(): Promise<void> }> {
  const target = new URL(testRedisUrl());
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const up = async () => {
    server = createServer((socket) => {
      const upstream = connect(Number(target.port), target.hostname);
      sockets.add(socket).add(upstream);
      socket.pipe(upstream).pipe(socket);
      const end = () => {
        socket.destroy();
        upstream.destroy();
      };
      socket.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    });
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  };
  const down = async () => {
    const closed = new Promise((resolve) => server!.close(resolve));
    for (const s of sockets) s.destroy();
    sockets.clear();
    await closed;
  };
  await up();
  return { url: `redis://127.0.0.1:${port}`, up, down };
}

test('a request-path client fails at once while Redis is lost, and works again when it is back', async () => {
  const path = await redisPath();
  const redis = createRedis(path.url, 'fail-fast-test');
  const key = `fail-fast-${randomBytes(4).toString('hex')}`;
  try {
    expect(await redis.set(key, '1', 'EX', 60)).toBe('OK');
    await path.down();
    await waitFor('the client to see the connection lost', async () => redis.status !== 'ready', 5000, 10);
    // not queued until Redis returns: the caller gets an error now
    await expect(redis.get(key)).rejects.toThrow(/enableOfflineQueue/);
    await path.up();
    await waitFor('the client to reconnect', async () => redis.status === 'ready', 10_000, 20);
    expect(await redis.get(key)).toBe('1');
  } finally {
    redis.disconnect();
    await path.down().catch(() => undefined);
  }
});

test('a queue client waits for Redis to come back instead of failing', async () => {
  const path = await redisPath();
  const redis = createRedis(path.url, 'queue-wait-test', true);
  const key = `queue-wait-${randomBytes(4).toString('hex')}`;
  try {
    expect(await redis.set(key, '2', 'EX', 60)).toBe('OK');
    await path.down();
    await waitFor('the client to see the connection lost', async () => redis.status !== 'ready', 5000, 10);
    const pending = redis.get(key);
    await path.up();
    expect(await pending).toBe('2');
  } finally {
    redis.disconnect();
    await path.down().catch(() => undefined);
  }
});
