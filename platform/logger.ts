import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs, one line per event; `service` and (per request) `requestId` on every line. */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', '*.password', '*.refreshToken', '*.accessToken'], censor: '[redacted]' },
  });
}
