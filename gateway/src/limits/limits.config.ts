import type { Env } from '../../../platform/config';

/**
 * What one operation may ask for, and which conveniences the public endpoint offers. Production
 * thresholds leave room above the largest contract operation (see gateway/test/limits.test.ts):
 *
 * | limit        | production | development | largest contract operation             |
 * | ------------ | ---------- | ----------- | -------------------------------------- |
 * | depth        | 12         | 25          | 8 (MyOrders; fragments are flattened)  |
 * | aliases      | 10         | 50          | 0                                      |
 * | directives   | 20         | 50          | 0                                      |
 * | tokens       | 1500       | 10000       | 166 (MyOrders with its fragments)      |
 * | cost         | 5000       | 50000       | 2914 (MyOrders)                        |
 *
 * Cost is graphql-armor's: 2 per object field, 1 per scalar, ×1.5 per nesting level. Tokens are
 * graphql-js lexer tokens (names and punctuation; comments are free).
 */
export interface LimitsConfig {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
  /** Schema introspection (GraphiQL's docs, codegen against the live endpoint). Off in production. */
  introspection: boolean;
  /** "Did you mean …?" hints in validation errors, which reveal the schema. Off in production. */
  fieldSuggestions: boolean;
  /** Several operations in one HTTP request (a JSON array). Off in production: it bypasses per-request limits. */
  batching: boolean;
  /** Apollo's CSRF prevention: GETs and simple POSTs must carry a header a browser form cannot set. */
  csrfPrevention: boolean;
}

export const PRODUCTION_LIMITS = { maxDepth: 12, maxAliases: 10, maxDirectives: 20, maxTokens: 1500, maxCost: 5000 } as const;
export const DEVELOPMENT_LIMITS = { maxDepth: 25, maxAliases: 50, maxDirectives: 50, maxTokens: 10000, maxCost: 50000 } as const;

export function readLimitsConfig(env: Env, production: boolean): LimitsConfig {
  const base = production ? PRODUCTION_LIMITS : DEVELOPMENT_LIMITS;
  return {
    maxDepth: env.int('GRAPHQL_MAX_DEPTH', base.maxDepth, { min: 1, max: 1000 }),
    maxAliases: env.int('GRAPHQL_MAX_ALIASES', base.maxAliases, { min: 0, max: 10000 }),
    maxDirectives: env.int('GRAPHQL_MAX_DIRECTIVES', base.maxDirectives, { min: 0, max: 10000 }),
    maxTokens: env.int('GRAPHQL_MAX_TOKENS', base.maxTokens, { min: 10, max: 1_000_000 }),
    maxCost: env.int('GRAPHQL_MAX_COST', base.maxCost, { min: 1, max: 10_000_000 }),
    introspection: env.bool('GRAPHQL_INTROSPECTION', !production),
    fieldSuggestions: env.bool('GRAPHQL_FIELD_SUGGESTIONS', !production),
    batching: env.bool('GRAPHQL_BATCHING', false),
    csrfPrevention: env.bool('CSRF_PREVENTION', true),
  };
}
