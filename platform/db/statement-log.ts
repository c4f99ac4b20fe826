import type { Logger as TypeOrmLogger, QueryRunner } from 'typeorm';
import { Counter } from 'prom-client';
import type { Logger } from '../logger';

export type StatementTarget = 'primary' | 'replica';

const statements = new Counter({
  name: 'db_statements_total',
  help: 'SQL statements sent, by database and by server (primary or replica)',
  labelNames: ['database', 'target'] as const,
});

type Listener = (target: StatementTarget, sql: string) => void;

/**
 * TypeORM logger that counts every statement by the server it went to, for the metrics and for
 * tests that assert how many statements a request costs. Listeners see each statement as it is sent.
 */
export class StatementLog implements TypeOrmLogger {
  private readonly listeners = new Set<Listener>();

  constructor(private readonly database: string, private readonly logger: Logger) {}

  /** Calls `listener` for every statement until the returned function is called. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  logQuery(query: string, _parameters?: unknown[], queryRunner?: QueryRunner) {
    const target: StatementTarget = queryRunner?.getReplicationMode() === 'slave' ? 'replica' : 'primary';
    statements.inc({ database: this.database, target });
    for (const l of this.listeners) l(target, query);
    if (this.logger.isLevelEnabled('trace')) this.logger.trace({ target, sql: query }, 'sql');
  }
  logQueryError(error: string | Error, query: string) {
    // expected failures (a unique violation turned into a userError) are handled by the caller;
    // unexpected ones surface, and are logged, as internal errors
    this.logger.debug({ err: error, sql: query }, 'sql failed');
  }
  logQuerySlow(time: number, query: string) {
    this.logger.warn({ ms: time, sql: query }, 'slow sql');
  }
  logSchemaBuild() {}
  logMigration(message: string) {
    this.logger.info(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown) {
    if (level === 'warn') this.logger.warn(String(message));
  }
}

/** Counts statements by target while `fn` runs. */
export async function countStatements<T>(logs: StatementLog[], fn: () => Promise<T>) {
  const counts = { primary: 0, replica: 0, total: 0, sql: [] as string[] };
  const stops = logs.map((l) =>
    l.listen((target, sql) => {
      counts[target] += 1;
      counts.total += 1;
      counts.sql.push(sql);
    }),
  );
  try {
    const result = await fn();
    return { result, counts };
  } finally {
    stops.forEach((stop) => stop());
  }
}
