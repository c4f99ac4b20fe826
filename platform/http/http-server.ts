import { createServer, type RequestListener, type Server } from 'node:http';

export interface HttpServer {
  listen(port: number, host?: string): Promise<Server>;
  /** Stops accepting, closes idle keep-alive connections at once and the rest after their response. */
  close(): Promise<void>;
}

/** A node:http server for `handler` (an Express app or a plain request listener). */
export function httpServer(handler: RequestListener, defaultHost = '127.0.0.1'): HttpServer {
  let server: Server | undefined;
  return {
    listen: (port, host = defaultHost) =>
      new Promise((resolve, reject) => {
        const s = createServer(handler);
        s.once('error', reject);
        s.listen(port, host, () => {
          s.off('error', reject);
          server = s;
          resolve(s);
        });
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
