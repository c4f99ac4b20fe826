import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { signInternalToken, INTERNAL_TOKEN_HEADER } from '../../platform/auth/internal-token';
import { HEADERS } from '../../platform/context';
import { maxLsn } from '../../platform/db/lsn';
import type { GatewayContext } from './gateway-context';

/**
 * Calls a subgraph on behalf of the gateway: the internal credential carrying the verified
 * identity, the request id, the client's address, and the consistency position; reads back the
 * position of any write the subgraph made.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string, private readonly internalSecret: string) {
    super({ url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http!.headers;
    if (!('requestId' in context)) {
      // the gateway's own calls (none today: the supergraph is static) carry only the credential
      headers.set(INTERNAL_TOKEN_HEADER, signInternalToken(this.internalSecret, { caller: 'gateway' }));
      return;
    }
    context.internalToken ??= signInternalToken(this.internalSecret, { caller: 'gateway', identity: context.identity });
    headers.set(INTERNAL_TOKEN_HEADER, context.internalToken);
    headers.set(HEADERS.requestId, context.requestId);
    if (context.minLsn) headers.set(HEADERS.minLsn, context.minLsn);
    if (context.client.ip) headers.set(HEADERS.clientIp, context.client.ip);
    if (context.client.userAgent) headers.set(HEADERS.clientUserAgent, context.client.userAgent);
  }

  override async didReceiveResponse({ response, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]) {
    const lsn = response.http?.headers.get(HEADERS.committedLsn) ?? undefined;
    if (lsn && 'requestId' in context) {
      context.committedLsn = maxLsn(context.committedLsn, lsn);
      // a later subgraph fetch of the same request must see this write too
      context.minLsn = maxLsn(context.minLsn, lsn);
    }
    return response;
  }
}
