import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ParseOptions, ValidationRule } from 'graphql';
import type { LimitsConfig } from './limits.config';

/**
 * graphql-armor's protections with the configured thresholds: depth, aliases, directives and cost
 * are validation rules, so an operation over any of them is refused (HTTP 400) before anything is
 * sent to a subgraph. The token limit is the same lexer count, applied by graphql-js's parser
 * (`maxTokens`): armor's token plugin throws from a hook Apollo Server turns into an HTTP 500,
 * the parser's limit is an ordinary GRAPHQL_PARSE_FAILED (400).
 */
export function operationLimits(limits: LimitsConfig): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[]; parseOptions: ParseOptions } {
  const exposeLimits = true; // the thresholds are documented: tell the client which one it hit
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, exposeLimits, flattenFragments: true },
    maxAliases: { n: limits.maxAliases, exposeLimits },
    maxDirectives: { n: limits.maxDirectives, exposeLimits },
    maxTokens: { enabled: false },
    costLimit: { maxCost: limits.maxCost, exposeLimits },
    blockFieldSuggestion: { enabled: !limits.fieldSuggestions },
  }).protect();
  return { plugins, validationRules, parseOptions: { maxTokens: limits.maxTokens } };
}
