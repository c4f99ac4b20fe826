import { sql } from '../../../../platform/db/sql';
import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import { userError, type UserError } from '../../../../platform/graphql/types';
import { isUuid } from '../../../../platform/validation';
import type { CatalogProduct } from '../catalog/catalog-products';
import type { CartContext } from '../context';
import { CartEntity, CartLineEntity } from './cart.entity';
import { CartError } from './cart.errors';
import { MAX_LINES, MAX_QUANTITY, quantityProblem } from './cart.rules';
import type { LineRow } from './cart-totals';
import { changeCart, openCartOf, refuse, type CartResult } from './cart-write';

export interface LineInput {
  productId: string;
  quantity: number;
}

export interface LineUpdate {
  id: string;
  quantity: number;
}

interface AddPlan {
  errors: UserError[];
  /** Units to add per product, with where they came from in the input. */
  wanted: Map<string, { quantity: number; index: number }>;
  products: Map<string, CatalogProduct>;
}

/** Checks the input and asks the catalog about every product at once (before any lock is taken). */
async function planAdd(scope: CartContext, lines: LineInput[]): Promise<AddPlan> {
  const errors: UserError[] = [];
  const wanted = new Map<string, { quantity: number; index: number }>();
  if (lines.length > MAX_LINES) errors.push(userError(CartError.INVALID, `At most ${MAX_LINES} lines at once`, 'lines'));
  lines.forEach((line, index) => {
    const problem = quantityProblem(line.quantity);
    if (problem) errors.push(userError(CartError.INVALID, problem, `lines.${index}.quantity`));
    if (!isUuid(line.productId)) {
      errors.push(userError(CartError.PRODUCT_NOT_FOUND, 'There is no such product', `lines.${index}.productId`));
      return;
    }
    const id = line.productId.toLowerCase();
    const seen = wanted.get(id);
    wanted.set(id, { quantity: (seen?.quantity ?? 0) + line.quantity, index: seen?.index ?? index });
  });
  if (errors.length) return { errors, wanted, products: new Map() };
  const products = await scope.deps.catalog.forCart(scope, [...wanted.keys()]);
  for (const [id, { index }] of wanted) {
    const product = products.get(id);
    if (!product || product.status !== 'ACTIVE') errors.push(userError(CartError.PRODUCT_NOT_FOUND, 'There is no such product for sale', `lines.${index}.productId`));
  }
  return { errors, wanted, products };
}

/** Adds the planned units to a cart's lines (inside the cart's write); a product already there gets more. */
async function applyAdd(m: EntityManager, cartId: string, existing: LineRow[], plan: AddPlan): Promise<void> {
  const byProduct = new Map(existing.map((l) => [l.productId, l]));
  const errors: UserError[] = [];
  const rows: { productId: string; quantity: number; price: string; currency: string }[] = [];
  for (const [productId, { quantity, index }] of plan.wanted) {
    const product = plan.products.get(productId)!;
    const total = (byProduct.get(productId)?.quantity ?? 0) + quantity;
    if (total > MAX_QUANTITY) {
      errors.push(userError(CartError.INVALID, `At most ${MAX_QUANTITY} units of a product per cart`, `lines.${index}.quantity`));
    } else if (total > product.available) {
      errors.push(userError(CartError.OUT_OF_STOCK, `Only ${product.available} available`, `lines.${index}.quantity`));
    }
    rows.push({ productId, quantity: total, price: product.price, currency: product.currencyCode });
  }
  const lineCount = new Set([...byProduct.keys(), ...plan.wanted.keys()]).size;
  if (lineCount > MAX_LINES) errors.push(userError(CartError.INVALID, `A cart holds at most ${MAX_LINES} different products`, 'lines'));
  if (errors.length) refuse(...errors);
  // a new line keeps today's price; a line already there keeps the price it was added at
  await sql(m, 
    `INSERT INTO cart_lines (cart_id, product_id, quantity, unit_price, currency_code)
     SELECT $1, p, q, u, c FROM unnest($2::uuid[], $3::int[], $4::numeric[], $5::text[]) AS t(p, q, u, c)
     ON CONFLICT (cart_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity, notice = NULL, updated_at = now()`,
    [cartId, rows.map((r) => r.productId), rows.map((r) => r.quantity), rows.map((r) => r.price), rows.map((r) => r.currency)],
  );
}

export async function addLines(scope: CartContext, userId: string | undefined, cartId: string, lines: LineInput[]): Promise<CartResult> {
  if (!lines.length) return { cart: null, userErrors: [userError(CartError.INVALID, 'Give at least one line', 'lines')] };
  const plan = await planAdd(scope, lines);
  if (plan.errors.length) {
    const result = await changeCart(scope, userId, cartId, async () => refuse(...plan.errors));
    return result;
  }
  return changeCart(scope, userId, cartId, (m, cart, existing) => applyAdd(m, cart.id, existing, plan));
}

/** A guest cart when nobody is signed in; the customer's open cart (created when needed) otherwise. */
export async function createCart(scope: CartContext, userId: string | undefined, lines: LineInput[]): Promise<CartResult> {
  const plan = lines.length ? await planAdd(scope, lines) : null;
  if (!userId) {
    if (plan?.errors.length) return { cart: null, userErrors: plan.errors };
    const id = randomUUID();
    try {
      await scope.db.write(async (m) => {
        await m.insert(CartEntity, { id });
        if (plan) await applyAdd(m, id, [], plan);
      });
    } catch (error) {
      const refused = (error as { userErrors?: UserError[] }).userErrors;
      if (refused) return { cart: null, userErrors: refused };
      throw error;
    }
    scope.changed();
    return { cart: await scope.loaders.cartById.load(id), userErrors: [] };
  }
  const cart = await scope.db.write((m) => openCartOf(m, userId, randomUUID()));
  scope.changed();
  if (!plan) return { cart, userErrors: [] };
  if (plan.errors.length) return { cart, userErrors: plan.errors };
  return changeCart(scope, userId, cart.id, (m, c, existing) => applyAdd(m, c.id, existing, plan));
}

export async function updateLines(scope: CartContext, userId: string | undefined, cartId: string, updates: LineUpdate[]): Promise<CartResult> {
  const errors: UserError[] = [];
  if (!updates.length) errors.push(userError(CartError.INVALID, 'Give at least one line', 'lines'));
  if (updates.length > MAX_LINES) errors.push(userError(CartError.INVALID, `At most ${MAX_LINES} lines at once`, 'lines'));
  updates.forEach((u, i) => {
    const problem = quantityProblem(u.quantity, true);
    if (problem) errors.push(userError(CartError.INVALID, problem, `lines.${i}.quantity`));
  });
  if (errors.length) return changeCart(scope, userId, cartId, async () => refuse(...errors));
  // the products whose quantity may grow: checked against the catalog before the lock
  const cart = isUuid(cartId) ? await scope.loaders.cartById.load(cartId.toLowerCase()) : null;
  const current = cart ? await scope.loaders.linesByCart.load(cart.id) : [];
  const byId = new Map(current.map((l) => [l.id, l]));
  const growing = updates.filter((u) => u.quantity > (byId.get(u.id.toLowerCase())?.quantity ?? Infinity));
  const products = await scope.deps.catalog.forCart(scope, growing.map((u) => byId.get(u.id.toLowerCase())!.productId));
  return changeCart(scope, userId, cartId, async (m, c, lines) => {
    const mine = new Map(lines.map((l) => [l.id, l]));
    const problems: UserError[] = [];
    const set: { id: string; quantity: number }[] = [];
    const removed: string[] = [];
    updates.forEach((u, i) => {
      const line = isUuid(u.id) ? mine.get(u.id.toLowerCase()) : undefined;
      if (!line) return problems.push(userError(CartError.NOT_FOUND, 'There is no such line in this cart', `lines.${i}.id`));
      if (u.quantity === 0) return removed.push(line.id);
      if (u.quantity > line.quantity) {
        const product = products.get(line.productId);
        if (!product || product.status !== 'ACTIVE') return problems.push(userError(CartError.PRODUCT_NOT_FOUND, 'This product is no longer for sale', `lines.${i}.quantity`));
        if (u.quantity > product.available) return problems.push(userError(CartError.OUT_OF_STOCK, `Only ${product.available} available`, `lines.${i}.quantity`));
      }
      set.push({ id: line.id, quantity: u.quantity });
    });
    if (problems.length) refuse(...problems);
    if (removed.length) await m.delete(CartLineEntity, { cartId: c.id, id: In(removed) });
    if (set.length) {
      await sql(m, 
        `UPDATE cart_lines l SET quantity = t.q, notice = NULL, updated_at = now()
           FROM unnest($2::uuid[], $3::int[]) AS t(id, q) WHERE l.cart_id = $1 AND l.id = t.id`,
        [c.id, set.map((s) => s.id), set.map((s) => s.quantity)],
      );
    }
  });
}

export async function removeLines(scope: CartContext, userId: string | undefined, cartId: string, lineIds: string[]): Promise<CartResult> {
  return changeCart(scope, userId, cartId, async (m, c, lines) => {
    const mine = new Set(lines.map((l) => l.id));
    const problems: UserError[] = [];
    if (!lineIds.length) problems.push(userError(CartError.INVALID, 'Give at least one line id', 'lineIds'));
    lineIds.forEach((id, i) => {
      if (!isUuid(id) || !mine.has(id.toLowerCase())) problems.push(userError(CartError.NOT_FOUND, 'There is no such line in this cart', `lineIds.${i}`));
    });
    if (problems.length) refuse(...problems);
    await m.delete(CartLineEntity, { cartId: c.id, id: In(lineIds.map((id) => id.toLowerCase())) });
  });
}

