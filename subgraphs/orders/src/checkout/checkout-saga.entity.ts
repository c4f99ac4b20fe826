import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { UserError } from '../../../../platform/graphql/types';
import type { CheckoutPlan } from './checkout-plan';
import type { SagaState, SagaStep } from './saga-steps';

/** What a finished checkout answered: a repeat with the same key answers the same. */
export interface CheckoutResult {
  orderId: string | null;
  userErrors: UserError[];
}

/**
 * One checkout, step by step: the row is inserted first (unique per buyer and idempotency key),
 * then each step records itself, so a checkout stopped half-way can be driven forward or back.
 */
@Entity('checkout_sagas')
export class CheckoutSagaEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** `user:<id>` or `guest:<email>`. */
  @Column({ type: 'text' })
  buyer!: string;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey!: string;

  /** A hash of the request: the same key with another request is IDEMPOTENCY_KEY_REUSED. */
  @Column({ type: 'text' })
  fingerprint!: string;

  @Column({ type: 'text' })
  state!: SagaState;

  @Column({ type: 'text' })
  step!: SagaStep;

  /** The order this checkout creates (also the reference of its stock reservation and discount uses). */
  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ name: 'cart_id', type: 'uuid' })
  cartId!: string;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  /** What was validated and priced: the order to create. */
  @Column({ type: 'jsonb', nullable: true })
  plan!: CheckoutPlan | null;

  @Column({ type: 'jsonb', nullable: true })
  result!: CheckoutResult | null;

  /** How often the reconcile job tried to move it. */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
