import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { GraphQLDateTime, GraphQLJSON } from 'graphql-scalars';

export { GraphQLDateTime as DateTimeScalar, GraphQLJSON as JSONScalar };

const DECIMAL = /^-?\d{1,15}(\.\d{1,4})?$/;

function parseDecimal(value: unknown): string {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL.test(text.trim())) {
    throw new GraphQLError(`Decimal must be a decimal string such as "19.99" (got ${JSON.stringify(value)})`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return text.trim();
}

/** Exact decimal numbers as strings, so money never passes through binary floating point. */
export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'An exact decimal number as a string, e.g. "19.99": at most 15 digits before the point and 4 after.',
  serialize: (value) => (typeof value === 'string' ? value : String(value)),
  parseValue: parseDecimal,
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return parseDecimal(ast.value);
    throw new GraphQLError('Decimal must be a decimal string such as "19.99"', { extensions: { code: 'BAD_USER_INPUT' } });
  },
});
