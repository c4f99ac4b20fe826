import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INTERNAL_TOKEN_HEADER, signInternalToken } from '../auth/internal-token';
import type { Identity } from '../auth/roles';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  headers: Headers;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: (string | number)[] }[];
}

export function urlOf(server: Server, path = '/graphql'): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
}

/** POSTs an operation; `headers` as a client would send them. */
export async function postGraphQL<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: GraphQLResponse['errors'] };
  return { status: response.status, headers: response.headers, data: body.data ?? undefined, errors: body.errors };
}

/** Headers of a call made by the gateway to `subgraph` on behalf of `identity`. */
export function asGateway(secret: string, subgraph: string, identity?: Identity): Record<string, string> {
  return { [INTERNAL_TOKEN_HEADER]: signInternalToken(secret, { caller: 'gateway', audience: subgraph, identity }) };
}
