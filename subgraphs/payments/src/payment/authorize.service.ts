import type { EntityManager } from 'typeorm';
import { uniqueViolation } from '../../../../platform/db/db-errors';
import { userError } from '../../../../platform/graphql/types';
import { isEmail, isUuid } from '../../../../platform/validation';
import { isCurrencyCode, positiveCents } from '../common/money';
import type { PaymentsContext } from '../context';
import { saveCard } from '../payment-method/payment-method.service';
import { loggableToken, providerKey, type ProviderResult } from '../provider/payment-provider';
import type { Unavailable } from '../provider/provider-call';
import { askProvider } from './ask-provider';
import { PaymentError } from './payment.errors';
import { PaymentEntity } from './payment.entity';
import { authorizationResult, failed, isUnavailable, NOT_RECEIVED, type PaymentResult } from './payment-result';
import { PaymentStatus } from './payment-status';
import { keyProblem } from './payment-store';

export interface AuthorizeInput {
  orderId: string;
  amount: string;
  currencyCode: string;
  paymentToken: string;
  idempotencyKey: string;
  userId?: string | null;
  email?: string | null;
  savePaymentMethod?: boolean | null;
}

function inputProblem(input: AuthorizeInput) {
  if (!isUuid(input.orderId)) return userError(PaymentError.INVALID, 'orderId must be a UUID', 'orderId');
  if (positiveCents(input.amount) === null) return userError(PaymentError.INVALID, 'amount must be a positive amount with at most 2 decimals, e.g. "19.99"', 'amount');
  if (!isCurrencyCode(input.currencyCode)) return userError(PaymentError.INVALID, 'currencyCode must be an ISO 4217 code such as "USD"', 'currencyCode');
  if (input.paymentToken.length < 1 || input.paymentToken.length > 200) return userError(PaymentError.INVALID, 'paymentToken has 1 to 200 characters', 'paymentToken');
  if (input.userId && !isUuid(input.userId)) return userError(PaymentError.INVALID, 'userId must be a UUID', 'userId');
  if (input.email && !isEmail(input.email)) return userError(PaymentError.INVALID, 'email is not an e-mail address', 'email');
  if (input.savePaymentMethod && !input.userId) return userError(PaymentError.INVALID, 'Saving the card needs the userId of its owner', 'savePaymentMethod');
  return keyProblem(input.idempotencyKey);
}

const sameRequest = (p: PaymentEntity, input: AuthorizeInput, cents: number) =>
  p.orderId === input.orderId.toLowerCase() && p.amountCents === cents && p.currencyCode === input.currencyCode;

/**
 * Holds the amount on the card (PENDING → AUTHORIZED, or FAILED when declined). Idempotent by
 * `idempotencyKey`: a repeated call returns the first result; a payment still PENDING (the provider
 * did not answer) asks the provider again with the same key, which does nothing twice.
 */
export async function authorizePayment(ctx: PaymentsContext, input: AuthorizeInput): Promise<PaymentResult> {
  const problem = inputProblem(input);
  if (problem) return failed(problem);
  const cents = positiveCents(input.amount)!;
  const payment = await findOrCreate(ctx, input, cents);
  if (!payment) return failed(userError(PaymentError.IDEMPOTENCY_KEY_REUSED, 'This idempotencyKey was used for another order or amount', 'idempotencyKey'));
  if (payment.status !== PaymentStatus.PENDING) return authorizationResult(payment);

  const idempotencyKey = providerKey('authorize', input.idempotencyKey);
  const request = { amountCents: cents, currencyCode: input.currencyCode, paymentToken: input.paymentToken };
  const logged = { ...request, paymentToken: loggableToken(input.paymentToken) };
  const outcome = await askProvider(ctx, { operation: 'authorize', idempotencyKey, paymentId: payment.id, request: logged }, (p) => p.authorize({ idempotencyKey, ...request }));
  const saveFor = input.savePaymentMethod && input.userId ? input.userId.toLowerCase() : null;
  const settled = await ctx.db.write((m) => applyAuthorization(m, payment.id, outcome, saveFor));
  return authorizationResult(settled);
}

async function findOrCreate(ctx: PaymentsContext, input: AuthorizeInput, cents: number): Promise<PaymentEntity | null> {
  const byKey = () => ctx.db.readPrimary((m) => m.findOneBy(PaymentEntity, { authorizeKey: input.idempotencyKey }));
  const known = await byKey();
  if (known) return sameRequest(known, input, cents) ? known : null;
  try {
    return await ctx.db.write(async (m) => {
      const { identifiers } = await m.insert(PaymentEntity, {
        orderId: input.orderId.toLowerCase(),
        userId: input.userId?.toLowerCase() ?? null,
        email: input.email ?? null,
        status: PaymentStatus.PENDING,
        amountCents: cents,
        currencyCode: input.currencyCode,
        provider: ctx.deps.provider.name,
        authorizeKey: input.idempotencyKey,
      });
      return m.findOneByOrFail(PaymentEntity, { id: identifiers[0].id as string });
    });
  } catch (error) {
    if (!uniqueViolation(error)) throw error;
    // the same key arrived twice at once: the other call created it
    const other = await byKey();
    return other && sameRequest(other, input, cents) ? other : null;
  }
}

/**
 * Records the provider's answer on a PENDING payment (no answer leaves it PENDING; null from a
 * lookup means the provider never received it: FAILED). Returns the payment as it is now.
 */
export async function applyAuthorization(
  m: EntityManager,
  paymentId: string,
  outcome: ProviderResult | Unavailable | null,
  saveFor: string | null = null,
): Promise<PaymentEntity> {
  if (!isUnavailable(outcome)) {
    const change: Partial<PaymentEntity> =
      outcome === null
        ? { status: PaymentStatus.FAILED, declineCode: NOT_RECEIVED }
        : outcome.status === 'succeeded'
          ? { status: PaymentStatus.AUTHORIZED, providerReference: outcome.reference }
          : { status: PaymentStatus.FAILED, providerReference: outcome.reference, declineCode: outcome.declineCode };
    const card = outcome?.card;
    if (card) Object.assign(change, { cardBrand: card.brand, cardLast4: card.last4, cardExpMonth: card.expMonth, cardExpYear: card.expYear });
    const { affected } = await m.update(PaymentEntity, { id: paymentId, status: PaymentStatus.PENDING }, change);
    if (affected && card && saveFor && outcome?.status === 'succeeded') await saveCard(m, saveFor, card);
  }
  return m.findOneByOrFail(PaymentEntity, { id: paymentId });
}
