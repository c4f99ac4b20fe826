import type { Outcome } from './client';

export interface RequestRecord {
  operation: string;
  start: number;
  end: number;
  outcome: Outcome;
  codes: string[];
}

/** One checkout as its client saw it: every attempt carried the same idempotency key. */
export interface CheckoutRecord {
  key: string;
  userId: string;
  cartId: string;
  phase: string;
  attempts: number;
  startedAt: number;
  answeredAt?: number;
  /** confirmed: an order CONFIRMED came back; refused: a definite userError; unresolved: no definite answer before the deadline. */
  result: 'confirmed' | 'refused' | 'unresolved';
  /** The userError code of a refusal, or the last indefinite answer's codes. */
  detail?: string;
  orderId?: string;
}

/** Everything the virtual users did, by phase. */
export class Recorder {
  phase = 'start';
  readonly requests = new Map<string, RequestRecord[]>();
  readonly checkouts: CheckoutRecord[] = [];

  record(request: RequestRecord): void {
    const list = this.requests.get(this.phase) ?? [];
    list.push(request);
    this.requests.set(this.phase, list);
  }

  of(phase: string): RequestRecord[] {
    return this.requests.get(phase) ?? [];
  }
}

export interface Window {
  requests: number;
  ok: number;
  partial: number;
  failed: number;
  /** Share answered in full or in part (0..1); null without requests. */
  availability: number | null;
  errors: Record<string, number>;
  /** Per operation: [requests, answered in full or in part, longest in ms]. */
  byOperation: Record<string, [number, number, number]>;
  /** Latency of the requests, milliseconds. */
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

const empty = (): Window => ({ requests: 0, ok: 0, partial: 0, failed: 0, availability: null, errors: {}, byOperation: {}, p50Ms: null, p99Ms: null, maxMs: null });

/**
 * The requests under way at some time within [from, to): started before `to` and finished after
 * `from` (a request that hangs through a fault counts), or with `startedWithin`, only those that started in it.
 */
export function windowOf(requests: RequestRecord[], from: number, to: number, startedWithin = false): Window {
  const w = empty();
  const latencies: number[] = [];
  for (const r of requests) {
    if (startedWithin ? r.start < from || r.start >= to : r.start >= to || r.end < from) continue;
    w.requests += 1;
    w[r.outcome] += 1;
    latencies.push(r.end - r.start);
    const byOp = (w.byOperation[r.operation] ??= [0, 0, 0]);
    byOp[0] += 1;
    if (r.outcome !== 'failed') byOp[1] += 1;
    byOp[2] = Math.max(byOp[2], r.end - r.start);
    if (r.outcome !== 'ok') for (const code of r.codes) w.errors[code] = (w.errors[code] ?? 0) + 1;
  }
  w.availability = w.requests ? (w.ok + w.partial) / w.requests : null;
  latencies.sort((a, b) => a - b);
  if (latencies.length) {
    w.p50Ms = latencies[Math.floor(latencies.length * 0.5)];
    w.p99Ms = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))];
    w.maxMs = latencies[latencies.length - 1];
  }
  return w;
}

/**
 * Requests succeed again: the time from `since` to the end of the last request (finished after
 * `since`) that was not answered in full, provided at least `okInARow` requests finished after it,
 * all in full, over at least 2 s. Undefined while that is not the case yet.
 */
export function recoveredAfter(requests: RequestRecord[], since: number, okInARow: number, now = Date.now()): number | undefined {
  const after = requests.filter((r) => r.end >= since).sort((a, b) => a.end - b.end);
  let lastBad = since;
  for (const r of after) if (r.outcome !== 'ok') lastBad = r.end;
  const good = after.filter((r) => r.end > lastBad);
  if (good.length < okInARow || now - lastBad < 2000) return undefined;
  return lastBad - since;
}

/** Several windows as one. */
export function mergeWindows(windows: Window[]): Window {
  const m = empty();
  for (const w of windows) {
    m.maxMs = w.maxMs === null ? m.maxMs : Math.max(m.maxMs ?? 0, w.maxMs);
    m.requests += w.requests;
    m.ok += w.ok;
    m.partial += w.partial;
    m.failed += w.failed;
    for (const [k, n] of Object.entries(w.errors)) m.errors[k] = (m.errors[k] ?? 0) + n;
    for (const [k, [t, a, x]] of Object.entries(w.byOperation)) {
      const o = (m.byOperation[k] ??= [0, 0, 0]);
      o[0] += t;
      o[1] += a;
      o[2] = Math.max(o[2], x);
    }
  }
  m.availability = m.requests ? (m.ok + m.partial) / m.requests : null;
  return m;
}
