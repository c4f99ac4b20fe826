import { defineSubgraph } from '../../../platform/subgraph';
import { Payments1732500000000 } from '../migrations/1732500000000-payments';
import { readPaymentsSettings, type PaymentsConfig } from './config';
import { createPaymentsContext, type PaymentsContext } from './context';
import { paymentsDeps, type PaymentsDeps } from './deps';
import { PaymentMethodEntity } from './payment-method/payment-method.entity';
import { PaymentMethodResolver, UserPaymentMethodsResolver } from './payment-method/payment-method.resolver';
import { User } from './payment-method/payment-method.type';
import { Order } from './payment/order.type';
import { PaymentEntity } from './payment/payment.entity';
import { paymentsReferences } from './payment/payment.reference';
import { OrderPaymentResolver, PaymentFieldsResolver, PaymentOperationsResolver } from './payment/payment.resolver';
import { ProviderCallEntity } from './provider/provider-call.entity';
import { RefundEntity } from './refund/refund.entity';
import { RefundResolver } from './refund/refund.resolver';

/** Card payments of orders: authorization, capture, void, refunds, saved cards, over a PaymentProvider. */
export default defineSubgraph<PaymentsConfig, PaymentsDeps, PaymentsContext>({
  name: 'payments',
  entities: [PaymentEntity, RefundEntity, PaymentMethodEntity, ProviderCallEntity],
  migrations: [Payments1732500000000],
  resolvers: [PaymentOperationsResolver, OrderPaymentResolver, PaymentFieldsResolver, RefundResolver, UserPaymentMethodsResolver, PaymentMethodResolver],
  references: paymentsReferences,
  orphanedTypes: [Order, User],
  config: readPaymentsSettings,
  deps: paymentsDeps,
  createContext: createPaymentsContext,
});
