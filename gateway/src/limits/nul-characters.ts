import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, GraphQLError, visit, type DocumentNode, type StringValueNode } from 'graphql';

const NUL = '\u0000';
const MESSAGE = 'Strings may not contain the NUL character (\\u0000)';

const refusal = (where: string) =>
  new GraphQLError(`${MESSAGE}: ${where}`, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });

/** The path of the first string (or object key) holding NUL in a JSON value, or undefined. */
export function nulPath(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? path || '(value)' : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (key.includes(NUL)) return at;
      const found = nulPath(v, at);
      if (found) return found;
    }
  }
  return undefined;
}

/** The first string literal of the document holding NUL (`"a\u0000b"`), or undefined. */
function nulLiteral(document: DocumentNode): StringValueNode | undefined {
  let found: StringValueNode | undefined;
  visit(document, {
    StringValue(node) {
      if (node.value.includes(NUL)) {
        found = node;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * No string input may hold NUL (PostgreSQL text cannot store it): neither a variable nor a string
 * literal of the document. Refused with BAD_USER_INPUT (HTTP 400) before any subgraph is called.
 */
export function noNulCharactersPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const at = nulPath(request.variables ?? {});
          if (at) throw refusal(`variables.${at}`);
          const literal = nulLiteral(document);
          if (literal) throw refusal(`the string literal at line ${literal.loc?.startToken.line ?? '?'}`);
        },
      };
    },
  };
}
