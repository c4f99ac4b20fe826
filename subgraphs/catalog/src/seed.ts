import 'reflect-metadata';
import { migrate } from '../../../platform/db/data-source';
import { createLogger } from '../../../platform/logger';
import { createRedis } from '../../../platform/redis';
import { CatalogCache } from './cache/catalog-cache';
import { readCatalogConfig } from './config';
import { createCatalogDatabase } from './database';
import { seedCatalog } from './seed/seed-catalog';

/** The demo shop's catalog: categories, brands, 240 products with stock in two warehouses, 1,000+ reviews. Idempotent. */
async function main() {
  const started = Date.now();
  const log = createLogger('catalog-seed');
  const config = readCatalogConfig();
  const database = createCatalogDatabase(config, log);
  await database.dataSource.initialize();
  const redis = createRedis(config.redisUrl, 'catalog-seed');
  try {
    await migrate(database.dataSource);
    const result = await seedCatalog(database.dataSource);
    if (result.seeded) {
      // running catalog instances and gateways drop what they cached of the empty catalog
      await new CatalogCache(redis, config.cacheNamespace, config.cacheTtlSeconds, log).changed({ productIds: [], categories: true }, true);
      log.info({ ...result.counts, ms: Date.now() - started }, `seeded the demo catalog in ${((Date.now() - started) / 1000).toFixed(2)} s`);
    } else {
      log.info({ ms: Date.now() - started }, 'the demo catalog is already there');
    }
  } finally {
    redis.disconnect();
    await database.dataSource.destroy();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
