import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../../../platform/graphql/scalars';
import { PRIVATE } from '../../../../platform/graphql/cache-hints';
import { connectionType } from '../../../../platform/graphql/connection';

export enum StockMovementKind {
  ADJUSTMENT = 'ADJUSTMENT',
  RESERVATION = 'RESERVATION',
  RELEASE = 'RELEASE',
  SALE = 'SALE',
  RETURN = 'RETURN',
}

registerEnumType(StockMovementKind, {
  name: 'StockMovementType',
  description: 'Why a stock level changed.',
  valuesConfig: {
    ADJUSTMENT: { description: 'Staff changed on-hand stock (delivery, count, damage); quantity is the change of on-hand.' },
    RESERVATION: { description: 'A checkout reserved units; quantity is the (positive) change of reserved.' },
    RELEASE: { description: 'A reservation was released (payment failed, expired, cancelled); quantity is the (negative) change of reserved.' },
    SALE: { description: 'A reservation became a sale: on-hand and reserved both fell; quantity is the (negative) change of on-hand.' },
    RETURN: { description: 'Sold units came back to stock (cancelled order, received return); quantity is the (positive) change of on-hand.' },
  },
});

@Directive(PRIVATE)
@ObjectType({ description: 'A place stock is kept. Staff only.' })
export class Warehouse {
  @Field(() => ID, { description: 'Stable identifier (UUID); pass it as AdjustInventoryInput.warehouseId.' })
  id!: string;

  @Field({ description: 'Short unique code, e.g. "MAIN".' })
  code!: string;

  @Field({ description: 'Display name.' })
  name!: string;

  @Field({ description: 'True for the warehouse used when none is named; reservations take from it first.' })
  isDefault!: boolean;
}

@Directive(PRIVATE)
@ObjectType({ description: 'A product\'s stock in one warehouse. Staff only.' })
export class InventoryLevel {
  @Field(() => Warehouse, { description: 'Where the stock is.' })
  warehouse!: Warehouse;

  @Field(() => Int, { description: 'Units physically in the warehouse, including reserved ones; never negative.' })
  onHand!: number;

  @Field(() => Int, { description: 'Units held for checkouts in progress; never more than onHand.' })
  reserved!: number;

  @Field(() => Int, { description: 'Units that can still be sold: onHand − reserved.' })
  available!: number;
}

@Directive(PRIVATE)
@ObjectType({ description: 'One entry of the stock ledger: every change of a stock level is recorded. Staff only.' })
export class StockMovement {
  @Field(() => ID, { description: 'Ledger entry number (increasing).' })
  id!: string;

  @Field(() => StockMovementKind, { description: 'What caused the change.' })
  type!: StockMovementKind;

  @Field(() => Int, { description: 'Signed change: of on-hand for ADJUSTMENT, SALE and RETURN; of reserved for RESERVATION and RELEASE.' })
  quantity!: number;

  @Field({ description: 'Why, in words: the staff member\'s reason, or the system\'s ("reserved for checkout", "reservation expired"…).' })
  reason!: string;

  @Field(() => String, { nullable: true, description: 'What the change belongs to, e.g. the checkout reservation or return reference; null for manual adjustments.' })
  referenceId!: string | null;

  @Field(() => Warehouse, { description: 'The warehouse whose stock changed.' })
  warehouse!: Warehouse;

  @Field(() => DateTimeScalar, { description: 'When it happened (ISO-8601).' })
  createdAt!: Date;
}

export const StockMovementConnection = connectionType('StockMovement', StockMovement, 'A page of stock movements, newest first.', PRIVATE);
