import { readFileSync } from 'node:fs';
import { envPrefix, SUBGRAPHS } from '../subgraphs/registry';
import { DOCKER_COMPOSE_FILE, renderDockerCompose } from './docker-compose';

describe('docker-compose.yml', () => {
  const committed = readFileSync(DOCKER_COMPOSE_FILE, 'utf8');

  it('is what subgraphs/registry.ts gives (run `npm run docker-compose` after changing the registry)', () => {
    expect(committed).toBe(renderDockerCompose());
  });

  it.each(SUBGRAPHS.map((s) => [s.name, s] as const))('runs %s, its worker, its database and its address', (name, s) => {
    expect(committed).toContain(`  ${name}:\n    <<: *node\n    environment: { <<: *env, SERVICE: subgraphs/${name}/src/main.js }\n    healthcheck: { test: ["CMD", "node", "-e", "fetch('http://127.0.0.1:${s.port}/readyz')`);
    expect(committed).toContain(`  ${name}-worker:\n    <<: *node\n    environment: { <<: *env, SERVICE: subgraphs/${name}/src/worker.js }\n    healthcheck: { test: ["CMD", "node", "-e", "fetch('http://127.0.0.1:${s.workerPort}/readyz')`);
    expect(committed).toContain(`    ${envPrefix(name)}_DATABASE_URL: postgres://postgres:\${POSTGRES_PASSWORD:-postgres}@primary:5432/${s.database}\n`);
    expect(committed).toContain(`    ${envPrefix(name)}_URL: http://${name}:${s.port}/graphql\n`);
    expect(committed).toMatch(new RegExp(`SUBGRAPH_DATABASES: (\\S+ )*${s.database}( |\\n)`));
  });
});
