import { registerEnumType } from 'type-graphql';

/** PENDING (asked, the provider's answer not known yet), SUCCEEDED (the money went back), FAILED (the provider refused). */
export enum RefundStatus {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

registerEnumType(RefundStatus, {
  name: 'RefundStatus',
  description: 'PENDING (asked for; the provider has not confirmed it yet), SUCCEEDED (the money went back to the card), FAILED (the provider refused it; nothing was refunded).',
});
