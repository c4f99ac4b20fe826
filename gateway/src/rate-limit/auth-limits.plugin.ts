import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values';
import { GraphQLError, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type Redis from 'ioredis';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from '../../../platform/logger';
import type { GatewayContext } from '../gateway-context';
import { gatewayMetrics } from '../metrics/gateway-metrics';
import type { AuthBucket, AuthLimitsConfig } from './auth-limits.config';
import { limiter } from './rate-limit.plugin';
import { rootFieldCalls, type RootFieldCall } from './root-fields';

type BucketName = keyof AuthLimitsConfig;
type Args = { input?: { email?: unknown }; email?: unknown };

/** Which buckets each account mutation spends from, and where its e-mail address is. */
const FIELDS: Record<string, { buckets: BucketName[]; email?: (args: Args) => unknown }> = {
  login: { buckets: ['loginPerEmail', 'loginPerIp'], email: (a) => a.input?.email },
  register: { buckets: ['registerPerIp'] },
  requestPasswordReset: { buckets: ['passwordResetPerEmail', 'passwordResetPerIp'], email: (a) => a.email },
  resetPassword: { buckets: ['tokenPerIp'] },
  verifyEmail: { buckets: ['tokenPerIp'] },
  refreshToken: { buckets: ['refreshPerIp'] },
};
const PER_EMAIL = new Set<BucketName>(['loginPerEmail', 'passwordResetPerEmail']);
const LOGIN_BUCKETS = new Set<BucketName>(['loginPerEmail', 'loginPerIp']);

interface Charge {
  bucket: BucketName;
  key: string;
  points: number;
}

function lockedOut(bucket: BucketName, res: RateLimiterRes): GraphQLError {
  const retryAfter = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  const login = LOGIN_BUCKETS.has(bucket);
  const scope = PER_EMAIL.has(bucket) ? 'email' : 'ip';
  const message = login
    ? `Too many failed sign-ins ${scope === 'email' ? 'for this e-mail address' : 'from this address'}: try again in ${retryAfter} s`
    : `Too many attempts (${bucket}): try again in ${retryAfter} s`;
  return new GraphQLError(message, {
    extensions: {
      code: login ? 'LOGIN_LOCKED' : 'THROTTLED',
      scope,
      retryAfterSeconds: retryAfter,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfter)]]) },
    },
  });
}

const normaliseEmail = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : '');

/** The e-mail argument of each call (variables coerced, defaults applied); '' when absent or not coercible. */
function emailsOf(schema: GraphQLSchema, operation: OperationDefinitionNode, calls: RootFieldCall[], variables: Record<string, unknown>): Map<RootFieldCall, string> {
  const emails = new Map<RootFieldCall, string>();
  const { coerced } = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  const mutation = schema.getMutationType();
  for (const call of calls) {
    const read = FIELDS[call.name].email;
    const field = mutation?.getFields()[call.name];
    if (!read || !field) continue;
    try {
      emails.set(call, normaliseEmail(read(getArgumentValues(field, call.node, coerced ?? {}) as Args)));
    } catch {
      emails.set(call, ''); // execution refuses the arguments
    }
  }
  return emails;
}

/** True when a login call's result shows it was not a failed guess: it signed in, or failed for another reason. */
function notAFailedGuess(payload: unknown): boolean {
  if (!payload || typeof payload !== 'object') return false;
  const { accessToken, userErrors } = payload as { accessToken?: unknown; userErrors?: unknown };
  if (typeof accessToken === 'string' && accessToken !== '') return true;
  if (!Array.isArray(userErrors) || userErrors.length === 0) return false;
  return userErrors.every((e) => typeof e?.code === 'string' && e.code !== 'INVALID_CREDENTIALS');
}

/**
 * Budgets of the account mutations (login, register, password reset, e-mail tokens, refresh),
 * per e-mail address and per client address, charged per call: ten aliased logins are ten
 * attempts. Over a budget → HTTP 429 before any subgraph is called: LOGIN_LOCKED for sign-ins
 * (with `scope` email or ip, `retryAfterSeconds` and Retry-After), THROTTLED for the others.
 */
export function authLimitsPlugin(deps: { redis: Redis; config: AuthLimitsConfig; keyPrefix: string; log: Logger }): ApolloServerPlugin<GatewayContext> {
  const limiters = Object.fromEntries(
    Object.entries(deps.config).map(([name, b]: [string, AuthBucket]) => [name, limiter(deps.redis, `${deps.keyPrefix}:auth:${name}`, b.points, b.windowSeconds, b.blockSeconds)]),
  ) as Record<BucketName, RateLimiterAbstract>;

  return {
    async requestDidStart() {
      const refundable: { call: RootFieldCall; charges: Charge[] }[] = [];
      return {
        async didResolveOperation({ operation, document, schema, request, contextValue }) {
          if (operation?.operation !== 'mutation') return;
          const calls = rootFieldCalls(operation, document).filter((c) => FIELDS[c.name]);
          if (calls.length === 0) return;
          const emails = emailsOf(schema, operation, calls, request.variables ?? {});
          const ip = `ip:${contextValue.client.ip ?? 'unknown'}`;
          const totals = new Map<string, Charge>();
          for (const call of calls) {
            const charges: Charge[] = [];
            for (const bucket of FIELDS[call.name].buckets) {
              const key = PER_EMAIL.has(bucket) ? `email:${emails.get(call) ?? ''}` : ip;
              const total = totals.get(`${bucket} ${key}`) ?? { bucket, key, points: 0 };
              total.points += 1;
              totals.set(`${bucket} ${key}`, total);
              charges.push({ bucket, key, points: 1 });
            }
            if (call.name === 'login') refundable.push({ call, charges });
          }
          // per-address buckets first: a locked-out client learns nothing about an e-mail's count
          const ordered = [...totals.values()].sort((a, b) => Number(PER_EMAIL.has(a.bucket)) - Number(PER_EMAIL.has(b.bucket)));
          for (const charge of ordered) {
            try {
              await limiters[charge.bucket].consume(charge.key, charge.points);
            } catch (error) {
              if (error instanceof RateLimiterRes) {
                gatewayMetrics.throttled.inc({ budget: charge.bucket });
                refundable.length = 0; // nothing runs: nothing to refund, nothing to count twice
                throw lockedOut(charge.bucket, error);
              }
              deps.log.warn({ err: error }, 'account limiter unavailable; request allowed');
            }
          }
        },
        async willSendResponse({ response }) {
          if (refundable.length === 0 || response.body.kind !== 'single') return;
          const data = response.body.singleResult.data as Record<string, unknown> | null | undefined;
          for (const { call, charges } of refundable) {
            if (!notAFailedGuess(data?.[call.responseKey])) continue;
            for (const c of charges) await limiters[c.bucket].reward(c.key, c.points).catch(() => undefined);
          }
        },
      };
    },
  };
}
