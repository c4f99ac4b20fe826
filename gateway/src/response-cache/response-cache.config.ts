import type { Env } from '../../../platform/config';

export interface ResponseCacheConfig {
  /** Whole responses of anonymous, publicly cacheable queries kept in Redis for their max-age. */
  enabled: boolean;
}

export function readResponseCacheConfig(env: Env): ResponseCacheConfig {
  return { enabled: env.bool('RESPONSE_CACHE_ENABLED', true) };
}
