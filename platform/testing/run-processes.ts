import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '../infra/processes';
import { TEST_INFRA } from './test-infra';

/** This test run's folder (`.data/test/run-<id>/`): files and processes that live as long as the run. */
export function runFolder(): string {
  if (!process.env.TEST_RUN_ID) throw new Error('no test run: TEST_RUN_ID is set by jest global setup (platform/testing/global-setup.ts)');
  return join(TEST_INFRA.dataDir, `run-${process.env.TEST_RUN_ID}`);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Records a process that lives as long as the run: global teardown stops it before the servers. */
export function recordRunProcess(pid: number): void {
  const folder = join(runFolder(), 'processes');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, String(pid)), '');
}

/** Stops the run's recorded processes (SIGTERM, then SIGKILL after `graceMs`) and removes the run's folder. */
export async function stopRunProcesses(graceMs = 20_000): Promise<void> {
  const folder = runFolder();
  let pids: number[] = [];
  try {
    pids = readdirSync(join(folder, 'processes')).map(Number);
  } catch {
    // no process was started
  }
  for (const pid of pids.filter(alive)) {
    process.kill(pid, 'SIGTERM');
    await waitFor(`process ${pid} to stop`, async () => !alive(pid), graceMs, 50).catch(() => alive(pid) && process.kill(pid, 'SIGKILL'));
  }
  rmSync(folder, { recursive: true, force: true });
}

/** Whether the process that owns the run (jest's) is gone: a run's process then stops on its own. */
export function runOwnerGone(): boolean {
  const owner = Number(process.env.TEST_RUN_OWNER_PID);
  return Boolean(owner) && !alive(owner);
}
