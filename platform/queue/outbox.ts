import type { EntityManager } from 'typeorm';
import { withTraceContext } from './job-trace';
import { EVENT_SUBSCRIBERS, type EventName, type EventPayloads, type QueueName } from './events';
import { OutboxMessage } from './outbox.entity';

export const OUTBOX_CHANNEL = 'outbox';

export interface JobRequest {
  queue: QueueName;
  name: string;
  payload: unknown;
  /** Run no earlier than this many milliseconds after the commit. */
  delayMs?: number;
}

/**
 * Writes jobs into the outbox with `manager`, which must be the transaction of the change that
 * causes them: both commit or neither does. The relay wakes up on the NOTIFY at commit.
 */
export async function enqueue(manager: EntityManager, ...jobs: JobRequest[]): Promise<void> {
  if (!jobs.length) return;
  await manager.insert(
    OutboxMessage,
    jobs.map((j) => ({ queue: j.queue, name: j.name, payload: withTraceContext(j.payload) as object, delayMs: j.delayMs ?? 0 })),
  );
  await manager.query(`NOTIFY ${OUTBOX_CHANNEL}`);
}

/** Publishes an event to every subscribing queue, in the caller's transaction. */
export async function publish<E extends EventName>(manager: EntityManager, event: E, payload: EventPayloads[E]): Promise<void> {
  await enqueue(manager, ...EVENT_SUBSCRIBERS[event].map((queue) => ({ queue, name: event, payload })));
}
