import type { EntityManager } from 'typeorm';
import { lockKey } from '../../../../platform/db/advisory-lock';
import { userError, type UserError } from '../../../../platform/graphql/types';
import { isUuid } from '../../../../platform/validation';
import type { PaymentsContext } from '../context';
import type { CardDetails } from '../provider/payment-provider';
import { PaymentMethodError } from './payment-method.errors';
import { PaymentMethodEntity } from './payment-method.entity';

export interface PaymentMethodsResult {
  paymentMethods: PaymentMethodEntity[] | null;
  userErrors: UserError[];
}

/** One customer's saved cards change one at a time, so exactly one stays the default. */
const lockCustomer = (m: EntityManager, userId: string) => lockKey(m, `payment-methods:${userId}`);

/**
 * Keeps a card for the customer (after an approved authorization that asked to save it): brand,
 * last four and expiry only. The same card is kept once; the first card becomes the default.
 */
export async function saveCard(m: EntityManager, userId: string, card: CardDetails): Promise<void> {
  await lockCustomer(m, userId);
  const isDefault = !(await m.existsBy(PaymentMethodEntity, { userId }));
  await m
    .createQueryBuilder()
    .insert()
    .into(PaymentMethodEntity)
    .values({ userId, brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear, isDefault })
    .orIgnore()
    .execute();
}

const notFound = (): PaymentMethodsResult => ({ paymentMethods: null, userErrors: [userError(PaymentMethodError.NOT_FOUND, 'You have no saved card with this id', 'id')] });

async function change(ctx: PaymentsContext, userId: string, id: string, apply: (m: EntityManager, method: PaymentMethodEntity) => Promise<void>): Promise<PaymentMethodsResult> {
  if (!isUuid(id)) return notFound();
  const result = await ctx.db.write(async (m) => {
    await lockCustomer(m, userId);
    const method = await m.findOneBy(PaymentMethodEntity, { id, userId });
    if (!method) return notFound();
    await apply(m, method);
    return { paymentMethods: [], userErrors: [] };
  });
  ctx.loaders.paymentMethodsByUser.clear(userId);
  if (result.userErrors.length) return result;
  return { paymentMethods: await ctx.loaders.paymentMethodsByUser.load(userId), userErrors: [] };
}

/** Forgets one of the customer's cards; when it was the default, the newest remaining card becomes the default. */
export function removePaymentMethod(ctx: PaymentsContext, userId: string, id: string): Promise<PaymentMethodsResult> {
  return change(ctx, userId, id, async (m, method) => {
    await m.delete(PaymentMethodEntity, { id: method.id });
    if (!method.isDefault) return;
    const next = await m.findOne(PaymentMethodEntity, { where: { userId }, order: { createdAt: 'DESC', id: 'ASC' } });
    if (next) await m.update(PaymentMethodEntity, { id: next.id }, { isDefault: true });
  });
}

/** Makes one of the customer's cards the default (the others stop being it). */
export function setDefaultPaymentMethod(ctx: PaymentsContext, userId: string, id: string): Promise<PaymentMethodsResult> {
  return change(ctx, userId, id, async (m, method) => {
    if (method.isDefault) return;
    await m.update(PaymentMethodEntity, { userId, isDefault: true }, { isDefault: false });
    await m.update(PaymentMethodEntity, { id: method.id }, { isDefault: true });
  });
}
