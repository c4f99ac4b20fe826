import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ParseOptions, type ValidationContext, type ValidationRule } from 'graphql';
import { costLimitPlugin } from './cost.plugin';
import type { LimitsConfig } from './limits.config';
import { noNulCharactersPlugin } from '../../../platform/http/nul-characters.plugin';

/** Validation errors listed per response at most; graphql-js stops validating after that many. */
export const MAX_VALIDATION_ERRORS = 10;

/** Errors the armor rules reported: an operation over a limit gets that one error, nothing else. */
const limitErrors = new WeakSet<Error>();
/** Reports a rejection as armor does (BAD_USER_INPUT, HTTP 400), remembering the error it reports. */
const reportLimit = () => ({
  propagateOnRejection: false,
  onReject: [
    (ctx: ValidationContext | null, error: GraphQLError) => {
      const reported = new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } });
      limitErrors.add(reported);
      ctx?.reportError(reported);
    },
  ],
});

/**
 * One rejection per refused operation: when an armor limit is exceeded, the other rules' errors
 * (e.g. one per repeated directive) are dropped from the response. Apollo Server hands the hook the
 * array it answers with.
 */
function oneRejectionPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async validationDidStart() {
          return async (errors?: readonly Error[]) => {
            const limit = errors?.find((e) => limitErrors.has(e));
            if (limit) (errors as Error[]).splice(0, errors!.length, limit);
          };
        },
      };
    },
  };
}

/**
 * graphql-armor's protections with the configured thresholds: depth, aliases and directives are
 * validation rules, so an operation over any of them is refused (HTTP 400) before anything is
 * sent to a subgraph. Cost needs the request's variables, so it is checked once the operation is
 * resolved (cost.plugin.ts), still before any subgraph call. The token limit is the same lexer
 * count, applied by graphql-js's parser (`maxTokens`): armor's token plugin throws from a hook
 * Apollo Server turns into an HTTP 500, the parser's limit is an ordinary GRAPHQL_PARSE_FAILED (400).
 */
export function operationLimits(limits: LimitsConfig): {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  validationOptions: { maxErrors: number };
  parseOptions: ParseOptions;
} {
  const exposeLimits = true; // the thresholds are documented: tell the client which one it hit
  const { validationRules } = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, exposeLimits, flattenFragments: true, ...reportLimit() },
    maxAliases: { n: limits.maxAliases, exposeLimits, ...reportLimit() },
    maxDirectives: { n: limits.maxDirectives, exposeLimits, ...reportLimit() },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: !limits.fieldSuggestions },
  }).protect();
  return {
    plugins: [oneRejectionPlugin(), costLimitPlugin(limits.maxCost), noNulCharactersPlugin()],
    validationRules,
    validationOptions: { maxErrors: MAX_VALIDATION_ERRORS },
    parseOptions: { maxTokens: limits.maxTokens },
  };
}
