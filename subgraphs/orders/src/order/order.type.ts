import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../../../../platform/graphql/connection';
import { DateTimeScalar } from '../../../../platform/graphql/scalars';
import { Money } from '../../../../platform/graphql/types';
import { centsToMoney } from '../common/money';
import type { OrderAddressData } from './order-address';
import type { OrderLineEntity, OrderStatusEntryEntity } from './order.entity';
import type { OrderRow } from './order-row';
import { OrderStatus } from './order-status';

/** The catalog's Product, by id: the catalog resolves its other fields. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: 'A product of the catalog: what the shop sells. Its details come from the catalog.' })
export class Product {
  @Field(() => ID, { description: 'Stable identifier of the product (UUID).' })
  id!: string;
}

/** The users subgraph's User; orders adds the customer's orders. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A customer or staff account. The orders subgraph adds the customer\'s orders.' })
export class User {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;
}

@ObjectType({ description: 'A postal address as the order keeps it: later changes to the address book do not change it.' })
export class OrderAddress {
  @Field({ description: 'Street and number.' })
  street!: string;

  @Field({ description: 'City or town.' })
  city!: string;

  @Field(() => String, { nullable: true, description: 'State, province or region.' })
  state!: string | null;

  @Field({ description: 'Postal or ZIP code.' })
  postalCode!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 country code, e.g. "TH".' })
  country!: string;

  @Field(() => String, { nullable: true, description: 'Notes for the courier.' })
  deliveryInstructions!: string | null;
}

@ObjectType({ description: 'One product of an order, as bought: name, SKU and price are copies taken at checkout.' })
export class OrderLine {
  @Field(() => ID, { description: 'Stable identifier (UUID); a return names the line by it.' })
  id!: string;

  @Field({ description: 'The product name at checkout.' })
  productName!: string;

  @Field({ description: 'The SKU at checkout.' })
  sku!: string;

  @Field(() => Int, { description: 'Units bought.' })
  quantity!: number;

  @Field(() => Money, { description: 'What one unit cost at checkout.' })
  unitPrice!: Money;

  @Field(() => Money, { description: 'unitPrice × quantity.' })
  lineTotal!: Money;

  @Field(() => Product, { nullable: true, description: 'The product now, from the catalog; null when it no longer exists.' })
  product!: Product | null;
}

@ObjectType({ description: 'A status the order took, when, and why.' })
export class OrderStatusEntry {
  @Field(() => OrderStatus, { description: 'The status.' })
  status!: OrderStatus;

  @Field(() => DateTimeScalar, { description: 'When (ISO 8601).' })
  at!: Date;

  @Field(() => String, { nullable: true, description: 'Why, e.g. a cancellation reason.' })
  note!: string | null;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: "A customer's order. Only its customer and staff can read it." })
export class Order {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field({ description: 'Human-readable unique number, e.g. ORD-2026-000123.' })
  orderNumber!: string;

  @Field(() => OrderStatus, { description: 'Where the order is; statusHistory says how it got there.' })
  status!: OrderStatus;

  @Field({ description: 'Where the confirmation and updates go.' })
  email!: string;

  @Field(() => DateTimeScalar, { description: 'When it was placed (ISO 8601).' })
  createdAt!: Date;

  @Field(() => Money, { description: 'Sum of the lines.' })
  subtotal!: Money;

  @Field(() => Money, { description: 'What discount codes took off.' })
  discountTotal!: Money;

  @Field(() => Money, { description: 'The shipping method\'s price for this order.' })
  shippingTotal!: Money;

  @Field(() => Money, { description: 'Tax at the destination country\'s rate on (subtotal − discount).' })
  taxTotal!: Money;

  @Field(() => Money, { description: 'subtotal − discountTotal + shippingTotal + taxTotal: what was charged.' })
  total!: Money;

  @Field(() => OrderAddress, { description: 'Where it ships.' })
  shippingAddress!: OrderAddress;

  @Field(() => OrderAddress, { description: 'The billing address (the shipping address unless another was given).' })
  billingAddress!: OrderAddress;

  @Field(() => String, { nullable: true, description: "The customer's note." })
  note!: string | null;

  /** Not GraphQL fields: ownership and the loaders' keys. */
  userId!: string | null;
  currencyCode!: string;
}

export const OrderConnection = connectionType('Order', Order, 'A page of orders, newest first.');

const address = (a: OrderAddressData): OrderAddress => Object.assign(new OrderAddress(), { ...a, state: a.state ?? null, deliveryInstructions: a.deliveryInstructions ?? null });

export function toOrder(o: Omit<OrderRow, 'seq'>): Order {
  const m = (cents: number) => centsToMoney(cents, o.currencyCode);
  return Object.assign(new Order(), {
    id: o.id,
    orderNumber: o.orderNumber,
    status: o.status,
    email: o.email,
    createdAt: o.createdAt,
    subtotal: m(o.subtotalCents),
    discountTotal: m(o.discountCents),
    shippingTotal: m(o.shippingCents),
    taxTotal: m(o.taxCents),
    total: m(o.totalCents),
    shippingAddress: address(o.shippingAddress),
    billingAddress: address(o.billingAddress),
    note: o.note,
    userId: o.userId,
    currencyCode: o.currencyCode,
  });
}

export function toOrderLine(l: OrderLineEntity, currencyCode: string): OrderLine {
  return Object.assign(new OrderLine(), {
    id: l.id,
    productName: l.productName,
    sku: l.sku,
    quantity: l.quantity,
    unitPrice: centsToMoney(l.unitPriceCents, currencyCode),
    lineTotal: centsToMoney(l.unitPriceCents * l.quantity, currencyCode),
    product: Object.assign(new Product(), { id: l.productId }),
  });
}

export const toStatusEntry = (h: OrderStatusEntryEntity): OrderStatusEntry => Object.assign(new OrderStatusEntry(), { status: h.status, at: h.at, note: h.note });
