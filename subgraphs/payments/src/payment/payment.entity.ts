import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { centsColumn } from '../common/money';
import type { PaymentStatus } from './payment-status';

/** A payment of an order; amounts in integer cents. The card is known by brand, last four and expiry only. */
@Entity('payments')
export class PaymentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  /** The customer who pays (null for a guest checkout): Order.payment is theirs and staff's to read. */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  /** Where refund notices go. */
  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text' })
  status!: PaymentStatus;

  @Column({ name: 'amount_cents', type: 'bigint', transformer: centsColumn })
  amountCents!: number;

  @Column({ name: 'captured_cents', type: 'bigint', transformer: centsColumn, default: 0 })
  capturedCents!: number;

  /** The sum of SUCCEEDED refunds. */
  @Column({ name: 'refunded_cents', type: 'bigint', transformer: centsColumn, default: 0 })
  refundedCents!: number;

  @Column({ name: 'currency_code', type: 'char', length: 3 })
  currencyCode!: string;

  @Column({ name: 'card_brand', type: 'text', nullable: true })
  cardBrand!: string | null;

  @Column({ name: 'card_last4', type: 'char', length: 4, nullable: true })
  cardLast4!: string | null;

  @Column({ name: 'card_exp_month', type: 'smallint', nullable: true })
  cardExpMonth!: number | null;

  @Column({ name: 'card_exp_year', type: 'smallint', nullable: true })
  cardExpYear!: number | null;

  @Column({ type: 'text' })
  provider!: string;

  /** The provider's id of the authorization. */
  @Column({ name: 'provider_reference', type: 'text', nullable: true })
  providerReference!: string | null;

  @Column({ name: 'authorize_key', type: 'text' })
  authorizeKey!: string;

  @Column({ name: 'capture_key', type: 'text', nullable: true })
  captureKey!: string | null;

  @Column({ name: 'void_key', type: 'text', nullable: true })
  voidKey!: string | null;

  /** The provider's reason when the authorization was declined (card_declined, insufficient_funds…). */
  @Column({ name: 'decline_code', type: 'text', nullable: true })
  declineCode!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
