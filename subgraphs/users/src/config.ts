import { Env, readCommonConfig, type CommonConfig } from '../../../platform/config';
import type { DatabaseConfig } from '../../../platform/db/data-source';
import { readDatabaseConfig } from '../../../platform/db/database-config';

export interface UsersConfig extends CommonConfig {
  port: number;
  workerPort: number;
  database: DatabaseConfig;
  refreshTtlDays: number;
  /** Public address of the storefront, for links in e-mails. */
  storefrontUrl: string;
}

export function readUsersConfig(source: NodeJS.ProcessEnv = process.env): UsersConfig {
  const env = new Env(source);
  const config: UsersConfig = {
    ...readCommonConfig(env),
    port: env.int('USERS_PORT', 4001, { min: 1, max: 65535 }),
    workerPort: env.int('USERS_WORKER_PORT', 4101, { min: 1, max: 65535 }),
    database: readDatabaseConfig(env, 'users', 'postgres://postgres@127.0.0.1:5433/users'),
    refreshTtlDays: env.int('REFRESH_TOKEN_TTL_DAYS', 30, { min: 1, max: 365 }),
    storefrontUrl: env.url('STOREFRONT_URL', 'http://localhost:3000'),
  };
  env.done();
  return config;
}
