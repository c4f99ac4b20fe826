import 'reflect-metadata';
import { migrate } from '../../../platform/db/data-source';
import { runProcess } from '../../../platform/process';
import { readCatalogConfig } from './config';
import { closeCatalogDeps, openCatalogDeps } from './deps';
import { createServer } from './server';

runProcess('catalog', async (log) => {
  const config = readCatalogConfig();
  const deps = await openCatalogDeps(config, log);
  await migrate(deps.database.dataSource);
  const server = await createServer(deps);
  await server.listen(config.port, process.env.HOST ?? '127.0.0.1');
  log.info({ url: `http://127.0.0.1:${config.port}/graphql` }, 'catalog subgraph ready');
  return async () => {
    await server.stop();
    await closeCatalogDeps(deps);
  };
});
