import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { centsColumn } from '../common/money';
import type { OrderAddressData } from './order-address';
import type { OrderStatus } from './order-status';

@Entity('orders')
export class OrderEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** Newest-first paging key. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column({ name: 'order_number', type: 'text' })
  orderNumber!: string;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text' })
  status!: OrderStatus;

  @Column({ name: 'currency_code', type: 'char', length: 3 })
  currencyCode!: string;

  @Column({ name: 'subtotal_cents', type: 'bigint', transformer: centsColumn })
  subtotalCents!: number;

  @Column({ name: 'discount_cents', type: 'bigint', transformer: centsColumn })
  discountCents!: number;

  @Column({ name: 'shipping_cents', type: 'bigint', transformer: centsColumn })
  shippingCents!: number;

  @Column({ name: 'tax_cents', type: 'bigint', transformer: centsColumn })
  taxCents!: number;

  @Column({ name: 'total_cents', type: 'bigint', transformer: centsColumn })
  totalCents!: number;

  @Column({ name: 'shipping_address', type: 'jsonb' })
  shippingAddress!: OrderAddressData;

  @Column({ name: 'billing_address', type: 'jsonb' })
  billingAddress!: OrderAddressData;

  @Column({ name: 'shipping_method_id', type: 'uuid' })
  shippingMethodId!: string;

  @Column({ name: 'cart_id', type: 'uuid' })
  cartId!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** A line as bought: name, SKU and unit price are copies taken at checkout. */
@Entity('order_lines')
export class OrderLineEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ type: 'int' })
  position!: number;

  @Column({ name: 'product_id', type: 'uuid' })
  productId!: string;

  @Column({ name: 'product_name', type: 'text' })
  productName!: string;

  @Column({ type: 'text' })
  sku!: string;

  @Column({ type: 'int' })
  quantity!: number;

  @Column({ name: 'unit_price_cents', type: 'bigint', transformer: centsColumn })
  unitPriceCents!: number;
}

/** Every status an order took, with an optional note (e.g. a cancellation's reason). */
@Entity('order_status_history')
export class OrderStatusEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ type: 'text' })
  status!: OrderStatus;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'timestamptz', insert: false, update: false })
  at!: Date;
}

@Entity('tax_rates')
export class TaxRateEntity {
  @PrimaryColumn({ name: 'country_code', type: 'char', length: 2 })
  countryCode!: string;

  @Column({ type: 'numeric', precision: 5, scale: 4 })
  rate!: string;
}

export const OrderEntities = [OrderEntity, OrderLineEntity, OrderStatusEntryEntity, TaxRateEntity];
