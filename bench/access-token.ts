import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { localAccessKeys } from '../platform/auth/access-keys';
import { signAccessToken, verifyAccessToken } from '../platform/auth/access-token';
import { Role } from '../platform/auth/roles';

/**
 * The cost of access tokens (ES256, KeyObjects): signing, done by the users subgraph at sign-in
 * and refresh, and verifying, done by the gateway once per authenticated request. Prints
 * microseconds per operation.
 */
const N = 5_000;
const config = { keys: localAccessKeys(mkdtempSync(join(tmpdir(), 'bench-keys-'))), issuer: 'commerce-supergraph', audience: 'commerce-api', accessTtlSeconds: 900 };
const identity = { userId: '5b0c1a52-8c7e-4b55-9f5e-0c3c2a0f6a11', roles: [Role.CUSTOMER], sessionId: 'b1e0d6c4-3f1a-4f5b-8f0e-6d2c1a9b7e33' };

function time(name: string, fn: () => unknown): void {
  for (let i = 0; i < 500; i++) fn();
  const start = performance.now();
  for (let i = 0; i < N; i++) fn();
  const us = ((performance.now() - start) * 1000) / N;
  console.log(`${name.padEnd(44)}${us.toFixed(2).padStart(9)} µs/op`);
}

const token = signAccessToken(config, identity);
time('sign access token (ES256)', () => signAccessToken(config, identity));
time('verify access token (ES256, kid lookup)', () => verifyAccessToken(config, token));
