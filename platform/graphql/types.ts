import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from './scalars';

/** An expected failure: bad input, a rule that forbids the change. Part of every mutation payload. */
@Directive('@shareable')
@ObjectType({ description: 'An expected failure of a mutation, returned as data. Nothing was changed when a payload has userErrors.' })
export class UserError {
  @Field(() => String, { nullable: true, description: 'Path of the input field at fault, e.g. "input.email"; null when no single field is at fault.' })
  field!: string | null;

  @Field({ description: 'A human-readable explanation, in English, safe to show to the user.' })
  message!: string;

  @Field({ description: 'A stable machine-readable code, e.g. EMAIL_TAKEN, INVALID, NOT_FOUND. Each mutation documents the codes it returns.' })
  code!: string;
}

export function userError(code: string, message: string, field: string | null = null): UserError {
  return Object.assign(new UserError(), { code, message, field });
}

@Directive('@shareable')
@ObjectType({ description: 'Where a page of a connection sits in the whole list.' })
export class PageInfo {
  @Field({ description: 'True when more items follow this page; fetch them with after: endCursor.' })
  hasNextPage!: boolean;

  @Field({ description: 'True when items precede this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page; null when the page is empty.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the page: pass it as `after` to get the next page.' })
  endCursor!: string | null;
}

@Directive('@shareable')
@ObjectType({ description: 'An amount of money in a currency.' })
export class Money {
  @Field(() => DecimalScalar, { description: 'The amount as a decimal string, e.g. "19.99".' })
  amount!: string;

  @Field({ description: 'ISO 4217 currency code, e.g. "USD".' })
  currencyCode!: string;
}

export function money(amount: string | number, currencyCode = 'USD'): Money {
  const value = typeof amount === 'number' ? amount.toFixed(2) : amount;
  return Object.assign(new Money(), { amount: value, currencyCode });
}

export { Int };
