import type { Env } from '../../../platform/config';

export interface PlaygroundConfig {
  /** GraphiQL at /playground and for browsers at the GraphQL path. On in development, off in production. */
  enabled: boolean;
}

export function readPlaygroundConfig(env: Env, production: boolean): PlaygroundConfig {
  return { enabled: env.bool('PLAYGROUND_ENABLED', !production) };
}
