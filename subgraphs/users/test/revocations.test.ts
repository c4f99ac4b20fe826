import { Queue } from 'bullmq';
import { isSessionRevoked, REVOCATIONS_COMPLETE_KEY, revokedSessionKey } from '../../../platform/auth/revocation';
import { waitFor } from '../../../platform/infra/processes';
import { createRedis } from '../../../platform/redis';
import { testRedisUrl } from '../../../platform/testing/test-infra';
import { REVOCATION_PUBLISH_JOB, REVOCATION_REPUBLISH_JOB } from '../src/account/revocation.service';
import { guest, startUsers, type Customer, type UsersHarness } from './helpers';

jest.setTimeout(30_000);

let users: UsersHarness;
let queue: Queue;
const queueRedis = createRedis(testRedisUrl(), 'revocations-test', true);
beforeAll(async () => {
  // reuse is never within a grace window here
  users = await startUsers({ REFRESH_REUSE_GRACE_SECONDS: '0' });
  queue = new Queue('users', { connection: queueRedis, prefix: users.queuePrefix });
});
afterAll(async () => {
  await queue?.close();
  queueRedis.disconnect();
  await users?.stop();
});

const LOGOUT = `mutation { logout { success } }`;
const REFRESH = `mutation ($t: String!) { refreshToken(refreshToken: $t) { refreshToken userErrors { code } } }`;
const CHANGE = `mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { success userErrors { code } } }`;

const sessionOf = (c: Pick<Customer, 'identity'>) => c.identity.sessionId!;

/** The sessions named by the revocation.publish jobs in the outbox. */
async function queuedRevocations(): Promise<string[]> {
  const rows = await users.sql<{ ids: string[] }>(`SELECT payload->'sessionIds' AS ids FROM outbox WHERE name = $1`, [REVOCATION_PUBLISH_JOB]);
  return rows.flatMap((r) => r.ids);
}

async function forget(sessionIds: string[]): Promise<void> {
  await users.deps.redis.del(REVOCATIONS_COMPLETE_KEY, ...sessionIds.map(revokedSessionKey));
}

it('logout, refresh-token reuse and a password change commit a revocation job with the session, and the worker lists it in Redis', async () => {
  const leaving = await users.register('Leaving');
  expect((await users.call(leaving, LOGOUT)).data!.logout.success).toBe(true);

  const replayed = await users.register('Replayed');
  const traded = await users.call(guest, REFRESH, { t: replayed.refreshToken });
  expect(traded.data!.refreshToken.userErrors).toEqual([]);
  const replay = await users.call(guest, REFRESH, { t: replayed.refreshToken });
  expect(replay.data!.refreshToken.userErrors.map((e: { code: string }) => e.code)).toEqual(['REFRESH_TOKEN_REUSED']);

  const changing = await users.register('Changing');
  const other = (await users.login(changing.email, changing.password))!;
  const changed = await users.call(changing, CHANGE, { input: { currentPassword: changing.password, newPassword: 'another long passphrase' } });
  expect(changed.data!.changePassword.userErrors).toEqual([]);

  const ended = [sessionOf(leaving), sessionOf(replayed), sessionOf(other)];
  expect(await queuedRevocations()).toEqual(expect.arrayContaining(ended));
  expect(await queuedRevocations()).not.toContain(sessionOf(changing));

  // the direct write after the commit is best effort: the job alone lists them too
  await users.settle();
  await forget(ended);
  for (const [i, sessionIds] of [[ended[0]], [ended[1], ended[2]]].entries()) {
    await queue.add(REVOCATION_PUBLISH_JOB, { sessionIds }, { jobId: `again-${i}` });
  }
  await users.settle();
  for (const id of ended) {
    expect(await isSessionRevoked(users.deps.redis, id)).toBe(true);
    const ttl = await users.deps.redis.ttl(revokedSessionKey(id));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(users.deps.config.jwt.accessTtlSeconds);
  }
  expect(await isSessionRevoked(users.deps.redis, sessionOf(changing))).toBe(false);
});

it('lists every recent revocation again when Redis lost them, then marks the list complete', async () => {
  const c = await users.register('Lost');
  expect((await users.call(c, LOGOUT)).data!.logout.success).toBe(true);
  await users.settle();
  await forget([sessionOf(c)]);

  await queue.add(REVOCATION_REPUBLISH_JOB, {}, { jobId: `republish-${Date.now()}` });
  await waitFor('the revocation listed again', () => isSessionRevoked(users.deps.redis, sessionOf(c)), 20_000, 50);
  expect(await users.deps.redis.exists(REVOCATIONS_COMPLETE_KEY)).toBe(1);

  // with the marker there, the job lists nothing
  await forget([sessionOf(c)]);
  await users.deps.redis.set(REVOCATIONS_COMPLETE_KEY, 'test');
  await queue.add(REVOCATION_REPUBLISH_JOB, {}, { jobId: `republish-marked-${Date.now()}` });
  await users.settle();
  expect(await isSessionRevoked(users.deps.redis, sessionOf(c))).toBe(false);
});
