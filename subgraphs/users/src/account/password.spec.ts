import { hashPassword, passwordProblem, verifyPassword } from './password';

describe('passwords', () => {
  it('hashes with argon2id at OWASP settings and verifies', async () => {
    const hash = await hashPassword('correct horse battery');
    const [, algorithm, version, params] = hash.split('$');
    expect([algorithm, version]).toEqual(['argon2id', 'v=19']);
    // the parameter order in the encoding differs between argon2 releases
    expect(params.split(',').sort()).toEqual(['m=19456', 'p=1', 't=2']);
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
