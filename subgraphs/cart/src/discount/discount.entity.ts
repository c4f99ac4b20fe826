import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { DiscountKind } from './discount.rules';

@Entity('discount_codes')
export class DiscountCodeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Upper case: codes are matched case-insensitively. */
  @Column()
  code!: string;

  @Column({ type: 'text' })
  kind!: DiscountKind;

  /** Percent (PERCENTAGE) or money (FIXED_AMOUNT). */
  @Column({ type: 'numeric', precision: 12, scale: 2 })
  value!: string;

  @Column({ name: 'minimum_subtotal', type: 'numeric', precision: 12, scale: 2, nullable: true })
  minimumSubtotal!: string | null;

  @Column({ name: 'usage_limit', type: 'integer', nullable: true })
  usageLimit!: number | null;

  @Column({ name: 'usage_count', type: 'integer', default: 0 })
  usageCount!: number;

  @Column({ name: 'per_customer_limit', type: 'integer', nullable: true })
  perCustomerLimit!: number | null;

  @Column({ name: 'starts_at', type: 'timestamptz', nullable: true })
  startsAt!: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;
}

@Entity('discount_redemptions')
export class DiscountRedemptionEntity {
  @PrimaryColumn({ type: 'bigint', insert: false })
  id!: string;

  @Column()
  reference!: string;

  @Column({ name: 'discount_code_id', type: 'uuid' })
  discountCodeId!: string;

  @Column({ name: 'cart_id', type: 'uuid' })
  cartId!: string;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'numeric', precision: 12, scale: 2 })
  amount!: string;

  @Column({ name: 'currency_code', type: 'char', length: 3 })
  currencyCode!: string;

  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt!: Date | null;
}

export const DiscountEntities = [DiscountCodeEntity, DiscountRedemptionEntity];
