import type { EntityManager } from 'typeorm';
import { lockKey } from '../../../../platform/db/advisory-lock';
import { userError, type UserError } from '../../../../platform/graphql/types';
import { isUuid } from '../../../../platform/validation';
import { AddressError } from './address.errors';
import type { UsersContext } from '../context';
import { AddressEntity } from './address.entity';
import type { AddressInput } from './address.inputs';
import { addressColumns, addressProblems } from './address.rules';

const MAX_ADDRESSES = 50;

type Result = { address: AddressEntity | null; userErrors: UserError[] };

const notFound = (field = 'id'): Result => ({
  address: null,
  userErrors: [userError(AddressError.NOT_FOUND, 'You have no address with this id', field)],
});

async function clearDefault(m: EntityManager, userId: string) {
  await m.update(AddressEntity, { userId, isDefault: true }, { isDefault: false });
}

/** The customer's address with this id, locked for the change; null for anyone else's. */
async function ownAddress(m: EntityManager, userId: string, id: string): Promise<AddressEntity | null> {
  if (!isUuid(id)) return null;
  return m.findOne(AddressEntity, { where: { id, userId }, lock: { mode: 'pessimistic_write' } });
}

/** Adds an address. The first one, or one marked isDefault, becomes the default. */
export async function addAddress(ctx: UsersContext, userId: string, input: AddressInput): Promise<Result> {
  const userErrors = addressProblems(input);
  if (userErrors.length) return { address: null, userErrors };
  return ctx.db.write(async (m) => {
    // serialise a customer's address changes, so two concurrent "first address" calls make one default
    await lockKey(m, userId);
    const count = await m.countBy(AddressEntity, { userId });
    if (count >= MAX_ADDRESSES) {
      return { address: null, userErrors: [userError(AddressError.LIMIT_REACHED, `At most ${MAX_ADDRESSES} addresses per account`)] };
    }
    const isDefault = count === 0 || input.isDefault === true;
    if (isDefault) await clearDefault(m, userId);
    const { identifiers } = await m.insert(AddressEntity, { ...addressColumns(input), userId, isDefault });
    return { address: await m.findOneByOrFail(AddressEntity, { id: identifiers[0].id }), userErrors: [] };
  });
}

export async function updateAddress(ctx: UsersContext, userId: string, id: string, input: AddressInput): Promise<Result> {
  const userErrors = addressProblems(input);
  if (userErrors.length) return { address: null, userErrors };
  return ctx.db.write(async (m) => {
    await lockKey(m, userId);
    const address = await ownAddress(m, userId, id);
    if (!address) return notFound();
    const isDefault = input.isDefault ?? address.isDefault;
    if (isDefault && !address.isDefault) await clearDefault(m, userId);
    await m.update(AddressEntity, { id }, { ...addressColumns(input), isDefault });
    return { address: await m.findOneByOrFail(AddressEntity, { id }), userErrors: [] };
  });
}

/** Deletes an address; when it was the default, the oldest remaining one takes its place. */
export async function deleteAddress(ctx: UsersContext, userId: string, id: string): Promise<{ deletedId: string | null; userErrors: UserError[] }> {
  return ctx.db.write(async (m) => {
    await lockKey(m, userId);
    const address = await ownAddress(m, userId, id);
    if (!address) return { deletedId: null, userErrors: notFound().userErrors };
    await m.delete(AddressEntity, { id });
    if (address.isDefault) {
      const next = await m.findOne(AddressEntity, { where: { userId }, order: { createdAt: 'ASC' } });
      if (next) await m.update(AddressEntity, { id: next.id }, { isDefault: true });
    }
    return { deletedId: id, userErrors: [] };
  });
}

export async function setDefaultAddress(ctx: UsersContext, userId: string, id: string): Promise<Result> {
  return ctx.db.write(async (m) => {
    await lockKey(m, userId);
    const address = await ownAddress(m, userId, id);
    if (!address) return notFound();
    await clearDefault(m, userId);
    await m.update(AddressEntity, { id }, { isDefault: true });
    return { address: { ...address, isDefault: true }, userErrors: [] };
  });
}
