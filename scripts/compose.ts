import { mkdirSync, writeFileSync } from 'node:fs';
import { CompositionError, composeSupergraph, SCHEMA_DIR } from './composition';

/** `npm run compose`: writes schema/subgraphs/*.graphql, schema/supergraph.graphql and schema/api.graphql. */
async function main() {
  const composition = await composeSupergraph();
  mkdirSync(`${SCHEMA_DIR}/subgraphs`, { recursive: true });
  for (const [name, sdl] of Object.entries(composition.subgraphs)) writeFileSync(`${SCHEMA_DIR}/subgraphs/${name}.graphql`, sdl);
  writeFileSync(`${SCHEMA_DIR}/supergraph.graphql`, composition.supergraph);
  writeFileSync(`${SCHEMA_DIR}/api.graphql`, composition.api);
  console.log(`composed ${Object.keys(composition.subgraphs).length} subgraphs into schema/supergraph.graphql and schema/api.graphql`);
}

main().catch((error) => {
  console.error(error instanceof CompositionError ? error.message : error);
  process.exit(1);
});
