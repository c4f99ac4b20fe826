import argon2 from 'argon2';

/** OWASP's argon2id settings: 19 MiB of memory, 2 iterations, 1 lane. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

/** True when `hash` was made with other argon2 settings than today's: it is replaced at the next sign-in. */
export function needsRehash(hash: string): boolean {
  try {
    return argon2.needsRehash(hash, OPTIONS);
  } catch {
    return true;
  }
}

let decoy: Promise<string> | undefined;

/**
 * Verifies a password. Without a stored hash (unknown account) it still spends the time of a
 * real check, so response times do not tell which e-mail addresses have accounts.
 */
export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  if (!hash) {
    decoy ??= hashPassword('decoy password that never matches');
    await argon2.verify(await decoy, password).catch(() => false);
    return false;
  }
  return argon2.verify(hash, password).catch(() => false);
}

const COMMON = new Set([
  'password123', 'password1234', '1234567890', '12345678910', 'qwertyuiop', 'iloveyou123', 'passw0rd123',
  'administrator', 'qwerty12345', 'letmein1234', 'welcome1234', 'abc1234567', '0987654321', '1q2w3e4r5t',
]);

/** Null when acceptable; otherwise why not. */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return 'Use at least 10 characters';
  if (password.length > 200) return 'Use at most 200 characters';
  if (new Set(password).size < 4) return 'Use more than three different characters';
  if (COMMON.has(password.toLowerCase())) return 'This password is too common';
  return null;
}
