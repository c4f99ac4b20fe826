import type { GraphQLSchema } from 'graphql';
import { buildCartSchema } from '../subgraphs/cart/src/schema';
import { buildCatalogSchema } from '../subgraphs/catalog/src/schema';
import { buildUsersSchema } from '../subgraphs/users/src/schema';

/** Every subgraph of the supergraph, with the address the gateway finds it at by default. */
export const SUBGRAPH_SCHEMAS: { name: string; url: string; build: () => Promise<GraphQLSchema> }[] = [
  { name: 'users', url: 'http://127.0.0.1:4001/graphql', build: buildUsersSchema },
  { name: 'catalog', url: 'http://127.0.0.1:4002/graphql', build: buildCatalogSchema },
  { name: 'cart', url: 'http://127.0.0.1:4003/graphql', build: buildCartSchema },
];
