import type { UserError } from '../../../../platform/graphql/types';
import { callService } from '../common/call';
import { CUSTOMER_FOR_CHECKOUT } from '../common/remote-operations';
import type { OrdersContext } from '../context';
import { answerRepeat, buyerOf, cartInCheckout, claimKey } from './checkout-idempotency';
import type { CheckoutResult } from './checkout-saga.entity';
import { runSaga } from './checkout-saga';
import { checkInput, planCheckout } from './checkout-validate';
import type { CheckoutInput } from './checkout.inputs';
import { failedResult, finish, forgetUnstarted, recordStep } from './saga-store';

/**
 * Checkout with Stripe-like idempotency: the input is checked, the key claimed, then the cart,
 * address, stock and shipping are validated and priced and the saga runs (checkout-saga.ts).
 * Every finished answer, userErrors included, is kept for the key.
 */
export async function checkout(ctx: OrdersContext, input: CheckoutInput): Promise<CheckoutResult> {
  const userId = ctx.identity?.userId ?? null;
  const problems: UserError[] = checkInput(input, !!userId);
  if (problems.length) return failedResult(...problems);

  const claim = await claimKey(ctx, buyerOf(userId, input.email), input, userId);
  if (!claim.saga) return cartInCheckout();
  if (!claim.fresh) return answerRepeat(ctx, claim.saga, input);
  const { saga } = claim;

  let planned: Awaited<ReturnType<typeof planCheckout>>;
  try {
    const email = input.email?.trim() || (userId ? (await callService(ctx, 'users', CUSTOMER_FOR_CHECKOUT, { userId })).customerForCheckout?.email : null);
    if (!email) return finish(ctx, saga, 'FAILED', 'COMPENSATED', failedResult({ code: 'INVALID', message: 'An email is required', field: 'input.email' }));
    planned = await planCheckout(ctx, input, saga.orderId, userId, email);
  } catch (error) {
    // a subgraph did not answer while nothing was done yet: the key and the cart are free again
    await forgetUnstarted(ctx, saga);
    throw error;
  }
  if (!planned.ok) return finish(ctx, saga, 'FAILED', 'COMPENSATED', failedResult(...planned.userErrors));
  await recordStep(ctx, saga, 'VALIDATED', planned.value);
  return runSaga(ctx, saga, planned.value, input.paymentToken);
}
