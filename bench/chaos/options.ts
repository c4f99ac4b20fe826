import { join, resolve } from 'node:path';

/** How long each part of a fault phase lasts, and how hard the load pushes. */
export interface Profile {
  name: 'full' | 'ci';
  /** Concurrent virtual users (each signs in as its own demo customer). */
  users: number;
  /** Seconds of load before the fault. */
  warmupSeconds: number;
  /** Seconds the fault lasts (between inject and heal). */
  holdSeconds: number;
  /** Longest wait, after the heal, for requests to succeed again. */
  recoverSeconds: number;
  /** Requests that must succeed in a row (and 2 s of them) to call the system recovered. */
  recoveredAfterOk: number;
  /** Longest wait for outboxes, queues and sagas to settle once the load stopped. */
  drainSeconds: number;
  /** Longest wait before the last check, for everything left over by any phase. */
  finalDrainSeconds: number;
  /** A client gives up repeating one checkout (same idempotency key) after this long. */
  checkoutDeadlineSeconds: number;
  /** Pause between a virtual user's requests (milliseconds, uniformly up to this). */
  thinkMs: number;
}

export const PROFILES: Record<Profile['name'], Profile> = {
  full: {
    name: 'full',
    users: 6,
    warmupSeconds: 15,
    holdSeconds: 20,
    recoverSeconds: 90,
    recoveredAfterOk: 12,
    drainSeconds: 90,
    finalDrainSeconds: 90,
    checkoutDeadlineSeconds: 90,
    thinkMs: 200,
  },
  ci: {
    name: 'ci',
    users: 4,
    warmupSeconds: 2,
    holdSeconds: 5,
    recoverSeconds: 15,
    recoveredAfterOk: 6,
    drainSeconds: 15,
    finalDrainSeconds: 30,
    checkoutDeadlineSeconds: 30,
    thinkMs: 100,
  },
};

export interface ChaosOptions {
  profile: Profile;
  /** The project checkout (its dist/ is run). */
  root: string;
  /** Everything of the run: PostgreSQL and Redis data, logs, mail, the report. Emptied at start. */
  dataDir: string;
  /** First of the 24 ports the stack listens on (PostgreSQL, Redis, the gateway, subgraphs, workers). */
  basePort: number;
  /** Only the faults whose name contains one of these (comma-separated), in their usual order. */
  only: string[];
  /** The subgraph killed by the subgraph fault. */
  subgraph: string;
  /** The subgraph whose worker is killed mid-job. */
  worker: string;
}

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

/**
 * `--profile full|ci` (full), `--base-port 27700`, `--data-dir .data/chaos[-ci]`, `--only redis,primary`,
 * `--subgraph orders`, `--worker users`, and the profile's numbers: `--users`, `--warmup`, `--hold`,
 * `--recover`, `--drain`, `--checkout-deadline` (seconds).
 */
export function readOptions(argv: string[], root: string): ChaosOptions {
  const name = (option(argv, 'profile') ?? 'full') as Profile['name'];
  if (!PROFILES[name]) throw new Error(`--profile ${name}: one of ${Object.keys(PROFILES).join(', ')}`);
  const profile = { ...PROFILES[name] };
  const numbers: [string, keyof Profile][] = [
    ['users', 'users'],
    ['warmup', 'warmupSeconds'],
    ['hold', 'holdSeconds'],
    ['recover', 'recoverSeconds'],
    ['drain', 'drainSeconds'],
    ['checkout-deadline', 'checkoutDeadlineSeconds'],
  ];
  for (const [flag, key] of numbers) {
    const value = option(argv, flag);
    if (value === undefined) continue;
    if (!/^\d+$/.test(value)) throw new Error(`--${flag} ${value}: a whole number`);
    (profile as unknown as Record<string, number>)[key] = Number(value);
  }
  const basePort = Number(option(argv, 'base-port') ?? process.env.CHAOS_BASE_PORT ?? 27700);
  if (!Number.isInteger(basePort) || basePort < 1024 || basePort > 65_000) throw new Error(`--base-port ${basePort}: 1024..65000`);
  return {
    profile,
    root,
    dataDir: resolve(option(argv, 'data-dir') ?? join(root, '.data', name === 'ci' ? 'chaos-ci' : 'chaos')),
    basePort,
    only: (option(argv, 'only') ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    subgraph: option(argv, 'subgraph') ?? 'orders',
    worker: option(argv, 'worker') ?? 'users',
  };
}
