import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { SUBGRAPHS } from '../../subgraphs/registry';
import { PostgresControl } from './postgres-control';
import type { Stack } from './stack';

/** A query on a subgraph's database, on the primary. */
export const db = <T = Record<string, unknown>>(stack: Stack, database: string, text: string, params: unknown[] = []) =>
  PostgresControl.query<T>(stack.databaseUrl(database), text, params);

/** What is still under way: rows not relayed, jobs waiting or running, sagas running, messages not sent, payments unknown. */
export async function pendingWork(stack: Stack, ignore: Set<string> = new Set()): Promise<Record<string, number>> {
  const pending: Record<string, number> = {};
  const add = (what: string, n: number) => {
    if (n > 0) pending[what] = n;
  };
  for (const s of SUBGRAPHS) {
    const [{ n }] = await db<{ n: number }>(stack, s.database, 'SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL');
    add(`${s.name} outbox`, n);
    add(`${s.name} queue`, (await queuedJobs(stack, s.name)).filter((id) => !ignore.has(id)).length);
  }
  const [sagas] = await db<{ n: number }>(stack, 'orders', `SELECT count(*)::int AS n FROM checkout_sagas WHERE state = 'RUNNING'`);
  add('sagas running', sagas.n);
  const [orders] = await db<{ n: number }>(stack, 'orders', `SELECT count(*)::int AS n FROM orders WHERE status = 'PENDING'`);
  add('orders pending', orders.n);
  const [payments] = await db<{ n: number }>(stack, 'payments', `SELECT count(*)::int AS n FROM payments WHERE status = 'PENDING'`);
  add('payments pending', payments.n);
  const messages = await unsent(stack);
  add('notifications queued or sending', messages.filter((id) => !ignore.has(id)).length);
  return pending;
}

/** `<queue>:<job id>` of the jobs waiting or being processed (not the delayed ones: reservation expiries, retries in backoff). */
async function queuedJobs(stack: Stack, name: string): Promise<string[]> {
  const queue = new Queue(name, { connection: stack.redisClient });
  try {
    const jobs = await queue.getJobs(['wait', 'active', 'paused', 'prioritized', 'waiting-children'], 0, 999);
    return jobs.filter(Boolean).map((j) => `${name}:${j.id}`);
  } finally {
    await queue.close();
  }
}

const unsent = async (stack: Stack) =>
  (await db<{ id: string }>(stack, 'users', `SELECT id::text FROM notifications WHERE status IN ('QUEUED', 'SENDING')`)).map((r) => r.id);

/**
 * Polls until nothing is under way or the deadline passes; returns the milliseconds it took, or what
 * was left. Messages and jobs in `stuck` (given up on by an earlier drain) are not waited for; the
 * ones this drain gives up on are added to it.
 */
export async function drain(stack: Stack, deadlineMs: number, stuck: Set<string>): Promise<{ ms: number; left: Record<string, number> | null; stuck: Set<string> }> {
  const started = Date.now();
  let left: Record<string, number> = {};
  while (Date.now() - started < deadlineMs) {
    left = await pendingWork(stack, stuck).catch((error: Error) => ({ [`not answering: ${error.message.slice(0, 80)}`]: 1 }));
    if (!Object.keys(left).length) return { ms: Date.now() - started, left: null, stuck };
    await sleep(250);
  }
  for (const id of await unsent(stack).catch(() => [])) stuck.add(id);
  for (const s of SUBGRAPHS) for (const id of await queuedJobs(stack, s.name).catch(() => [])) stuck.add(id);
  return { ms: Date.now() - started, left, stuck };
}
