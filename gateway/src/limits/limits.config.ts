import type { Env } from '../../../platform/config';

/**
 * What one operation may ask for, and which conveniences the public endpoint offers. The
 * thresholds are the same in every profile, so an operation that works in development works in
 * production; they leave room above the largest contract operation (see gateway/test/limits.test.ts):
 *
 * | limit        | every profile | largest contract operation             |
 * | ------------ | ------------- | -------------------------------------- |
 * | depth        | 12            | 8 (MyOrders; fragments are flattened)  |
 * | aliases      | 10            | 0                                      |
 * | directives   | 20            | 0                                      |
 * | tokens       | 1500          | 166 (MyOrders with its fragments)      |
 * | characters   | 20000         | the document's text, before parsing    |
 * | cost         | 5000          | 2302 (ProductList with first: 100)     |
 *
 * Cost is computed with the request's variables and the arguments' defaults (operation-cost.ts).
 * Tokens are graphql-js lexer tokens (names and punctuation; comments are free).
 */
export interface LimitsConfig {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** Characters of the document's text: refused before it is parsed or registered as a persisted query. */
  maxDocumentChars: number;
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

export const PRODUCTION_LIMITS = { maxDepth: 12, maxAliases: 10, maxDirectives: 20, maxTokens: 1500, maxDocumentChars: 20_000, maxCost: 5000 } as const;

export function readLimitsConfig(env: Env, production: boolean): LimitsConfig {
  // one set of thresholds for every profile: a development-only allowance hides what production refuses
  const base = PRODUCTION_LIMITS;
  return {
    maxDepth: env.int('GRAPHQL_MAX_DEPTH', base.maxDepth, { min: 1, max: 1000 }),
    maxAliases: env.int('GRAPHQL_MAX_ALIASES', base.maxAliases, { min: 0, max: 10000 }),
    maxDirectives: env.int('GRAPHQL_MAX_DIRECTIVES', base.maxDirectives, { min: 0, max: 10000 }),
    maxTokens: env.int('GRAPHQL_MAX_TOKENS', base.maxTokens, { min: 10, max: 1_000_000 }),
    maxDocumentChars: env.int('GRAPHQL_MAX_DOCUMENT_CHARS', base.maxDocumentChars, { min: 100, max: 10_000_000 }),
    maxCost: env.int('GRAPHQL_MAX_COST', base.maxCost, { min: 1, max: 10_000_000 }),
    introspection: env.bool('GRAPHQL_INTROSPECTION', !production),
    fieldSuggestions: env.bool('GRAPHQL_FIELD_SUGGESTIONS', !production),
    batching: env.bool('GRAPHQL_BATCHING', false),
    csrfPrevention: env.bool('CSRF_PREVENTION', true),
  };
}
