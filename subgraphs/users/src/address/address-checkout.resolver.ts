import { Arg, Ctx, Directive, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { ServiceOnly } from '../../../../platform/graphql/authorization';
import { isUuid } from '../../../../platform/validation';
import type { UsersContext } from '../context';
import { UserEntity } from '../user/user.entity';
import { AddressEntity } from './address.entity';
import { Address } from './address.type';

@Directive('@inaccessible')
@ObjectType({ description: 'Internal. Where a customer\'s order mails go.' })
export class CheckoutCustomer {
  @Field(() => ID, { description: 'The customer.' })
  id!: string;

  @Field({ description: 'The account email.' })
  email!: string;
}

/** The checkout's look-up of a customer's saved address (orders only; @inaccessible). */
@Resolver()
export class AddressCheckoutResolver {
  @Directive('@inaccessible')
  @ServiceOnly('orders')
  @Query(() => Address, { nullable: true, description: "Internal (orders, at checkout). One of the customer's saved addresses; null when it is not theirs or unknown." })
  async addressForCheckout(
    @Arg('userId', () => ID, { description: 'The customer.' }) userId: string,
    @Arg('id', () => ID, { description: 'The address.' }) id: string,
    @Ctx() ctx: UsersContext,
  ): Promise<AddressEntity | null> {
    if (!isUuid(userId) || !isUuid(id)) return null;
    return ctx.db.read((m) => m.findOneBy(AddressEntity, { id: id.toLowerCase(), userId: userId.toLowerCase() }));
  }

  @Directive('@inaccessible')
  @ServiceOnly('orders')
  @Query(() => CheckoutCustomer, { nullable: true, description: 'Internal (orders, at checkout). The customer\'s account email; null when unknown.' })
  async customerForCheckout(@Arg('userId', () => ID, { description: 'The customer.' }) userId: string, @Ctx() ctx: UsersContext): Promise<CheckoutCustomer | null> {
    if (!isUuid(userId)) return null;
    const user = await ctx.db.read((m) => m.findOne(UserEntity, { where: { id: userId.toLowerCase() }, select: { id: true, email: true } }));
    return user && Object.assign(new CheckoutCustomer(), { id: user.id, email: user.email });
  }
}
