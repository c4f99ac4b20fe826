import { hashPassword, passwordProblem, verifyPassword } from './password';

describe('passwords', () => {
  it('hashes with argon2id at OWASP settings and verifies', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'wrong horse battery')).toBe(false);
    expect(await verifyPassword(undefined, 'anything')).toBe(false);
  });

  it('refuses weak passwords', () => {
    expect(passwordProblem('short')).toMatch(/10 characters/);
    expect(passwordProblem('aaaaaaaaaaaa')).toMatch(/different/);
    expect(passwordProblem('Password123')).toMatch(/common/);
    expect(passwordProblem('a decent passphrase')).toBeNull();
  });
});
