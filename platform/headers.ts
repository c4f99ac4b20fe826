/** The headers the gateway, the subgraphs and the service client pass between them. */
export const HEADERS = {
  requestId: 'x-request-id',
  /** Caller → subgraph: the caller's consistency positions, `users=0/16B3748,catalog=1/A0`. */
  positions: 'x-consistency-positions',
  /** Subgraph → caller: the positions after the writes this request caused (its own and downstream), same form. */
  committedPositions: 'x-committed-positions',
  /** Gateway → subgraph: the end user's address and user agent. */
  clientIp: 'x-client-ip',
  clientUserAgent: 'x-client-user-agent',
} as const;
