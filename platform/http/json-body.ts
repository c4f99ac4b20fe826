import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { HttpError, type BodyRequest, type Step } from './node-http';

const DECODERS: Record<string, () => NodeJS.ReadWriteStream> = { gzip: createGunzip, 'x-gzip': createGunzip, deflate: createInflate, br: createBrotliDecompress };

/** Whether a Content-Type is JSON (`application/json`, any parameters), and its charset when it names one. */
function jsonType(contentType: string | undefined): { charset?: string } | undefined {
  if (!contentType) return undefined;
  const semi = contentType.indexOf(';');
  const type = (semi < 0 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
  if (type !== 'application/json') return undefined;
  const charset = semi < 0 ? undefined : /charset\s*=\s*"?([^";\s]+)/i.exec(contentType.slice(semi))?.[1]?.toLowerCase();
  return { charset };
}

/**
 * The JSON body of a request, as Express's `json()` parses it: `undefined` when the request has no
 * body or is not `application/json`; gzip, deflate and br bodies are decoded; at most `limit`
 * bytes (decoded); UTF-8; an object or an array. Anything else is an HttpError: 413
 * PAYLOAD_TOO_LARGE, 415 UNSUPPORTED_MEDIA_TYPE, or 400 BAD_REQUEST for a body that is not JSON.
 */
export function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = jsonType(req.headers['content-type']);
  const hasBody = req.headers['transfer-encoding'] !== undefined || req.headers['content-length'] !== undefined;
  if (!type || !hasBody) return Promise.resolve(undefined);
  if (type.charset && type.charset !== 'utf-8' && type.charset !== 'utf8') {
    return Promise.reject(new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', `Unsupported charset "${type.charset}": send UTF-8`));
  }
  const tooLarge = () => new HttpError(413, 'PAYLOAD_TOO_LARGE', `The request body exceeds ${limit} bytes`);
  if (Number(req.headers['content-length']) > limit) return Promise.reject(tooLarge());
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  let stream: Readable = req;
  if (encoding !== 'identity') {
    const decoder = DECODERS[encoding];
    if (!decoder) return Promise.reject(new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', `Unsupported content encoding "${encoding}"`));
    stream = req.pipe(decoder()) as unknown as Readable;
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (error: Error) => {
      stream.removeAllListeners('data');
      req.resume(); // the rest is read and dropped, so the connection can serve the next request
      reject(error);
    };
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) fail(tooLarge());
      else chunks.push(chunk);
    });
    stream.on('error', () => fail(new HttpError(400, 'BAD_REQUEST', 'The request body could not be read')));
    stream.on('end', () => {
      if (size > limit) return;
      let text = chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      const first = /\S/.exec(text)?.[0];
      if (first === undefined) return resolve({});
      if (first !== '{' && first !== '[') return reject(new HttpError(400, 'BAD_REQUEST', 'The request body must be a JSON object or array'));
      try {
        resolve(JSON.parse(text));
      } catch (error) {
        reject(new HttpError(400, 'BAD_REQUEST', `The request body is not valid JSON: ${(error as Error).message}`));
      }
    });
  });
}

/** The largest request body read, by default: 1 MB. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Reads the request's JSON body into `req.body` (see readJsonBody). */
export const jsonBody =
  (limit = BODY_LIMIT_BYTES): Step<BodyRequest> =>
  async (req, _res, next) => {
    req.body = await readJsonBody(req, limit);
    next();
  };
