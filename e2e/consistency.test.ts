import { Client } from 'pg';
import { countStatements } from '../platform/db/statement-log';
import { waitFor } from '../platform/infra/processes';
import { startStack, type Stack } from './harness';
import { storefront as op } from './operations';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const usersDb = () => stack.subgraphs.users.deps.database;
const replicaUrl = () => usersDb().dataSource.options.replication!.slaves[0].url!;

async function onReplica<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: replicaUrl() });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function primaryLsn(): Promise<string> {
  const [row] = await usersDb().dataSource.query('SELECT pg_current_wal_lsn()::text AS lsn');
  return row.lsn;
}

describe('reads on the streaming replica', () => {
  it('the replica streams from the primary', async () => {
    const rows = await usersDb().dataSource.query(`SELECT application_name, state FROM pg_stat_replication`);
    expect(rows).toEqual(expect.arrayContaining([{ application_name: 'replica1', state: 'streaming' }]));
    const [recovery] = await onReplica<{ in_recovery: boolean }>('SELECT pg_is_in_recovery() AS in_recovery');
    expect(recovery.in_recovery).toBe(true);
  });

  it('serves `me` from the replica once it has replayed the caller\'s writes', async () => {
    const c = await stack.registerCustomer();
    const lsn = await primaryLsn();
    await waitFor('the replica to replay', async () => (await onReplica<{ ok: boolean }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [lsn]))[0].ok);
    const { result, counts } = await countStatements([usersDb().statements], () => stack.call(op.Me, {}, c.accessToken));
    expect(result.data!.me.id).toBe(c.userId);
    expect(counts.primary).toBe(0);
    expect(counts.replica).toBeGreaterThanOrEqual(1);
  });
});

describe('read-your-writes', () => {
  it('a caller reads its own write even while the replica lags', async () => {
    const c = await stack.registerCustomer('Before');
    await onReplica('SELECT pg_wal_replay_pause()');
    try {
      const update = await stack.call(op.UpdateProfile, { input: { name: 'After' } }, c.accessToken);
      expect(update.data!.updateProfile.user.name).toBe('After');
      expect(update.headers.get('x-consistency-token')).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);

      // the replica really is behind: it still has the old name
      const [stale] = await onReplica<{ name: string }>('SELECT name FROM users WHERE id = $1', [c.userId]);
      expect(stale.name).toBe('Before');

      // yet the caller's next request sees the write, served by the primary
      const { result, counts } = await countStatements([usersDb().statements], () => stack.call(op.Me, {}, c.accessToken));
      expect(result.data!.me.name).toBe('After');
      expect(counts.primary).toBeGreaterThanOrEqual(1);

      // a guest holding the consistency token it was given is served the same way
      const token = update.headers.get('x-consistency-token')!;
      const other = await stack.registerCustomer();
      const viaHeader = await stack.call(op.Me, {}, other.accessToken, { 'x-consistency-token': token });
      expect(viaHeader.data!.me.id).toBe(other.userId);
    } finally {
      await onReplica('SELECT pg_wal_replay_resume()');
    }
  });
});
