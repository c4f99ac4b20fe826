import type { OrderEntity } from './order.entity';

/** An order as the hand-written statements read it: the entity's fields (cents as numbers after `toOrderRow`). */
export type OrderRow = Omit<OrderEntity, 'subtotalCents' | 'discountCents' | 'shippingCents' | 'taxCents' | 'totalCents'> & {
  subtotalCents: number;
  discountCents: number;
  shippingCents: number;
  taxCents: number;
  totalCents: number;
};

export const ORDER_COLUMNS = `o.id::text AS id, o.seq::text AS seq, o.order_number AS "orderNumber", o.user_id::text AS "userId", o.email, o.phone, o.status,
  o.currency_code AS "currencyCode", o.subtotal_cents::float8 AS "subtotalCents", o.discount_cents::float8 AS "discountCents",
  o.shipping_cents::float8 AS "shippingCents", o.tax_cents::float8 AS "taxCents", o.total_cents::float8 AS "totalCents",
  o.shipping_address AS "shippingAddress", o.billing_address AS "billingAddress", o.shipping_method_id::text AS "shippingMethodId",
  o.cart_id::text AS "cartId", o.note, o.created_at AS "createdAt", o.updated_at AS "updatedAt"`;
