import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, GraphQLError, visit, type DocumentNode, type StringValueNode } from 'graphql';
import { nulPath } from '../validation';

const refusal = (where: string) =>
  new GraphQLError(`Strings may not contain the NUL character (\\u0000): ${where}`, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });

/** Per parsed document (Apollo Server reuses one DocumentNode per query string); null: none. */
const nulLiterals = new WeakMap<DocumentNode, StringValueNode | null>();

/** The first string literal of the document holding NUL (`"a\u0000b"`), or undefined. */
function nulLiteral(document: DocumentNode): StringValueNode | undefined {
  const known = nulLiterals.get(document);
  if (known !== undefined) return known ?? undefined;
  let found: StringValueNode | undefined;
  visit(document, {
    StringValue(node) {
      if (!node.value.includes('\u0000')) return undefined;
      found = node;
      return BREAK;
    },
  });
  nulLiterals.set(document, found ?? null);
  return found;
}

/**
 * No string input may hold NUL (PostgreSQL text cannot store it): neither a variable nor a string
 * literal of the document. Refused with BAD_USER_INPUT (HTTP 400) before anything resolves. The
 * gateway applies it to clients' requests, each subgraph to every caller (services included).
 */
export function noNulCharactersPlugin<C extends object>(): ApolloServerPlugin<C> {
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
