import { startStack, type Stack } from './harness';
import { admin as adminOp, storefront as op } from './operations';

/**
 * A subgraph down: the users subgraph (review authors) stops; a product page still renders from
 * the catalog, the authors are null with an error at their path, and after repeated failures the
 * gateway stops calling users for a while (its breaker is open).
 */
let stack: Stack;
let usersStopped = false;
beforeAll(async () => {
  stack = await startStack({ USERS_TIMEOUT_MS: '3000', SUBGRAPH_BREAKER_FAILURES: '2', SUBGRAPH_BREAKER_OPEN_MS: '600000' });
});
afterAll(async () => {
  // stopped by the test already
  if (usersStopped) delete stack.subgraphs.users;
  await stack?.stop();
});

it('ProductDetail renders without the users subgraph: authors null, errors with their paths, then the breaker fails fast', async () => {
  const adminToken = await stack.adminToken();
  const sku = `FAULT-${Date.now().toString(36)}`;
  const created = await stack.call(adminOp.CreateProduct, { input: { name: `Fault Kettle ${sku}`, sku, price: '10.00', status: 'ACTIVE' } }, adminToken);
  const product = created.data!.createProduct.product as { id: string; slug: string };
  const ann = await stack.registerCustomer('Ann Author');
  const review = await stack.call(op.AddReview, { input: { productId: product.id, rating: 4, title: 'Fine' } }, ann.accessToken);
  await stack.call(adminOp.ModerateReview, { id: review.data!.addReview.review.id, status: 'APPROVED' }, adminToken);

  await stack.subgraphs.users.stop();
  usersStopped = true;

  const reasons: string[] = [];
  for (let i = 0; i < 3; i += 1) {
    const detail = await stack.call(op.ProductDetail, { slug: product.slug, reviewsFirst: 5 });
    expect(detail.data!.product).toMatchObject({ id: product.id, price: { amount: '10.00' } });
    expect(detail.data!.product.reviews.edges).toEqual([{ node: expect.objectContaining({ rating: 4, title: 'Fine', author: null }) }]);
    expect(detail.errors).toEqual([
      expect.objectContaining({ path: ['product', 'reviews', 'edges', 0, 'node', 'author'], extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', serviceName: 'users' }) }),
    ]);
    reasons.push(detail.errors![0].extensions!.reason as string);
  }
  // two refused connections open the breaker; the third call does not reach for users at all
  expect(reasons).toEqual(['unreachable', 'unreachable', 'circuit open']);
});
