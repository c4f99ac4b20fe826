import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localAccessKeys } from '../../platform/auth/access-keys';
import { InvalidTokenError, signAccessToken, type TokenConfig } from '../../platform/auth/access-token';
import { Role } from '../../platform/auth/roles';
import { verifyAccessTokenCached } from './verified-tokens';

const keys = localAccessKeys(mkdtempSync(join(tmpdir(), 'verified-tokens-')));
const config: TokenConfig = { keys, issuer: 'iss', audience: 'aud', accessTtlSeconds: 60 };
const identity = { userId: 'u1', roles: [Role.CUSTOMER], sessionId: 's1' };

describe('verifyAccessTokenCached', () => {
  afterEach(() => jest.useRealTimers());

  it('answers a token it verified before as verifyAccessToken did', () => {
    const token = signAccessToken(config, identity);
    const first = verifyAccessTokenCached(config, token);
    expect(first).toMatchObject(identity);
    expect(verifyAccessTokenCached(config, token)).toEqual(first);
  });

  it('refuses a remembered token once it expires', () => {
    jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    const token = signAccessToken(config, identity);
    const { expiresAt } = verifyAccessTokenCached(config, token);
    jest.setSystemTime(expiresAt * 1000 - 1);
    expect(verifyAccessTokenCached(config, token)).toMatchObject(identity);
    jest.setSystemTime(expiresAt * 1000);
    expect(() => verifyAccessTokenCached(config, token)).toThrow(expect.objectContaining({ reason: 'expired' }));
  });

  it('checks every time a token that does not verify', () => {
    const token = signAccessToken(config, identity);
    const tampered = `${token.slice(0, -2)}${token.endsWith('A') ? 'B' : 'A'}A`;
    expect(() => verifyAccessTokenCached(config, tampered)).toThrow(InvalidTokenError);
    expect(() => verifyAccessTokenCached(config, tampered)).toThrow(InvalidTokenError);
  });

  it('keeps the tokens of one key configuration apart from another', () => {
    const token = signAccessToken(config, identity);
    verifyAccessTokenCached(config, token);
    const otherKeys = localAccessKeys(mkdtempSync(join(tmpdir(), 'verified-tokens-')));
    expect(() => verifyAccessTokenCached({ ...config, keys: otherKeys }, token)).toThrow(InvalidTokenError);
  });
});
