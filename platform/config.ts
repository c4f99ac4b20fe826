import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createPublicKey } from 'node:crypto';
import { localAccessKeys, keyThumbprint, parseJwks, parsePrivateKey, type AccessKeys } from './auth/access-keys';

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

  /**
   * A shared secret. In production it must be set, must not be a placeholder or one of the
   * repository's development values, and must look random: at least 32 characters and about
   * 128 bits or more by its character frequencies (e.g. `npm run secrets`, 32 random bytes).
   */
  secret(name: string, devFallback: string, production: boolean): string {
    const value = this.raw(name);
    if (value === undefined) {
      if (production) this.problems.push(`${name} is required in production`);
      return devFallback;
    }
    if (value.length < 32) this.problems.push(`${name} must be at least 32 characters`);
    else if (production) {
      const weak = secretWeakness(value);
      if (weak) this.problems.push(`${name} ${weak}: generate one with \`npm run secrets\``);
    }
    return value;
  }

  /** Records a problem found by a reader outside this class. */
  invalid(problem: string): void {
    this.problems.push(problem);
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

/** Words that mark a value as a placeholder, never a real secret. */
const PLACEHOLDER_WORDS = ['change-me', 'changeme', 'change_me', 'development-only', 'example', 'secret', 'placeholder', 'password', 'replace'];

/** Shannon entropy of `value` by its character frequencies, in bits for the whole string. */
export function estimatedEntropyBits(value: string): number {
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  let perCharacter = 0;
  for (const n of counts.values()) perCharacter -= (n / value.length) * Math.log2(n / value.length);
  return perCharacter * value.length;
}

/** Why `value` is no production secret, or null when it will do. */
export function secretWeakness(value: string): string | null {
  const lower = value.toLowerCase();
  if (value === DEV_SECRET || lower.startsWith(DEV_SECRET) || PLACEHOLDER_WORDS.some((w) => lower.includes(w))) return 'is a placeholder';
  if (value.length < 32) return 'must be at least 32 characters';
  if (new Set(value).size < 10 || estimatedEntropyBits(value) < 128) return 'is not random enough (under 128 bits)';
  return null;
}

export type NodeEnv = 'development' | 'test' | 'production';

export interface CommonConfig {
  nodeEnv: NodeEnv;
  production: boolean;
  logLevel: string;
  redisUrl: string;
  internalSecret: string;
  jwt: { keys: AccessKeys; issuer: string; audience: string; accessTtlSeconds: number };
}

const DEV_SECRET = 'development-only-secret-change-me-0123456789';

/** The folder holding package.json, from the sources and from dist/ alike. */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const ENV_FOLDER: Record<NodeEnv, string> = { development: 'dev', test: 'test', production: 'production' };

/** Where development and tests keep their generated access-token key pair (JWT_KEY_DIR overrides). */
export function defaultKeyFolder(nodeEnv: NodeEnv): string {
  return join(projectRoot(), '.data', ENV_FOLDER[nodeEnv], 'keys');
}

function fileOrValue(env: Env, fileName: string, valueName: string): string | undefined {
  const file = env.optional(fileName);
  if (file) {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      env.invalid(`${fileName}: cannot read ${file} (${(error as Error).message})`);
      return undefined;
    }
  }
  return env.optional(valueName);
}

/**
 * The access-token keys: the signing key (JWT_PRIVATE_KEY_FILE or JWT_PRIVATE_KEY, PEM, EC P-256;
 * JWT_KEY_ID names it, by default its RFC 7638 thumbprint) and the public key set to verify with
 * (JWT_JWKS_FILE or JWT_PUBLIC_KEYS, a JWKS document). Without any of them, outside production,
 * a key pair generated once under .data/<env>/keys/ (or JWT_KEY_DIR).
 */
export function readAccessKeys(env: Env, nodeEnv: NodeEnv): AccessKeys {
  const privatePem = fileOrValue(env, 'JWT_PRIVATE_KEY_FILE', 'JWT_PRIVATE_KEY');
  const jwks = fileOrValue(env, 'JWT_JWKS_FILE', 'JWT_PUBLIC_KEYS');
  if (privatePem === undefined && jwks === undefined) {
    if (nodeEnv === 'production') {
      if (!env.optional('JWT_PRIVATE_KEY_FILE') && !env.optional('JWT_JWKS_FILE')) {
        env.invalid('JWT_JWKS_FILE (or JWT_PUBLIC_KEYS) is required in production, and JWT_PRIVATE_KEY_FILE where tokens are issued');
      }
      return { verify: new Map() };
    }
    return localAccessKeys(env.optional('JWT_KEY_DIR') ?? defaultKeyFolder(nodeEnv));
  }
  let signing: AccessKeys['signing'];
  let verify = new Map<string, import('node:crypto').KeyObject>();
  if (privatePem !== undefined) {
    try {
      const key = parsePrivateKey(privatePem);
      signing = { kid: env.optional('JWT_KEY_ID') ?? keyThumbprint(createPublicKey(key)), key };
    } catch (error) {
      env.invalid(`JWT_PRIVATE_KEY_FILE / JWT_PRIVATE_KEY: ${(error as Error).message}`);
    }
  }
  if (jwks !== undefined) {
    try {
      verify = parseJwks(jwks);
    } catch (error) {
      env.invalid(`JWT_JWKS_FILE / JWT_PUBLIC_KEYS: ${(error as Error).message}`);
    }
    if (signing && verify.size) {
      const published = verify.get(signing.kid);
      if (!published) env.invalid(`the signing key ${signing.kid} is not in the key set: publish its public key first`);
      else if (!published.equals(createPublicKey(signing.key))) env.invalid(`the key set's ${signing.kid} is not the signing key's public key`);
    }
  } else if (signing) {
    verify.set(signing.kid, createPublicKey(signing.key));
  }
  return { signing, verify };
}

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
      keys: readAccessKeys(env, nodeEnv),
      issuer: env.string('JWT_ISSUER', 'commerce-supergraph'),
      audience: env.string('JWT_AUDIENCE', 'commerce-api'),
      accessTtlSeconds: env.int('JWT_ACCESS_TTL_SECONDS', 900, { min: 30, max: 86400 }),
    },
  };
}
