import { readFileSync } from 'node:fs';
import { composeSupergraph, SCHEMA_DIR } from './composition';

describe('committed schema files', () => {
  it('match what the code produces (run `npm run compose` after changing the schema)', async () => {
    const composition = await composeSupergraph();
    for (const [name, sdl] of Object.entries(composition.subgraphs)) {
      expect(readFileSync(`${SCHEMA_DIR}/subgraphs/${name}.graphql`, 'utf8')).toBe(sdl);
    }
    expect(readFileSync(`${SCHEMA_DIR}/supergraph.graphql`, 'utf8')).toBe(composition.supergraph);
    expect(readFileSync(`${SCHEMA_DIR}/api.graphql`, 'utf8')).toBe(composition.api);
  });
});
