import { inventoryLoaders } from './inventory/inventory.loaders';
import { productLoaders, type LoaderScope } from './product/product.loaders';
import { reviewLoaders } from './review/review.loaders';

/** Every DataLoader of a request: one SQL statement per batch. */
export function createLoaders(scope: LoaderScope) {
  return { ...productLoaders(scope), ...inventoryLoaders(scope.db), ...reviewLoaders(scope.db) };
}

export type CatalogLoaders = ReturnType<typeof createLoaders>;
