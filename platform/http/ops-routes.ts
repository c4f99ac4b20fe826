import express, { type Express } from 'express';
import { collectDefaultMetrics, register } from 'prom-client';

let defaultsCollected = false;

/** /healthz (the process is up), /readyz (its dependencies answer) and /metrics (Prometheus). */
export function addOpsRoutes(app: Express, ready: () => Promise<void>): void {
  if (!defaultsCollected) {
    collectDefaultMetrics();
    defaultsCollected = true;
  }
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await ready();
      res.json({ status: 'ready' });
    } catch (error) {
      res.status(503).json({ status: 'unavailable', reason: (error as Error).message });
    }
  });
  app.get('/metrics', async (_req, res) => {
    res.type(register.contentType).send(await register.metrics());
  });
}

/** A process without GraphQL (a worker) still answers the operational routes. */
export function createOpsApp(ready: () => Promise<void>): Express {
  const app = express();
  app.disable('x-powered-by');
  addOpsRoutes(app, ready);
  return app;
}
