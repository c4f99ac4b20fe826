import type { Express } from 'express';
import type { Server } from 'node:http';

export interface HttpServer {
  listen(port: number, host?: string): Promise<Server>;
  /** Stops accepting, closes idle keep-alive connections at once and the rest after their response. */
  close(): Promise<void>;
}

export function httpServer(app: Express, defaultHost = '127.0.0.1'): HttpServer {
  let server: Server | undefined;
  return {
    listen: (port, host = defaultHost) =>
      new Promise((resolve, reject) => {
        server = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(server!)));
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (!server) return resolve();
        const s = server;
        const force = setTimeout(() => s.closeAllConnections(), 3000);
        s.close(() => {
          clearTimeout(force);
          resolve();
        });
        s.closeIdleConnections();
      }),
  };
}
