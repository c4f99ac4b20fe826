import 'reflect-metadata';
import { startTracing, stopTracing } from '../../platform/http/tracing';
import { runProcess } from '../../platform/process';
import { createRedis } from '../../platform/redis';
import { readGatewayConfig } from './config';
import { createGateway } from './server';

runProcess('gateway', async (log) => {
  const config = readGatewayConfig();
  startTracing('gateway');
  const redis = createRedis(config.redisUrl, 'gateway');
  const gateway = await createGateway({ config, redis, log });
  await gateway.listen(config.port, config.host);
  log.info({ url: `http://${config.host}:${config.port}/graphql` }, 'gateway ready');
  return async () => {
    await gateway.stop();
    redis.disconnect();
    await stopTracing(); // sends the spans still buffered
  };
});
