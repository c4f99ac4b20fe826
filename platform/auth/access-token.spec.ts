import jwt from 'jsonwebtoken';
import { InvalidTokenError, signAccessToken, verifyAccessToken } from './access-token';
import { Role } from './roles';

const config = { secret: 's'.repeat(40), issuer: 'iss', audience: 'aud', accessTtlSeconds: 60 };
const identity = { userId: 'u1', roles: [Role.CUSTOMER], sessionId: 's1' };

describe('access tokens', () => {
  it('round-trips the identity', () => {
    expect(verifyAccessToken(config, signAccessToken(config, identity))).toMatchObject(identity);
  });

  const forged: [string, string][] = [
    ['alg none', jwt.sign({ sid: 's1', roles: ['ADMIN'] }, '', { algorithm: 'none', subject: 'u1', issuer: 'iss', audience: 'aud' })],
    ['another key', jwt.sign({ sid: 's1' }, 'x'.repeat(40), { subject: 'u1', issuer: 'iss', audience: 'aud' })],
    ['another issuer', jwt.sign({ sid: 's1' }, config.secret, { subject: 'u1', issuer: 'evil', audience: 'aud' })],
    ['another audience', jwt.sign({ sid: 's1' }, config.secret, { subject: 'u1', issuer: 'iss', audience: 'other' })],
    ['HS512', jwt.sign({ sid: 's1' }, config.secret, { algorithm: 'HS512', subject: 'u1', issuer: 'iss', audience: 'aud', expiresIn: 60 })],
    ['no expiry', jwt.sign({ sid: 's1' }, config.secret, { subject: 'u1', issuer: 'iss', audience: 'aud' })],
    ['garbage', 'not.a.token'],
  ];
  it.each(forged)('refuses a token with %s', (_name, token) => {
    expect(() => verifyAccessToken(config, token)).toThrow(InvalidTokenError);
  });

  it('tells an expired token apart', () => {
    const token = jwt.sign({ sid: 's1', exp: Math.floor(Date.now() / 1000) - 10 }, config.secret, { subject: 'u1', issuer: 'iss', audience: 'aud' });
    expect(() => verifyAccessToken(config, token)).toThrow(expect.objectContaining({ reason: 'expired' }));
  });
});
