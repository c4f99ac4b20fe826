import { GraphQLError } from 'graphql';
import { isUuid } from '../validation';

/** An id argument that must be a UUID: anything else is a client mistake, not "not found". */
export function uuidArg(value: string, argumentName: string): string {
  if (!isUuid(value)) {
    throw new GraphQLError(`${argumentName} must be an id returned by this API (a UUID), got ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName },
    });
  }
  return value.toLowerCase();
}
