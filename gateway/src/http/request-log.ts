import type { RequestHandler } from 'express';
import { randomUUID } from 'node:crypto';
import { HEADERS } from '../../../platform/context';
import { currentTraceId } from '../../../platform/http/tracing';
import type { Logger } from '../../../platform/logger';

/** A valid incoming request id is kept (a client or proxy may set one); otherwise a new one. */
const REQUEST_ID = /^[\w.:-]{8,128}$/;

/**
 * Gives each request its id (answered in `x-request-id`, passed to every subgraph, on every log
 * line) and writes one JSON access-log line when the response is sent.
 */
export function requestLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.header(HEADERS.requestId);
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader(HEADERS.requestId, requestId);
    // below `info` (production's `warn`) the line would be dropped: nothing to measure or gather
    if (!log.isLevelEnabled('info')) return next();
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      log.info(
        {
          requestId,
          traceId: res.locals.traceId,
          method: req.method,
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          ms: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
          operation: (req.body as { operationName?: unknown } | undefined)?.operationName ?? req.query?.operationName,
          ip: req.ip,
        },
        'request',
      );
    });
    next();
  };
}

/** Remembers the trace id for the access log (call inside the traced part of the chain). */
export const noteTraceId: RequestHandler = (_req, res, next) => {
  res.locals.traceId = currentTraceId();
  next();
};
