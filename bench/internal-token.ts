import jwt from 'jsonwebtoken';
import { performance } from 'node:perf_hooks';
import { InternalTokenSigner, InternalTokenVerifier, signInternalToken, verifyInternalToken } from '../platform/auth/internal-token';
import { Role } from '../platform/auth/roles';

/**
 * The cost of the internal credential per subgraph fetch: signing and verifying with the secret
 * as a string (jsonwebtoken tries it as a PEM key first) or as a KeyObject, and with the caches
 * of InternalTokenSigner / InternalTokenVerifier. Prints microseconds per operation.
 */
const N = 20_000;
const secret = 'development-only-secret-change-me-0123456789-internal';
const identity = { userId: '5b0c1a52-8c7e-4b55-9f5e-0c3c2a0f6a11', roles: [Role.CUSTOMER], sessionId: 'b1e0d6c4-3f1a-4f5b-8f0e-6d2c1a9b7e33' };

function time(name: string, fn: (i: number) => unknown): void {
  for (let i = 0; i < 1000; i++) fn(i);
  const start = performance.now();
  for (let i = 0; i < N; i++) fn(i);
  const us = ((performance.now() - start) * 1000) / N;
  console.log(`${name.padEnd(44)}${us.toFixed(2).padStart(9)} µs/op`);
}

const stringToken = jwt.sign({ identity }, secret, { algorithm: 'HS256', audience: 'users', issuer: 'gateway', expiresIn: 300 });
time('sign, string secret', () => jwt.sign({ identity }, secret, { algorithm: 'HS256', audience: 'users', issuer: 'gateway', expiresIn: 300 }));
time('sign, KeyObject', () => signInternalToken(secret, { caller: 'gateway', audience: 'users', identity }));
const signer = new InternalTokenSigner(secret, 'gateway');
time('sign, cached per (audience, identity)', () => signer.token('users', identity));
time('verify, string secret', () => jwt.verify(stringToken, secret, { algorithms: ['HS256'], audience: 'users' }));
time('verify, KeyObject', () => verifyInternalToken(secret, stringToken, 'users'));
const verifier = new InternalTokenVerifier(secret, 'users');
time('verify, cached by token', () => verifier.verify(stringToken));
