import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, GraphQLError, visit, type DocumentNode } from 'graphql';

/** Per parsed document (Apollo Server reuses one DocumentNode per query string). */
const introspecting = new WeakMap<DocumentNode, boolean>();

function introspects(document: DocumentNode): boolean {
  const known = introspecting.get(document);
  if (known !== undefined) return known;
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  introspecting.set(document, found);
  return found;
}

/**
 * Schema introspection (`__schema`, `__type`) when it is turned off: refused with
 * GRAPHQL_VALIDATION_FAILED (HTTP 400) unless the document is a trusted one — the team vetted
 * those, e.g. a client that looks a type up to detect a feature. Replaces Apollo Server's
 * all-or-nothing `introspection` switch.
 */
export function introspectionPolicy(enabled: boolean, trusted: (source: string) => boolean): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, source }) {
          if (enabled || !introspects(document) || trusted(source)) return;
          throw new GraphQLError('GraphQL introspection is not allowed here: generate types from schema/api.graphql', {
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
          });
        },
      };
    },
  };
}
