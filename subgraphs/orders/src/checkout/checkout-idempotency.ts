import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from '../../../../platform/db/sql';
import { userError } from '../../../../platform/graphql/types';
import type { OrdersContext } from '../context';
import { CheckoutError } from './checkout.errors';
import type { CheckoutInput } from './checkout.inputs';
import { CheckoutSagaEntity, type CheckoutResult } from './checkout-saga.entity';
import { failedResult } from './saga-store';

/** Who repeats a key: a customer by id, a guest by email. */
export const buyerOf = (userId: string | null, email: string | null | undefined) => (userId ? `user:${userId}` : `guest:${(email ?? '').trim().toLowerCase()}`);

/** The request a key stands for: the same key with another cart, address, method, token or email is another request. */
export function fingerprintOf(input: CheckoutInput): string {
  const request = {
    cartId: input.cartId.toLowerCase(),
    email: input.email?.trim().toLowerCase() ?? null,
    shippingAddressId: input.shippingAddressId ?? null,
    shippingAddress: input.shippingAddress ?? null,
    billingAddress: input.billingAddress ?? null,
    shippingMethodId: input.shippingMethodId.toLowerCase(),
    paymentToken: input.paymentToken,
    note: input.note ?? null,
  };
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

/** A new saga to run; the saga of a repeated key; or none: the cart has a checkout of another key that has not failed. */
export type Claim = { fresh: true; saga: CheckoutSagaEntity } | { fresh: false; saga: CheckoutSagaEntity } | { fresh: false; saga: null };

/**
 * The saga row is inserted first, unique per (buyer, key): of concurrent requests with one key,
 * exactly one inserts it and runs the checkout; the others find it. It is also unique per cart
 * among sagas that have not failed (checkout_sagas_one_per_cart): of concurrent checkouts of one
 * cart with different keys only one runs, so a cart is never charged twice.
 */
export async function claimKey(ctx: OrdersContext, buyer: string, input: CheckoutInput, userId: string | null): Promise<Claim> {
  const id = randomUUID();
  const fingerprint = fingerprintOf(input);
  const inserted = await ctx.db.write((m) =>
    sql<{ id: string }>(
      m,
      `INSERT INTO checkout_sagas (id, buyer, idempotency_key, fingerprint, state, step, order_id, cart_id, user_id)
       VALUES ($1, $2, $3, $4, 'RUNNING', 'STARTED', $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
      [id, buyer, input.idempotencyKey, fingerprint, randomUUID(), input.cartId.toLowerCase(), userId],
    ),
  );
  if (inserted.length) return { fresh: true, saga: await ctx.db.readPrimary((m) => m.findOneByOrFail(CheckoutSagaEntity, { id })) };
  // the key's own saga, or (none) the conflict was the cart's
  return { fresh: false, saga: await ctx.db.readPrimary((m) => m.findOneBy(CheckoutSagaEntity, { buyer, idempotencyKey: input.idempotencyKey })) };
}

/** The answer when the cart has a checkout of another key that is running or done. */
export const cartInCheckout = () =>
  failedResult(userError(CheckoutError.CART_NOT_ACTIVE, 'This cart is being checked out, or was, with another idempotencyKey: look at your orders', 'input.cartId'));

/**
 * The answer to a repeated key: IDEMPOTENCY_KEY_REUSED for another request; the first answer once
 * that checkout finished; while it runs, a wait for it (polling), then IDEMPOTENCY_KEY_IN_USE.
 */
export async function answerRepeat(ctx: OrdersContext, saga: CheckoutSagaEntity, input: CheckoutInput): Promise<CheckoutResult> {
  if (saga.fingerprint !== fingerprintOf(input)) {
    return failedResult(userError(CheckoutError.IDEMPOTENCY_KEY_REUSED, 'This idempotencyKey was used for another checkout: use a new key', 'input.idempotencyKey'));
  }
  const deadline = Date.now() + ctx.deps.config.idempotencyWaitMs;
  let current: CheckoutSagaEntity | null = saga;
  for (let delay = 50; current && current.state === 'RUNNING' && Date.now() < deadline; delay = Math.min(delay * 2, 500)) {
    await sleep(delay);
    current = await ctx.db.readPrimary((m) => m.findOneBy(CheckoutSagaEntity, { id: saga.id }));
  }
  if (current?.result && current.state !== 'RUNNING') return current.result;
  return failedResult(userError(CheckoutError.IDEMPOTENCY_KEY_IN_USE, 'A checkout with this idempotencyKey is still running: repeat the request shortly', 'input.idempotencyKey'));
}
