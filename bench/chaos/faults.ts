import { setTimeout as sleep } from 'node:timers/promises';
import { PostgresControl } from './postgres-control';
import type { Stack } from './stack';

/** One fault: what is broken at inject, and what puts it right at heal. */
export interface Fault {
  name: string;
  /** What it does, for the report. */
  description: string;
  inject(stack: Stack): Promise<string | void>;
  heal(stack: Stack): Promise<string | void>;
}

async function redisPid(stack: Stack): Promise<number> {
  const info = await stack.redisClient.info('server');
  const pid = Number(/process_id:(\d+)/.exec(info)?.[1]);
  if (!pid) throw new Error('Redis did not tell its process id');
  return pid;
}

/** Waits (up to `ms`) until the subgraph's queue has a job being processed. */
async function activeJob(stack: Stack, queue: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if ((await stack.redisClient.llen(`bull:${queue}:active`).catch(() => 0)) > 0) return true;
    await sleep(2);
  }
  return false;
}

const process = (stack: Stack, name: string) => {
  const p = stack.processes.get(name);
  if (!p) throw new Error(`no process ${name} in the stack`);
  return p;
};

export function faults(subgraph: string, worker: string): Fault[] {
  return [
    {
      name: 'redis-kill',
      description: 'kill -9 on Redis (queues, revocations, budgets, caches), then a restart on its append-only file',
      async inject(stack) {
        const pid = await redisPid(stack);
        globalThis.process.kill(pid, 'SIGKILL');
        return `redis-server pid ${pid} killed`;
      },
      async heal(stack) {
        await stack.restartRedis();
      },
    },
    {
      name: `${subgraph}-kill`,
      description: `kill -9 on the ${subgraph} subgraph's server, then a restart`,
      async inject(stack) {
        const p = process(stack, subgraph);
        const pid = p.child?.pid;
        await p.kill9();
        return `${subgraph} pid ${pid} killed`;
      },
      async heal(stack) {
        process(stack, subgraph).start();
      },
    },
    {
      name: `${worker}-worker-kill`,
      description: `kill -9 on the ${worker} worker while it processes a job (its queue has an active job), then a restart`,
      async inject(stack) {
        const p = process(stack, `${worker}-worker`);
        const midJob = await activeJob(stack, worker, 15_000);
        const pid = p.child?.pid;
        await p.kill9();
        const left = await stack.redisClient.llen(`bull:${worker}:active`).catch(() => -1);
        return `${worker}-worker pid ${pid} killed ${midJob ? 'with a job active' : 'while no job was seen active (none within 15 s)'}; ${left} job(s) left active`;
      },
      async heal(stack) {
        process(stack, `${worker}-worker`).start();
      },
    },
    {
      name: 'replica-pause',
      description: 'pg_wal_replay_pause() on the replica (it stays up, serving ever older data), then pg_wal_replay_resume()',
      async inject(stack) {
        await PostgresControl.query(`postgres://postgres@127.0.0.1:${stack.ports.replica}/postgres`, 'SELECT pg_wal_replay_pause()');
      },
      async heal(stack) {
        await PostgresControl.query(`postgres://postgres@127.0.0.1:${stack.ports.replica}/postgres`, 'SELECT pg_wal_replay_resume()');
      },
    },
    {
      name: 'replica-stop',
      description: 'pg_ctl stop -m fast on the replica, then a start',
      async inject(stack) {
        await stack.postgres.stop('replica');
      },
      async heal(stack) {
        await stack.postgres.start('replica');
      },
    },
    {
      name: 'primary-restart',
      description: 'pg_ctl stop -m fast on the primary (every write and saga step fails), then a start',
      async inject(stack) {
        await stack.postgres.stop('primary');
      },
      async heal(stack) {
        await stack.postgres.start('primary');
      },
    },
  ];
}
