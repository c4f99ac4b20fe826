/** The processes of the system as the dev stack runs them. */
export interface ServiceSpec {
  name: string;
  /** The subgraph's database; absent for the gateway. */
  database?: string;
  port: number;
  workerPort?: number;
}

export const SUBGRAPH_SERVICES: ServiceSpec[] = [
  { name: 'users', database: 'users', port: 4001, workerPort: 4101 },
  { name: 'catalog', database: 'catalog', port: 4002, workerPort: 4102 },
  { name: 'cart', database: 'cart', port: 4003, workerPort: 4103 },
];

export const GATEWAY: ServiceSpec = { name: 'gateway', port: 4000 };
