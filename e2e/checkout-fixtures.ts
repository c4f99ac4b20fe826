import { randomUUID } from 'node:crypto';
import type { Stack } from './harness';
import { admin as adminOp, storefront as op } from './operations';

/**
 * What the money-path tests (checkout-concurrency, checkout-crash, money-operations) do again and
 * again through the gateway: products with stock, carts, shipping rates, checkouts, and SQL on a
 * subgraph's own database for what no API shows (payments, stock levels, sagas).
 */
export const ADDRESS = { street: '1 Market St', city: 'San Francisco', state: 'CA', postalCode: '94105', country: 'US' };
export type Customer = Awaited<ReturnType<Stack['registerCustomer']>>;
export type Payload = { userErrors: { code: string; field?: string | null; message: string }[] } & Record<string, any>;

let n = 0;
export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(n += 1)}`;
export const errorsOf = (payload: Payload) => payload.userErrors.map((e) => e.code);
export const codes = (errors?: { extensions?: Record<string, unknown> }[]) => (errors ?? []).map((e) => e.extensions?.code);

export function moneyFixtures(stack: () => Stack, adminToken: () => string) {
  const sqlOf = (name: string) => <T = Record<string, any>>(text: string, params: unknown[] = []): Promise<T[]> =>
    stack().subgraphs[name].deps.database.dataSource.query(text, params);

  async function adjust(productId: string, delta: number): Promise<void> {
    const res = await stack().call(adminOp.AdjustInventory, { input: { productId, delta, reason: 'count' } }, adminToken());
    if (res.data?.adjustInventory.userErrors.length !== 0) throw new Error(`adjustInventory: ${JSON.stringify(res)}`);
  }

  /** An ACTIVE product with `stock` units on hand. */
  async function product(stock: number, price = '20.00'): Promise<string> {
    const res = await stack().call(adminOp.CreateProduct, { input: { name: unique('Money product'), sku: unique('MNY'), price, status: 'ACTIVE' } }, adminToken());
    const id = res.data?.createProduct.product?.id as string | undefined;
    if (!id) throw new Error(`createProduct: ${JSON.stringify(res)}`);
    if (stock) await adjust(id, stock);
    return id;
  }

  /** The customer's cart with these lines. */
  async function cartOf(customer: Customer, lines: { productId: string; quantity: number }[]): Promise<string> {
    const mine = await stack().call(op.MyCart, {}, customer.accessToken);
    const cartId = mine.data!.me.cart.id as string;
    const added = await stack().call(op.CartLinesAdd, { cartId, lines }, customer.accessToken);
    if (added.data?.cartLinesAdd.userErrors.length !== 0) throw new Error(`cartLinesAdd: ${JSON.stringify(added)}`);
    return cartId;
  }

  /** The cheapest shipping rate of the cart to ADDRESS. */
  async function cheapestRate(cartId: string, token?: string): Promise<{ id: string; price: string }> {
    const res = await stack().call(op.ShippingRates, { cartId, countryCode: 'US', postalCode: ADDRESS.postalCode }, token);
    const rate = res.data?.shippingRates[0];
    if (!rate) throw new Error(`shippingRates: ${JSON.stringify(res)}`);
    return { id: rate.method.id, price: rate.price.amount };
  }

  const checkoutInput = (cartId: string, shippingMethodId: string, extra: Record<string, unknown> = {}) => ({
    cartId,
    shippingAddress: ADDRESS,
    shippingMethodId,
    paymentToken: 'tok_visa',
    idempotencyKey: randomUUID(),
    ...extra,
  });

  /** A customer with a cart of these lines and a checkout input for it (tok_visa, the cheapest rate). */
  async function buyer(name: string, lines: { productId: string; quantity: number }[], extra: Record<string, unknown> = {}) {
    const customer = await stack().registerCustomer(name);
    const cartId = await cartOf(customer, lines);
    const rate = await cheapestRate(cartId, customer.accessToken);
    return { customer, cartId, rate, input: checkoutInput(cartId, rate.id, extra) };
  }

  /** The Checkout contract operation; GraphQL errors throw (expected failures are userErrors). */
  async function checkout(input: Record<string, unknown>, token?: string): Promise<Payload> {
    const res = await stack().call(op.Checkout, { input }, token);
    if (res.errors?.length || !res.data) throw new Error(`checkout: ${JSON.stringify(res.errors ?? res)}`);
    return res.data.checkout;
  }

  /** On hand and reserved over every warehouse, from the catalog's own table. */
  async function stockOf(productId: string): Promise<{ onHand: number; reserved: number }> {
    const [row] = await sqlOf('catalog')<{ onHand: number; reserved: number }>(
      'SELECT coalesce(sum(on_hand), 0)::int AS "onHand", coalesce(sum(reserved), 0)::int AS reserved FROM stock_levels WHERE product_id = $1',
      [productId],
    );
    return row;
  }

  /** A captured payment of a confirmed order of `price` (one unit, shipping and tax on top): its id and captured amount. */
  async function paidOrder(name: string, price = '40.00') {
    const productId = await product(5, price);
    const b = await buyer(name, [{ productId, quantity: 1 }]);
    const result = await checkout(b.input, b.customer.accessToken);
    if (result.userErrors.length) throw new Error(`checkout: ${JSON.stringify(result.userErrors)}`);
    return { ...b, productId, order: result.order, paymentId: result.order.payment.id as string, total: result.order.total.amount as string };
  }

  return { sqlOf, adjust, product, cartOf, cheapestRate, checkoutInput, buyer, checkout, stockOf, paidOrder };
}

export const cents = (amount: string) => Math.round(Number(amount) * 100);
