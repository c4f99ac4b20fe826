import { In } from 'typeorm';
import type { RequestDb } from '../../../../platform/db/request-db';
import { groupLoader, rowLoader } from '../../../../platform/loaders';
import type { MethodRow, TierRow, ZoneRow } from './zone-row';
import { ShippingMethodEntity, ShippingRateTierEntity, ShippingZoneEntity } from './zone.entities';

/** One statement per batch. */
export function zoneLoaders(db: RequestDb) {
  return {
    zoneById: rowLoader(
      (ids: readonly string[]): Promise<ZoneRow[]> => db.read((m) => m.findBy(ShippingZoneEntity, { id: In([...ids]) })),
      (z) => z.id,
    ),
    /** A zone's methods, active or not, by name. */
    methodsByZoneId: groupLoader(
      (ids: readonly string[]): Promise<MethodRow[]> => db.read((m) => m.find(ShippingMethodEntity, { where: { zoneId: In([...ids]) }, order: { name: 'ASC', id: 'ASC' } })),
      (r) => r.zoneId,
    ),
    /** A method's weight tiers, lightest first. */
    tiersByMethodId: groupLoader(
      (ids: readonly string[]): Promise<TierRow[]> => db.read((m) => m.find(ShippingRateTierEntity, { where: { methodId: In([...ids]) }, order: { maxWeightKg: 'ASC' } })),
      (r) => r.methodId,
    ),
  };
}
