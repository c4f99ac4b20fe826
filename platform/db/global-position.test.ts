import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { waitFor } from '../infra/processes';
import { testRedisUrl } from '../testing/test-infra';
import { GlobalPositionWatch, globalPositionKey, rememberPosition } from './global-position';

// each test watches a database name of its own, so tests and files never see each other's positions
const database = () => `watch-test-${randomBytes(4).toString('hex')}`;

// the watches' own connections are named after this one: this file cuts only its own
const connectionName = `watch-test-${randomBytes(4).toString('hex')}`;
let redis: Redis;
const watches: GlobalPositionWatch[] = [];
beforeAll(() => {
  redis = new Redis(testRedisUrl(), { connectionName });
});
afterAll(async () => {
  for (const watch of watches) watch.close();
  redis.disconnect();
});

async function watching(name: string): Promise<GlobalPositionWatch> {
  const watch = new GlobalPositionWatch(redis, name);
  watches.push(watch);
  await waitFor('the watch to follow announcements', async () => watch.following, 10_000, 10);
  return watch;
}

it('starts from the stored position, then follows every announcement, keeping the later one', async () => {
  const name = database();
  await rememberPosition(redis, globalPositionKey(name), '0/1000', 60);
  const watch = await watching(name);
  expect(await watch.current()).toBe('0/1000');
  await rememberPosition(redis, globalPositionKey(name), '0/2000', 60);
  await waitFor('the later position', async () => (await watch.current()) === '0/2000', 5000, 5);
  // an earlier announcement (a slower writer) keeps the later position, here and in Redis
  await rememberPosition(redis, globalPositionKey(name), '0/1800', 60);
  await rememberPosition(redis, globalPositionKey(name), '1/0', 60);
  await waitFor('the next position', async () => (await watch.current()) === '1/0', 5000, 5);
  expect(await redis.get(globalPositionKey(name))).toBe('1/0');
});

it('forgets the position when its window ends, as the stored key expires', async () => {
  const name = database();
  const watch = await watching(name);
  expect(await watch.current()).toBeUndefined();
  await rememberPosition(redis, globalPositionKey(name), '0/3000', 1);
  await waitFor('the position', async () => (await watch.current()) === '0/3000', 5000, 5);
  await waitFor('the window to end', async () => (await watch.current()) === undefined, 5000, 50);
  expect(await redis.exists(globalPositionKey(name))).toBe(0);
});

it('reads Redis while its subscription is down, and hears what was announced meanwhile once back', async () => {
  const name = database();
  const watch = await watching(name);
  // the watch's own connection is cut: announcements are not heard until it reconnects
  const ids = ((await redis.client('LIST')) as string)
    .split('\n')
    .filter((line) => line.includes(`name=${connectionName}-positions `))
    .map((line) => line.match(/\bid=(\d+)/)![1]);
  expect(ids.length).toBeGreaterThan(0);
  for (const id of ids) await redis.client('KILL', 'ID', id);
  await waitFor('the watch to notice', async () => !watch.following, 5000, 5);
  await rememberPosition(redis, globalPositionKey(name), '0/4000', 60);
  // whether it reads Redis (not yet back) or follows again, it knows the position
  expect(await watch.current()).toBe('0/4000');
  await waitFor('the watch to follow again', async () => watch.following, 10_000, 10);
  expect(await watch.current()).toBe('0/4000');
  await rememberPosition(redis, globalPositionKey(name), '0/5000', 60);
  await waitFor('the next position', async () => (await watch.current()) === '0/5000', 5000, 5);
});
