import { randomBytes } from 'node:crypto';
import { keyFiles, localAccessKeys } from '../auth/access-keys';
import { defaultKeyFolder } from '../config';

/**
 * The internal credential's secret of one test run: random (so the production profile accepts it),
 * shared by every test process through the environment (global setup sets it first).
 */
export function testInternalSecret(): string {
  process.env.TEST_INTERNAL_SECRET ??= randomBytes(32).toString('base64url');
  return process.env.TEST_INTERNAL_SECRET;
}

/**
 * The settings of the production profile in tests: NODE_ENV=production, this run's internal
 * secret, and the test key pair as files (the private key for the users subgraph, the public
 * key set for the gateway), exactly as `npm run start:prod` passes them.
 */
export function productionTestEnv(): Record<string, string> {
  const folder = defaultKeyFolder('test');
  localAccessKeys(folder);
  const { privateKeyFile, jwksFile } = keyFiles(folder);
  return { NODE_ENV: 'production', INTERNAL_SECRET: testInternalSecret(), JWT_PRIVATE_KEY_FILE: privateKeyFile, JWT_JWKS_FILE: jwksFile };
}
