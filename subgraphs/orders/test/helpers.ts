import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { startSubgraphHarness, type SubgraphHarness } from '../../../platform/testing/subgraph-harness';
import type { CheckoutPlan } from '../src/checkout/checkout-plan';
import { createPendingOrder } from '../src/checkout/order-create';
import type { OrdersDeps } from '../src/deps';
import { recordStatus } from '../src/order/order-state';
import { OrderStatus } from '../src/order/order-status';
import orders from '../src/subgraph';

export { admin, customer, guest, service } from '../../../platform/testing/callers';

export type OrdersHarness = SubgraphHarness<OrdersDeps>;

/** The orders subgraph on a fresh database (no other subgraph: these tests read and move orders only). */
export const startOrders = (env: NodeJS.ProcessEnv = {}): Promise<OrdersHarness> => startSubgraphHarness(orders, env);

/** A CONFIRMED order of `userId` (null: a guest's), written as checkout writes it. */
export async function placeOrder(h: OrdersHarness, userId: string | null, status: OrderStatus = OrderStatus.CONFIRMED): Promise<string> {
  const orderId = randomUUID();
  const address = { street: '1 Test St', city: 'Bangkok', state: null, postalCode: '10110', country: 'TH', deliveryInstructions: null };
  const plan: CheckoutPlan = {
    orderId,
    cartId: randomUUID(),
    userId,
    email: `buyer-${orderId.slice(0, 8)}@example.com`,
    currencyCode: 'USD',
    lines: [{ productId: randomUUID(), productName: 'Lamp', sku: `LAMP-${orderId.slice(0, 6)}`, quantity: 2, unitPriceCents: 1250 }],
    discountCodes: [],
    shippingMethodId: randomUUID(),
    shippingAddress: address,
    billingAddress: address,
    note: null,
    taxRateE4: 700,
    totals: { subtotalCents: 2500, discountCents: 0, shippingCents: 300, taxCents: 175, totalCents: 2975 },
  };
  await h.deps.database.dataSource.transaction(async (m: EntityManager) => {
    await createPendingOrder(m, plan, new Date());
    if (status !== OrderStatus.PENDING) await recordStatus(m, orderId, status);
  });
  return orderId;
}

export const ORDER_FIELDS = 'id orderNumber status email total { amount currencyCode } taxTotal { amount } lines { productName sku quantity lineTotal { amount } product { id } } statusHistory { status note } customer { id }';
