import { Counter } from 'prom-client';
import type { Logger } from '../logger';

const retries = new Counter({
  name: 'db_retries_total',
  help: 'Database work tried again after a retryable error (kind: read, write), and write failures left to the caller because their COMMIT may have happened (kind: ambiguous), by error code',
  labelNames: ['database', 'kind', 'code'] as const,
});

/**
 * SQLSTATEs after which the same work may simply be tried again: the server ended the connection
 * (57P01 admin shutdown, 57P02 crash shutdown, 57P03 starting up / shutting down), the connection
 * broke (08xxx), or the transaction was rolled back to resolve a conflict (40001 serialization
 * failure, 40P01 deadlock).
 */
const RETRYABLE_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '40001', '40P01']);
/** Transaction conflicts: the server rolled the transaction back, even when COMMIT itself failed. */
const ROLLED_BACK = new Set(['40001', '40P01']);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE']);
const LOST_CONNECTION = /connection terminated|terminating connection|server closed the connection|not queryable|connection ended|socket hang up/i;

function codeOf(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | undefined;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Why `error` may be retried (its SQLSTATE or errno, or `connection` for a dropped connection), or undefined. */
export function retryableReason(error: unknown): string | undefined {
  const code = codeOf(error);
  if (code && (RETRYABLE_CODES.has(code) || NETWORK_CODES.has(code))) return code;
  const message = String((error as Error)?.message ?? error ?? '');
  return LOST_CONNECTION.test(message) ? 'connection' : undefined;
}

/** The transaction was certainly rolled back by the server (a conflict), so nothing of it committed. */
export const rolledBack = (error: unknown): boolean => ROLLED_BACK.has(codeOf(error) ?? '');

/**
 * The connection was lost while COMMIT was in flight: the transaction may or may not have
 * committed. It is never retried blindly; callers make such work safe to repeat with their own
 * key (the checkout's idempotency key, a job id in processed_jobs, a unique reference).
 */
export class AmbiguousCommitError extends Error {
  readonly code = 'AMBIGUOUS_COMMIT';
  constructor(override readonly cause: unknown) {
    super(`The connection was lost during COMMIT: the transaction may have committed (${String((cause as Error)?.message ?? cause)})`);
    this.name = 'AmbiguousCommitError';
  }
}

export interface RetryPolicy {
  /** Tries in all, the first included; 1 turns retries off. */
  attempts: number;
  /** The first pause; each next one doubles, up to `maxDelayMs`, with full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const RETRY_DEFAULTS: RetryPolicy = { attempts: 6, baseDelayMs: 100, maxDelayMs: 2_000 };

/** The pause before try `attempt + 1`: a random time up to base·2^(attempt-1), capped ("full jitter"). */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/**
 * Runs `fn` and, when it fails with an error `mayRetry` accepts, runs it again after a backoff, at
 * most `policy.attempts` times in all. Each retry is counted in `db_retries_total` and logged.
 */
export async function withRetry<T>(
  what: { database: string; kind: 'read' | 'write'; log: Logger },
  policy: RetryPolicy,
  fn: (attempt: number) => Promise<T>,
  mayRetry: (error: unknown) => string | undefined = retryableReason,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      const reason = mayRetry(error);
      if (!reason || attempt >= policy.attempts) throw error;
      const delayMs = backoffMs(policy, attempt);
      retries.inc({ database: what.database, kind: what.kind, code: reason });
      what.log.warn({ database: what.database, kind: what.kind, code: reason, attempt, delayMs, error: String((error as Error)?.message ?? error) }, 'database error: trying again');
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

/** Counts a write whose COMMIT may or may not have happened. */
export function countAmbiguous(database: string, error: unknown): void {
  retries.inc({ database, kind: 'ambiguous', code: retryableReason(error) ?? 'unknown' });
}
