import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { Pool, type PoolClient } from 'pg';
import type { Logger } from '../logger';
import { OUTBOX_CHANNEL } from './outbox';

interface PendingRow {
  id: string;
  queue: string;
  name: string;
  payload: unknown;
  delay_ms: number;
}

/** Jobs keep their id for a day after they finish, so a re-relayed row is recognised and skipped. */
export const JOB_RETENTION = { removeOnComplete: { age: 86_400 }, removeOnFail: { age: 7 * 86_400 } };

/**
 * Moves committed outbox rows into BullMQ. The job id is `<source>-<outbox id>`: if the relay
 * dies between adding a job and marking its row, the next pass adds it again and BullMQ
 * ignores the duplicate id. Rows are claimed with SKIP LOCKED, so several relays can run.
 * Wakes on NOTIFY at commit, and polls as a fallback. It has its own two connections to the
 * primary, apart from the subgraph's pool and its statement counts.
 */
export class OutboxRelay {
  private readonly queues = new Map<string, Queue>();
  private readonly pool: Pool;
  private listener: PoolClient | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly source: string,
    primaryUrl: string,
    private readonly connection: Redis,
    private readonly log: Logger,
    private readonly pollMs = 1000,
    private readonly prefix?: string,
  ) {
    this.pool = new Pool({ connectionString: primaryUrl, max: 2, application_name: `${source}-outbox-relay` });
    this.pool.on('error', (error) => log.warn({ err: error }, 'outbox relay connection lost'));
  }

  async start(): Promise<void> {
    await this.listen();
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.kick();
  }

  /**
   * LISTEN on a connection of its own. When that connection is lost (a primary restart), the
   * relay polls meanwhile and listens again on a new connection once the primary answers.
   */
  private async listen(): Promise<void> {
    const listener = await this.pool.connect();
    this.listener = listener;
    listener.on('error', (error) => {
      this.log.warn({ err: error }, 'outbox listener connection lost; polling until it is back');
      if (this.listener === listener) this.listener = undefined;
      listener.release(error);
      this.relisten();
    });
    listener.on('notification', () => this.kick());
    await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
  }

  private relisten(delayMs = this.pollMs): void {
    if (this.stopped) return;
    setTimeout(() => {
      if (this.stopped || this.listener) return;
      this.listen().catch(() => this.relisten(Math.min(delayMs * 2, 30_000)));
    }, delayMs).unref();
  }

  /** Relays now; when a pass is under way, runs one more after it. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => undefined)
      .catch((error) => this.log.error({ err: error }, 'outbox relay failed; retrying'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Relays until the outbox is empty. Returns how many rows moved. */
  async drain(): Promise<number> {
    let moved = 0;
    for (;;) {
      const n = await this.relayBatch(200);
      moved += n;
      if (n < 200) return moved;
    }
  }

  private async relayBatch(limit: number): Promise<number> {
    const client = await this.pool.connect();
    // a connection ended while this pass waits on Redis must not go unheard (an unhandled 'error')
    let lost: Error | undefined;
    const onError = (error: Error) => (lost = error);
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<PendingRow>(
        `SELECT id, queue, name, payload, delay_ms FROM outbox
          WHERE relayed_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (!rows.length) {
        await client.query('COMMIT');
        return 0;
      }
      const byQueue = new Map<string, PendingRow[]>();
      for (const row of rows) byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), row]);
      for (const [queue, jobs] of byQueue) {
        await this.queue(queue).addBulk(
          jobs.map((row) => ({
            name: row.name,
            data: row.payload,
            opts: {
              jobId: `${this.source}-${row.id}`,
              delay: row.delay_ms,
              attempts: 8,
              backoff: { type: 'exponential', delay: 1000 },
              ...JOB_RETENTION,
            },
          })),
        );
      }
      await client.query('UPDATE outbox SET relayed_at = now() WHERE id = ANY($1::bigint[])', [rows.map((r) => r.id)]);
      await client.query('COMMIT');
      return rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.removeListener('error', onError);
      client.release(lost);
    }
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.prefix });
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Starts no more passes; resolves when the pass under way (if any) has ended. */
  async halt(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  async stop(): Promise<void> {
    await this.halt();
    const listener = this.listener;
    this.listener = undefined;
    if (listener) {
      listener.removeAllListeners('error');
      listener.on('error', () => undefined);
      await listener.query(`UNLISTEN ${OUTBOX_CHANNEL}`).catch(() => undefined);
      listener.release();
    }
    await this.pool.end();
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
