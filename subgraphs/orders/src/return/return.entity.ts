import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { centsColumn } from '../common/money';
import type { ReturnStatus } from './return-status';

/**
 * A customer's return of units of a delivered order. The receipt's progress (see the migration):
 * receiptStartedAt, claimedUntil, refundId, stockReturnedAt; refundCents once the amounts are fixed.
 */
@Entity('return_requests')
export class ReturnRequestEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** Oldest-first order of an order's returns. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'text' })
  status!: ReturnStatus;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'currency_code', type: 'char', length: 3 })
  currencyCode!: string;

  @Column({ name: 'refund_cents', type: 'bigint', nullable: true, transformer: centsColumn })
  refundCents!: number | null;

  @Column({ name: 'receipt_started_at', type: 'timestamptz', nullable: true })
  receiptStartedAt!: Date | null;

  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true })
  claimedUntil!: Date | null;

  @Column({ name: 'refund_id', type: 'uuid', nullable: true })
  refundId!: string | null;

  @Column({ name: 'stock_returned_at', type: 'timestamptz', nullable: true })
  stockReturnedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** Units of one order line in a return; the refund amounts are fixed when its receipt starts. */
@Entity('return_lines')
export class ReturnLineEntity {
  @PrimaryColumn({ name: 'return_id', type: 'uuid' })
  returnId!: string;

  @PrimaryColumn({ name: 'order_line_id', type: 'uuid' })
  orderLineId!: string;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'int' })
  quantity!: number;

  @Column({ name: 'goods_refund_cents', type: 'bigint', nullable: true, transformer: centsColumn })
  goodsRefundCents!: number | null;

  @Column({ name: 'tax_refund_cents', type: 'bigint', nullable: true, transformer: centsColumn })
  taxRefundCents!: number | null;
}

export const ReturnEntities = [ReturnRequestEntity, ReturnLineEntity];
