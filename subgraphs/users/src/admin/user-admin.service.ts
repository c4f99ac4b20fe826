import { GraphQLError } from 'graphql';
import { Role, type Identity } from '../../../../platform/auth/roles';
import { decodeCursor, toConnection, type Connection } from '../../../../platform/graphql/connection';
import { userError, type UserError } from '../../../../platform/graphql/types';
import { sql } from '../../../../platform/db/sql';
import { isUuid } from '../../../../platform/validation';
import { UserAdminError } from './user-admin.errors';
import { SessionEntity } from '../account/session.entity';
import { announceRevoked, revokeSessions } from '../account/session.service';
import { audit } from '../audit/audit.service';
import type { UsersContext } from '../context';
import { UserEntity } from '../user/user.entity';

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function emailAfter(after: string | null | undefined): string | null {
  if (!after) return null;
  const [email] = decodeCursor(after, 1);
  if (typeof email !== 'string') {
    throw new GraphQLError('The cursor is malformed: pass an endCursor returned by this API', { extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' } });
  }
  return email;
}

/** A page of accounts in e-mail order; `search` matches part of the e-mail address or the name, ignoring case. */
export async function listUsers(ctx: UsersContext, limit: number, after?: string | null, search?: string | null): Promise<Connection<UserEntity>> {
  const term = search?.trim() ?? '';
  if (term.length > 200) {
    throw new GraphQLError('search must be at most 200 characters', { extensions: { code: 'BAD_USER_INPUT', argumentName: 'search' } });
  }
  const start = emailAfter(after);
  return ctx.db.read(async (m) => {
    const matching = () => {
      const q = m.createQueryBuilder(UserEntity, 'u');
      if (term) q.where('(u.email ILIKE :pattern OR u.name ILIKE :pattern)', { pattern: likePattern(term) });
      return q;
    };
    const page = matching().orderBy('u.email', 'ASC').take(limit + 1);
    if (start !== null) page.andWhere('u.email > :start', { start });
    const [rows, total] = await Promise.all([page.getMany(), matching().getCount()]);
    return toConnection(rows, limit, total, (u) => [u.email], (u) => u);
  });
}

type RolesResult = { user: UserEntity | null; userErrors: UserError[] };

/** One advisory lock serialises every change that takes ADMIN away, so two cannot both pass the last-admin check. */
const ADMIN_REMOVAL_LOCK = 0x75736572; // 'user'

/**
 * Replaces an account's roles. Staff cannot take ADMIN away from themselves, and nobody can take
 * it from the last account holding it (someone must stay able to manage roles). Ids compare in
 * lower case, whatever case the caller wrote them in. When a role is taken away, the account's sessions end at once, so no
 * access token keeps the old role until it expires.
 */
export async function setUserRoles(ctx: UsersContext, admin: Identity, rawUserId: string, roles: Role[]): Promise<RolesResult> {
  const userId = rawUserId.toLowerCase();
  const wanted = [...new Set(roles)].sort();
  if (!wanted.length) return { user: null, userErrors: [userError(UserAdminError.INVALID, 'Give at least one role', 'roles')] };
  if (userId === admin.userId.toLowerCase() && !wanted.includes(Role.ADMIN)) {
    return { user: null, userErrors: [userError(UserAdminError.CANNOT_REMOVE_OWN_ADMIN, 'You cannot remove your own ADMIN role', 'roles')] };
  }
  const notFound: RolesResult = { user: null, userErrors: [userError(UserAdminError.NOT_FOUND, 'There is no account with this id', 'userId')] };
  if (!isUuid(userId)) return notFound;
  const outcome = await ctx.db.write(async (m) => {
    if (!wanted.includes(Role.ADMIN)) await sql(m, 'SELECT pg_advisory_xact_lock($1)', [ADMIN_REMOVAL_LOCK]);
    const user = await m.findOne(UserEntity, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
    if (!user) return null;
    const before = [...user.roles].sort();
    const removed = before.filter((r) => !wanted.includes(r));
    if (removed.includes(Role.ADMIN)) {
      const [others] = await sql<{ n: number }>(m, `SELECT count(*)::int AS n FROM users WHERE 'ADMIN' = ANY(roles) AND id <> $1`, [userId]);
      if (others.n === 0) return 'last admin' as const;
    }
    await m.update(UserEntity, { id: userId }, { roles: wanted });
    let ended: string[] = [];
    if (removed.length) {
      const sessions = await m
        .createQueryBuilder(SessionEntity, 's')
        .select('s.id', 'id')
        .where('s.user_id = :userId AND s.revoked_at IS NULL', { userId })
        .getRawMany<{ id: string }>();
      ended = sessions.map((s) => s.id);
      await revokeSessions(m, ended, 'roles changed');
    }
    await audit(ctx, m, 'ROLES_CHANGED', { userId, email: user.email }, { from: before, to: wanted, changedBy: admin.userId, sessionsEnded: ended.length });
    return { user: await m.findOneByOrFail(UserEntity, { id: userId }), ended };
  });
  if (!outcome) return notFound;
  if (outcome === 'last admin') {
    return { user: null, userErrors: [userError(UserAdminError.LAST_ADMIN, 'This is the only account with the ADMIN role: make another account ADMIN first', 'roles')] };
  }
  await announceRevoked(ctx, outcome.ended);
  ctx.loaders.userById.clear(userId);
  return { user: outcome.user, userErrors: [] };
}
