import 'reflect-metadata';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse, printSchema } from 'graphql';
import { SUBGRAPH_SCHEMAS } from './subgraph-schemas';

export interface Composition {
  /** Each subgraph's SDL, by name. */
  subgraphs: Record<string, string>;
  supergraph: string;
  /** The public API schema clients see through the gateway. */
  api: string;
}

export class CompositionError extends Error {}

/** Prints every subgraph's SDL and composes them; throws with every composition error. */
export async function composeSupergraph(): Promise<Composition> {
  const subgraphs: Record<string, string> = {};
  for (const { name, build } of SUBGRAPH_SCHEMAS) subgraphs[name] = printSubgraphSchema(await build());
  const result = composeServices(
    SUBGRAPH_SCHEMAS.map(({ name, url }) => ({ name, url, typeDefs: parse(subgraphs[name]) })),
  );
  if (result.errors) {
    throw new CompositionError(`Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  const api = printSchema(result.schema.toAPISchema().toGraphQLJSSchema());
  return { subgraphs, supergraph: result.supergraphSdl, api: `${api}\n` };
}

export const SCHEMA_DIR = `${__dirname}/../${__dirname.includes('/dist/') ? '../' : ''}schema`;
