import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError, type BodyRequest, type Step } from '../../../platform/http/node-http';
import type { TrustedDocumentsMode } from './persisted-queries.config';
import type { TrustedDocuments } from './trusted-documents';

interface Rejection {
  status: number;
  code: 'PERSISTED_QUERY_NOT_ALLOWED' | 'PERSISTED_QUERY_NOT_FOUND';
  message: string;
}

type Payload = Record<string, unknown> & { extensions?: Record<string, unknown> };

const persistedQueryHash = (payload: Payload): string | undefined => {
  const pq = payload.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
  return typeof pq?.sha256Hash === 'string' ? pq.sha256Hash : undefined;
};

/**
 * Serves trusted documents before Apollo Server sees the request. A client names an operation by
 * `documentId` (GraphQL-over-HTTP persisted documents), `id` (Relay) or an APQ
 * `extensions.persistedQuery.sha256Hash`; the gateway puts the manifest's text in its place.
 * Returns why the payload is refused, or undefined (the payload may have been rewritten).
 */
export function resolveTrustedDocument(payload: Payload, store: TrustedDocuments, mode: TrustedDocumentsMode, rawAllowed = false): Rejection | undefined {
  if (typeof payload.query === 'string' && payload.query !== '') {
    if (mode === 'enforce' && !rawAllowed && !store.hasBody(payload.query)) {
      return { status: 400, code: 'PERSISTED_QUERY_NOT_ALLOWED', message: 'Only the operations of the published clients are accepted here: send the operation by its documentId' };
    }
    return undefined;
  }
  const documentId = typeof payload.documentId === 'string' ? payload.documentId : typeof payload.id === 'string' ? payload.id : undefined;
  const hash = persistedQueryHash(payload);
  const id = documentId ?? hash;
  if (!id) return undefined;
  const document = store.byIdOrHash(id);
  if (document) {
    payload.query = document.body;
    delete payload.documentId;
    delete payload.id;
    // the manifest already vouches for the text; Apollo's APQ step has nothing to check or store
    if (payload.extensions) delete payload.extensions.persistedQuery;
    return undefined;
  }
  if (documentId) return { status: 200, code: 'PERSISTED_QUERY_NOT_FOUND', message: `No trusted document has the id "${documentId}"` };
  if (mode === 'enforce') return { status: 400, code: 'PERSISTED_QUERY_NOT_ALLOWED', message: 'This operation is not one of the published clients\' operations' };
  return undefined; // an APQ hash: Apollo looks it up in Redis
}

const reject = (res: ServerResponse, rejection: Rejection) => sendError(res, rejection.status, rejection.code, rejection.message);

/**
 * GET (query string) and POST (JSON, one operation or a batch) requests to the GraphQL path.
 * `rawAllowed` says whether this request may send documents outside the manifests in enforce mode
 * (staff tools with an ADMIN token); it is asked only when such a document arrives.
 */
export function trustedDocumentsMiddleware(
  store: TrustedDocuments,
  mode: TrustedDocumentsMode,
  rawAllowed: (req: IncomingMessage) => Promise<boolean> = async () => false,
): Step<BodyRequest> {
  return async (req, res, next) => {
    const needsRaw = (payload: Payload) =>
      mode === 'enforce' && typeof payload.query === 'string' && payload.query !== '' && !store.hasBody(payload.query);
    if (req.method === 'GET') {
      const url = req.url ?? '';
      const at = url.indexOf('?');
      const path = at < 0 ? url : url.slice(0, at);
      const search = at < 0 ? '' : url.slice(at + 1);
      const params = new URLSearchParams(search);
      const payload: Payload = Object.fromEntries(params);
      if (typeof payload.extensions === 'string') {
        try {
          payload.extensions = JSON.parse(payload.extensions as string) as Record<string, unknown>;
        } catch {
          return next(); // Apollo answers malformed extensions
        }
      }
      const rejection = resolveTrustedDocument(payload, store, mode, needsRaw(payload) && (await rawAllowed(req)));
      if (rejection) return reject(res, rejection);
      const rewritten = new URLSearchParams();
      for (const [key, value] of Object.entries(payload)) {
        if (value !== undefined) rewritten.set(key, typeof value === 'string' ? value : JSON.stringify(value));
      }
      req.url = `${path}?${rewritten.toString()}`;
      return next();
    }
    const body: unknown = req.body;
    const payloads = Array.isArray(body) ? body : [body];
    let raw: boolean | undefined;
    for (const payload of payloads) {
      if (!payload || typeof payload !== 'object') continue;
      if (raw === undefined && needsRaw(payload as Payload)) raw = await rawAllowed(req);
      const rejection = resolveTrustedDocument(payload as Payload, store, mode, raw ?? false);
      if (rejection) return reject(res, rejection);
    }
    next();
  };
}
