import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The keys of access tokens (ES256). Only the users subgraph holds the private key and signs;
 * the gateway verifies against a key set that may hold several public keys at once (the old and
 * the new one during a rotation), each named by its `kid`.
 */
export interface AccessKeys {
  /** kid → public key (P-256). */
  verify: ReadonlyMap<string, KeyObject>;
  /** The key new tokens are signed with; only where tokens are issued. */
  signing?: { kid: string; key: KeyObject };
}

export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  alg: 'ES256';
  use: 'sig';
}

function assertP256(key: KeyObject, what: string): void {
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error(`${what} must be an EC P-256 key (ES256)`);
  }
}

/** RFC 7638 thumbprint of a P-256 public key: a stable key id when none is given. */
export function keyThumbprint(publicKey: KeyObject): string {
  const { crv, x, y } = publicKey.export({ format: 'jwk' });
  return createHash('sha256').update(JSON.stringify({ crv, kty: 'EC', x, y })).digest('base64url');
}

export function publicJwk(publicKey: KeyObject, kid: string): PublicJwk {
  assertP256(publicKey, 'The public key');
  const { x, y } = publicKey.export({ format: 'jwk' });
  return { kty: 'EC', crv: 'P-256', x: x!, y: y!, kid, alg: 'ES256', use: 'sig' };
}

/** The public keys of a JWKS document (`{"keys": [...]}`), by kid; only EC P-256 signing keys. */
export function parseJwks(text: string): Map<string, KeyObject> {
  const document = JSON.parse(text) as { keys?: unknown };
  if (!document || !Array.isArray(document.keys)) throw new Error('a JWKS document is {"keys": [...]}');
  const keys = new Map<string, KeyObject>();
  for (const jwk of document.keys as Record<string, unknown>[]) {
    if (typeof jwk.kid !== 'string' || !jwk.kid) throw new Error('every key of the key set needs a kid');
    if (jwk.alg !== undefined && jwk.alg !== 'ES256') throw new Error(`key ${jwk.kid}: only ES256 keys are accepted`);
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256') throw new Error(`key ${jwk.kid} must be an EC P-256 key (ES256)`);
    if ('d' in jwk) throw new Error(`key ${jwk.kid}: the key set must hold public keys only`);
    const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y } as import('node:crypto').JsonWebKey, format: 'jwk' });
    assertP256(key, `key ${jwk.kid}`);
    if (keys.has(jwk.kid)) throw new Error(`key ${jwk.kid} appears twice in the key set`);
    keys.set(jwk.kid, key);
  }
  if (!keys.size) throw new Error('the key set is empty');
  return keys;
}

export function parsePrivateKey(pem: string): KeyObject {
  const key = createPrivateKey({ key: pem, format: 'pem' });
  assertP256(key, 'The access-token signing key');
  return key;
}

/** A fresh ES256 key pair as PEM (private) and JWKS (public) text. */
export function generateAccessKeyPair(): { privateKeyPem: string; kid: string; jwks: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = keyThumbprint(publicKey);
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    kid,
    jwks: `${JSON.stringify({ keys: [publicJwk(publicKey, kid)] }, null, 2)}\n`,
  };
}

/**
 * Writes `content` to `file` unless it exists, atomically (temp name, then a hard link that fails
 * when another process got there first), so concurrent starts all end up with the same file.
 */
export function writeFileOnce(file: string, content: string, mode = 0o600): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, content, { mode });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
}

/** The files of a key folder: the private key (PEM) and its public key set (JWKS). */
export const keyFiles = (folder: string) => ({ privateKeyFile: join(folder, 'access-token.key.pem'), jwksFile: join(folder, 'access-token.jwks.json') });

/**
 * Development and tests: the key pair in `folder`, made on first use, so every process of one
 * environment signs and verifies with the same key without any setup. The folder also gets the
 * public key set, for a process started with production settings (JWT_JWKS_FILE).
 */
export function localAccessKeys(folder: string): AccessKeys {
  const { privateKeyFile, jwksFile } = keyFiles(folder);
  if (!existsSync(privateKeyFile)) writeFileOnce(privateKeyFile, generateAccessKeyPair().privateKeyPem);
  const key = parsePrivateKey(readFileSync(privateKeyFile, 'utf8'));
  const publicKey = createPublicKey(key);
  const kid = keyThumbprint(publicKey);
  if (!existsSync(jwksFile)) writeFileOnce(jwksFile, `${JSON.stringify({ keys: [publicJwk(publicKey, kid)] }, null, 2)}\n`, 0o644);
  return { signing: { kid, key }, verify: new Map([[kid, publicKey]]) };
}
