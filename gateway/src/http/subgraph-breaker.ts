import { Gauge } from 'prom-client';

export interface SubgraphBreakerOptions {
  /** Consecutive failed calls that open the breaker. */
  failures: number;
  /** How long an open breaker fails calls at once before one call may try again. */
  openMs: number;
}

const open = new Gauge({
  name: 'gateway_subgraph_breaker_open',
  help: '1 while the gateway fails calls to a subgraph at once after repeated failures',
  labelNames: ['subgraph'] as const,
});

/**
 * A circuit breaker per subgraph: after `failures` calls in a row failed (no answer, a timeout, a
 * 5xx), calls fail at once for `openMs`; then one call goes through (half-open) and its outcome
 * closes the breaker or opens it again.
 */
export class SubgraphBreaker {
  private consecutive = 0;
  private openUntil = 0;
  private probing = false;

  constructor(
    private readonly subgraph: string,
    private readonly options: SubgraphBreakerOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether a call may go out now. */
  allows(): boolean {
    if (this.consecutive < this.options.failures) return true;
    if (this.now() < this.openUntil || this.probing) return false;
    this.probing = true;
    return true;
  }

  succeeded(): void {
    this.consecutive = 0;
    this.probing = false;
    open.set({ subgraph: this.subgraph }, 0);
  }

  failed(): void {
    this.consecutive += 1;
    this.probing = false;
    if (this.consecutive >= this.options.failures) {
      this.openUntil = this.now() + this.options.openMs;
      open.set({ subgraph: this.subgraph }, 1);
    }
  }
}
