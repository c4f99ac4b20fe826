import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ProviderCallOutcome = 'SUCCEEDED' | 'DECLINED' | 'TIMEOUT' | 'ERROR';

/** One call to the payment provider: what was asked, what came back, how long it took. */
@Entity('provider_calls')
export class ProviderCallEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ name: 'payment_id', type: 'uuid', nullable: true })
  paymentId!: string | null;

  @Column({ name: 'refund_id', type: 'uuid', nullable: true })
  refundId!: string | null;

  @Column({ type: 'text' })
  provider!: string;

  @Column({ type: 'text' })
  operation!: string;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey!: string;

  @Column({ type: 'jsonb' })
  request!: object;

  @Column({ type: 'jsonb', nullable: true })
  response!: object | null;

  @Column({ type: 'text' })
  outcome!: ProviderCallOutcome;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
