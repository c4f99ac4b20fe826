import { randomBytes } from 'node:crypto';
import type { StackClient } from '../../e2e/stack-client';
import { admin, storefront } from '../../e2e/operations';
import { sharedStackBehindGateway } from './gateway-fixtures';

/**
 * A review author's name is public: the product page (reviews with their authors, across the
 * catalog and users subgraphs) may sit in a shared cache, while anything about the signed-in
 * user stays out of it.
 */
let stack: StackClient;
let slug: string;
let author: { accessToken: string; name: string };

beforeAll(async () => {
  stack = await sharedStackBehindGateway({ RESPONSE_CACHE_ENABLED: 'false' });
  const adminToken = await stack.adminToken();
  const tag = randomBytes(3).toString('hex');
  const created = await stack.call(admin.CreateProduct, { input: { name: `Reviewed Lamp ${tag}`, sku: `REVIEWED-${tag}`, price: '25.00', status: 'ACTIVE' } }, adminToken);
  expect(created.data?.createProduct.userErrors).toEqual([]);
  slug = created.data!.createProduct.product.slug;
  const name = `Reviewer ${tag}`;
  author = { ...(await stack.registerCustomer(name)), name };
  const added = await stack.call(storefront.AddReview, { input: { productId: created.data!.createProduct.product.id, rating: 5, title: 'Bright', content: 'Lights the whole room.' } }, author.accessToken);
  expect(added.data?.addReview.userErrors).toEqual([]);
  const moderated = await stack.call(admin.ModerateReview, { id: added.data!.addReview.review.id, status: 'APPROVED' }, adminToken);
  expect(moderated.data?.moderateReview.userErrors).toEqual([]);
});
afterAll(async () => {
  await stack?.stop();
});

describe('cache hints of user profiles', () => {
  it('lets an anonymous product page with its review authors be cached publicly', async () => {
    const res = await stack.call(storefront.ProductDetail, { slug });
    expect(res.errors).toBeUndefined();
    expect(res.data?.product.reviews.edges.map((e: { node: { author: { name: string } } }) => e.node.author.name)).toEqual([author.name]);
    expect(res.headers.get('cache-control')).toMatch(/^max-age=\d+, public$/);
  });

  it('keeps the signed-in user out of shared caches, even when only their public fields are asked for', async () => {
    const me = await stack.call(storefront.Me, {}, author.accessToken);
    expect(me.data?.me.name).toBe(author.name);
    expect(me.headers.get('cache-control')).toBe('no-store');
    const name = await stack.call(`query MyName { me { id name } }`, {}, author.accessToken);
    expect(name.data?.me.name).toBe(author.name);
    expect(name.headers.get('cache-control')).toBe('no-store');
  });
});
