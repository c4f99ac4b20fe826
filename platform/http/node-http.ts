import type { IncomingMessage, ServerResponse } from 'node:http';

/** One step of a request's handling on node:http: answers, or calls `next` for the following step. */
export type Step<Req extends IncomingMessage = IncomingMessage> = (req: Req, res: ServerResponse, next: () => void) => void | Promise<void>;

/** A request whose JSON body has been read (jsonBody); `undefined` when it had none. */
export interface BodyRequest extends IncomingMessage {
  body?: unknown;
}

/** A request header's first value (names are lower case, as node:http keeps them). */
export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The path of a request's URL, without its query string. */
export const pathOf = (url = '/'): string => {
  const at = url.indexOf('?');
  return at < 0 ? url : url.slice(0, at);
};

/** Answers `body` as JSON with `status` (and `headers`), as Express's res.status().json() would. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}

/** A request refused before GraphQL sees it: its status and a GraphQL error code. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Answers a GraphQL-shaped error: `{ errors: [{ message, extensions: { code } }] }`, never cached. */
export function sendError(res: ServerResponse, status: number, code: string, message: string, extensions: Record<string, unknown> = {}): void {
  sendJson(res, status, { errors: [{ message, extensions: { code, ...extensions } }] }, { 'cache-control': 'private, no-cache, must-revalidate' });
}

/**
 * Runs `steps` in order, each deciding whether the next one runs. A step that throws (or rejects)
 * is answered by `fail`: an HttpError with its status and code, anything else as a 500.
 */
export function runSteps<Req extends IncomingMessage>(steps: Step<Req>[], fail: (error: unknown, req: Req, res: ServerResponse) => void) {
  return (req: Req, res: ServerResponse): void => {
    let at = 0;
    const failed = (error: unknown) => fail(error, req, res);
    const next = (): void => {
      const step = steps[at++];
      if (!step) return;
      try {
        const done = step(req, res, next);
        if (done) done.catch(failed);
      } catch (error) {
        failed(error);
      }
    };
    next();
  };
}

/**
 * How runSteps answers a failed step: an HttpError with its status and code; anything else is
 * logged and answered 500 INTERNAL_SERVER_ERROR (a response already under way is cut off).
 */
export function answerFailure(log: { error: (fields: object, message: string) => void }) {
  return (error: unknown, req: IncomingMessage, res: ServerResponse): void => {
    if (!(error instanceof HttpError)) log.error({ err: error, method: req.method, path: pathOf(req.url) }, 'request failed');
    if (res.headersSent) return void res.destroy();
    if (error instanceof HttpError) sendError(res, error.status, error.code, error.message);
    else sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  };
}
