import type { CheckResult, Violation, ViolationKind } from './checks';
import type { CheckoutRecord, Window } from './recorder';

/** One fault phase, measured. */
export interface PhaseSummary {
  fault: string;
  description: string;
  /** What inject and heal reported (e.g. whether a job was active when the worker was killed). */
  notes: string[];
  /** Processes that exited on their own during the phase (started again after 1 s, as a supervisor would). */
  crashes: string[];
  seconds: { warmup: number; fault: number };
  /** Requests of the whole phase, and of its parts. */
  all: Window;
  before: Window;
  during: Window;
  after: Window;
  /** From the heal until requests succeed again; null: not within the deadline. */
  recoverMs: number | null;
  /** Requests that failed after that all the same (e.g. a checkout interrupted by the fault, answered CHECKOUT_FAILED once its saga was undone). */
  failedAfterRecovery: number;
  /** From the heal until nothing is under way (outboxes, queues, sagas, payments, messages); null: not within the deadline. */
  consistentMs: number | null;
  /** What was still under way when the drain gave up. */
  drainLeft: Record<string, number> | null;
  checkouts: { attempted: number; confirmedToClient: number; refused: Record<string, number>; unresolved: number; attempts: number };
  orders: { confirmed: number; cancelled: number; other: number };
  /** Successful captures of the provider for this phase's orders. */
  charges: number;
  notifications: { sent: number; perConfirmedOrder: number | null };
  violations: Partial<Record<ViolationKind, number>>;
  stockViolations: number;
  examples: Violation[];
  /** Every request of the phase: [ms after the phase began, ms it took, operation, outcome, codes]. */
  timeline?: [number, number, string, string, string][];
  /** When the fault began and ended and the load stopped, ms after the phase began. */
  marks?: { injectMs: number; healMs: number; loadStoppedMs: number };
}

const STOCK_KINDS: ViolationKind[] = ['oversell', 'stock ledger', 'stock of order'];

/** The phase's row: its checkouts as the clients saw them, and the database's view of its orders. */
export function summarize(
  base: Omit<PhaseSummary, 'checkouts' | 'orders' | 'charges' | 'notifications' | 'violations' | 'stockViolations' | 'examples'>,
  checkouts: CheckoutRecord[],
  checked: CheckResult,
  phases: string[],
): PhaseSummary {
  const mine = checkouts.filter((c) => phases.includes(c.phase));
  const refused: Record<string, number> = {};
  for (const c of mine.filter((x) => x.result === 'refused')) refused[c.detail ?? '?'] = (refused[c.detail ?? '?'] ?? 0) + 1;
  const orders = checked.orders.filter((o) => phases.includes(o.phase) || (phases.length > 1 && o.phase === 'unknown'));
  const confirmed = orders.filter((o) => o.status === 'CONFIRMED');
  const violations: Violation[] = [...orders.flatMap((o) => o.violations), ...checked.stock, ...(phases.length > 1 ? checked.unknownCheckouts : [])];
  const byKind: Partial<Record<ViolationKind, number>> = {};
  for (const v of violations) byKind[v.kind] = (byKind[v.kind] ?? 0) + 1;
  const sent = confirmed.reduce((s, o) => s + o.notificationsSent, 0);
  return {
    ...base,
    checkouts: {
      attempted: mine.length,
      confirmedToClient: mine.filter((c) => c.result === 'confirmed').length,
      refused,
      unresolved: mine.filter((c) => c.result === 'unresolved').length,
      attempts: mine.reduce((s, c) => s + c.attempts, 0),
    },
    orders: {
      confirmed: confirmed.length,
      cancelled: orders.filter((o) => o.status === 'CANCELLED').length,
      other: orders.filter((o) => o.status !== 'CONFIRMED' && o.status !== 'CANCELLED').length,
    },
    charges: orders.reduce((s, o) => s + o.captures, 0),
    notifications: { sent, perConfirmedOrder: confirmed.length ? sent / confirmed.length : null },
    violations: byKind,
    stockViolations: violations.filter((v) => STOCK_KINDS.includes(v.kind)).length,
    examples: violations.slice(0, 8),
  };
}

/** Exactly-once violations of a row (availability is not one). */
export const violationCount = (s: PhaseSummary) => Object.values(s.violations).reduce((a, b) => a + (b ?? 0), 0);
