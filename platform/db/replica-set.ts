import { Counter, Gauge } from 'prom-client';
import type { DataSource, QueryRunner } from 'typeorm';
import type { Logger } from '../logger';
import { isLsn, lsnToBigInt } from './lsn';

interface PgPool {
  connect(callback: (err: Error | undefined, client: unknown, release: (err?: unknown) => void) => void): void;
  query(sql: string): Promise<{ rows: Record<string, unknown>[] }>;
}
interface ReplicatedDriver {
  master: PgPool;
  slaves: PgPool[];
  obtainSlaveConnection(): Promise<[unknown, (err?: unknown) => void]>;
}

const fallbacks = new Counter({
  name: 'db_replica_fallbacks_total',
  help: 'Reads sent to the primary instead of a replica (reason: unreachable, timeout — a replica failed to connect —, behind — none had replayed the caller\'s position —, skipped — every replica was skipped as unreachable or lagging)',
  labelNames: ['database', 'reason'] as const,
});

/** Why a read left the replicas for the primary. */
export type FallbackReason = 'unreachable' | 'timeout' | 'behind' | 'skipped';

export function countFallback(database: string, reason: FallbackReason): void {
  fallbacks.inc({ database, reason });
}

/** A connection failure's reason: it timed out, or was refused/reset. */
export const connectFailure = (error: unknown): FallbackReason =>
  /timeout/i.test(String((error as Error)?.message ?? error)) ? 'timeout' : 'unreachable';

const skips = new Counter({
  name: 'db_replica_skips_total',
  help: 'Reads that passed over one replica (reason: unreachable, lagging — behind the primary by more than DATABASE_REPLICA_MAX_LAG_MS —, behind — not yet at the caller\'s position)',
  labelNames: ['database', 'replica', 'reason'] as const,
});
const lagGauge = new Gauge({
  name: 'db_replica_lag_seconds',
  help: 'How far each replica is behind its primary, as the last periodic check saw it (-1: the check failed)',
  labelNames: ['database', 'replica'] as const,
});

export type SkipReason = 'unreachable' | 'lagging' | 'behind';

interface ReplicaState {
  /** 1-based, as in `replica1`. */
  number: number;
  /** The latest replay position a check or a read saw: it only moves forward. */
  replayLsn?: bigint;
  /** Time of the latest primary sample the replica has replayed. */
  caughtUpAt: number;
  lagging: boolean;
  unreachableUntil: number;
}

export interface ReplicaSetOptions {
  /** A replica behind the primary by more than this is skipped until it catches up. */
  maxLagMs: number;
  /** How often each process measures every replica's lag (one query per server). */
  checkEveryMs: number;
  /** After a replica could not be reached, reads skip it for this long. */
  retryMs: number;
}

/**
 * One database's replicas as reads see them. TypeORM picks a replica at random; here a read asks
 * for one: `candidates(wanted)` gives the usable replicas in a random order, those known to be
 * past `wanted` first, and `connect(i)` opens a query runner on that one.
 *
 * A timer measures lag cheaply, never per query: every `checkEveryMs` it samples the primary's
 * WAL position and each replica's replay position. A replica's lag is the age of the newest
 * primary sample it has replayed (0 while it keeps up, however idle the primary). A replica
 * lagging more than `maxLagMs`, or unreachable, is skipped (a metric and one log line) and used
 * again once a check sees it back.
 */
export class ReplicaSet {
  private readonly replicas: ReplicaState[];
  private samples: { at: number; lsn: bigint }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private checking = false;
  private nextReplica: number | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly database: string,
    count: number,
    private readonly log: Logger,
    private readonly options: ReplicaSetOptions,
  ) {
    this.replicas = Array.from({ length: count }, (_, k) => ({ number: k + 1, caughtUpAt: Date.now(), lagging: false, unreachableUntil: 0 }));
  }

  get size(): number {
    return this.replicas.length;
  }

  /** Routes TypeORM's replica connections through `connect(i)`; call once the DataSource is initialised. */
  private install(): void {
    const driver = this.dataSource.driver as unknown as ReplicatedDriver;
    if ((driver as unknown as { replicaSetInstalled?: boolean }).replicaSetInstalled) return;
    (driver as unknown as { replicaSetInstalled?: boolean }).replicaSetInstalled = true;
    const original = driver.obtainSlaveConnection.bind(driver);
    driver.obtainSlaveConnection = () => {
      const index = this.nextReplica;
      this.nextReplica = undefined;
      const pool = index === undefined ? undefined : driver.slaves[index];
      if (!pool) return original();
      return new Promise((resolve, reject) =>
        pool.connect((err, client, release) => (err ? reject(err) : resolve([client, release]))),
      );
    };
  }

  /** Starts the periodic lag check (idempotent); it stops with the DataSource. */
  start(): void {
    if (this.timer || !this.dataSource.isInitialized) return;
    this.install();
    this.timer = setInterval(() => void this.check(), this.options.checkEveryMs);
    this.timer.unref();
    void this.check();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Replica indexes (0-based) a read may use, best first; the others are counted as skipped. */
  candidates(wanted?: string): number[] {
    this.start();
    const now = Date.now();
    const usable: ReplicaState[] = [];
    for (const r of this.replicas) {
      if (r.unreachableUntil > now) this.skipped(r, 'unreachable');
      else if (r.lagging) this.skipped(r, 'lagging');
      else usable.push(r);
    }
    // a random order spreads reads over the replicas
    for (let i = usable.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [usable[i], usable[j]] = [usable[j], usable[i]];
    }
    if (isLsn(wanted)) {
      const target = lsnToBigInt(wanted);
      usable.sort((a, b) => Number(this.knownPast(b, target)) - Number(this.knownPast(a, target)));
    }
    return usable.map((r) => r.number - 1);
  }

  /** True when a check or a read already saw replica `index` replay `wanted`: no need to ask it. */
  knownAt(index: number, wanted: string): boolean {
    return this.knownPast(this.replicas[index], lsnToBigInt(wanted));
  }

  /** A query runner on replica `index`, connected; throws when the replica cannot be reached. */
  async connect(index: number): Promise<QueryRunner> {
    this.install();
    const runner = this.dataSource.createQueryRunner('slave');
    // obtainSlaveConnection reads nextReplica synchronously inside connect()
    this.nextReplica = index;
    const connecting = runner.connect();
    this.nextReplica = undefined;
    try {
      await connecting;
      this.reachable(this.replicas[index]);
      return runner;
    } catch (error) {
      await runner.release().catch(() => undefined);
      this.unreachable(this.replicas[index], error);
      throw error;
    }
  }

  /** A read saw replica `index` at `lsn` (or found it behind `wanted`: counted as skipped). */
  saw(index: number, lsn: string | undefined, behind: boolean): void {
    const r = this.replicas[index];
    if (isLsn(lsn)) r.replayLsn = maxBig(r.replayLsn, lsnToBigInt(lsn));
    if (behind) this.skipped(r, 'behind');
  }

  /** The last measured lag of each replica, in ms (undefined: not measured yet). */
  lagMs(): (number | undefined)[] {
    return this.replicas.map((r) => (r.replayLsn === undefined ? undefined : this.lagOf(r)));
  }

  /** One round of lag measurement now (also what the timer runs). */
  async check(): Promise<void> {
    if (this.checking || !this.dataSource.isInitialized) return;
    this.checking = true;
    try {
      const driver = this.dataSource.driver as unknown as ReplicatedDriver;
      const [primary] = (await driver.master.query('SELECT pg_current_wal_lsn()::text AS lsn').catch(() => ({ rows: [] }))).rows;
      const now = Date.now();
      if (isLsn(primary?.lsn)) {
        this.samples.push({ at: now, lsn: lsnToBigInt(primary.lsn) });
        const keep = Math.max(8, Math.ceil((this.options.maxLagMs * 4) / this.options.checkEveryMs));
        if (this.samples.length > keep) this.samples = this.samples.slice(-keep);
      }
      await Promise.all(
        this.replicas.map(async (r, index) => {
          const pool = driver.slaves[index];
          if (!pool) return;
          try {
            const [row] = (await pool.query('SELECT pg_last_wal_replay_lsn()::text AS lsn')).rows;
            this.reachable(r);
            if (isLsn(row?.lsn)) r.replayLsn = maxBig(r.replayLsn, lsnToBigInt(row.lsn));
            this.noteLag(r);
          } catch (error) {
            lagGauge.set({ database: this.database, replica: String(r.number) }, -1);
            this.unreachable(r, error);
          }
        }),
      );
    } finally {
      this.checking = false;
    }
  }

  private knownPast(r: ReplicaState, target: bigint): boolean {
    return r.replayLsn !== undefined && r.replayLsn >= target;
  }

  private lagOf(r: ReplicaState): number {
    const now = Date.now();
    if (!this.samples.length || r.replayLsn === undefined) return 0;
    // the newest sample the replica has replayed; none: older than every sample kept
    for (let i = this.samples.length - 1; i >= 0; i--) {
      if (this.samples[i].lsn <= r.replayLsn) {
        r.caughtUpAt = Math.max(r.caughtUpAt, this.samples[i].at);
        return i === this.samples.length - 1 ? 0 : now - this.samples[i + 1].at;
      }
    }
    return now - Math.min(r.caughtUpAt, this.samples[0].at);
  }

  private noteLag(r: ReplicaState): void {
    const lag = this.lagOf(r);
    lagGauge.set({ database: this.database, replica: String(r.number) }, lag / 1000);
    const lagging = lag > this.options.maxLagMs;
    if (lagging === r.lagging) return;
    r.lagging = lagging;
    if (lagging) this.log.warn({ database: this.database, replica: r.number, lagMs: lag, maxLagMs: this.options.maxLagMs }, 'replica lagging: reads skip it');
    else this.log.info({ database: this.database, replica: r.number, lagMs: lag }, 'replica caught up: reads use it again');
  }

  private unreachable(r: ReplicaState, error: unknown): void {
    if (r.unreachableUntil <= Date.now()) {
      this.log.warn({ database: this.database, replica: r.number, err: error, retryInMs: this.options.retryMs }, 'replica unreachable: reads skip it');
    }
    r.unreachableUntil = Date.now() + this.options.retryMs;
  }

  private reachable(r: ReplicaState): void {
    if (r.unreachableUntil === 0) return;
    r.unreachableUntil = 0;
    this.log.info({ database: this.database, replica: r.number }, 'replica reachable again: reads use it');
  }

  private skipped(r: ReplicaState, reason: SkipReason): void {
    skips.inc({ database: this.database, replica: String(r.number), reason });
  }
}

const maxBig = (a: bigint | undefined, b: bigint) => (a === undefined || b > a ? b : a);
