import { randomBytes } from 'node:crypto';
import { Raw, type EntityManager } from 'typeorm';
import { sql } from '../../../../platform/db/sql';
import { AccountTokenEntity, type AccountTokenPurpose } from './account-token.entity';
import { hashToken } from './session.service';

/** How long each kind of token may be used. */
export const TOKEN_TTL_MS: Record<AccountTokenPurpose, number> = {
  PASSWORD_RESET: 60 * 60 * 1000,
  EMAIL_VERIFICATION: 48 * 60 * 60 * 1000,
};

/** At most this many tokens of one kind per account per hour; more requests send nothing. */
export const TOKENS_PER_HOUR = 5;

/** Counts the tokens of `purpose` issued to a user in the last hour (for rate limiting). */
export async function tokensIssuedLastHour(m: EntityManager, userId: string, purpose: AccountTokenPurpose): Promise<number> {
  return m.countBy(AccountTokenEntity, { userId, purpose, createdAt: Raw((column) => `${column} > now() - interval '1 hour'`) });
}

/**
 * Issues a random token (256 bits) for `purpose`; earlier unused tokens of the same purpose stop
 * working, so only the latest mail's link is valid. Returns the token itself, which is not stored.
 */
export async function issueAccountToken(
  m: EntityManager,
  user: { id: string; email: string },
  purpose: AccountTokenPurpose,
): Promise<string> {
  await m
    .createQueryBuilder()
    .update(AccountTokenEntity)
    .set({ usedAt: () => 'now()' })
    .where('user_id = :userId AND purpose = :purpose AND used_at IS NULL', { userId: user.id, purpose })
    .execute();
  const token = randomBytes(32).toString('base64url');
  await m.insert(AccountTokenEntity, {
    userId: user.id,
    purpose,
    email: user.email,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + TOKEN_TTL_MS[purpose]),
  });
  return token;
}

/** Whether a token of `purpose` is unused and unexpired now, without using it (to skip work for a bad one). */
export async function accountTokenUsable(m: EntityManager, purpose: AccountTokenPurpose, token: string): Promise<boolean> {
  if (!token || token.length > 200) return false;
  const rows = await sql<{ ok: number }>(
    m,
    'SELECT 1 AS ok FROM account_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()',
    [hashToken(token), purpose],
  );
  return rows.length > 0;
}

/**
 * Uses a token: marks it used if it is of `purpose`, unused and unexpired, in one conditional
 * UPDATE, so two concurrent uses cannot both succeed. Null for anything else.
 */
export async function consumeAccountToken(
  m: EntityManager,
  purpose: AccountTokenPurpose,
  token: string,
): Promise<{ userId: string; email: string } | null> {
  if (!token || token.length > 200) return null;
  const [row] = await sql<{ user_id: string; email: string }>(
    m,
    `UPDATE account_tokens SET used_at = now()
      WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
      RETURNING user_id, email`,
    [hashToken(token), purpose],
  );
  return row ? { userId: row.user_id, email: row.email } : null;
}
