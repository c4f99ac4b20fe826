import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { RequestDb } from '../../../../platform/db/request-db';
import { NotificationPreferenceEntity } from './notification-preference.entity';
import { resolvePreferences, type PreferenceChoice, type ResolvedPreference } from './notification-preferences';

export function notificationPreferenceLoaders(db: RequestDb) {
  return {
    /** Every combination as it applies to each user (their choices over the defaults), one statement per batch. */
    notificationPreferencesByUser: new DataLoader<string, ResolvedPreference[]>(
      async (userIds) => {
        const rows = await db.read((m) =>
          m.find(NotificationPreferenceEntity, { select: { userId: true, channel: true, kind: true, enabled: true }, where: { userId: In([...userIds]) } }),
        );
        const byUser = new Map<string, PreferenceChoice[]>();
        for (const r of rows) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r]);
        return userIds.map((id) => resolvePreferences(byUser.get(id) ?? []));
      },
      { maxBatchSize: 500 },
    ),
  };
}
