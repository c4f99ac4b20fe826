import { ConfigError } from './config';
import { startTracing, stopTracing } from './http/tracing';
import { createLogger, type Logger } from './logger';

/**
 * Runs a long-lived process: starts its tracer and the process, and on SIGINT/SIGTERM stops it
 * cleanly (closing servers, queues and pools, flushing spans) before exiting. A configuration problem stops the
 * process at once with a message naming each bad variable.
 */
export function runProcess(name: string, start: (log: Logger) => Promise<() => Promise<void>>): void {
  const log = createLogger(name);
  let stop: (() => Promise<void>) | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    const timer = setTimeout(() => {
      log.error('did not stop within 10 s; exiting');
      process.exit(1);
    }, 10_000);
    try {
      await stop?.();
      await stopTracing();
    } finally {
      clearTimeout(timer);
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  startTracing(name);
  start(log)
    .then((s) => {
      stop = s;
      if (stopping) void s();
    })
    .catch((error) => {
      if (error instanceof ConfigError) {
        process.stderr.write(`${name}: ${error.message}\n`);
      } else {
        log.fatal({ err: error }, 'failed to start');
      }
      process.exit(1);
    });
}
