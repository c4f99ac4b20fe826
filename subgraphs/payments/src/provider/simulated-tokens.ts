import type { CardDetails } from './payment-provider';

/**
 * The simulated gateway's test tokens, each standing for a fixed card (brand, last four, expiry):
 * `tok_visa`, `tok_mastercard` approve; `tok_chargeDeclined` and `tok_insufficientFunds` are declined
 * with distinct reasons; `tok_timeout` is approved and recorded but the answer never comes back
 * within the deadline (for reconciliation). Any other token is declined as invalid_token.
 */
export interface TestCard {
  card: CardDetails;
  decline?: { code: string; message: string };
  /** The provider records the operation as done, then never answers. */
  hangs?: boolean;
}

export const TEST_TOKENS: Record<string, TestCard> = {
  tok_visa: { card: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2034 } },
  tok_mastercard: { card: { brand: 'mastercard', last4: '4444', expMonth: 6, expYear: 2033 } },
  tok_chargeDeclined: {
    card: { brand: 'visa', last4: '0002', expMonth: 12, expYear: 2034 },
    decline: { code: 'card_declined', message: 'The card was declined' },
  },
  tok_insufficientFunds: {
    card: { brand: 'visa', last4: '9995', expMonth: 12, expYear: 2034 },
    decline: { code: 'insufficient_funds', message: 'The card has insufficient funds' },
  },
  tok_timeout: { card: { brand: 'visa', last4: '0341', expMonth: 12, expYear: 2034 }, hangs: true },
};

export const INVALID_TOKEN = { code: 'invalid_token', message: 'The payment token is not one the provider issued' };
