import { randomUUID } from 'node:crypto';
import { INTERNAL_TOKEN_HEADER, signInternalToken } from '../../../platform/auth/internal-token';
import { Role } from '../../../platform/auth/roles';
import { postGraphQL, type GraphQLResponse } from '../../../platform/testing/graphql-client';
import { admin as catalogAdmin, makeProduct, startCatalog, type CatalogHarness } from '../../catalog/test/helpers';
import type { CartDeps } from '../src/deps';
import { startCartForTest, type StartedSubgraph } from './start-for-test';

export { testClock } from './start-for-test';

/** Who calls the cart subgraph: the gateway for a guest, a customer or staff; or a service. */
export type Caller = { kind: 'guest' } | { kind: 'customer'; userId: string } | { kind: 'admin' } | { kind: 'service'; name: string };
export const guest: Caller = { kind: 'guest' };
export const customer = (userId: string = randomUUID()): Caller & { userId: string } => ({ kind: 'customer', userId });
export const staff: Caller = { kind: 'admin' };
export const service: Caller = { kind: 'service', name: 'orders' };

export interface CartHarness {
  cart: StartedSubgraph<CartDeps>;
  catalog: CatalogHarness;
  call<T = Record<string, any>>(caller: Caller, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  sql<T = any>(query: string, params?: unknown[]): Promise<T[]>;
  /** An ACTIVE product with `stock` units (and `input` overrides: price, weight, status…). */
  product(stock?: number, input?: Record<string, unknown>): Promise<string>;
  stop(): Promise<void>;
}

/** The catalog (with its worker) and the cart calling it, each on a fresh database. */
export async function startCart(env: NodeJS.ProcessEnv = {}): Promise<CartHarness> {
  const catalog = await startCatalog();
  const cart = await startCartForTest(catalog.queuePrefix, { CATALOG_URL: catalog.subgraph.url, ...env });
  const secret = cart.deps.config.internalSecret;
  const headers = (caller: Caller) => {
    if (caller.kind === 'service') return { [INTERNAL_TOKEN_HEADER]: signInternalToken(secret, { caller: caller.name }) };
    const identity =
      caller.kind === 'guest'
        ? undefined
        : { userId: caller.kind === 'customer' ? caller.userId : randomUUID(), roles: caller.kind === 'admin' ? [Role.ADMIN, Role.CUSTOMER] : [Role.CUSTOMER], sessionId: randomUUID() };
    return { [INTERNAL_TOKEN_HEADER]: signInternalToken(secret, { caller: 'gateway', identity }) };
  };
  return {
    cart,
    catalog,
    call: (caller, query, variables = {}) => postGraphQL(cart.url, query, variables, headers(caller)),
    sql: (query, params = []) => cart.deps.database.dataSource.query(query, params),
    product: async (stock = 10, input = {}) => (await makeProduct(catalog, input, stock)).id,
    async stop() {
      await cart.stop();
      await catalog.stop();
    },
  };
}

export { catalogAdmin };

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
