import type { GraphQLSchema } from 'graphql';
import '../../../platform/auth/roles';
import { authChecker } from '../../../platform/graphql/auth-checker';
import { buildFederatedSchema } from '../../../platform/graphql/federation';
import { BrandResolver } from './brand/brand.resolver';
import { ProductForCartResolver } from './cart-support/product-for-cart.resolver';
import { CategoryResolver } from './category/category.resolver';
import { InventoryResolver } from './inventory/inventory.resolver';
import { ReservationResolver } from './inventory/reservation.resolver';
import { ProductFieldsResolver } from './product/product-fields.resolver';
import { productReference } from './product/product.reference';
import { ProductResolver } from './product/product.resolver';
import { ProductReviewsResolver, ReviewResolver, UserReviewsResolver } from './review/review.resolver';
import { BestSellersResolver } from './sales/best-sellers.resolver';

export const catalogResolvers = [
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
] as const;

export function buildCatalogSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({ resolvers: catalogResolvers, authChecker }, productReference);
}
