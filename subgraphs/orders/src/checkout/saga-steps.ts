/** RUNNING until the checkout finished one way (COMPLETED: the order is confirmed) or the other (FAILED: everything undone). */
export type SagaState = 'RUNNING' | 'COMPLETED' | 'FAILED';

/** The last step done, in order. */
export const SAGA_STEPS = [
  'STARTED',
  'VALIDATED',
  'STOCK_RESERVED',
  'DISCOUNTS_REDEEMED',
  'ORDER_CREATED',
  'PAYMENT_AUTHORIZED',
  'PAYMENT_CAPTURED',
  'STOCK_COMMITTED',
  'ORDER_CONFIRMED',
  'CART_CONVERTED',
  'COMPENSATED',
] as const;
export type SagaStep = (typeof SAGA_STEPS)[number];

/** Whether `step` is at or past `than`. */
export const reached = (step: SagaStep, than: SagaStep): boolean => SAGA_STEPS.indexOf(step) >= SAGA_STEPS.indexOf(than);
