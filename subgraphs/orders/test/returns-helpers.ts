import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { startSubgraphHarness, type SubgraphHarness } from '../../../platform/testing/subgraph-harness';
import { makeProduct, startCatalog, type CatalogHarness } from '../../catalog/test/helpers';
import { captured, startPayments, type PaymentsHarness } from '../../payments/test/helpers';
import { priceOrder, type CheckoutPlan } from '../src/checkout/checkout-plan';
import { createPendingOrder } from '../src/checkout/order-create';
import { centsToDecimal } from '../src/common/money';
import type { OrdersDeps } from '../src/deps';
import { recordStatus } from '../src/order/order-state';
import { OrderStatus } from '../src/order/order-status';
import orders from '../src/subgraph';

/** Orders calling a catalog and a payments subgraph of their own, each on a fresh database. */
export interface ReturnsHarness extends SubgraphHarness<OrdersDeps> {
  catalog: CatalogHarness;
  payments: PaymentsHarness;
}

export async function startReturns(env: NodeJS.ProcessEnv = {}): Promise<ReturnsHarness> {
  const [catalog, payments] = await Promise.all([startCatalog(), startPayments()]);
  const h = await startSubgraphHarness(orders, { CATALOG_URL: catalog.subgraph.url, PAYMENTS_URL: payments.subgraph.url, ORDERS_SERVICE_TIMEOUT_MS: '2000', ...env });
  return {
    ...h,
    catalog,
    payments,
    async stop() {
      await h.stop();
      await Promise.all([catalog.stop(), payments.stop()]);
    },
  };
}

export interface PlacedOrder {
  orderId: string;
  lineIds: string[];
  productIds: string[];
  totalCents: number;
}

/**
 * An order of `userId` for `lines` (real catalog products with `stock` on hand each, a captured
 * payment of its total), in `status` (DELIVERED unless told). Tax 7 % (TH), shipping 3.00.
 */
export async function placeOrder(
  h: ReturnsHarness,
  userId: string | null,
  lines: { quantity: number; unitPriceCents: number }[],
  { discountCents = 0, status = OrderStatus.DELIVERED, stock = 0 }: { discountCents?: number; status?: OrderStatus; stock?: number } = {},
): Promise<PlacedOrder> {
  const orderId = randomUUID();
  const products = await Promise.all(lines.map((l) => makeProduct(h.catalog, { price: centsToDecimal(l.unitPriceCents) }, stock)));
  const address = { street: '1 Test St', city: 'Bangkok', state: null, postalCode: '10110', country: 'TH', deliveryInstructions: null };
  const email = `buyer-${orderId.slice(0, 8)}@example.com`;
  const planLines = lines.map((l, i) => ({ productId: products[i].id, productName: `Item ${i + 1}`, sku: products[i].sku, ...l }));
  const plan: CheckoutPlan = {
    orderId,
    cartId: randomUUID(),
    userId,
    email,
    currencyCode: 'USD',
    lines: planLines,
    discountCodes: [],
    shippingMethodId: randomUUID(),
    shippingAddress: address,
    billingAddress: address,
    note: null,
    taxRateE4: 700,
    totals: priceOrder(planLines, discountCents, 300, 700),
  };
  await captured(h.payments, { orderId, amount: centsToDecimal(plan.totals.totalCents), userId, email });
  await h.deps.database.dataSource.transaction(async (m: EntityManager) => {
    await createPendingOrder(m, plan, new Date());
    if (status !== OrderStatus.PENDING) await recordStatus(m, orderId, status);
  });
  const rows = await h.sql<{ id: string }>('SELECT id::text FROM order_lines WHERE order_id = $1 ORDER BY position', [orderId]);
  return { orderId, lineIds: rows.map((r) => r.id), productIds: products.map((p) => p.id), totalCents: plan.totals.totalCents };
}

/** The refunds payments holds for the order. */
export const refundsOf = (h: ReturnsHarness, orderId: string) =>
  h.payments.sql<{ amount: number; status: string; key: string }>(
    `SELECT r.amount_cents::int AS amount, r.status, r.idempotency_key AS key FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE p.order_id = $1 ORDER BY r.created_at`,
    [orderId],
  );

/** The RETURN stock movements catalog holds for the product. */
export const stockReturnsOf = (h: ReturnsHarness, productId: string) =>
  h.catalog.sql<{ quantity: number; reference: string }>(`SELECT quantity, reference_id AS reference FROM stock_movements WHERE product_id = $1 AND type = 'RETURN'`, [productId]);

export const onHand = async (h: ReturnsHarness, productId: string) =>
  (await h.catalog.sql<{ n: number }>('SELECT coalesce(sum(on_hand), 0)::int AS n FROM stock_levels WHERE product_id = $1', [productId]))[0].n;

