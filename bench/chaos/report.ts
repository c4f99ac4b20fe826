import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Window } from './recorder';
import { violationCount, type PhaseSummary } from './summary';

const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);
const secs = (ms: number | null) => (ms === null ? 'not within deadline' : `${(ms / 1000).toFixed(1)} s`);
const topErrors = (w: Window, n = 6) =>
  Object.entries(w.errors).sort((a, b) => b[1] - a[1]).slice(0, n).map(([code, count]) => `${code} ${count}`).join(', ') || 'none';
const byOperation = (w: Window) =>
  Object.entries(w.byOperation).sort().map(([name, [total, answered, max]]) => `${name} ${answered}/${total} (longest ${(max / 1000).toFixed(1)} s)`).join(', ') || 'no requests';
const latency = (w: Window) => (w.p50Ms === null ? '-' : `p50 ${w.p50Ms} ms, p99 ${w.p99Ms} ms, max ${w.maxMs} ms`);

const COLUMNS: [string, (s: PhaseSummary) => string][] = [
  ['fault', (s) => s.fault],
  ['requests', (s) => String(s.all.requests)],
  ['answered during fault', (s) => `${pct(s.during.availability)} of ${s.during.requests}`],
  ['before / after', (s) => `${pct(s.before.availability)} / ${pct(s.after.availability)}`],
  ['recover', (s) => secs(s.recoverMs)],
  ['consistent', (s) => secs(s.consistentMs)],
  ['crashed', (s) => String(s.crashes.length)],
  ['checkouts', (s) => String(s.checkouts.attempted)],
  ['confirmed', (s) => `${s.orders.confirmed} (client ${s.checkouts.confirmedToClient})`],
  ['charges', (s) => String(s.charges)],
  ['notif/order', (s) => (s.notifications.perConfirmedOrder === null ? '-' : s.notifications.perConfirmedOrder.toFixed(2))],
  ['stock viol.', (s) => String(s.stockViolations)],
  // a phase whose drain gave up was checked before everything settled: the last row checks again
  ['exactly-once viol.', (s) => `${violationCount(s)}${s.drainLeft && violationCount(s) ? ' (unsettled)' : ''}`],
];

function details(s: PhaseSummary): string[] {
  const refused = Object.entries(s.checkouts.refused).map(([c, n]) => `${c} ${n}`).join(', ') || 'none';
  return [
    `${s.description}${s.notes.length ? ` — ${s.notes.join('; ')}` : ''}`,
    ...(s.crashes.length ? [`processes that exited on their own (started again after 1 s): ${s.crashes.join(', ')}`] : []),
    `fault held ${s.seconds.fault.toFixed(1)} s; requests under way during it: ${s.during.requests} (${s.during.ok} in full, ${s.during.partial} in part, ${s.during.failed} failed), latency ${latency(s.during)} (before it: ${latency(s.before)})`,
    `errors during it: ${topErrors(s.during)}`,
    `answered (in full or in part) during it, by operation: ${byOperation(s.during)}`,
    `errors over the whole phase: ${topErrors(s.all, 10)}; ${s.failedAfterRecovery} request(s) failed after requests succeeded again`,
    `checkouts: ${s.checkouts.attempted} (${s.checkouts.attempts} requests), confirmed to the client ${s.checkouts.confirmedToClient}, refused ${refused}, unresolved at their deadline ${s.checkouts.unresolved}; ` +
      `orders ${s.orders.confirmed} CONFIRMED, ${s.orders.cancelled} CANCELLED, ${s.orders.other} other`,
    ...(s.drainLeft ? [`still under way when the drain gave up (so checked before everything settled): ${Object.entries(s.drainLeft).map(([k, n]) => `${k} ${n}`).join(', ')}`] : []),
    ...Object.entries(s.violations).map(([kind, n]) => `VIOLATION ${kind}: ${n}`),
    ...s.examples.map((v) => `  e.g. ${v.kind}: ${v.detail}`),
  ];
}

/** The table (one row per fault and a total), with each fault's details under it. */
export function printTable(rows: PhaseSummary[]): void {
  const cells = rows.map((r) => COLUMNS.map(([, f]) => f(r)));
  const widths = COLUMNS.map(([h], i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (values: string[]) => values.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  console.log(`\n${line(COLUMNS.map(([h]) => h))}`);
  for (const c of cells) console.log(line(c));
  for (const r of rows) {
    console.log(`\n${r.fault}`);
    for (const d of details(r)) console.log(`  ${d}`);
  }
}

export function markdown(rows: PhaseSummary[], header: string): string {
  const table = [
    `| ${COLUMNS.map(([h]) => h).join(' | ')} |`,
    `|${COLUMNS.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${COLUMNS.map(([, f]) => f(r).replace(/\|/g, '\\|')).join(' | ')} |`),
  ];
  const sections = rows.map((r) => [`### ${r.fault}`, '', ...details(r).map((d) => `- ${d.trim()}`)].join('\n'));
  return [header, '', ...table, '', ...sections, ''].join('\n');
}

/** chaos-report.json and chaos-report.md in the data folder (written to a temporary name, then renamed). */
export function writeReport(dir: string, rows: PhaseSummary[], meta: Record<string, unknown>, header: string): string[] {
  const files: [string, string][] = [
    [join(dir, 'chaos-report.json'), `${JSON.stringify({ ...meta, phases: rows }, null, 2)}\n`],
    [join(dir, 'chaos-report.md'), markdown(rows, header)],
  ];
  for (const [path, text] of files) {
    writeFileSync(`${path}.tmp`, text);
    renameSync(`${path}.tmp`, path);
  }
  return files.map(([p]) => p);
}
