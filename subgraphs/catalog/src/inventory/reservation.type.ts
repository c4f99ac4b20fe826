import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { ReservationStatus } from './inventory.entities';
import { DateTimeScalar } from '../../../../platform/graphql/scalars';
import { UserError } from '../../../../platform/graphql/types';

/**
 * The checkout's stock operations. Internal: every type and field here is @inaccessible, so the
 * gateway never exposes them, and the resolvers answer only a service credential.
 */
const INTERNAL = '@inaccessible';

@Directive(INTERNAL)
@InputType({ description: 'Internal. Units of one product to reserve or return.' })
export class StockLineInput {
  @Field(() => ID, { description: 'The product (NOT_FOUND when unknown).' })
  productId!: string;

  @Field(() => Int, { description: 'Units, 1 to 10,000 (else INVALID).' })
  quantity!: number;
}

@Directive(INTERNAL)
@ObjectType({ description: 'Internal. Units of one product held in one warehouse.' })
export class StockReservationLine {
  @Field(() => ID, { description: 'The product.' })
  productId!: string;

  @Field(() => ID, { description: 'The warehouse the units are taken from.' })
  warehouseId!: string;

  @Field(() => Int, { description: 'Units.' })
  quantity!: number;
}

@Directive(INTERNAL)
@ObjectType({ description: 'Internal. Stock held for a checkout, by the caller\'s reference.' })
export class StockReservation {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field({ description: 'The caller\'s reference (e.g. the order id); unique.' })
  reference!: string;

  @Field(() => String, {
    description: 'HELD (units reserved until committed, released or expired), COMMITTED (sold) or RELEASED (released, expired, or a sale cancelled).',
  })
  status!: ReservationStatus;

  @Field(() => DateTimeScalar, { description: 'When a HELD reservation is released automatically.' })
  expiresAt!: Date;

  @Field(() => [StockReservationLine], { description: 'What is held, per product and warehouse.' })
  lines!: StockReservationLine[];
}

@Directive(INTERNAL)
@ObjectType({ description: 'Internal. A reservation after reserveStock, commitReservation or releaseReservation.' })
export class StockReservationPayload {
  @Field(() => StockReservation, { nullable: true, description: 'The reservation; null when userErrors is not empty (then nothing changed).' })
  reservation!: StockReservation | null;

  @Field(() => [UserError], {
    description: 'Why nothing changed: INVALID, NOT_FOUND (product or reference), PRODUCT_UNAVAILABLE (not ACTIVE), OUT_OF_STOCK (field lines.<i>), RESERVATION_NOT_HELD.',
  })
  userErrors!: UserError[];
}

@Directive(INTERNAL)
@ObjectType({ description: 'Internal. The result of returnStock.' })
export class ReturnStockPayload {
  @Field({ description: 'True when the units are back in stock (now or by an earlier call with the same reference).' })
  success!: boolean;

  @Field(() => [UserError], { description: 'Why nothing changed: INVALID, NOT_FOUND.' })
  userErrors!: UserError[];
}

export { INTERNAL };
