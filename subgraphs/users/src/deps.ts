import type Redis from 'ioredis';
import type { Database } from '../../../platform/db/data-source';
import type { Logger } from '../../../platform/logger';
import { createRedis } from '../../../platform/redis';
import type { UsersConfig } from './config';
import { createUsersDatabase } from './database';

/** What the users subgraph's processes are built from; tests build their own. */
export interface UsersDeps {
  config: UsersConfig;
  database: Database;
  redis: Redis;
  log: Logger;
}

export async function openUsersDeps(config: UsersConfig, log: Logger): Promise<UsersDeps> {
  const database = createUsersDatabase(config, log);
  await database.dataSource.initialize();
  return { config, database, redis: createRedis(config.redisUrl, 'users'), log };
}

export async function closeUsersDeps(deps: UsersDeps): Promise<void> {
  await deps.database.dataSource.destroy();
  deps.redis.disconnect();
}
