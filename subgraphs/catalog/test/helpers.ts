import { randomUUID } from 'node:crypto';
import { INTERNAL_TOKEN_HEADER, signInternalToken } from '../../../platform/auth/internal-token';
import { Role } from '../../../platform/auth/roles';
import { postGraphQL, type GraphQLResponse } from '../../../platform/testing/graphql-client';
import type { CatalogDeps } from '../src/deps';
import { startCatalogForTest, type StartedSubgraph } from './start-for-test';

/** Who calls: the gateway on behalf of a guest, a customer or staff, or a service (internal operations). */
export type Caller = { kind: 'guest' } | { kind: 'customer'; userId: string } | { kind: 'admin'; userId: string } | { kind: 'service'; name: string };

export const guest: Caller = { kind: 'guest' };
export const customer = (userId: string = randomUUID()): Caller => ({ kind: 'customer', userId });
export const admin: Caller = { kind: 'admin', userId: randomUUID() };
export const service: Caller = { kind: 'service', name: 'orders' };

export interface CatalogHarness {
  subgraph: StartedSubgraph<CatalogDeps>;
  deps: CatalogDeps;
  /** This run's BullMQ key prefix. */
  queuePrefix: string;
  call<T = Record<string, any>>(caller: Caller, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Runs SQL on the primary (test setup and checks only). */
  sql<T = any>(query: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

export async function startCatalog(env: NodeJS.ProcessEnv = {}): Promise<CatalogHarness> {
  const queuePrefix = `t-${randomUUID().slice(0, 8)}`;
  const subgraph = await startCatalogForTest(queuePrefix, env);
  const { deps } = subgraph;
  const secret = deps.config.internalSecret;
  const headers = (caller: Caller) => {
    if (caller.kind === 'service') return { [INTERNAL_TOKEN_HEADER]: signInternalToken(secret, { caller: caller.name, audience: 'catalog' }) };
    const identity =
      caller.kind === 'guest'
        ? undefined
        : { userId: caller.userId, roles: caller.kind === 'admin' ? [Role.ADMIN, Role.CUSTOMER] : [Role.CUSTOMER], sessionId: randomUUID() };
    return { [INTERNAL_TOKEN_HEADER]: signInternalToken(secret, { caller: 'gateway', audience: 'catalog', identity }) };
  };
  return {
    subgraph,
    deps,
    queuePrefix,
    call: (caller, query, variables = {}) => postGraphQL(subgraph.url, query, variables, headers(caller)),
    sql: (query, params = []) => deps.database.dataSource.query(query, params),
    stop: () => subgraph.stop(),
  };
}

export const CREATE_PRODUCT = `mutation ($input: CreateProductInput!) {
  createProduct(input: $input) {
    product { id name slug sku status price { amount currencyCode } salePrice { amount } categories { slug } brand { id } }
    userErrors { field message code }
  }
}`;

export const CREATE_CATEGORY = `mutation ($input: CreateCategoryInput!) {
  createCategory(input: $input) { category { id slug parent { slug } } userErrors { field code } }
}`;

export const ADJUST = `mutation ($input: AdjustInventoryInput!) {
  adjustInventory(input: $input) { inventory { warehouse { id name } onHand reserved available } userErrors { field code message } }
}`;

let counter = 0;

/** Creates an ACTIVE product through the API (as staff) and returns its id; `stock` units go to the default warehouse. */
export async function makeProduct(
  h: CatalogHarness,
  input: Record<string, unknown> = {},
  stock = 0,
): Promise<{ id: string; slug: string; sku: string }> {
  counter += 1;
  const n = `${Date.now().toString(36)}${counter}`;
  const result = await h.call(admin, CREATE_PRODUCT, { input: { name: `Product ${n}`, sku: `SKU-${n}`, price: '10.00', status: 'ACTIVE', ...input } });
  const payload = result.data?.createProduct;
  if (!payload?.product) throw new Error(`createProduct failed: ${JSON.stringify(result)}`);
  if (stock) {
    const adjusted = await h.call(admin, ADJUST, { input: { productId: payload.product.id, delta: stock, reason: 'test stock' } });
    if (adjusted.data?.adjustInventory.userErrors.length) throw new Error(JSON.stringify(adjusted.data));
  }
  return payload.product;
}

export async function makeBrand(h: CatalogHarness, name: string): Promise<string> {
  const [row] = await h.sql('INSERT INTO brands (name, slug) VALUES ($1, $2) RETURNING id::text', [name, `${name.toLowerCase().replace(/\W+/g, '-')}-${randomUUID().slice(0, 6)}`]);
  await h.deps.cache.changed({ productIds: [], categories: true }, true);
  return row.id;
}

export async function makeCategory(h: CatalogHarness, slug: string, parentSlug?: string): Promise<string> {
  const result = await h.call(admin, CREATE_CATEGORY, { input: { name: slug, slug, parentSlug } });
  const payload = result.data?.createCategory;
  if (!payload?.category) throw new Error(`createCategory failed: ${JSON.stringify(result)}`);
  return payload.category.id;
}

export const codes = (errors?: { extensions?: Record<string, unknown> }[]) => (errors ?? []).map((e) => e.extensions?.code);
