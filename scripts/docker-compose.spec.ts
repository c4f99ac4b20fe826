import { readFileSync } from 'node:fs';
import { envPrefix, SUBGRAPHS } from '../subgraphs/registry';
import { COMPOSE_REPLICAS, DOCKER_COMPOSE_FILE, renderDockerCompose, TOKEN_ISSUER } from './docker-compose';

describe('docker-compose.yml', () => {
  const committed = readFileSync(DOCKER_COMPOSE_FILE, 'utf8');

  it('is what subgraphs/registry.ts gives (run `npm run docker-compose` after changing the registry)', () => {
    expect(committed).toBe(renderDockerCompose());
  });

  it('has no default for any secret: each must come from the env file', () => {
    expect(committed).not.toMatch(/(SECRET|PASSWORD)[A-Z_]*:-/);
    expect(committed).not.toMatch(/change-me|development-only|JWT_SECRET/);
    for (const name of ['INTERNAL_SECRET', 'POSTGRES_PASSWORD', 'REPLICATION_PASSWORD', 'ADMIN_PASSWORD', 'SMTP_URL']) {
      expect(committed).toContain(`\${${name}:?${name} is not set`);
    }
  });

  it('gives the access-token private key to the issuing subgraph only, the public key set to every process', () => {
    const withPrivateKey = committed.split('\n').filter((line) => line.includes('JWT_PRIVATE_KEY_FILE'));
    expect(withPrivateKey.map((line) => line.match(/SERVICE: (\S+?),/)?.[1])).toEqual([`subgraphs/${TOKEN_ISSUER}/src/main.js`, `subgraphs/${TOKEN_ISSUER}/src/worker.js`]);
    expect(committed.match(/secrets: \[jwt_public_keys, jwt_private_key\]/g)).toHaveLength(2);
    expect(committed).toContain('    JWT_JWKS_FILE: /run/secrets/jwt_public_keys\n');
  });

  it('runs the demo seed and the mail catcher only in the demo profile', () => {
    expect(committed).toContain('\n  seed:\n    <<: *node\n    profiles: [demo]\n');
    expect(committed).toContain('\n  mailpit:\n    image: axllent/mailpit:latest\n    profiles: [demo]\n');
  });

  it(`runs ${COMPOSE_REPLICAS} replicas, any one of them a synchronous standby, each named and with its own slot`, () => {
    expect(committed).toContain('"synchronous_standby_names=ANY 1 (replica1, replica2)"');
    expect(committed).toContain('      REPLICA_SLOTS: replica1 replica2\n');
    for (const name of ['replica1', 'replica2']) {
      expect(committed).toContain(`\n  ${name}:\n    image: postgres:15\n`);
      expect(committed).toContain(`      REPLICA_NAME: ${name}\n`);
    }
    expect(renderDockerCompose(1)).toContain('"synchronous_standby_names="');
  });

  it.each(SUBGRAPHS.map((s) => [s.name, s] as const))('runs %s, its worker, its database and its address', (name, s) => {
    const key = name === TOKEN_ISSUER ? ', JWT_PRIVATE_KEY_FILE: /run/secrets/jwt_private_key }\n    secrets: [jwt_public_keys, jwt_private_key]' : ' }';
    expect(committed).toContain(`  ${name}:\n    <<: *node\n    environment: { <<: *env, SERVICE: subgraphs/${name}/src/main.js${key}\n    healthcheck: { test: ["CMD", "node", "-e", "fetch('http://127.0.0.1:${s.port}/readyz')`);
    expect(committed).toContain(`  ${name}-worker:\n    <<: *node\n    environment: { <<: *env, SERVICE: subgraphs/${name}/src/worker.js${key}\n    healthcheck: { test: ["CMD", "node", "-e", "fetch('http://127.0.0.1:${s.workerPort}/readyz')`);
    expect(committed).toContain(`    ${envPrefix(name)}_DATABASE_URL: postgres://postgres:\${POSTGRES_PASSWORD}@primary:5432/${s.database}\n`);
    expect(committed).toContain(`    ${envPrefix(name)}_URL: http://${name}:${s.port}/graphql\n`);
    expect(committed).toContain(`    ${envPrefix(name)}_DATABASE_REPLICA_URLS: postgres://postgres:\${POSTGRES_PASSWORD}@replica1:5432/${s.database},postgres://postgres:\${POSTGRES_PASSWORD}@replica2:5432/${s.database}\n`);
    expect(committed).toMatch(new RegExp(`SUBGRAPH_DATABASES: (\\S+ )*${s.database}( |\\n)`));
  });
});
