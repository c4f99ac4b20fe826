import { randomUUID } from 'node:crypto';
import { countStatements } from '../../../platform/db/statement-log';
import { codes, guest, startUsers, type Customer, type UsersHarness } from './helpers';

jest.setTimeout(30_000);

let users: UsersHarness;
beforeAll(async () => {
  users = await startUsers();
});
afterAll(() => users?.stop());

const ADD = `mutation ($productId: ID!, $wishlistId: ID) {
  addToWishlist(productId: $productId, wishlistId: $wishlistId) {
    wishlist { id name isDefault items { id addedAt product { id } } }
    userErrors { field message code }
  }
}`;
const REMOVE = `mutation ($itemId: ID!) { removeFromWishlist(itemId: $itemId) { wishlist { id items { id } } userErrors { field code } } }`;
const CREATE = `mutation ($name: String!) { createWishlist(name: $name) { wishlist { id name isDefault items { id } } userErrors { field code } } }`;
const RENAME = `mutation ($id: ID!, $name: String!) { renameWishlist(id: $id, name: $name) { wishlist { id name } userErrors { field code } } }`;
const DELETE = `mutation ($id: ID!) { deleteWishlist(id: $id) { deletedId userErrors { field code } } }`;
const MINE = `{ me { id wishlists { id name isDefault items { id addedAt product { id } } } } }`;

async function mine(c: Customer) {
  const res = await users.call(c, MINE);
  expect(res.errors).toBeUndefined();
  return res.data!.me.wishlists as { id: string; name: string; isDefault: boolean; items: { id: string; product: { id: string } }[] }[];
}

async function rowCounts(userId: string) {
  const [row] = await users.sql(
    `SELECT (SELECT count(*)::int FROM wishlists WHERE user_id = $1) AS lists,
            (SELECT count(*)::int FROM wishlist_items i JOIN wishlists w ON w.id = i.wishlist_id WHERE w.user_id = $1) AS items`,
    [userId],
  );
  return row as { lists: number; items: number };
}

describe('the default wishlist', () => {
  it('is created on demand by the first addToWishlist and holds a product once', async () => {
    const c = await users.register();
    expect(await mine(c)).toEqual([]);
    const product = randomUUID();
    const first = await users.call(c, ADD, { productId: product });
    expect(first.data!.addToWishlist.userErrors).toEqual([]);
    const wishlist = first.data!.addToWishlist.wishlist;
    expect(wishlist).toMatchObject({ name: 'Wishlist', isDefault: true, items: [{ product: { id: product } }] });

    const again = await users.call(c, ADD, { productId: product });
    expect(again.data!.addToWishlist.userErrors).toEqual([]);
    expect(again.data!.addToWishlist.wishlist.id).toBe(wishlist.id);
    expect(again.data!.addToWishlist.wishlist.items).toHaveLength(1);

    const other = randomUUID();
    const second = await users.call(c, ADD, { productId: other });
    expect(second.data!.addToWishlist.wishlist.items.map((i: { product: { id: string } }) => i.product.id)).toEqual([other, product]);
    expect(await mine(c)).toHaveLength(1);
    expect(await rowCounts(c.userId)).toEqual({ lists: 1, items: 2 });
  });

  it('is created once when two first additions race', async () => {
    const c = await users.register();
    const results = await Promise.all([randomUUID(), randomUUID(), randomUUID()].map((productId) => users.call(c, ADD, { productId })));
    expect(results.map((r) => r.data!.addToWishlist.userErrors)).toEqual([[], [], []]);
    expect(await rowCounts(c.userId)).toEqual({ lists: 1, items: 3 });
  });

  it('refuses a productId that is not a UUID with INVALID and creates nothing', async () => {
    const c = await users.register();
    const res = await users.call(c, ADD, { productId: 'not-a-uuid' });
    expect(res.data!.addToWishlist).toEqual({ wishlist: null, userErrors: [expect.objectContaining({ code: 'INVALID', field: 'productId' })] });
    expect(await rowCounts(c.userId)).toEqual({ lists: 0, items: 0 });
  });

  it('needs a signed-in user', async () => {
    const res = await users.call(guest, ADD, { productId: randomUUID() });
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('named wishlists', () => {
  it('are created, filled, renamed, emptied and deleted', async () => {
    const c = await users.register();
    const created = await users.call(c, CREATE, { name: '  Birthday  ' });
    const list = created.data!.createWishlist.wishlist;
    expect(list).toMatchObject({ name: 'Birthday', isDefault: false, items: [] });
    const product = randomUUID();
    const added = await users.call(c, ADD, { productId: product, wishlistId: list.id });
    expect(added.data!.addToWishlist.wishlist).toMatchObject({ id: list.id, isDefault: false });
    const itemId = added.data!.addToWishlist.wishlist.items[0].id;
    expect(await mine(c)).toEqual([expect.objectContaining({ id: list.id, items: [expect.objectContaining({ id: itemId })] })]);

    const renamed = await users.call(c, RENAME, { id: list.id, name: 'Wedding' });
    expect(renamed.data!.renameWishlist).toEqual({ wishlist: { id: list.id, name: 'Wedding' }, userErrors: [] });

    const removed = await users.call(c, REMOVE, { itemId });
    expect(removed.data!.removeFromWishlist).toEqual({ wishlist: { id: list.id, items: [] }, userErrors: [] });

    const deleted = await users.call(c, DELETE, { id: list.id });
    expect(deleted.data!.deleteWishlist).toEqual({ deletedId: list.id, userErrors: [] });
    expect(await mine(c)).toEqual([]);
  });

  it('lists the default first, then the others oldest first', async () => {
    const c = await users.register();
    await users.call(c, CREATE, { name: 'A' });
    await users.call(c, CREATE, { name: 'B' });
    await users.call(c, ADD, { productId: randomUUID() });
    expect((await mine(c)).map((w) => w.name)).toEqual(['Wishlist', 'A', 'B']);
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['101 characters long', 'x'.repeat(101)],
  ])('refuses a name that is %s with INVALID', async (_what, name) => {
    const c = await users.register();
    const res = await users.call(c, CREATE, { name });
    expect(res.data!.createWishlist).toEqual({ wishlist: null, userErrors: [{ field: 'name', code: 'INVALID' }] });
    expect(await rowCounts(c.userId)).toEqual({ lists: 0, items: 0 });
  });
});

describe("another customer's wishlists", () => {
  it('answer NOT_FOUND to every operation and stay unchanged', async () => {
    const owner = await users.register();
    const intruder = await users.register();
    const added = await users.call(owner, ADD, { productId: randomUUID() });
    const wishlist = added.data!.addToWishlist.wishlist;
    const itemId = wishlist.items[0].id;
    const before = await rowCounts(owner.userId);

    const attempts = [
      [ADD, { productId: randomUUID(), wishlistId: wishlist.id }, 'addToWishlist', 'wishlistId'],
      [REMOVE, { itemId }, 'removeFromWishlist', 'itemId'],
      [RENAME, { id: wishlist.id, name: 'Mine now' }, 'renameWishlist', 'id'],
      [DELETE, { id: wishlist.id }, 'deleteWishlist', 'id'],
    ] as const;
    for (const [doc, variables, field, at] of attempts) {
      const res = await users.call(intruder, doc, variables);
      expect(res.errors).toBeUndefined();
      expect(res.data![field].userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: at })]);
    }
    expect(await rowCounts(owner.userId)).toEqual(before);
    expect(await rowCounts(intruder.userId)).toEqual({ lists: 0, items: 0 });
    expect((await mine(owner))[0]).toMatchObject({ name: 'Wishlist', items: [{ id: itemId }] });
  });

  it('are not readable through a User reference (FORBIDDEN)', async () => {
    const owner = await users.register();
    const intruder = await users.register();
    await users.call(owner, ADD, { productId: randomUUID() });
    const res = await users.call(
      intruder,
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { id wishlists { id } } } }`,
      { reps: [{ __typename: 'User', id: owner.userId }] },
    );
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('answer NOT_FOUND for malformed ids too', async () => {
    const c = await users.register();
    expect(codes((await users.call(c, REMOVE, { itemId: 'abc' })).data!.removeFromWishlist)).toEqual(['NOT_FOUND']);
    expect(codes((await users.call(c, DELETE, { id: 'abc' })).data!.deleteWishlist)).toEqual(['NOT_FOUND']);
    expect(codes((await users.call(c, ADD, { productId: randomUUID(), wishlistId: 'abc' })).data!.addToWishlist)).toEqual(['NOT_FOUND']);
  });
});

describe('limits', () => {
  it('allow 20 wishlists, the default included (LIMIT_REACHED after)', async () => {
    const c = await users.register();
    for (let i = 1; i <= 20; i++) expect(codes((await users.call(c, CREATE, { name: `List ${i}` })).data!.createWishlist)).toEqual([]);
    expect(codes((await users.call(c, CREATE, { name: 'One too many' })).data!.createWishlist)).toEqual(['LIMIT_REACHED']);
    // no room for a default wishlist either
    expect(codes((await users.call(c, ADD, { productId: randomUUID() })).data!.addToWishlist)).toEqual(['LIMIT_REACHED']);
    expect(await rowCounts(c.userId)).toEqual({ lists: 20, items: 0 });
  });

  it('allow 500 products per wishlist (LIMIT_REACHED after; a product already there is still fine)', async () => {
    const c = await users.register();
    const added = await users.call(c, ADD, { productId: randomUUID() });
    const wishlistId = added.data!.addToWishlist.wishlist.id;
    await users.sql(`INSERT INTO wishlist_items (wishlist_id, product_id) SELECT $1, gen_random_uuid() FROM generate_series(1, 498)`, [wishlistId]);
    const last = randomUUID();
    expect(codes((await users.call(c, ADD, { productId: last })).data!.addToWishlist)).toEqual([]);
    const over = await users.call(c, ADD, { productId: randomUUID() });
    expect(over.data!.addToWishlist).toEqual({ wishlist: null, userErrors: [expect.objectContaining({ code: 'LIMIT_REACHED', field: 'productId' })] });
    expect(codes((await users.call(c, ADD, { productId: last })).data!.addToWishlist)).toEqual([]);
    expect(await rowCounts(c.userId)).toEqual({ lists: 1, items: 500 });
  });
});

describe('loading', () => {
  it('reads wishlists and their items in a constant number of statements', async () => {
    const small = await users.register();
    const large = await users.register();
    await users.call(small, ADD, { productId: randomUUID() });
    for (let i = 0; i < 6; i++) {
      const list = (await users.call(large, CREATE, { name: `L${i}` })).data!.createWishlist.wishlist;
      for (let j = 0; j < 3; j++) await users.call(large, ADD, { productId: randomUUID(), wishlistId: list.id });
    }
    await users.deliverAll();
    const cost = async (c: Customer) => (await countStatements([users.deps.database.statements], () => mine(c))).counts.total;
    const few = await cost(small);
    expect(await cost(large)).toBe(few);
    expect(few).toBeLessThanOrEqual(3);
  });
});
