import type { RequestDb } from '../../../../platform/db/request-db';
import { groupLoader, rowLoader } from '../../../../platform/loaders';
import { METHOD_COLUMNS, TIER_COLUMNS, ZONE_COLUMNS, type MethodRow, type TierRow, type ZoneRow } from './zone-row';

export function zoneLoaders(db: RequestDb) {
  return {
    zoneById: rowLoader(
      (ids: readonly string[]) => db.read((m) => m.query(`SELECT ${ZONE_COLUMNS} FROM shipping_zones z WHERE z.id = ANY($1::uuid[])`, [ids])) as Promise<ZoneRow[]>,
      (z) => z.id,
    ),
    /** A zone's methods, active or not, by name. */
    methodsByZoneId: groupLoader(
      (ids: readonly string[]) =>
        db.read((m) => m.query(`SELECT ${METHOD_COLUMNS} FROM shipping_methods sm WHERE sm.zone_id = ANY($1::uuid[]) ORDER BY sm.name, sm.id`, [ids])) as Promise<MethodRow[]>,
      (r) => r.zoneId,
    ),
    /** A method's weight tiers, lightest first. */
    tiersByMethodId: groupLoader(
      (ids: readonly string[]) =>
        db.read((m) => m.query(`SELECT ${TIER_COLUMNS} FROM shipping_rate_tiers t WHERE t.method_id = ANY($1::uuid[]) ORDER BY t.max_weight_kg`, [ids])) as Promise<TierRow[]>,
      (r) => r.methodId,
    ),
  };
}
