/** Why a call to another subgraph failed. */
export type ServiceCallFailure =
  /** No answer within the call's timeout (the call may or may not have taken effect). */
  | 'TIMEOUT'
  /** The connection failed or the target answered 502, 503 or 504. */
  | 'UNAVAILABLE'
  /** The target refused the credential (401) or answered another non-2xx status. */
  | 'HTTP_ERROR'
  /** The target answered with GraphQL errors. */
  | 'GRAPHQL_ERROR'
  /** The answer was not a GraphQL response. */
  | 'BAD_RESPONSE';

export interface ServiceGraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

export class ServiceCallError extends Error {
  constructor(
    readonly target: string,
    readonly failure: ServiceCallFailure,
    message: string,
    readonly details: { status?: number; errors?: ServiceGraphQLError[]; attempts?: number; cause?: unknown } = {},
  ) {
    super(`${target}: ${message}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ServiceCallError';
  }

  get status(): number | undefined {
    return this.details.status;
  }

  get errors(): ServiceGraphQLError[] {
    return this.details.errors ?? [];
  }

  /** The first GraphQL error's `extensions.code` (FORBIDDEN, BAD_USER_INPUT…), if any. */
  get code(): string | undefined {
    const code = this.details.errors?.[0]?.extensions?.code;
    return typeof code === 'string' ? code : undefined;
  }
}
