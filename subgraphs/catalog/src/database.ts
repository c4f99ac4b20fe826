import { createDatabase, type Database } from '../../../platform/db/data-source';
import type { Logger } from '../../../platform/logger';
import { queueEntities } from '../../../platform/queue/outbox.entity';
import { Catalog1732200000000 } from '../migrations/1732200000000-catalog';
import { BrandEntity } from './brand/brand.entity';
import { CategoryEntity } from './category/category.entity';
import type { CatalogConfig } from './config';
import { InventoryEntities } from './inventory/inventory.entities';
import { ProductCategoryEntity, ProductEntity } from './product/product.entity';
import { ReviewEntity } from './review/review.entity';
import { PurchaseEntity } from './sales/purchase.entity';

export const catalogEntities = [
  ...queueEntities,
  BrandEntity,
  CategoryEntity,
  ProductEntity,
  ProductCategoryEntity,
  ...InventoryEntities,
  ReviewEntity,
  PurchaseEntity,
];
export const catalogMigrations = [Catalog1732200000000];

export function createCatalogDatabase(config: Pick<CatalogConfig, 'database'>, log: Logger): Database {
  return createDatabase({ name: 'catalog', db: config.database, entities: catalogEntities, migrations: catalogMigrations, log });
}
