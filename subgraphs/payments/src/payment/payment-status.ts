import { registerEnumType } from 'type-graphql';

/**
 * A payment's life:
 *
 *   PENDING ──> AUTHORIZED ──> CAPTURED ──> PARTIALLY_REFUNDED ──> REFUNDED
 *      │            │             └───────────────────────────────────^
 *      └─> FAILED   └─> VOIDED
 *
 * PENDING: asked for, the provider's answer not known yet (it timed out or failed): reconciliation
 * asks the provider and moves it on. FAILED: declined, or the provider never received it.
 * VOIDED: the hold was released before capture (a cancelled checkout); nothing was charged.
 * FAILED, VOIDED and REFUNDED are final.
 */
export enum PaymentStatus {
  PENDING = 'PENDING',
  AUTHORIZED = 'AUTHORIZED',
  CAPTURED = 'CAPTURED',
  PARTIALLY_REFUNDED = 'PARTIALLY_REFUNDED',
  REFUNDED = 'REFUNDED',
  FAILED = 'FAILED',
  VOIDED = 'VOIDED',
}

registerEnumType(PaymentStatus, {
  name: 'PaymentStatus',
  description: 'Where a card payment is in its life. FAILED, VOIDED and REFUNDED are final.',
  valuesConfig: {
    PENDING: { description: 'Asked for; the provider has not answered yet (it is reconciled with the provider).' },
    AUTHORIZED: { description: 'The amount is held on the card, not charged yet.' },
    CAPTURED: { description: 'The amount was charged.' },
    PARTIALLY_REFUNDED: { description: 'Charged, and part of it given back.' },
    REFUNDED: { description: 'Charged, and all of it given back.' },
    FAILED: { description: 'Declined by the provider, or it never reached the provider; nothing was charged.' },
    VOIDED: { description: 'The hold was released before capture (a cancelled checkout); nothing was charged.' },
  },
});

const NEXT: Record<PaymentStatus, readonly PaymentStatus[]> = {
  [PaymentStatus.PENDING]: [PaymentStatus.AUTHORIZED, PaymentStatus.FAILED],
  [PaymentStatus.AUTHORIZED]: [PaymentStatus.CAPTURED, PaymentStatus.VOIDED],
  [PaymentStatus.CAPTURED]: [PaymentStatus.PARTIALLY_REFUNDED, PaymentStatus.REFUNDED],
  [PaymentStatus.PARTIALLY_REFUNDED]: [PaymentStatus.PARTIALLY_REFUNDED, PaymentStatus.REFUNDED],
  [PaymentStatus.REFUNDED]: [],
  [PaymentStatus.FAILED]: [],
  [PaymentStatus.VOIDED]: [],
};

/** Whether a payment may move from `from` to `to`. */
export function canMove(from: PaymentStatus, to: PaymentStatus): boolean {
  return NEXT[from].includes(to);
}

/** The status after refunds totalling `refundedCents` of `capturedCents`. */
export function refundedStatus(capturedCents: number, refundedCents: number): PaymentStatus {
  if (refundedCents <= 0) return PaymentStatus.CAPTURED;
  return refundedCents >= capturedCents ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
}

/** Money was taken and not all given back: refunds are possible. */
export const isRefundable = (status: PaymentStatus) => status === PaymentStatus.CAPTURED || status === PaymentStatus.PARTIALLY_REFUNDED;

/** Captured at some point (refunded ones included). */
export const wasCaptured = (status: PaymentStatus) => isRefundable(status) || status === PaymentStatus.REFUNDED;
