import 'reflect-metadata';
import { migrate } from '../../../platform/db/data-source';
import { runProcess } from '../../../platform/process';
import { readUsersConfig } from './config';
import { closeUsersDeps, openUsersDeps } from './deps';
import { createServer } from './server';

runProcess('users', async (log) => {
  const config = readUsersConfig();
  const deps = await openUsersDeps(config, log);
  await migrate(deps.database.dataSource);
  const server = await createServer(deps);
  await server.listen(config.port, process.env.HOST ?? '127.0.0.1');
  log.info({ url: `http://127.0.0.1:${config.port}/graphql` }, 'users subgraph ready');
  return async () => {
    await server.stop();
    await closeUsersDeps(deps);
  };
});
