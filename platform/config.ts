/**
 * Configuration from the environment, validated at start. Every reader records what is wrong
 * instead of throwing at the first problem, so one start tells about every bad variable.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

export class Env {
  private readonly problems: string[] = [];
  constructor(private readonly source: NodeJS.ProcessEnv = process.env) {}

  private raw(name: string): string | undefined {
    const value = this.source[name];
    return value === undefined || value === '' ? undefined : value;
  }

  /** The first of `names` that is set; `fallback` when none is; a problem when none is and there is no fallback. */
  string(names: string | string[], fallback?: string): string {
    const list = Array.isArray(names) ? names : [names];
    for (const name of list) {
      const value = this.raw(name);
      if (value !== undefined) return value;
    }
    if (fallback === undefined) {
      this.problems.push(`${list.join(' or ')} is required`);
      return '';
    }
    return fallback;
  }

  optional(name: string): string | undefined {
    return this.raw(name);
  }

  int(name: string, fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      this.problems.push(`${name} must be an integer between ${min} and ${max} (got "${value}")`);
      return fallback;
    }
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(value)) return true;
    if (['0', 'false', 'no', 'off'].includes(value)) return false;
    this.problems.push(`${name} must be true or false (got "${value}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
      return fallback;
    }
    return value as T;
  }

  url(names: string | string[], fallback?: string, protocols?: string[]): string {
    const value = this.string(names, fallback);
    if (value) this.checkUrl(Array.isArray(names) ? names[0] : names, value, protocols);
    return value;
  }

  /** A comma-separated list of URLs; empty when unset. */
  urls(names: string | string[], protocols?: string[]): string[] {
    const list = Array.isArray(names) ? names : [names];
    const name = list.find((n) => this.raw(n) !== undefined);
    if (!name) return [];
    const values = this.raw(name)!.split(',').map((v) => v.trim()).filter(Boolean);
    for (const v of values) this.checkUrl(name, v, protocols);
    return values;
  }

  secret(name: string, devFallback: string, production: boolean): string {
    const value = this.raw(name);
    if (value === undefined) {
      if (production) this.problems.push(`${name} is required in production`);
      return devFallback;
    }
    if (value.length < 32) this.problems.push(`${name} must be at least 32 characters`);
    return value;
  }

  private checkUrl(name: string, value: string, protocols?: string[]) {
    try {
      const u = new URL(value);
      if (protocols && !protocols.includes(u.protocol.replace(/:$/, ''))) {
        this.problems.push(`${name} must be a ${protocols.join(' or ')} URL (got "${value}")`);
      }
    } catch {
      this.problems.push(`${name} is not a valid URL (got "${value}")`);
    }
  }

  /** Throws one ConfigError naming every problem found so far. */
  done(): void {
    if (this.problems.length) throw new ConfigError(this.problems);
  }
}

export type NodeEnv = 'development' | 'test' | 'production';

export interface CommonConfig {
  nodeEnv: NodeEnv;
  production: boolean;
  logLevel: string;
  redisUrl: string;
  internalSecret: string;
  jwt: { secret: string; issuer: string; audience: string; accessTtlSeconds: number };
}

const DEV_SECRET = 'development-only-secret-change-me-0123456789';

/** Settings every process shares: environment, Redis, the internal credential and the token rules. */
export function readCommonConfig(env: Env): CommonConfig {
  const nodeEnv = env.oneOf<NodeEnv>('NODE_ENV', ['development', 'test', 'production'], 'development');
  const production = nodeEnv === 'production';
  return {
    nodeEnv,
    production,
    logLevel: env.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], nodeEnv === 'test' ? 'warn' : 'info'),
    redisUrl: env.url('REDIS_URL', production ? undefined : 'redis://127.0.0.1:6380', ['redis', 'rediss']),
    internalSecret: env.secret('INTERNAL_SECRET', `${DEV_SECRET}-internal`, production),
    jwt: {
      secret: env.secret('JWT_SECRET', `${DEV_SECRET}-jwt`, production),
      issuer: env.string('JWT_ISSUER', 'commerce-supergraph'),
      audience: env.string('JWT_AUDIENCE', 'commerce-api'),
      accessTtlSeconds: env.int('JWT_ACCESS_TTL_SECONDS', 900, { min: 30, max: 86400 }),
    },
  };
}
