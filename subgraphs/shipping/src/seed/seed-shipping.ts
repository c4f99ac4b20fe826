import type { DataSource } from 'typeorm';
import { sql } from '../../../../platform/db/sql';
import { SEED_ZONES } from './seed-data';

/** Inserts the demo zones and methods that are not there yet (by id); edits made since are kept. */
export async function seedShipping(dataSource: DataSource): Promise<{ seeded: boolean; counts: { zones: number; methods: number } }> {
  return dataSource.transaction(async (m) => {
    let zones = 0;
    let methods = 0;
    for (const zone of SEED_ZONES) {
      const inserted = await sql(
        m,
        'INSERT INTO shipping_zones (id, name, country_codes, postal_prefixes) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id',
        [zone.id, zone.name, [...zone.countryCodes].sort(), zone.postalPrefixes],
      );
      zones += inserted.length;
      for (const method of zone.methods) {
        const added = await sql(
          m,
          `INSERT INTO shipping_methods (id, zone_id, carrier, name, estimated_days_min, estimated_days_max, rate_kind, flat_price, free_over_subtotal)
           SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 WHERE EXISTS (SELECT 1 FROM shipping_zones WHERE id = $2)
           ON CONFLICT DO NOTHING RETURNING id`,
          [method.id, zone.id, method.carrier, method.name, method.days[0], method.days[1], method.tiers ? 'WEIGHT_TIERED' : 'FLAT', method.flatPrice ?? null, method.freeOverSubtotal ?? null],
        );
        if (!added.length) continue;
        methods += 1;
        if (method.tiers) {
          await sql(m, 'INSERT INTO shipping_rate_tiers (method_id, max_weight_kg, price) SELECT $1, w, p FROM unnest($2::numeric[], $3::numeric[]) AS v(w, p)', [
            method.id,
            method.tiers.map((t) => t[0]),
            method.tiers.map((t) => t[1]),
          ]);
        }
      }
    }
    return { seeded: zones + methods > 0, counts: { zones, methods } };
  });
}
