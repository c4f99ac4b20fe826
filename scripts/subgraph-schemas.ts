import type { GraphQLSchema } from 'graphql';
import { loadSubgraph } from '../subgraphs/definitions';
import { defaultSubgraphUrl, SUBGRAPH_NAMES } from '../subgraphs/registry';

/** Every registered subgraph of the supergraph, with the address the gateway finds it at by default. */
export const SUBGRAPH_SCHEMAS: { name: string; url: string; build: () => Promise<GraphQLSchema> }[] = SUBGRAPH_NAMES.map((name) => ({
  name,
  url: defaultSubgraphUrl(name),
  build: () => loadSubgraph(name).buildSchema(),
}));
