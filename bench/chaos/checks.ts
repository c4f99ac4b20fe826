import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { db } from './drain';
import type { Recorder } from './recorder';
import type { Stack } from './stack';

/** What must be exactly once, and is not. */
export type ViolationKind =
  | 'lost order' // the client was told CONFIRMED, the database disagrees (or the order is there twice)
  | 'order not settled' // PENDING (or its saga RUNNING) after the drain
  | 'told failed, confirmed' // the client got a definite failure for an order that is CONFIRMED
  | 'double charge' // more captured than the order's total, or more than one capture
  | 'charge missing' // a CONFIRMED order without its captured payment
  | 'charged, not confirmed' // money kept for a CANCELLED order
  | 'notification missing'
  | 'notification duplicate'
  | 'oversell' // on hand or reserved below zero, or reserved above on hand
  | 'stock ledger' // stock levels disagree with the movement ledger or the held reservations
  | 'stock of order'; // a CONFIRMED order's units not sold once, or a CANCELLED order's not given back

export interface Violation {
  kind: ViolationKind;
  detail: string;
  orderId?: string;
}

export interface OrderFacts {
  id: string;
  phase: string;
  status: string;
  captures: number;
  notificationsSent: number;
  violations: Violation[];
}

export interface CheckResult {
  orders: OrderFacts[];
  /** Stock violations not tied to an order (levels, ledger). */
  stock: Violation[];
  /** Client checkouts the database does not know at all. */
  unknownCheckouts: Violation[];
}

/** Reads the orders, payments, catalog and users databases (primaries) and the mail folder, and checks every order. */
export async function check(stack: Stack, recorder: Recorder): Promise<CheckResult> {
  const sagas = await db<{ buyer: string; key: string; state: string; orderId: string }>(
    stack, 'orders', `SELECT buyer, idempotency_key AS key, state, order_id::text AS "orderId" FROM checkout_sagas`);
  const orders = await db<{ id: string; number: string; status: string; total: string }>(
    stack, 'orders', `SELECT id::text, order_number AS number, status, total_cents::text AS total FROM orders`);
  const lines = await db<{ orderId: string; productId: string; quantity: number }>(
    stack, 'orders', `SELECT order_id::text AS "orderId", product_id::text AS "productId", sum(quantity)::int AS quantity FROM order_lines GROUP BY 1, 2`);
  const payments = await db<{ orderId: string; status: string; captured: string; refunded: string; reference: string | null }>(
    stack, 'payments', `SELECT order_id::text AS "orderId", status, captured_cents::text AS captured, refunded_cents::text AS refunded, provider_reference AS reference FROM payments`);
  const provider = await db<{ operation: string; target: string | null; amount: string | null }>(
    stack, 'payments', `SELECT operation, target_reference AS target, request->>'amountCents' AS amount FROM simulated_provider_operations WHERE result->>'status' = 'succeeded'`);
  const sold = await db<{ reference: string; productId: string; quantity: number }>(
    stack, 'catalog', `SELECT reference_id AS reference, product_id::text AS "productId", sum(quantity)::int AS quantity
                         FROM stock_movements WHERE type IN ('SALE', 'RETURN') AND reference_id IS NOT NULL GROUP BY 1, 2`);
  const reservations = await db<{ reference: string; status: string }>(stack, 'catalog', `SELECT reference, status FROM stock_reservations`);
  const notifications = await db<{ id: string; status: string; subject: string }>(
    stack, 'users', `SELECT id::text, status, subject FROM notifications WHERE template = 'order-confirmed' AND channel = 'EMAIL'`);
  const mailed = await mailFiles(stack.mailDir);

  const phaseOf = new Map(recorder.checkouts.map((c) => [`user:${c.userId}|${c.key}`, c.phase]));
  const sagaOfOrder = new Map(sagas.map((s) => [s.orderId, s]));
  const group = <T>(rows: T[], key: (r: T) => string) => {
    const map = new Map<string, T[]>();
    for (const r of rows) map.set(key(r), [...(map.get(key(r)) ?? []), r]);
    return map;
  };
  const paymentsOf = group(payments, (p) => p.orderId);
  const opsOf = group(provider.filter((o) => o.target), (o) => o.target!);
  const linesOf = group(lines, (l) => l.orderId);
  const soldOf = group(sold, (s) => s.reference);
  const reservationOf = new Map(reservations.map((r) => [r.reference, r.status]));
  const notificationsOf = group(notifications, (n) => n.subject);

  const facts: OrderFacts[] = orders.map((order) => {
    const saga = sagaOfOrder.get(order.id);
    const v: Violation[] = [];
    const bad = (kind: ViolationKind, detail: string) => v.push({ kind, detail, orderId: order.id });
    const confirmed = order.status === 'CONFIRMED';
    if (order.status !== 'CONFIRMED' && order.status !== 'CANCELLED') bad('order not settled', `order ${order.status}, saga ${saga?.state}`);

    // the provider's ledger: captures and refunds of the order's authorizations
    let captures = 0;
    let net = 0;
    for (const p of paymentsOf.get(order.id) ?? []) {
      for (const op of p.reference ? (opsOf.get(p.reference) ?? []) : []) {
        if (op.operation === 'capture') {
          captures += 1;
          net += Number(op.amount);
        } else if (op.operation === 'refund') net -= Number(op.amount);
      }
    }
    const total = Number(order.total);
    const capturedRows = (paymentsOf.get(order.id) ?? []).filter((p) => p.status === 'CAPTURED' && Number(p.captured) === total).length;
    if (confirmed) {
      if (captures > 1 || net > total) bad('double charge', `${captures} captures, ${net} of ${total} cents kept`);
      else if (net < total || capturedRows !== 1) bad('charge missing', `${net} of ${total} cents kept, ${capturedRows} CAPTURED payment rows`);
    } else if (net > 0) bad('charged, not confirmed', `order ${order.status}, ${net} cents kept`);

    // stock: a confirmed order's units sold once (its reservation committed), a cancelled one's given back
    const units = new Map((linesOf.get(order.id) ?? []).map((l) => [l.productId, l.quantity]));
    const moved = new Map((soldOf.get(order.id) ?? []).map((s) => [s.productId, -s.quantity]));
    for (const id of new Set([...units.keys(), ...moved.keys()])) {
      const expected = confirmed ? (units.get(id) ?? 0) : 0;
      if ((moved.get(id) ?? 0) !== expected) bad('stock of order', `product ${id}: ${moved.get(id) ?? 0} sold, ${expected} expected`);
    }
    const held = reservationOf.get(order.id);
    if (confirmed && held !== 'COMMITTED') bad('stock of order', `reservation ${held ?? 'missing'} for a confirmed order`);
    if (!confirmed && held === 'HELD') bad('stock of order', `reservation still HELD for a ${order.status} order`);

    // the confirmation message: exactly one SENT, exactly one mail file
    // the receipt's subject names the order by its number
    const messages = notificationsOf.get(`Order ${order.number} confirmed`) ?? [];
    const sent = messages.filter((n) => n.status === 'SENT');
    const files = messages.reduce((sum, n) => sum + (mailed.get(n.id) ?? 0), 0);
    if (confirmed) {
      if (sent.length === 0 || files === 0) bad('notification missing', `${messages.map((n) => n.status).join(', ') || 'no notification'}, ${files} mail files`);
      if (messages.length > 1 || sent.length > 1 || files > 1) bad('notification duplicate', `${messages.length} notifications, ${files} mail files`);
    } else if (messages.length) bad('notification duplicate', `${messages.length} confirmation(s) for a ${order.status} order`);

    const phase = saga ? (phaseOf.get(`${saga.buyer}|${saga.key}`) ?? 'unknown') : 'unknown';
    return { id: order.id, phase, status: order.status, captures, notificationsSent: sent.length, violations: v };
  });

  // what the clients were told
  const byId = new Map(facts.map((f) => [f.id, f]));
  const sagaOfKey = new Map(sagas.map((s) => [`${s.buyer}|${s.key}`, s]));
  const unknownCheckouts: Violation[] = [];
  for (const c of recorder.checkouts) {
    const saga = sagaOfKey.get(`user:${c.userId}|${c.key}`);
    const order = saga ? byId.get(saga.orderId) : undefined;
    if (c.result === 'confirmed') {
      const lost = !order || order.status !== 'CONFIRMED' || saga!.orderId !== c.orderId;
      if (lost) (order?.violations ?? unknownCheckouts).push({ kind: 'lost order', orderId: c.orderId, detail: `key ${c.key}: told CONFIRMED, database: ${order ? order.status : 'no order'}` });
    } else if (c.result === 'refused' && order?.status === 'CONFIRMED') {
      order.violations.push({ kind: 'told failed, confirmed', orderId: order.id, detail: `key ${c.key}: told ${c.detail}` });
    }
  }
  return { orders: facts, stock: await checkStockLevels(stack), unknownCheckouts };
}

/** Levels never negative nor reserved above on hand; on hand and reserved equal to the ledger; reserved equal to the held reservations. */
async function checkStockLevels(stack: Stack): Promise<Violation[]> {
  const rows = await db<{ productId: string; warehouseId: string; onHand: number; reserved: number; ledgerOnHand: number; ledgerReserved: number; held: number }>(
    stack, 'catalog',
    `SELECT s.product_id::text AS "productId", s.warehouse_id::text AS "warehouseId", s.on_hand AS "onHand", s.reserved,
            coalesce(m.on_hand, 0)::int AS "ledgerOnHand", coalesce(m.reserved, 0)::int AS "ledgerReserved", coalesce(h.held, 0)::int AS held
       FROM stock_levels s
       LEFT JOIN (SELECT product_id, warehouse_id,
                         sum(quantity) FILTER (WHERE type IN ('ADJUSTMENT', 'SALE', 'RETURN')) AS on_hand,
                         sum(quantity) FILTER (WHERE type IN ('RESERVATION', 'RELEASE', 'SALE')) AS reserved
                    FROM stock_movements GROUP BY 1, 2) m USING (product_id, warehouse_id)
       LEFT JOIN (SELECT l.product_id, l.warehouse_id, sum(l.quantity) AS held
                    FROM stock_reservation_lines l JOIN stock_reservations r ON r.id = l.reservation_id
                   WHERE r.status = 'HELD' GROUP BY 1, 2) h USING (product_id, warehouse_id)`,
  );
  const violations: Violation[] = [];
  for (const r of rows) {
    const where = `product ${r.productId} warehouse ${r.warehouseId.slice(0, 8)}`;
    if (r.onHand < 0 || r.reserved < 0 || r.reserved > r.onHand) violations.push({ kind: 'oversell', detail: `${where}: on hand ${r.onHand}, reserved ${r.reserved}` });
    if (r.onHand !== r.ledgerOnHand || r.reserved !== r.ledgerReserved) {
      violations.push({ kind: 'stock ledger', detail: `${where}: on hand ${r.onHand} (ledger ${r.ledgerOnHand}), reserved ${r.reserved} (ledger ${r.ledgerReserved})` });
    }
    if (r.reserved !== r.held) violations.push({ kind: 'stock ledger', detail: `${where}: reserved ${r.reserved}, held by reservations ${r.held}` });
  }
  return violations;
}

/** Mail files (`<created at>-<notification id>.json`) per notification id. */
async function mailFiles(dir: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const files = await readdir(dir).catch(() => [] as string[]);
  for (const f of files.filter((name) => name.endsWith('.json'))) {
    const summary = JSON.parse(await readFile(join(dir, f), 'utf8')) as { notificationId?: string };
    if (summary.notificationId) counts.set(summary.notificationId, (counts.get(summary.notificationId) ?? 0) + 1);
  }
  return counts;
}
