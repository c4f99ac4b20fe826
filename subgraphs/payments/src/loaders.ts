import type { RequestDb } from '../../../platform/db/request-db';
import { paymentLoaders } from './payment/payment.loaders';
import { paymentMethodLoaders } from './payment-method/payment-method.loaders';
import { refundLoaders } from './refund/refund.loaders';

/** Every DataLoader of a request: one SQL statement per batch. */
export function createLoaders(db: RequestDb) {
  return { ...paymentLoaders(db), ...refundLoaders(db), ...paymentMethodLoaders(db) };
}

export type PaymentsLoaders = ReturnType<typeof createLoaders>;
