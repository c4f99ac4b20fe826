import { Counter } from 'prom-client';
import type { Logger } from '../logger';

const fallbacks = new Counter({
  name: 'db_replica_fallbacks_total',
  help: 'Reads sent to the primary because the replica could not be reached (reason: unreachable, timeout) or was skipped after a recent failure (skipped)',
  labelNames: ['database', 'reason'] as const,
});

/** Why a read left the replica for the primary. */
export type FallbackReason = 'unreachable' | 'timeout' | 'skipped';

/**
 * A short circuit breaker in front of one database's replicas: after a failure to reach them,
 * reads go to the primary for `retryMs`, then the next read tries the replica again.
 */
export class ReplicaBreaker {
  private openUntil = 0;

  constructor(
    private readonly database: string,
    private readonly log: Logger,
    private readonly retryMs: number,
  ) {}

  /** False while the breaker is open (the read is counted as skipped). */
  allows(): boolean {
    if (Date.now() >= this.openUntil) return true;
    fallbacks.inc({ database: this.database, reason: 'skipped' });
    return false;
  }

  /** The replica failed to answer a connection: open the breaker. */
  failed(error: unknown): void {
    const reason: FallbackReason = /timeout/i.test(String((error as Error)?.message ?? error)) ? 'timeout' : 'unreachable';
    fallbacks.inc({ database: this.database, reason });
    if (Date.now() >= this.openUntil) {
      this.log.warn({ database: this.database, reason, err: error, retryInMs: this.retryMs }, 'replica unavailable: reading from the primary');
    }
    this.openUntil = Date.now() + this.retryMs;
  }

  /** A connection to the replica succeeded. */
  recovered(): void {
    if (this.openUntil === 0) return;
    this.openUntil = 0;
    this.log.info({ database: this.database }, 'replica reachable again: reads go back to it');
  }
}
