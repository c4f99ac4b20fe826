import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A job or event written in the same transaction as the change that causes it. */
@Entity('outbox')
export class OutboxMessage {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column()
  queue!: string;

  @Column()
  name!: string;

  @Column({ type: 'jsonb' })
  payload!: unknown;

  @Column({ name: 'delay_ms', type: 'integer', default: 0 })
  delayMs!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'relayed_at', type: 'timestamptz', nullable: true })
  relayedAt!: Date | null;
}

/** A job a consumer has already applied: BullMQ may deliver twice, the effect happens once. */
@Entity('processed_jobs')
export class ProcessedJob {
  @Column({ name: 'job_id', primary: true })
  jobId!: string;

  @Column({ primary: true })
  consumer!: string;

  @CreateDateColumn({ name: 'processed_at', type: 'timestamptz' })
  processedAt!: Date;
}

export const queueEntities = [OutboxMessage, ProcessedJob];
