import { randomUUID } from 'node:crypto';
import { service } from '../../../platform/testing/callers';
import { startSubgraphHarness, type SubgraphHarness } from '../../../platform/testing/subgraph-harness';
import type { PaymentsDeps } from '../src/deps';
import payments from '../src/subgraph';

export { admin, customer, guest, service, type Caller } from '../../../platform/testing/callers';

export type PaymentsHarness = SubgraphHarness<PaymentsDeps>;

/** The only caller of the internal payment operations. */
export const orders = service('orders');

/**
 * The payments subgraph on a fresh database. Provider calls give up after 2 s here, so tok_timeout
 * (which never answers) fails fast enough for a test.
 */
export const startPayments = (env: NodeJS.ProcessEnv = {}): Promise<PaymentsHarness> =>
  startSubgraphHarness(payments, { PAYMENT_PROVIDER_TIMEOUT_MS: '2000', ...env });

export const PAYMENT_FIELDS = 'id status amount { amount currencyCode } refundedAmount { amount } cardBrand cardLast4 declineCode refunds { id amount { amount currencyCode } status createdAt }';

export const AUTHORIZE = `mutation ($orderId: ID!, $amount: Decimal!, $currencyCode: String!, $paymentToken: String!, $idempotencyKey: String!, $userId: ID, $email: String, $savePaymentMethod: Boolean) {
  authorizePayment(orderId: $orderId, amount: $amount, currencyCode: $currencyCode, paymentToken: $paymentToken, idempotencyKey: $idempotencyKey, userId: $userId, email: $email, savePaymentMethod: $savePaymentMethod) {
    payment { ${PAYMENT_FIELDS} }
    declineCode
    userErrors { field message code }
  }
}`;

export const CAPTURE = `mutation ($paymentId: ID, $orderId: ID, $idempotencyKey: String!) {
  capturePayment(paymentId: $paymentId, orderId: $orderId, idempotencyKey: $idempotencyKey) { payment { ${PAYMENT_FIELDS} } declineCode userErrors { field message code } }
}`;

export const VOID = `mutation ($paymentId: ID, $orderId: ID, $idempotencyKey: String!) {
  voidPayment(paymentId: $paymentId, orderId: $orderId, idempotencyKey: $idempotencyKey) { payment { ${PAYMENT_FIELDS} } declineCode userErrors { field message code } }
}`;

export const RECONCILE = `mutation ($orderId: ID!) {
  reconcilePayment(orderId: $orderId) { payment { ${PAYMENT_FIELDS} } declineCode userErrors { field message code } }
}`;

export const PAYMENT_FOR_ORDER = `query ($orderId: ID!) { paymentForOrder(orderId: $orderId) { ${PAYMENT_FIELDS} } }`;

/** The contract's RefundPayment (admin.graphql). */
export const REFUND = `mutation RefundPayment($input: RefundPaymentInput!) {
  refundPayment(input: $input) {
    refund { id amount { amount currencyCode } status }
    payment { id status }
    userErrors { field message code }
  }
}`;

export const REFUND_ORDER = `mutation ($orderId: ID!, $amount: Decimal, $reason: String, $idempotencyKey: String!) {
  refundOrderPayment(orderId: $orderId, amount: $amount, reason: $reason, idempotencyKey: $idempotencyKey) {
    refund { id amount { amount currencyCode } status reason }
    payment { id status refundedAmount { amount } }
    userErrors { field message code }
  }
}`;

export const codes = (payload: { userErrors: { code: string }[] }) => payload.userErrors.map((e) => e.code);

export interface Authorized {
  orderId: string;
  paymentId: string;
  key: string;
}

/** Authorizes `amount` for a new order (tok_visa unless told), as orders would; fails the test on any userError. */
export async function authorize(h: PaymentsHarness, vars: Record<string, unknown> = {}): Promise<Authorized> {
  const orderId = (vars.orderId as string) ?? randomUUID();
  const key = (vars.idempotencyKey as string) ?? `auth-${randomUUID()}`;
  const result = await h.call(orders, AUTHORIZE, { orderId, amount: '100.00', currencyCode: 'USD', paymentToken: 'tok_visa', idempotencyKey: key, ...vars });
  const payload = result.data?.authorizePayment;
  if (!payload?.payment || payload.userErrors.length) throw new Error(`authorizePayment failed: ${JSON.stringify(result)}`);
  return { orderId, paymentId: payload.payment.id, key };
}

/** Authorizes and captures; returns the ids. */
export async function captured(h: PaymentsHarness, vars: Record<string, unknown> = {}): Promise<Authorized> {
  const a = await authorize(h, vars);
  const result = await h.call(orders, CAPTURE, { paymentId: a.paymentId, idempotencyKey: `cap-${randomUUID()}` });
  if (result.data?.capturePayment.payment?.status !== 'CAPTURED') throw new Error(`capturePayment failed: ${JSON.stringify(result)}`);
  return a;
}
