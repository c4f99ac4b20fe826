import { Arg, Ctx, Directive, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { requireIdentity } from '../../../../platform/graphql/auth-checker';
import { Customer, SelfOrStaff } from '../../../../platform/graphql/authorization';
import { PRIVATE } from '../../../../platform/graphql/cache-hints';
import { isUuid } from '../../../../platform/validation';
import type { PaymentsContext } from '../context';
import type { PaymentMethodEntity } from './payment-method.entity';
import * as methods from './payment-method.service';
import { PaymentMethod, PaymentMethodsPayload, User } from './payment-method.type';

@Resolver(() => User)
export class UserPaymentMethodsResolver {
  @SelfOrStaff()
  @Directive(PRIVATE)
  @FieldResolver(() => [PaymentMethod], {
    description: 'The cards the user saved at checkout, the default first, then newest first. Private: the owner and staff (FORBIDDEN for others).',
  })
  paymentMethods(@Root() user: User, @Ctx() ctx: PaymentsContext): Promise<PaymentMethodEntity[]> {
    return isUuid(user.id) ? ctx.loaders.paymentMethodsByUser.load(user.id.toLowerCase()) : Promise.resolve([]);
  }
}

@Resolver()
export class PaymentMethodResolver {
  @Customer()
  @Mutation(() => PaymentMethodsPayload, {
    description: "Forgets one of the caller's saved cards; when it was the default, the newest remaining card becomes the default. Needs a signed-in user. userErrors: NOT_FOUND (no such card of yours).",
  })
  removePaymentMethod(@Arg('id', () => ID, { description: 'PaymentMethod.id.' }) id: string, @Ctx() ctx: PaymentsContext): Promise<PaymentMethodsPayload> {
    return methods.removePaymentMethod(ctx, requireIdentity(ctx).userId, id);
  }

  @Customer()
  @Mutation(() => PaymentMethodsPayload, {
    description: "Makes one of the caller's saved cards the default. Needs a signed-in user. userErrors: NOT_FOUND (no such card of yours).",
  })
  setDefaultPaymentMethod(@Arg('id', () => ID, { description: 'PaymentMethod.id.' }) id: string, @Ctx() ctx: PaymentsContext): Promise<PaymentMethodsPayload> {
    return methods.setDefaultPaymentMethod(ctx, requireIdentity(ctx).userId, id);
  }
}
