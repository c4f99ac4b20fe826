import { randomUUID } from 'node:crypto';
import { admin } from '../../../platform/testing/callers';
import { startSubgraphHarness, type SubgraphHarness } from '../../../platform/testing/subgraph-harness';
import type { CatalogDeps } from '../src/deps';
import catalog from '../src/subgraph';

export { admin, customer, guest, service, type Caller } from '../../../platform/testing/callers';

export type CatalogHarness = SubgraphHarness<CatalogDeps>;

/** The catalog subgraph and its worker on a fresh test database, with a cache namespace of its own. */
export const startCatalog = (env: NodeJS.ProcessEnv = {}): Promise<CatalogHarness> => startSubgraphHarness(catalog, env);

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
