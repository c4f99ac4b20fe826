import { defineSubgraph } from '../../../platform/subgraph';
import { Cart1733000000000 } from '../migrations/1733000000000-cart';
import { CartFieldsResolver, CartLineFieldsResolver } from './cart/cart-fields.resolver';
import { CartInternalResolver } from './cart/cart-internal.resolver';
import { CartEntities } from './cart/cart.entity';
import { CartResolver } from './cart/cart.resolver';
import { UserCartResolver } from './cart/user-cart.resolver';
import { User } from './cart/user.type';
import { readCartSettings, type CartConfig } from './config';
import { createCartContext, type CartContext } from './context';
import { cartDeps, type CartDeps } from './deps';
import { DiscountEntities } from './discount/discount.entity';
import { DiscountResolver } from './discount/discount.resolver';
import { RedemptionResolver } from './discount/redemption.resolver';
import { cartJobHandlers, cartRepeatingJobs } from './jobs';
import { seedDemoDiscounts } from './seed';

/** Guest and customer carts, their lines and discount codes, the merge at sign-in and abandoned carts. */
export default defineSubgraph<CartConfig, CartDeps, CartContext>({
  name: 'cart',
  entities: [...CartEntities, ...DiscountEntities],
  migrations: [Cart1733000000000],
  resolvers: [CartResolver, CartFieldsResolver, CartLineFieldsResolver, UserCartResolver, CartInternalResolver, DiscountResolver, RedemptionResolver],
  // the users subgraph's User, which the cart adds `cart` to
  orphanedTypes: [User],
  config: readCartSettings,
  deps: cartDeps,
  createContext: createCartContext,
  jobHandlers: cartJobHandlers,
  repeatingJobs: cartRepeatingJobs,
  seed: seedDemoDiscounts,
});
