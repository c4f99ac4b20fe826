/**
 * A card gateway as payments sees it. The simulated gateway implements it; a real one (Stripe:
 * PaymentIntents with manual capture, refunds, idempotency keys) would too. Every call carries an
 * idempotency key: repeating a key returns the first call's result and does nothing again, so a
 * call whose answer was lost can be repeated or looked up (`lookup`) safely.
 */
export interface PaymentProvider {
  /** Stored with each payment and each log row, e.g. "simulated". */
  readonly name: string;
  /** Holds `amountCents` on the card the token stands for. */
  authorize(request: AuthorizeRequest): Promise<ProviderResult>;
  /** Takes the held amount (all of it). */
  capture(request: ChargeRequest): Promise<ProviderResult>;
  /** Releases a hold that was not captured. */
  void(request: ChargeRequest): Promise<ProviderResult>;
  /** Gives `amountCents` of a captured charge back. */
  refund(request: RefundRequest): Promise<ProviderResult>;
  /** The provider's own record of the operation made with this key; null when it never received it. */
  lookup(idempotencyKey: string): Promise<ProviderResult | null>;
}

export interface AuthorizeRequest {
  idempotencyKey: string;
  amountCents: number;
  currencyCode: string;
  /** A token from the provider's card form (never a card number). */
  paymentToken: string;
}

export interface ChargeRequest {
  idempotencyKey: string;
  /** The authorization's reference (ProviderResult.reference of authorize). */
  authorization: string;
  amountCents: number;
}

export interface RefundRequest extends ChargeRequest {
  currencyCode: string;
}

/** What the provider tells about a card: never its number. */
export interface CardDetails {
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

export type ProviderResult =
  | { status: 'succeeded'; reference: string; card?: CardDetails }
  | { status: 'declined'; reference: string; declineCode: string; message: string; card?: CardDetails };

/** The provider could not be reached or failed before doing anything (HTTP 5xx, connection refused). */
export class ProviderUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderUnavailableError';
  }
}

/** The provider did not answer within the deadline: the operation may or may not have happened. */
export class ProviderTimeoutError extends Error {
  constructor(readonly afterMs: number) {
    super(`The payment provider did not answer within ${afterMs} ms`);
    this.name = 'ProviderTimeoutError';
  }
}

/** The provider's idempotency key of a payments operation: keys of different operations never collide. */
export const providerKey = (operation: 'authorize' | 'capture' | 'void' | 'refund', key: string) => `${operation}:${key}`;

/**
 * A token as it may be written down (logs, ledgers): tokens are never card numbers, but a client
 * might send a card number in their place, so anything with a long run of digits is redacted.
 */
export function loggableToken(token: string): string {
  return /\d{12,}/.test(token.replace(/[\s-]/g, '')) ? `[redacted: ${token.length} characters]` : token;
}
