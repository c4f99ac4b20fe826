import type { Env } from './config';

/**
 * TEST-ONLY fault injection, for crash tests that need a process to die at an exact step.
 *
 * `FAULT_INJECT=<point>:<action>[,<point>:<action>…]`, e.g. `checkout.after-capture:kill`: when the
 * process reaches that named point it SIGKILLs itself (no shutdown, no cleanup, as a crash or an
 * OOM kill would). Off unless set. Each process names the points it has (a misspelt point is a
 * configuration error), and the setting is refused in production: a process with NODE_ENV=production
 * and FAULT_INJECT set does not start.
 */
export type FaultAction = 'kill';
export type Faults = ReadonlyMap<string, FaultAction>;

const ACTIONS: readonly FaultAction[] = ['kill'];
export const NO_FAULTS: Faults = new Map();

/** FAULT_INJECT, checked against the points this process has; a problem (the process refuses to start) in production. */
export function readFaults(env: Env, production: boolean, points: readonly string[]): Faults {
  const value = env.optional('FAULT_INJECT');
  if (value === undefined) return NO_FAULTS;
  if (production) {
    env.invalid('FAULT_INJECT is a test-only setting and is refused in production (NODE_ENV=production)');
    return NO_FAULTS;
  }
  const faults = new Map<string, FaultAction>();
  for (const item of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [point, action] = item.split(':');
    if (!points.includes(point) || !(ACTIONS as readonly string[]).includes(action)) {
      env.invalid(`FAULT_INJECT: "${item}" is not <point>:<action> with a point of ${points.join(', ')} and an action of ${ACTIONS.join(', ')}`);
      continue;
    }
    faults.set(point, action as FaultAction);
  }
  return faults;
}

/** A named point of the code a test may make fatal (see readFaults); nothing happens unless FAULT_INJECT names it. */
export function faultPoint(faults: Faults, point: string): void {
  if (faults.get(point) !== 'kill') return;
  // stderr is synchronous on pipes and files: the line is out before the process is gone
  process.stderr.write(`FAULT_INJECT: ${point}: killing process ${process.pid} (SIGKILL)\n`);
  process.kill(process.pid, 'SIGKILL');
}
