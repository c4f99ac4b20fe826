import { registerEnumType } from 'type-graphql';

/** PENDING (asked, the provider's answer not known yet), SUCCEEDED (the money went back), FAILED (the provider refused). */
export enum RefundStatus {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

registerEnumType(RefundStatus, {
  name: 'RefundStatus',
  description: 'Where a refund is: PENDING, SUCCEEDED or FAILED.',
  valuesConfig: {
    PENDING: { description: 'Asked for; the provider has not confirmed it yet. Its amount already counts against what may be refunded.' },
    SUCCEEDED: { description: 'The money went back to the card.' },
    FAILED: { description: 'The provider refused it; nothing was refunded.' },
  },
});
