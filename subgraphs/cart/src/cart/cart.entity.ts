import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { CartStatus } from './cart-status';

/** A cart: a guest's (user_id null, held by its unguessable id) or a customer's. */
@Entity('carts')
export class CartEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'text', default: 'ACTIVE' })
  status!: CartStatus;

  @Column({ name: 'merged_into', type: 'uuid', nullable: true })
  mergedInto!: string | null;

  @Column({ name: 'order_id', type: 'text', nullable: true })
  orderId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', insert: false })
  updatedAt!: Date;

  @Column({ name: 'abandoned_at', type: 'timestamptz', nullable: true })
  abandonedAt!: Date | null;
}

@Entity('cart_lines')
export class CartLineEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column({ name: 'cart_id', type: 'uuid' })
  cartId!: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId!: string;

  @Column({ type: 'integer' })
  quantity!: number;

  /** The product's price when the line was added. */
  @Column({ name: 'unit_price', type: 'numeric', precision: 12, scale: 2 })
  unitPrice!: string;

  @Column({ name: 'currency_code', type: 'char', length: 3 })
  currencyCode!: string;

  /** A note for the customer kept with the line, e.g. the quantity was reduced at a merge. */
  @Column({ type: 'text', nullable: true })
  notice!: string | null;
}

@Entity('cart_discount_codes')
export class CartDiscountCodeEntity {
  @PrimaryColumn({ name: 'cart_id', type: 'uuid' })
  cartId!: string;

  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'integer' })
  position!: number;
}

export const CartEntities = [CartEntity, CartLineEntity, CartDiscountCodeEntity];
