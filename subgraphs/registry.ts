/**
 * Every subgraph of the system, in one place. The gateway, composition, `npm start`, the tests,
 * docker-compose.yml and codegen all read this list; a subgraph's code lives by convention in
 * `subgraphs/<name>/` (see subgraphs/README.md). Adding a subgraph: its folder + one line here.
 *
 * Ports reserved for the subgraphs to come (register them when their folder exists):
 *   cart 4003/4103, orders 4004/4104, payments 4005/4105, shipping 4006/4106 (all registered).
 */
export const SUBGRAPHS = [
  { name: 'users', port: 4001, workerPort: 4101, database: 'users' },
  { name: 'catalog', port: 4002, workerPort: 4102, database: 'catalog' },
  { name: 'cart', port: 4003, workerPort: 4103, database: 'cart' },
  { name: 'orders', port: 4004, workerPort: 4104, database: 'orders' },
  { name: 'payments', port: 4005, workerPort: 4105, database: 'payments' },
  { name: 'shipping', port: 4006, workerPort: 4106, database: 'shipping' },
] as const satisfies readonly RegisteredSubgraph[];

export interface RegisteredSubgraph {
  /** kebab-case; also the folder, the BullMQ queue and the prefix of its variables (USERS_PORT…). */
  name: string;
  /** The GraphQL server's default port. */
  port: number;
  /** The worker's default port (/healthz, /readyz, /metrics). */
  workerPort: number;
  /** Its own database on the PostgreSQL cluster. */
  database: string;
}

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

export const SUBGRAPH_NAMES: readonly SubgraphName[] = SUBGRAPHS.map((s) => s.name);

export function registeredSubgraph(name: SubgraphName): RegisteredSubgraph {
  const entry = SUBGRAPHS.find((s) => s.name === name);
  if (!entry) throw new Error(`${name} is not in subgraphs/registry.ts`);
  return entry;
}

/** The prefix of a subgraph's environment variables: `order-history` → `ORDER_HISTORY`. */
export const envPrefix = (name: string): string => name.toUpperCase().replace(/-/g, '_');

/** Where the gateway finds a subgraph by default (and the URL composition records). */
export const defaultSubgraphUrl = (name: SubgraphName): string => `http://127.0.0.1:${registeredSubgraph(name).port}/graphql`;
