import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '../logger';

/** Codes whose message is meant for the client; anything else is a bug or an outage. */
const CLIENT_CODES = new Set([
  'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN',
  'NOT_FOUND', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'PERSISTED_QUERY_NOT_ALLOWED',
  'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST', 'THROTTLED', 'LOGIN_LOCKED', 'QUERY_TOO_COMPLEX',
  // another subgraph did not answer: the client may retry
  'SERVICE_UNAVAILABLE',
]);

/**
 * Outside development, errors that are not meant for the client lose their message, stack and
 * any detail (SQL, hostnames): the client sees "Internal server error" and the log keeps the rest.
 */
export function maskErrors(production: boolean, log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    if (CLIENT_CODES.has(code)) {
      if (!production) return formatted;
      const { stacktrace: _s, exception: _e, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    log.error({ err: (error as { originalError?: unknown })?.originalError ?? error, path: formatted.path }, 'unexpected error');
    if (!production) return formatted;
    return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
