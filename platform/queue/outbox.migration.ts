import type { QueryRunner } from 'typeorm';

/** The outbox and processed-jobs tables: every subgraph's first migration creates them. */
export async function createQueueTables(runner: QueryRunner): Promise<void> {
  await runner.query(`
    CREATE TABLE outbox (
      id bigserial PRIMARY KEY,
      queue text NOT NULL,
      name text NOT NULL,
      payload jsonb NOT NULL,
      delay_ms integer NOT NULL DEFAULT 0 CHECK (delay_ms >= 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      relayed_at timestamptz
    )`);
  await runner.query('CREATE INDEX outbox_pending ON outbox (id) WHERE relayed_at IS NULL');
  await runner.query(`
    CREATE TABLE processed_jobs (
      job_id text NOT NULL,
      consumer text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (job_id, consumer)
    )`);
}

export async function dropQueueTables(runner: QueryRunner): Promise<void> {
  await runner.query('DROP TABLE processed_jobs');
  await runner.query('DROP TABLE outbox');
}
