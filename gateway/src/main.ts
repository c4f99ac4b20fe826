import 'reflect-metadata';
import { runProcess } from '../../platform/process';
import { createRedis } from '../../platform/redis';
import { readGatewayConfig } from './config';
import { createGateway } from './server';

runProcess('gateway', async (log) => {
  const config = readGatewayConfig();
  const redis = createRedis(config.redisUrl, 'gateway');
  const gateway = await createGateway({ config, redis, log });
  await gateway.listen(config.port, config.host);
  await gateway.listenOps(config.opsPort, config.opsHost);
  log.info({ url: `http://${config.host}:${config.port}/graphql`, ops: `http://${config.opsHost}:${config.opsPort}/metrics` }, 'gateway ready');
  return async () => {
    await gateway.stop();
    redis.disconnect();
  };
});
