import { defineSubgraph } from '../../../platform/subgraph';
import { Orders1733300000000 } from '../migrations/1733300000000-orders';
import { Returns1733400000000 } from '../migrations/1733400000000-returns';
import { OneCheckoutPerCart1733500000000 } from '../migrations/1733500000000-one-checkout-per-cart';
import { CancelOrderResolver } from './cancel/cancel.resolver';
import { CheckoutSagaEntity } from './checkout/checkout-saga.entity';
import { CheckoutResolver } from './checkout/checkout.resolver';
import { readOrdersSettings, type OrdersConfig } from './config';
import { createOrdersContext, type OrdersContext } from './context';
import { ordersDeps, type OrdersDeps } from './deps';
import { ordersJobHandlers, ordersRepeatingJobs } from './jobs';
import { OrderEntities } from './order/order.entity';
import { ordersReferences } from './order/order.reference';
import { OrderResolver, UserOrdersResolver } from './order/order.resolver';
import { ReturnEntities } from './return/return.entity';
import { OrderReturnsResolver, ReturnFieldsResolver, ReturnMutationsResolver } from './return/return.resolver';
import { OrderShippingResolver } from './order/order-shipping.resolver';

/** Orders: the checkout saga, order reads, cancellation, returns, and the order status shipping's events move. */
export default defineSubgraph<OrdersConfig, OrdersDeps, OrdersContext>({
  name: 'orders',
  entities: [...OrderEntities, CheckoutSagaEntity, ...ReturnEntities],
  migrations: [Orders1733300000000, Returns1733400000000, OneCheckoutPerCart1733500000000],
  resolvers: [OrderResolver, UserOrdersResolver, CheckoutResolver, CancelOrderResolver, OrderShippingResolver, ReturnMutationsResolver, ReturnFieldsResolver, OrderReturnsResolver],
  references: ordersReferences,
  config: readOrdersSettings,
  deps: ordersDeps,
  createContext: createOrdersContext,
  jobHandlers: ordersJobHandlers,
  repeatingJobs: ordersRepeatingJobs,
});
