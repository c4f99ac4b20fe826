import type { CatalogDeps } from './deps';
import { seedCatalog } from './seed/seed-catalog';

/** The demo shop's catalog: categories, brands, 240 products with stock in two warehouses, 1,000+ reviews. Idempotent. */
export async function seedDemoCatalog({ database, cache, log }: CatalogDeps): Promise<void> {
  const started = Date.now();
  const result = await seedCatalog(database.dataSource);
  if (result.seeded) {
    // running catalog instances and gateways drop what they cached of the empty catalog
    await cache.changed({ productIds: [], categories: true }, true);
    log.info({ ...result.counts, ms: Date.now() - started }, `seeded the demo catalog in ${((Date.now() - started) / 1000).toFixed(2)} s`);
  } else {
    log.info({ ms: Date.now() - started }, 'the demo catalog is already there');
  }
}
