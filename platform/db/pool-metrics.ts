import { Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

const tracked = new Map<string, DataSource>();

/** Connections of each database's pools (primary and replicas), read when /metrics is scraped. */
new Gauge({
  name: 'db_pool_connections',
  help: 'Database pool connections by database, server (primary/replica) and state (total, idle, waiting clients)',
  labelNames: ['database', 'target', 'state'] as const,
  collect() {
    this.reset();
    for (const [database, dataSource] of tracked) {
      if (!dataSource.isInitialized) continue;
      const driver = dataSource.driver as unknown as { master?: PgPool; slaves?: PgPool[] };
      const pools: [string, PgPool[]][] = [['primary', driver.master ? [driver.master] : []], ['replica', driver.slaves ?? []]];
      for (const [target, list] of pools) {
        if (!list.length) continue;
        const sum = (f: keyof PgPool) => list.reduce((n, p) => n + (p[f] ?? 0), 0);
        this.set({ database, target, state: 'total' }, sum('totalCount'));
        this.set({ database, target, state: 'idle' }, sum('idleCount'));
        this.set({ database, target, state: 'waiting' }, sum('waitingCount'));
      }
    }
  },
});

/** Reports `dataSource`'s pools under `database` on /metrics. */
export function trackPool(database: string, dataSource: DataSource): void {
  tracked.set(database, dataSource);
}
