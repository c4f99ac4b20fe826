import { defineSubgraph } from '../../../platform/subgraph';
import { Catalog1732200000000 } from '../migrations/1732200000000-catalog';
import { BrandEntity } from './brand/brand.entity';
import { BrandResolver } from './brand/brand.resolver';
import { ProductForCartResolver } from './cart-support/product-for-cart.resolver';
import { CategoryEntity } from './category/category.entity';
import { CategoryResolver } from './category/category.resolver';
import { readCatalogSettings, type CatalogConfig } from './config';
import { createCatalogContext, type CatalogContext } from './context';
import { catalogCache, type CatalogDeps } from './deps';
import { InventoryEntities } from './inventory/inventory.entities';
import { InventoryResolver } from './inventory/inventory.resolver';
import { ReservationResolver } from './inventory/reservation.resolver';
import { catalogJobHandlers, catalogRepeatingJobs } from './jobs';
import { ProductFieldsResolver } from './product/product-fields.resolver';
import { ProductCategoryEntity, ProductEntity } from './product/product.entity';
import { productReference } from './product/product.reference';
import { ProductResolver } from './product/product.resolver';
import { ReviewEntity } from './review/review.entity';
import { ProductReviewsResolver, ReviewResolver, UserReviewsResolver } from './review/review.resolver';
import { BestSellersResolver } from './sales/best-sellers.resolver';
import { PurchaseEntity } from './sales/purchase.entity';
import { seedDemoCatalog } from './seed';

/** Categories, brands, products, search, stock, reservations, reviews and best sellers. */
export default defineSubgraph<CatalogConfig, CatalogDeps, CatalogContext>({
  name: 'catalog',
  entities: [BrandEntity, CategoryEntity, ProductEntity, ProductCategoryEntity, ...InventoryEntities, ReviewEntity, PurchaseEntity],
  migrations: [Catalog1732200000000],
  resolvers: [
    ProductResolver,
    ProductFieldsResolver,
    CategoryResolver,
    BrandResolver,
    InventoryResolver,
    ReservationResolver,
    ReviewResolver,
    ProductReviewsResolver,
    UserReviewsResolver,
    BestSellersResolver,
    ProductForCartResolver,
  ],
  references: productReference,
  config: readCatalogSettings,
  deps: catalogCache,
  createContext: createCatalogContext,
  jobHandlers: (deps) => catalogJobHandlers(deps),
  repeatingJobs: catalogRepeatingJobs,
  seed: seedDemoCatalog,
  // each test run caches under a namespace of its own; the reservation sweep only where a test asks for it
  testEnv: (queuePrefix) => ({ CATALOG_CACHE_NAMESPACE: queuePrefix, STOCK_RESERVATION_SWEEP_MS: '0' }),
});
