import 'reflect-metadata';
import { renameSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runOwnerGone } from '../platform/testing/run-processes';
import { seedShipping } from '../subgraphs/shipping/src/seed/seed-shipping';
import { createStaff, startStack, type Stack } from './harness';
import type { SharedStackFacts } from './shared-stack';

/**
 * The process of the shared e2e stack (started by the first `sharedStack()` of a run): the
 * standard system with the demo shipping zones, a staff account, and a control endpoint on
 * loopback for what a test cannot do over GraphQL. It publishes its facts to the file named by
 * its argument and stops on SIGTERM (global teardown) or when the jest process is gone.
 */
const factsFile = process.argv[2];

function publish(facts: SharedStackFacts | { error: string }): void {
  writeFileSync(`${factsFile}.tmp`, JSON.stringify(facts));
  renameSync(`${factsFile}.tmp`, factsFile);
}

function controlServer(stack: Stack): Server {
  return createServer((req, res) => {
    const answer = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.method === 'POST' && req.url === '/drain-outboxes') {
      stack.drainOutboxes().then(() => answer(200, { ok: true }), (e: Error) => answer(500, { error: e.message }));
    } else {
      answer(404, { error: 'unknown' });
    }
  });
}

async function main(): Promise<void> {
  // budgets of this stack only: every file's registrations and sign-ins come from loopback
  const stack = await startStack({ RATE_LIMIT_KEY_PREFIX: `e2e-shared-${process.env.TEST_RUN_ID}` });
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= stack.stop().finally(() => process.exit(0));
    return stopping;
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  setInterval(() => runOwnerGone() && stop(), 1000);

  await seedShipping(stack.subgraphs.shipping.deps.database.dataSource);
  const staff = await createStaff(stack.subgraphs.users);
  const control = controlServer(stack).listen(0, '127.0.0.1');
  control.keepAliveTimeout = 0; // as the stack's servers (platform/testing/start-subgraph.ts)
  await new Promise((resolve) => control.once('listening', resolve));
  publish({
    pid: process.pid,
    gatewayUrl: stack.gatewayUrl,
    controlUrl: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
    subgraphs: Object.fromEntries(Object.entries(stack.subgraphs).map(([name, s]) => [name, { url: s.url, databaseUrl: s.deps.config.database.primaryUrl }])),
    mailDir: stack.mailDir,
    staff,
  });
}

main().catch((e: Error) => {
  publish({ error: e.stack ?? String(e) });
  process.exit(1);
});
