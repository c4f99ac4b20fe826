import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { envPrefix, SUBGRAPHS } from '../subgraphs/registry';

/** docker-compose.yml is written from subgraphs/registry.ts: `npm run docker-compose` after changing the registry. */
export const DOCKER_COMPOSE_FILE = join(__dirname, '..', __dirname.includes('/dist/') ? '..' : '', 'docker-compose.yml');

/** The one subgraph that issues access tokens: it alone gets the private key. */
export const TOKEN_ISSUER = 'users';

/** No secret has a default: each comes from the env file `npm run secrets` writes. */
const required = (name: string) => `\${${name}:?${name} is not set - run npm run secrets and pass --env-file .env.production}`;

const readyCheck = (port: number) =>
  `healthcheck: { test: ["CMD", "node", "-e", "fetch('http://127.0.0.1:${port}/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"], <<: *health }`;

/** How many streaming replicas the compose file runs: `ANY 1` of them is a synchronous standby. */
export const COMPOSE_REPLICAS = 2;

export function renderDockerCompose(replicas = COMPOSE_REPLICAS): string {
  const names = Array.from({ length: replicas }, (_, k) => `replica${k + 1}`);
  const databases = SUBGRAPHS.flatMap((s) => [
    `    ${envPrefix(s.name)}_DATABASE_URL: postgres://postgres:\${POSTGRES_PASSWORD}@primary:5432/${s.database}`,
    `    ${envPrefix(s.name)}_DATABASE_REPLICA_URLS: ${names.map((r) => `postgres://postgres:\${POSTGRES_PASSWORD}@${r}:5432/${s.database}`).join(',')}`,
  ]);
  const syncNames = replicas >= 2 ? `ANY 1 (${names.join(', ')})` : '';
  const replicaServices = names.map(
    (name) => `  ${name}:
    image: postgres:15
    user: postgres
    environment:
      PGDATA: /var/lib/postgresql/data/pgdata
      REPLICATION_PASSWORD: ${required('REPLICATION_PASSWORD')}
      REPLICA_NAME: ${name}
    entrypoint: ["/replica-entrypoint.sh"]
    volumes:
      - ${name}-data:/var/lib/postgresql/data
      - ./deploy/postgres/replica-entrypoint.sh:/replica-entrypoint.sh:ro
    depends_on:
      primary: { condition: service_healthy }
    healthcheck: { test: ["CMD", "pg_isready", "-U", "postgres"], <<: *health }
`,
  );
  const urls = SUBGRAPHS.map((s) => `    ${envPrefix(s.name)}_URL: http://${s.name}:${s.port}/graphql`);
  const signer = (name: string) => (name === TOKEN_ISSUER ? ', JWT_PRIVATE_KEY_FILE: /run/secrets/jwt_private_key' : '');
  const signerSecrets = (name: string) => (name === TOKEN_ISSUER ? '\n    secrets: [jwt_public_keys, jwt_private_key]' : '');
  const services = SUBGRAPHS.map(
    (s) => `  ${s.name}:
    <<: *node
    environment: { <<: *env, SERVICE: subgraphs/${s.name}/src/main.js${signer(s.name)} }${signerSecrets(s.name)}
    ${readyCheck(s.port)}
  ${s.name}-worker:
    <<: *node
    environment: { <<: *env, SERVICE: subgraphs/${s.name}/src/worker.js${signer(s.name)} }${signerSecrets(s.name)}
    ${readyCheck(s.workerPort)}
`,
  );
  const dependsOnSubgraphs = SUBGRAPHS.map((s) => `      ${s.name}: { condition: service_healthy }`).join('\n');
  return `# The whole system from one image (Dockerfile), configured the way production is: every address
# and secret from the environment. \`npm run secrets\` once (writes .env.production and the access-token
# keys under .data/production/keys/), then \`docker compose --env-file .env.production up --build\` and
# http://localhost:4000/graphql. \`--profile demo\` adds the demo shop's data and the mailpit mail catcher.
# Written by \`npm run docker-compose\` from subgraphs/registry.ts (scripts/docker-compose.ts): edit those, not this file.
x-node: &node
  build: .
  image: commerce-supergraph:latest
  restart: unless-stopped
  environment: &env
    NODE_ENV: production
    HOST: 0.0.0.0
    REDIS_URL: redis://redis:6379
    INTERNAL_SECRET: ${required('INTERNAL_SECRET')}
    JWT_JWKS_FILE: /run/secrets/jwt_public_keys
${databases.join('\n')}
${urls.join('\n')}
    SMTP_URL: ${required('SMTP_URL')}
  secrets: [jwt_public_keys]
  depends_on:
    primary: { condition: service_healthy }
${names.map((r) => `    ${r}: { condition: service_healthy }`).join('\n')}
    redis: { condition: service_healthy }

x-health: &health
  interval: 5s
  timeout: 3s
  retries: 20

services:
  primary:
    image: postgres:15
    environment:
      POSTGRES_PASSWORD: ${required('POSTGRES_PASSWORD')}
      REPLICATION_PASSWORD: ${required('REPLICATION_PASSWORD')}
      SUBGRAPH_DATABASES: ${SUBGRAPHS.map((s) => s.database).join(' ')}
      REPLICA_SLOTS: ${names.join(' ')}
    # a commit asking for remote_apply waits for any one replica (none with a single replica); others commit locally
    command: ["postgres", "-c", "wal_level=replica", "-c", "max_wal_senders=10", "-c", "synchronous_standby_names=${syncNames}", "-c", "synchronous_commit=local"]
    volumes:
      - primary-data:/var/lib/postgresql/data
      - ./deploy/postgres/primary-init.sh:/docker-entrypoint-initdb.d/10-init.sh:ro
    healthcheck: { test: ["CMD", "pg_isready", "-U", "postgres"], <<: *health }

${replicaServices.join('\n')}
  mailpit:
    image: axllent/mailpit:latest
    profiles: [demo]
    ports: ["127.0.0.1:8025:8025"]

  redis:
    image: redis:7
    command: redis-server --appendonly yes --maxmemory-policy noeviction
    volumes:
      - redis-data:/data
    healthcheck: { test: ["CMD", "redis-cli", "ping"], <<: *health }

${services.join('\n')}
  seed:
    <<: *node
    profiles: [demo]
    restart: "no"
    command: ["node", "dist/scripts/seed.js"]
    environment:
      <<: *env
      ADMIN_EMAIL: \${ADMIN_EMAIL:-admin@example.com}
      ADMIN_PASSWORD: ${required('ADMIN_PASSWORD')}
    depends_on:
${dependsOnSubgraphs}

  gateway:
    <<: *node
    environment: { <<: *env, SERVICE: gateway/src/main.js }
    ports: ["4000:4000"]
    depends_on:
${dependsOnSubgraphs}
    ${readyCheck(4000)}

secrets:
  jwt_private_key:
    file: ./.data/production/keys/access-token.key.pem
  jwt_public_keys:
    file: ./.data/production/keys/access-token.jwks.json

volumes:
  primary-data:
${names.map((r) => `  ${r}-data:`).join('\n')}
  redis-data:
`;
}

if (require.main === module) {
  const temporary = `${DOCKER_COMPOSE_FILE}.tmp`;
  writeFileSync(temporary, renderDockerCompose());
  renameSync(temporary, DOCKER_COMPOSE_FILE);
  console.log(`wrote docker-compose.yml for ${SUBGRAPHS.length} subgraphs`);
}
