import { In, type EntityManager } from 'typeorm';
import { sql, sqlOne } from '../../../../platform/db/sql';
import { userError, type UserError } from '../../../../platform/graphql/types';
import { enqueue } from '../../../../platform/queue/outbox';
import { isUuid } from '../../../../platform/validation';
import { InventoryError } from './inventory.errors';
import { ProductEntity } from '../product/product.entity';
import { allocate, mergeLines } from './allocation';
import { StockReservationEntity, StockReservationLineEntity, WarehouseEntity } from './inventory.entities';
import type { StockReservation, StockLineInput } from './reservation.type';
import { applyStockChanges, isStockConstraint, lockStock, type StockChange } from './stock-ledger';
import { VISIBLE_TO_ALL } from '../common/consistency';
import type { CatalogContext } from '../context';

export const RESERVATION_EXPIRY_JOB = 'stock-reservation.expire';
export const RESERVATION_SWEEP_JOB = 'stock-reservation.sweep';
const SWEEP_BATCH = 200;
export const MAX_TTL_SECONDS = 86_400;
const MAX_LINES = 100;
const MAX_QUANTITY = 10_000;

export type ReservationResult = { reservation: StockReservation | null; userErrors: UserError[] };

/** Thrown inside a transaction to roll it back and answer with userErrors. */
class Refusal extends Error {
  constructor(readonly userErrors: UserError[]) {
    super('refused');
  }
}

async function readReservation(m: EntityManager, where: { reference?: string; id?: string }): Promise<StockReservation> {
  const row = await sqlOne<StockReservation>(
    m,
    `SELECT r.id::text, r.reference, r.status, r.expires_at AS "expiresAt",
            coalesce((SELECT json_agg(json_build_object('productId', l.product_id, 'warehouseId', l.warehouse_id, 'quantity', l.quantity)
                                ORDER BY l.product_id, l.warehouse_id)
                        FROM stock_reservation_lines l WHERE l.reservation_id = r.id), '[]') AS lines
       FROM stock_reservations r WHERE ${where.id ? 'r.id = $1' : 'r.reference = $1'}`,
    [where.id ?? where.reference],
  );
  return row!;
}

function lineProblems(lines: StockLineInput[]): UserError[] {
  if (!lines.length || lines.length > MAX_LINES) return [userError(InventoryError.INVALID, `Give 1 to ${MAX_LINES} lines`, 'lines')];
  const problems: UserError[] = [];
  lines.forEach((line, i) => {
    if (!isUuid(line.productId)) problems.push(userError(InventoryError.NOT_FOUND, 'No product has this id', `lines.${i}.productId`));
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY) {
      problems.push(userError(InventoryError.INVALID, `Quantity must be 1 to ${MAX_QUANTITY}`, `lines.${i}.quantity`));
    }
  });
  return problems;
}

function referenceProblems(reference: string): UserError[] {
  return reference.length >= 1 && reference.length <= 200 ? [] : [userError(InventoryError.INVALID, 'The reference must be 1 to 200 characters', 'reference')];
}

/** NOT_FOUND / PRODUCT_UNAVAILABLE for lines whose product is unknown or not ACTIVE. */
async function productProblems(m: EntityManager, lines: StockLineInput[]): Promise<UserError[]> {
  const ids = [...new Set(lines.map((l) => l.productId.toLowerCase()))];
  const rows = await m.find(ProductEntity, { select: { id: true, status: true }, where: { id: In(ids) } });
  const status = new Map(rows.map((r) => [r.id, r.status]));
  return lines.flatMap((line, i) => {
    const s = status.get(line.productId.toLowerCase());
    if (!s) return [userError(InventoryError.NOT_FOUND, 'No product has this id', `lines.${i}.productId`)];
    if (s !== 'ACTIVE') return [userError(InventoryError.PRODUCT_UNAVAILABLE, 'This product is not on sale', `lines.${i}.productId`)];
    return [];
  });
}

/** After a committed stock change: cached responses are dropped (stock itself is never cached). */
const stockChanged = (ctx: CatalogContext, productIds: string[]) => ctx.catalogChanged({ productIds, categories: false }, { data: false });

async function run(ctx: CatalogContext, fn: (m: EntityManager) => Promise<{ reservation: StockReservation; changed: string[] }>): Promise<ReservationResult> {
  try {
    const { reservation, changed } = await ctx.db.write(fn, VISIBLE_TO_ALL);
    if (changed.length) await stockChanged(ctx, changed);
    return { reservation, userErrors: [] };
  } catch (error) {
    if (error instanceof Refusal) return { reservation: null, userErrors: error.userErrors };
    if (isStockConstraint(error)) return { reservation: null, userErrors: [userError(InventoryError.OUT_OF_STOCK, 'Not enough stock', 'lines')] };
    throw error;
  }
}

/**
 * Holds stock for `reference`, all lines or none, taking each line from the warehouses in priority
 * order. Rows are locked in a fixed order, so concurrent reservations of the last unit serialise:
 * exactly one gets it, the others get OUT_OF_STOCK. A delayed job releases the reservation after
 * `ttlSeconds` if it is still held. Repeating a reference with the same lines (quantities per
 * product) returns the existing reservation; with other lines, RESERVATION_REFERENCE_REUSED.
 */
export async function reserveStock(ctx: CatalogContext, reference: string, lines: StockLineInput[], ttlSeconds?: number | null): Promise<ReservationResult> {
  const ttl = ttlSeconds ?? ctx.deps.config.reservationTtlSeconds;
  const problems = [...referenceProblems(reference), ...lineProblems(lines)];
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TTL_SECONDS) problems.push(userError(InventoryError.INVALID, `ttlSeconds must be 1 to ${MAX_TTL_SECONDS}`, 'ttlSeconds'));
  if (problems.length) return { reservation: null, userErrors: problems };
  const merged = mergeLines(lines.map((l) => ({ productId: l.productId.toLowerCase(), quantity: l.quantity })));
  const firstIndex = (productId: string) => lines.findIndex((l) => l.productId.toLowerCase() === productId);
  return run(ctx, async (m) => {
    const inserted = await sql<{ id: string }>(
      m,
      `INSERT INTO stock_reservations (reference, expires_at) VALUES ($1, now() + make_interval(secs => $2))
       ON CONFLICT (reference) DO NOTHING RETURNING id::text`,
      [reference, ttl],
    );
    if (!inserted.length) {
      const existing = await readReservation(m, { reference });
      if (!sameLines(existing.lines, merged)) {
        throw new Refusal([userError(InventoryError.RESERVATION_REFERENCE_REUSED, 'This reference already holds a reservation of other lines', 'reference')]);
      }
      return { reservation: existing, changed: [] };
    }
    const unavailable = await productProblems(m, lines);
    if (unavailable.length) throw new Refusal(unavailable);
    const { allocations, shortages } = allocate(merged, await lockStock(m, merged.map((l) => l.productId)));
    if (shortages.length) {
      throw new Refusal(
        shortages.map((s) => userError(InventoryError.OUT_OF_STOCK, `Only ${s.available} available, ${s.requested} requested`, `lines.${firstIndex(s.productId)}.quantity`)),
      );
    }
    const id = inserted[0].id;
    await applyStockChanges(
      m,
      allocations.map((a): StockChange => ({ ...a, onHand: 0, reserved: a.quantity, type: 'RESERVATION', quantity: a.quantity, reason: 'reserved for checkout', referenceId: reference, actorId: null })),
    );
    await m.insert(StockReservationLineEntity, allocations.map((a) => ({ reservationId: id, productId: a.productId, warehouseId: a.warehouseId, quantity: a.quantity })));
    await enqueue(m, { queue: 'catalog', name: RESERVATION_EXPIRY_JOB, payload: { reservationId: id }, delayMs: ttl * 1000 });
    return { reservation: await readReservation(m, { id }), changed: merged.map((l) => l.productId) };
  });
}

/** The reservation's quantities per product (over its warehouses) equal the requested ones. */
function sameLines(held: { productId: string; quantity: number }[], requested: { productId: string; quantity: number }[]): boolean {
  const totals = new Map<string, number>();
  for (const line of held) totals.set(line.productId, (totals.get(line.productId) ?? 0) + line.quantity);
  return totals.size === requested.length && requested.every((line) => totals.get(line.productId) === line.quantity);
}

async function lockReservation(m: EntityManager, where: { reference?: string; id?: string }) {
  const row = await m.findOne(StockReservationEntity, {
    select: { id: true, reference: true, status: true },
    where: where.id ? { id: where.id } : { reference: where.reference },
    lock: { mode: 'pessimistic_write' },
  });
  if (!row) return null;
  const lines = await m.find(StockReservationLineEntity, { select: { productId: true, warehouseId: true, quantity: true }, where: { reservationId: row.id } });
  // the stock rows in the same fixed order as reservations take them
  await lockStock(m, [...new Set(lines.map((l) => l.productId))]);
  return { id: row.id, reference: row.reference, status: row.status, lines: lines.map((l) => ({ productId: l.productId, warehouseId: l.warehouseId, quantity: l.quantity })) };
}

const notFound = () => new Refusal([userError(InventoryError.NOT_FOUND, 'No reservation has this reference', 'reference')]);

/** Turns a held reservation into a sale (on-hand and reserved both fall). Committing twice is harmless. */
export async function commitReservation(ctx: CatalogContext, reference: string): Promise<ReservationResult> {
  return run(ctx, async (m) => {
    const r = await lockReservation(m, { reference });
    if (!r) throw notFound();
    if (r.status === 'COMMITTED') return { reservation: await readReservation(m, { id: r.id }), changed: [] };
    if (r.status === 'RELEASED') throw new Refusal([userError(InventoryError.RESERVATION_NOT_HELD, 'The reservation was released or expired; reserve again', 'reference')]);
    await applyStockChanges(
      m,
      r.lines.map((l): StockChange => ({ ...l, onHand: -l.quantity, reserved: -l.quantity, type: 'SALE', quantity: -l.quantity, reason: 'sold', referenceId: reference, actorId: null })),
    );
    await m.update(StockReservationEntity, r.id, { status: 'COMMITTED', closedReason: 'sold' });
    return { reservation: await readReservation(m, { id: r.id }), changed: r.lines.map((l) => l.productId) };
  });
}

/**
 * Gives the units back: a HELD reservation's units become available again (RELEASE); a COMMITTED
 * one's sold units return to on-hand stock (RETURN), e.g. for a cancelled order. Releasing twice is harmless.
 */
export async function releaseReservation(ctx: CatalogContext, where: { reference?: string; id?: string }, reason: string, onlyIfHeld = false): Promise<ReservationResult> {
  return run(ctx, async (m) => {
    const r = await lockReservation(m, where);
    if (!r) throw notFound();
    if (r.status === 'RELEASED' || (onlyIfHeld && r.status !== 'HELD')) return { reservation: await readReservation(m, { id: r.id }), changed: [] };
    const held = r.status === 'HELD';
    await applyStockChanges(
      m,
      r.lines.map((l): StockChange =>
        held
          ? { ...l, onHand: 0, reserved: -l.quantity, type: 'RELEASE', quantity: -l.quantity, reason, referenceId: r.reference, actorId: null }
          : { ...l, onHand: l.quantity, reserved: 0, type: 'RETURN', quantity: l.quantity, reason, referenceId: r.reference, actorId: null },
      ),
    );
    await m.update(StockReservationEntity, r.id, { status: 'RELEASED', closedReason: reason });
    return { reservation: await readReservation(m, { id: r.id }), changed: r.lines.map((l) => l.productId) };
  });
}

/** The expiry job: releases the reservation only if it is still held when the job runs. */
export function expireReservation(ctx: CatalogContext, reservationId: string): Promise<ReservationResult> {
  return releaseReservation(ctx, { id: reservationId }, 'reservation expired', true);
}

/**
 * The sweep behind the expiry jobs (one may be lost): releases held reservations past their expiry,
 * each once (a reservation released meanwhile is left alone). Returns how many of those due are released now.
 */
export async function releaseExpiredReservations(ctx: CatalogContext): Promise<number> {
  const due = await ctx.db.readPrimary((m) =>
    sql<{ id: string }>(m, `SELECT id::text FROM stock_reservations WHERE status = 'HELD' AND expires_at < now() ORDER BY expires_at LIMIT ${SWEEP_BATCH}`),
  );
  let released = 0;
  for (const { id } of due) {
    const result = await expireReservation(ctx, id);
    if (result.reservation?.status === 'RELEASED') released += 1;
  }
  return released;
}

/**
 * Puts returned units back on hand in the default warehouse (RETURN), once per reference: a retried
 * call with the same reference changes nothing and succeeds.
 */
export async function returnStock(ctx: CatalogContext, reference: string, lines: StockLineInput[]): Promise<{ success: boolean; userErrors: UserError[] }> {
  const problems = [...referenceProblems(reference), ...lineProblems(lines)];
  if (problems.length) return { success: false, userErrors: problems };
  const merged = mergeLines(lines.map((l) => ({ productId: l.productId.toLowerCase(), quantity: l.quantity })));
  try {
    const changed = await ctx.db.write(async (m): Promise<string[]> => {
      const inserted = await sql(m, 'INSERT INTO stock_returns (reference) VALUES ($1) ON CONFLICT DO NOTHING RETURNING reference', [reference]);
      if (!inserted.length) return [];
      const { id: warehouseId } = await m.findOneOrFail(WarehouseEntity, { select: { id: true }, where: { isDefault: true } });
      const known = await m.find(ProductEntity, { select: { id: true }, where: { id: In(merged.map((l) => l.productId)) } });
      const unknown = lines.flatMap((l, i) => (known.some((k) => k.id === l.productId.toLowerCase()) ? [] : [userError(InventoryError.NOT_FOUND, 'No product has this id', `lines.${i}.productId`)]));
      if (unknown.length) throw new Refusal(unknown);
      await lockStock(m, merged.map((l) => l.productId));
      await applyStockChanges(
        m,
        merged.map((l): StockChange => ({ productId: l.productId, warehouseId, onHand: l.quantity, reserved: 0, type: 'RETURN', quantity: l.quantity, reason: 'returned by customer', referenceId: reference, actorId: null })),
      );
      return merged.map((l) => l.productId);
    }, VISIBLE_TO_ALL);
    if (changed.length) await stockChanged(ctx, changed);
    return { success: true, userErrors: [] };
  } catch (error) {
    if (error instanceof Refusal) return { success: false, userErrors: error.userErrors };
    throw error;
  }
}
