import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { HEADERS } from '../../../platform/headers';
import { header, pathOf, type BodyRequest, type Step } from '../../../platform/http/node-http';
import { currentTraceId, requestTraceContext } from '../../../platform/http/tracing';
import type { Logger } from '../../../platform/logger';

/** A valid incoming request id is kept (a client or proxy may set one); otherwise a new one. */
const REQUEST_ID = /^[\w.:-]{8,128}$/;

/** A request with its id (set by requestLog). */
export interface LoggedRequest extends BodyRequest {
  requestId: string;
}

/** The operation a GET names in its query string, or a POST in its body. */
function operationName(req: BodyRequest): unknown {
  const fromBody = (req.body as { operationName?: unknown } | undefined)?.operationName;
  if (fromBody !== undefined || req.method !== 'GET') return fromBody;
  const at = req.url?.indexOf('?') ?? -1;
  return at < 0 ? undefined : (new URLSearchParams(req.url!.slice(at + 1)).get('operationName') ?? undefined);
}

/**
 * Gives each request its id (answered in `x-request-id`, passed to every subgraph, on every log
 * line) and writes one JSON access-log line when the response is sent.
 */
export function requestLog(log: Logger, clientIp: (req: IncomingMessage) => string): Step<LoggedRequest> {
  return (req, res, next) => {
    const incoming = header(req, HEADERS.requestId);
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.requestId = requestId;
    res.setHeader(HEADERS.requestId, requestId);
    // below `info` (production's `warn`) the line would be dropped: nothing to measure or gather
    if (!log.isLevelEnabled('info')) return next();
    const started = process.hrtime.bigint();
    const path = pathOf(req.url);
    res.on('finish', () => {
      log.info(
        {
          requestId,
          traceId: currentTraceId(requestTraceContext(res)),
          method: req.method,
          path,
          status: res.statusCode,
          ms: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
          operation: operationName(req),
          ip: clientIp(req),
        },
        'request',
      );
    });
    next();
  };
}
