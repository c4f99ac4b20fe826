import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { createRedis } from '../../../platform/redis';
import { jobRequestInfo } from '../../../platform/queue/job-handlers';
import { subgraphRequest } from '../../../platform/subgraph';
import { createCatalogContext } from '../src/context';
import { onOrderConfirmed } from '../src/sales/order-confirmed.event';
import { admin, codes, customer, guest, makeProduct, startCatalog, type CatalogHarness } from './helpers';

const ADD = `mutation ($input: AddReviewInput!) { addReview(input: $input) { review { id rating status isVerifiedPurchase } userErrors { field code } } }`;
const MODERATE = `mutation ($id: ID!, $status: ReviewStatus!) { moderateReview(id: $id, status: $status) { review { id status } userErrors { field code } } }`;
const PRODUCT = `query ($id: ID!, $first: Int, $after: String) {
  product(id: $id) {
    averageRating reviewCount
    reviews(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { id rating title status isVerifiedPurchase author { id } } }
    }
  }
}`;
const USER_REVIEWS = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { id reviews(first: 10) { totalCount edges { node { status } } } } } }`;
const BEST = `query ($first: Int) { bestSellers(first: $first) { quantitySold product { id name } } }`;

let h: CatalogHarness;
beforeAll(async () => {
  h = await startCatalog();
});
afterAll(async () => {
  await h.stop();
});

const review = async (userId: string, productId: string, rating: number, title = 'ok') => {
  const result = await h.call(customer(userId), ADD, { input: { productId, rating, title } });
  if (!result.data?.addReview.review) throw new Error(JSON.stringify(result));
  return result.data.addReview.review.id as string;
};

describe('reviews', () => {
  it('adds PENDING reviews that count only once approved, recomputing the rating on every moderation', async () => {
    const p = await makeProduct(h);
    // fill the cache with the unrated product first
    expect((await h.call(guest, PRODUCT, { id: p.id })).data?.product).toMatchObject({ averageRating: null, reviewCount: 0 });
    const [ann, bob, cat] = [randomUUID(), randomUUID(), randomUUID()];
    const added = await h.call(customer(ann), ADD, { input: { productId: p.id, rating: 5, title: 'Great', content: 'Works well.' } });
    expect(added.data?.addReview).toMatchObject({ review: { rating: 5, status: 'PENDING', isVerifiedPurchase: false }, userErrors: [] });
    const r1 = added.data?.addReview.review.id;
    const r2 = await review(bob, p.id, 2);
    const r3 = await review(cat, p.id, 4);
    expect((await h.call(guest, PRODUCT, { id: p.id })).data?.product).toMatchObject({ averageRating: null, reviewCount: 0, reviews: { totalCount: 0, edges: [] } });

    for (const id of [r1, r2, r3]) expect((await h.call(admin, MODERATE, { id, status: 'APPROVED' })).data?.moderateReview.userErrors).toEqual([]);
    expect((await h.call(guest, PRODUCT, { id: p.id })).data?.product).toMatchObject({ averageRating: 3.67, reviewCount: 3 });
    await h.call(admin, MODERATE, { id: r2, status: 'REJECTED' });
    const after = (await h.call(guest, PRODUCT, { id: p.id, first: 1 })).data?.product;
    expect(after).toMatchObject({ averageRating: 4.5, reviewCount: 2, reviews: { totalCount: 2, pageInfo: { hasNextPage: true } } });
    expect(after.reviews.edges.map((e: { node: { id: string; author: { id: string } } }) => [e.node.id, e.node.author.id])).toEqual([[r3, cat]]);
    const next = (await h.call(guest, PRODUCT, { id: p.id, first: 1, after: after.reviews.pageInfo.endCursor })).data?.product;
    expect(next.reviews.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([r1]);
    expect(next.reviews.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses ratings outside 1..5, unknown or hidden products and a second review, changing nothing', async () => {
    const p = await makeProduct(h);
    const draft = await makeProduct(h, { status: 'DRAFT' });
    const user = randomUUID();
    const cases: [Record<string, unknown>, string][] = [
      [{ productId: p.id, rating: 0 }, 'INVALID:input.rating'],
      [{ productId: p.id, rating: 6 }, 'INVALID:input.rating'],
      [{ productId: p.id, rating: 3, title: 'x'.repeat(201) }, 'INVALID:input.title'],
      [{ productId: '5b0c6d52-8b5e-4f4f-9a51-1d6a3f0f1c11', rating: 3 }, 'NOT_FOUND:input.productId'],
      [{ productId: draft.id, rating: 3 }, 'NOT_FOUND:input.productId'],
    ];
    for (const [input, expected] of cases) {
      const result = await h.call(customer(user), ADD, { input });
      expect(result.data?.addReview.userErrors.map((e: { code: string; field: string }) => `${e.code}:${e.field}`)).toEqual([expected]);
    }
    await review(user, p.id, 3);
    const twice = await h.call(customer(user), ADD, { input: { productId: p.id, rating: 1 } });
    expect(twice.data?.addReview.userErrors).toEqual([{ field: 'input.productId', code: 'ALREADY_REVIEWED' }]);
    expect(codes((await h.call(guest, ADD, { input: { productId: p.id, rating: 4 } })).errors)).toEqual(['UNAUTHENTICATED']);
    const rows = await h.sql('SELECT rating FROM reviews WHERE product_id = ANY($1::uuid[])', [[p.id, draft.id]]);
    expect(rows).toEqual([{ rating: 3 }]);
  });

  it('lets only staff moderate', async () => {
    const p = await makeProduct(h);
    const id = await review(randomUUID(), p.id, 5);
    expect(codes((await h.call(customer(), MODERATE, { id, status: 'APPROVED' })).errors)).toEqual(['FORBIDDEN']);
    expect(codes((await h.call(guest, MODERATE, { id, status: 'APPROVED' })).errors)).toEqual(['UNAUTHENTICATED']);
    expect((await h.sql('SELECT status FROM reviews WHERE id = $1', [id]))[0].status).toBe('PENDING');
    const queue = await h.call(admin, `{ reviewsForModeration(first: 100) { totalCount edges { node { id status } } } }`);
    expect(queue.data?.reviewsForModeration.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(id);
    const unknown = await h.call(admin, MODERATE, { id: '5b0c6d52-8b5e-4f4f-9a51-1d6a3f0f1c11', status: 'APPROVED' });
    expect(unknown.data?.moderateReview.userErrors).toEqual([{ field: 'id', code: 'NOT_FOUND' }]);
  });

  it('lists a user\'s reviews: all of them for the user, approved ones for anyone else', async () => {
    const p = await makeProduct(h);
    const q = await makeProduct(h);
    const user = randomUUID();
    const approved = await review(user, p.id, 4);
    await review(user, q.id, 1);
    await h.call(admin, MODERATE, { id: approved, status: 'APPROVED' });
    const reps = [{ __typename: 'User', id: user }];
    const own = await h.call(customer(user), USER_REVIEWS, { reps });
    expect(own.data?._entities[0].reviews.totalCount).toBe(2);
    const other = await h.call(customer(), USER_REVIEWS, { reps });
    expect(other.data?._entities[0].reviews).toEqual({ totalCount: 1, edges: [{ node: { status: 'APPROVED' } }] });
  });
});

describe('order confirmations: best sellers and verified purchases', () => {
  it('counts units once per event however often it is delivered, and marks the buyer\'s reviews verified', async () => {
    const p = await makeProduct(h, { name: 'Seller A' });
    const q = await makeProduct(h, { name: 'Seller B' });
    const buyer = randomUUID();
    const earlier = await review(buyer, p.id, 5);
    const event = { orderId: 'order-77', userId: buyer, email: 'b@example.com', lines: [{ productId: p.id, quantity: 2 }, { productId: q.id, quantity: 1 }, { productId: p.id, quantity: 1 }] };
    const delivery = () => createCatalogContext(subgraphRequest(h.deps, jobRequestInfo('catalog', { id: 'orders-77', name: 'order.confirmed', attemptsMade: 0, opts: {} }, h.deps.log)));
    expect(await onOrderConfirmed(await delivery(), event)).toBe(true);
    expect(await onOrderConfirmed(await delivery(), event)).toBe(false);
    const rows = await h.sql('SELECT name, units_sold FROM products WHERE id = ANY($1::uuid[]) ORDER BY name', [[p.id, q.id]]);
    expect(rows).toEqual([{ name: 'Seller A', units_sold: 3 }, { name: 'Seller B', units_sold: 1 }]);
    expect((await h.sql('SELECT is_verified_purchase FROM reviews WHERE id = $1', [earlier]))[0].is_verified_purchase).toBe(true);
    const later = await h.call(customer(buyer), ADD, { input: { productId: q.id, rating: 4 } });
    expect(later.data?.addReview.review.isVerifiedPurchase).toBe(true);
    const stranger = await h.call(customer(), ADD, { input: { productId: q.id, rating: 4 } });
    expect(stranger.data?.addReview.review.isVerifiedPurchase).toBe(false);

    const best = await h.call(guest, BEST, { first: 2 });
    expect(best.data?.bestSellers).toEqual([
      { quantitySold: 3, product: { id: p.id, name: 'Seller A' } },
      { quantitySold: 1, product: { id: q.id, name: 'Seller B' } },
    ]);
    expect(codes((await h.call(guest, BEST, { first: 101 })).errors)).toEqual(['BAD_USER_INPUT']);
  });

  it('consumes order.confirmed from its queue', async () => {
    const p = await makeProduct(h, { name: 'Queued Seller' });
    const redis = createRedis(h.deps.config.redisUrl, 'orders-test-publisher', true);
    const queue = new Queue('catalog', { connection: redis, prefix: h.queuePrefix });
    try {
      const data = { orderId: 'order-q', userId: null, email: 'g@example.com', lines: [{ productId: p.id, quantity: 5 }] };
      await queue.add('order.confirmed', data, { jobId: 'orders-9001' });
      const until = Date.now() + 15_000;
      while ((await h.sql('SELECT units_sold FROM products WHERE id = $1', [p.id]))[0].units_sold !== 5) {
        if (Date.now() > until) throw new Error('order.confirmed was not consumed');
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await queue.close();
      redis.disconnect();
    }
    const best = await h.call(guest, BEST, { first: 1 });
    expect(best.data?.bestSellers[0]).toEqual({ quantitySold: 5, product: { id: p.id, name: 'Queued Seller' } });
  });
});
