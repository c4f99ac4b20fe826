import type { EntityManager } from 'typeorm';
import type { UsersContext } from '../context';
import { AuditEventEntity, type AuditKind } from './audit-event.entity';

/** Records a security event, in the caller's transaction when one is given. */
export async function audit(
  ctx: UsersContext,
  manager: EntityManager,
  kind: AuditKind,
  who: { userId?: string | null; email?: string | null },
  details: Record<string, unknown> = {},
): Promise<void> {
  await manager.insert(AuditEventEntity, {
    kind,
    userId: who.userId ?? null,
    email: who.email ?? null,
    ip: ctx.client.ip,
    userAgent: ctx.client.userAgent,
    details: details as never,
  });
}

export function recentAuditEvents(ctx: UsersContext, userId: string, limit: number): Promise<AuditEventEntity[]> {
  return ctx.db.read((m) => m.find(AuditEventEntity, { where: { userId }, order: { id: 'DESC' }, take: limit }));
}
