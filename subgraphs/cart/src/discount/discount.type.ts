import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, DecimalScalar } from '../../../../platform/graphql/scalars';
import { Money, UserError } from '../../../../platform/graphql/types';

export enum DiscountKindEnum {
  PERCENTAGE = 'PERCENTAGE',
  FIXED_AMOUNT = 'FIXED_AMOUNT',
}
registerEnumType(DiscountKindEnum, {
  name: 'DiscountKind',
  description: 'How a discount code takes money off.',
  valuesConfig: {
    PERCENTAGE: { description: 'value percent of the subtotal (0 < value ≤ 100).' },
    FIXED_AMOUNT: { description: 'value in money off the subtotal, never more than the subtotal.' },
  },
});

@ObjectType({ description: 'A discount code staff created. Customers enter it on a cart (cartDiscountCodesUpdate).' })
export class DiscountCode {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field({ description: 'The code, in upper case; customers may enter it in any case.' })
  code!: string;

  @Field(() => DiscountKindEnum, { description: 'PERCENTAGE or FIXED_AMOUNT.' })
  kind!: DiscountKindEnum;

  @Field(() => DecimalScalar, { description: 'Percent for PERCENTAGE, money for FIXED_AMOUNT.' })
  value!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'The code applies only to carts whose subtotal is at least this; null: any cart.' })
  minimumSubtotal!: string | null;

  @Field(() => Int, { nullable: true, description: 'How many orders may use it in all; null: no limit.' })
  usageLimit!: number | null;

  @Field(() => Int, { description: 'How many orders have used it (released uses not counted).' })
  usageCount!: number;

  @Field(() => Int, { nullable: true, description: 'How many orders one customer may use it for; null: no limit.' })
  perCustomerLimit!: number | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Not valid before this instant; null: valid from creation.' })
  startsAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Not valid from this instant on; null: never expires.' })
  expiresAt!: Date | null;
}

@InputType({ description: 'A new discount code.' })
export class CreateDiscountCodeInput {
  @Field({ description: 'The code: 1 to 64 letters, digits, "-" or "_"; stored in upper case, unique case-insensitively (else TAKEN).' })
  code!: string;

  @Field(() => DiscountKindEnum, { description: 'PERCENTAGE or FIXED_AMOUNT.' })
  kind!: DiscountKindEnum;

  @Field(() => DecimalScalar, { description: 'Percent (more than 0, at most 100) for PERCENTAGE, money (more than 0) for FIXED_AMOUNT.' })
  value!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Minimum cart subtotal for the code to apply.' })
  minimumSubtotal?: string | null;

  @Field(() => Int, { nullable: true, description: 'Uses in all, at least 1; null: unlimited.' })
  usageLimit?: number | null;

  @Field(() => Int, { nullable: true, description: 'Uses per customer, at least 1; null: unlimited.' })
  perCustomerLimit?: number | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Valid from; null: at once.' })
  startsAt?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Valid until (exclusive); must be after startsAt; null: never expires.' })
  expiresAt?: Date | null;
}

@ObjectType({ description: 'The result of createDiscountCode.' })
export class DiscountCodePayload {
  @Field(() => DiscountCode, { nullable: true, description: 'The new code; null when there are userErrors.' })
  discountCode!: DiscountCode | null;

  @Field(() => [UserError], { description: 'INVALID, TAKEN.' })
  userErrors!: UserError[];
}

@Directive('@inaccessible')
@ObjectType({ description: 'Internal. One code used by one checkout.' })
export class DiscountRedemption {
  @Field({ description: 'The code.' })
  code!: string;

  @Field(() => Money, { description: 'What it took off.' })
  amount!: Money;

  @Field({ description: 'True once releaseDiscountCodes gave it back.' })
  released!: boolean;
}

@Directive('@inaccessible')
@ObjectType({ description: 'Internal. The codes a checkout reference redeemed.' })
export class RedeemDiscountCodesPayload {
  @Field(() => [DiscountRedemption], { description: 'Each redeemed code; empty when the cart has no code.' })
  redemptions!: DiscountRedemption[];

  @Field(() => Money, { description: 'Sum of the redemptions not released.' })
  discountTotal!: Money;

  @Field(() => [UserError], { description: 'DISCOUNT_CODE_INVALID (a code can no longer be used: nothing redeemed), NOT_FOUND, INVALID.' })
  userErrors!: UserError[];
}

@Directive('@inaccessible')
@ObjectType({ description: 'Internal. The result of releaseDiscountCodes.' })
export class ReleaseDiscountCodesPayload {
  @Field(() => Int, { description: 'How many uses this call gave back (0 when already released or nothing was redeemed).' })
  released!: number;

  @Field(() => [UserError], { description: 'Always empty: releasing is idempotent.' })
  userErrors!: UserError[];
}
