/**
 * `npm run chaos [-- --profile ci] [--only redis,primary] [--base-port 27700] [--subgraph orders] [--worker users]`:
 * bounded mixed load through the gateway (browse, sign in, add to cart, shipping rates, check out)
 * while faults are injected one at a time: kill -9 on Redis, on a subgraph and on a worker mid-job,
 * each followed by a restart; a paused replica, a stopped replica; a primary restart. Each phase:
 * warm-up → inject → hold → heal → wait until requests succeed again → stop the load → drain
 * (outboxes, queues, sagas, payments, messages) → check what must be exactly once against the
 * databases. Prints a table per fault and writes chaos-report.json / .md to the data folder.
 * Exits 1 when an exactly-once invariant is violated (lost or unsettled orders, double or missing
 * charges, missing or duplicate confirmations, oversold or inconsistent stock), not for availability.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { resolve } from 'node:path';
import { waitFor } from '../../platform/infra/processes';
import { check } from './checks';
import { clientDocuments } from './documents';
import { drain } from './drain';
import { faults, type Fault } from './faults';
import { Load } from './load';
import { readOptions } from './options';
import { mergeWindows, Recorder, recoveredAfter, windowOf } from './recorder';
import { printTable, writeReport } from './report';
import { say, startStack, type Stack } from './stack';
import { summarize, violationCount, type PhaseSummary } from './summary';

const ROOT = resolve(__dirname, '..', '..', '..');

async function allReady(stack: Stack): Promise<void> {
  for (const [name, p] of stack.processes) {
    if (!p.running) p.start();
    await waitFor(`${name} to be ready again`, () => p.ready(), 120_000, 250);
  }
}

async function runPhase(stack: Stack, recorder: Recorder, fault: Fault, stuck: Set<string>): Promise<PhaseSummary> {
  const { profile } = stack.options;
  const notes: string[] = [];
  recorder.phase = fault.name;
  const load = new Load(stack.gatewayUrl, clientDocuments(stack.options.root), recorder, profile);
  say(`${fault.name}: ${profile.warmupSeconds} s warm-up with ${profile.users} users`);
  const startedAt = Date.now();
  load.start();
  await sleep(profile.warmupSeconds * 1000);
  const injectedAt = Date.now();
  say(`${fault.name}: inject — ${fault.description}`);
  const injected = await fault.inject(stack);
  if (injected) notes.push(injected);
  await sleep(Math.max(0, profile.holdSeconds * 1000 - (Date.now() - injectedAt)));
  const healedAt = Date.now();
  say(`${fault.name}: heal after ${((healedAt - injectedAt) / 1000).toFixed(1)} s`);
  const healed = await fault.heal(stack).catch((error: Error) => `heal failed: ${error.message}`);
  if (healed) notes.push(healed);

  let recoverMs: number | null = null;
  const recoverBy = Date.now() + profile.recoverSeconds * 1000;
  while (Date.now() < recoverBy) {
    const ms = recoveredAfter(recorder.of(fault.name), healedAt, profile.recoveredAfterOk);
    if (ms !== undefined) {
      recoverMs = ms;
      break;
    }
    await sleep(250);
  }
  say(`${fault.name}: ${recoverMs === null ? `requests not succeeding ${profile.recoverSeconds} s after the heal` : `requests succeed again ${(recoverMs / 1000).toFixed(1)} s after the heal`}; stopping the load`);
  await load.stop();
  const stoppedAt = Date.now();
  const drained = await drain(stack, profile.drainSeconds * 1000, stuck);
  if (drained.stuck.size) notes.push(`${drained.stuck.size} message(s) or job(s) still under way, left from this or earlier phases: not waited for again`);
  const consistentMs = drained.left ? null : Date.now() - healedAt;
  say(`${fault.name}: ${drained.left ? `drain gave up after ${profile.drainSeconds} s: ${JSON.stringify(drained.left)}` : `settled ${(consistentMs! / 1000).toFixed(1)} s after the heal`}`);
  await allReady(stack);

  const crashes = stack.crashes.filter((c) => c.at >= startedAt).map((c) => `${c.name} (${c.exit}, ${((c.at - injectedAt) / 1000).toFixed(1)} s after the inject)`);
  const requests = recorder.of(fault.name);
  const checked = await check(stack, recorder);
  const row = summarize(
    {
      fault: fault.name,
      description: fault.description,
      notes,
      crashes,
      seconds: { warmup: (injectedAt - startedAt) / 1000, fault: (healedAt - injectedAt) / 1000 },
      all: windowOf(requests, 0, Infinity),
      before: windowOf(requests.filter((r) => r.end < injectedAt), startedAt, injectedAt, true),
      during: windowOf(requests, injectedAt, healedAt),
      after: windowOf(requests, healedAt, stoppedAt, true),
      recoverMs,
      failedAfterRecovery: recoverMs === null ? 0 : requests.filter((r) => r.outcome === 'failed' && r.end > healedAt + recoverMs).length,
      consistentMs,
      drainLeft: drained.left,
    },
    recorder.checkouts,
    checked,
    [fault.name],
  );
  row.timeline = requests.map((r) => [r.start - startedAt, r.end - r.start, r.operation, r.outcome, r.codes.join(' ')]);
  row.marks = { injectMs: injectedAt - startedAt, healMs: healedAt - startedAt, loadStoppedMs: stoppedAt - startedAt };
  return row;
}

async function main(): Promise<number> {
  const options = readOptions(process.argv.slice(2), ROOT);
  const selected = faults(options.subgraph, options.worker).filter((f) => !options.only.length || options.only.some((o) => f.name.includes(o)));
  if (!selected.length) throw new Error(`--only ${options.only.join(',')} selects no fault`);
  const started = Date.now();
  const stack = await startStack(options);
  const stopAll = () => stack.stop().catch((error) => console.error(error));
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
  const recorder = new Recorder();
  const rows: PhaseSummary[] = [];
  /** Notifications a drain gave up on (a later phase does not wait for them again). */
  const stuck = new Set<string>();
  try {
    say(`stack ready in ${((Date.now() - started) / 1000).toFixed(0)} s; profile ${options.profile.name}: ${selected.map((f) => f.name).join(', ')}`);
    for (const fault of selected) {
      say(`${((Date.now() - started) / 1000).toFixed(0)} s into the run`);
      const row = await runPhase(stack, recorder, fault, stuck);
      rows.push(row);
      printTable([row]);
    }
    // the last look waits for everything, earlier leftovers included (a stalled job comes back after 30 to 60 s)
    const last = await drain(stack, options.profile.finalDrainSeconds * 1000, new Set());
    say(last.left ? `final drain gave up: ${JSON.stringify(last.left)}` : `everything settled (final drain ${(last.ms / 1000).toFixed(1)} s)`);
    const final = await check(stack, recorder);
    const all = [...recorder.requests.values()].flat();
    rows.push(
      summarize(
        {
          fault: 'all',
          description: 'every phase, checked again at the end',
          notes: [],
          crashes: rows.flatMap((r) => r.crashes.map((c) => `${r.fault}: ${c}`)),
          seconds: { warmup: rows.reduce((s, r) => s + r.seconds.warmup, 0), fault: rows.reduce((s, r) => s + r.seconds.fault, 0) },
          all: windowOf(all, 0, Infinity, true),
          before: mergeWindows(rows.map((r) => r.before)),
          during: mergeWindows(rows.map((r) => r.during)),
          after: mergeWindows(rows.map((r) => r.after)),
          failedAfterRecovery: rows.reduce((n, r) => n + r.failedAfterRecovery, 0),
          recoverMs: rows.some((r) => r.recoverMs === null) ? null : Math.max(0, ...rows.map((r) => r.recoverMs ?? 0)),
          consistentMs: rows.some((r) => r.consistentMs === null) ? null : Math.max(0, ...rows.map((r) => r.consistentMs ?? 0)),
          drainLeft: null,
        },
        recorder.checkouts,
        final,
        rows.map((r) => r.fault),
      ),
    );
  } finally {
    say('stopping the stack');
    await stopAll();
  }
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(`\n\x1b[1mchaos run, profile ${options.profile.name}, ${minutes} min\x1b[0m`);
  printTable(rows);
  const header = `# Chaos run (${options.profile.name} profile, ${new Date().toISOString()}, ${minutes} min)\n\n${options.profile.users} virtual users; per fault ${options.profile.warmupSeconds} s warm-up, ${options.profile.holdSeconds} s fault. ` +
    '"recover": from the heal until requests succeed again; "consistent": from the heal until outboxes, queues, sagas, payments and messages are settled.';
  const files = writeReport(options.dataDir, rows, { profile: options.profile, startedAt: new Date(started).toISOString(), minutes: Number(minutes) }, header);
  console.log(`\nreport: ${files.join(', ')}`);
  const total = rows[rows.length - 1];
  const violations = violationCount(total);
  console.log(violations ? `\x1b[31m✖ ${violations} exactly-once violation(s)\x1b[0m` : '\x1b[32m✔ no exactly-once violation\x1b[0m');
  return violations ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
