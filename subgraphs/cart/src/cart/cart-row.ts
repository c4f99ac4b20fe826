import type { CartStatus } from './cart-status';

/** A cart as its readers see it. */
export interface CartRow {
  id: string;
  userId: string | null;
  status: CartStatus;
  mergedInto: string | null;
  orderId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const CART_COLUMNS = `c.id::text AS id, c.user_id::text AS "userId", c.status, c.merged_into::text AS "mergedInto",
  c.order_id AS "orderId", c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;

export const LINE_COLUMNS = `l.id::text AS id, l.cart_id::text AS "cartId", l.product_id::text AS "productId", l.quantity,
  l.unit_price::text AS "unitPrice", l.currency_code AS "currencyCode", l.notice`;
