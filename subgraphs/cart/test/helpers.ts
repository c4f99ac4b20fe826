import { randomUUID } from 'node:crypto';
import { customer as someCustomer, type UserCaller } from '../../../platform/testing/callers';
import { startSubgraphHarness, type SubgraphHarness } from '../../../platform/testing/subgraph-harness';
import { admin, makeProduct, startCatalog, type CatalogHarness } from '../../catalog/test/helpers';
import type { CartDeps } from '../src/deps';
import cart from '../src/subgraph';

export { admin, guest, service, type Caller } from '../../../platform/testing/callers';

/** A customer (a new random one by default), with its id at hand. */
export const customer = (userId: string = randomUUID()): UserCaller & { userId: string } => ({ ...someCustomer(userId), userId });

/** The cart's clock in tests: real time moved by `offsetMs` (the server and the worker read it). */
export const testClock = {
  offsetMs: 0,
  now: (): Date => new Date(Date.now() + testClock.offsetMs),
};

/** The cart subgraph on the test clock (its server and its worker). */
export const cartOnTestClock: typeof cart = {
  ...cart,
  openDeps: async (config, log) => ({ ...(await cart.openDeps(config, log)), now: testClock.now }),
};

/** The cart subgraph on the shared harness, calling a catalog of its own. */
export interface CartHarness extends SubgraphHarness<CartDeps> {
  catalog: CatalogHarness;
  /** An ACTIVE product with `stock` units (and `input` overrides: price, weight, status…). */
  product(stock?: number, input?: Record<string, unknown>): Promise<string>;
}

/** The catalog (with its worker) and the cart calling it, each on a fresh database; the cart sweeps for idle carts every 200 ms. */
export async function startCart(env: NodeJS.ProcessEnv = {}): Promise<CartHarness> {
  const catalog = await startCatalog();
  const h = await startSubgraphHarness(cartOnTestClock, { CATALOG_URL: catalog.subgraph.url, CART_ABANDON_SWEEP_MS: '200', ...env });
  return {
    ...h,
    catalog,
    product: async (stock = 10, input = {}) => (await makeProduct(catalog, input, stock)).id,
    async stop() {
      await h.stop();
      await catalog.stop();
    },
  };
}

export { admin as catalogAdmin };

export const CART_FIELDS = `id status totalQuantity
  lines { id quantity unitPrice { amount currencyCode } currentUnitPrice { amount } lineTotal { amount currencyCode } product { id } }
  discountCodes { code applicable message }
  subtotal { amount currencyCode } discountTotal { amount } total { amount }
  warnings { code message lineId }`;

export const CART_CREATE = `mutation ($input: CartCreateInput) { cartCreate(input: $input) { cart { ${CART_FIELDS} } userErrors { field message code } } }`;
export const CART = `query ($id: ID!) { cart(id: $id) { ${CART_FIELDS} } }`;
export const LINES_ADD = `mutation ($cartId: ID!, $lines: [CartLineInput!]!) { cartLinesAdd(cartId: $cartId, lines: $lines) { cart { ${CART_FIELDS} } userErrors { field message code } } }`;
export const LINES_UPDATE = `mutation ($cartId: ID!, $lines: [CartLineUpdateInput!]!) { cartLinesUpdate(cartId: $cartId, lines: $lines) { cart { ${CART_FIELDS} } userErrors { field message code } } }`;
export const LINES_REMOVE = `mutation ($cartId: ID!, $lineIds: [ID!]!) { cartLinesRemove(cartId: $cartId, lineIds: $lineIds) { cart { ${CART_FIELDS} } userErrors { field message code } } }`;
export const CODES_UPDATE = `mutation ($cartId: ID!, $codes: [String!]!) { cartDiscountCodesUpdate(cartId: $cartId, codes: $codes) { cart { ${CART_FIELDS} } userErrors { field message code } } }`;
export const CREATE_CODE = `mutation ($input: CreateDiscountCodeInput!) { createDiscountCode(input: $input) { discountCode { id code kind value minimumSubtotal usageLimit usageCount perCustomerLimit startsAt expiresAt } userErrors { field code message } } }`;
export const MERGE = `mutation ($guestCartId: ID!, $userId: ID!) { mergeGuestCart(guestCartId: $guestCartId, userId: $userId) { merged cart { ${CART_FIELDS} } warnings { code lineId message } userErrors { code field } } }`;
export const CONVERT = `mutation ($cartId: ID!, $orderId: ID!) { convertCart(cartId: $cartId, orderId: $orderId) { cart { id status } userErrors { code } } }`;
export const REDEEM = `mutation ($reference: String!, $cartId: ID!, $userId: ID) { redeemDiscountCodes(reference: $reference, cartId: $cartId, userId: $userId) { redemptions { code amount { amount } released } discountTotal { amount } userErrors { code message } } }`;
export const RELEASE = `mutation ($reference: String!) { releaseDiscountCodes(reference: $reference) { released userErrors { code } } }`;
export const SHIPPING = `query ($id: ID!) { cartForShipping(id: $id) { id subtotal { amount } total { amount } weight currencyCode totalQuantity } }`;

export const errorCodes = (payload: { userErrors: { code: string }[] }) => payload.userErrors.map((e) => e.code);
export const gqlCodes = (errors?: { extensions?: Record<string, unknown> }[]) => (errors ?? []).map((e) => e.extensions?.code);

let n = 0;
export const uniqueCode = (prefix = 'CODE') => `${prefix}${Date.now().toString(36).toUpperCase()}${(n += 1)}`;
