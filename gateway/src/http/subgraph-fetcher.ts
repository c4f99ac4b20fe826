import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { STATUS_CODES } from 'node:http';
import { Agent, request } from 'undici';
import { HEADERS } from '../../../platform/headers';

type ApolloFetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<ApolloFetcher>>;
/** A call's request, as RemoteGraphQLDataSource gives it, and its own deadline. */
export type FetcherInit = NonNullable<Parameters<ApolloFetcher>[1]> & {
  /** Time to the response headers, and between body chunks; default: the fetcher's timeoutMs. */
  timeoutMs?: number;
};
/** What SubgraphDataSource calls to reach a subgraph (`fetcher` option). */
export type Fetcher = (url: string, init?: FetcherInit) => Promise<FetcherResponse>;

/**
 * Headers that trace or describe one call without changing what it reads or whom it runs as:
 * identical queries that differ only in these are merged. Every other header (the internal
 * credential, the consistency positions, any header added later) is part of the merge key.
 */
const NOT_PART_OF_THE_KEY = new Set<string>([HEADERS.requestId, HEADERS.clientIp, HEADERS.clientUserAgent, 'traceparent', 'tracestate', 'content-length']);

/** Only queries are merged: a body that does not start as a query document (mutations, APQ hashes…) is always sent. */
const QUERY_BODY = /^\{"query":"\s*(?:query\b|\{)/;

export interface SubgraphFetcherOptions {
  /** Merge identical queries in flight at the same time (same subgraph, document, variables, identity). Default true. */
  mergeInFlightQueries?: boolean;
  /** Time to the response headers, and between body chunks, for calls that set no timeoutMs of their own. */
  timeoutMs?: number;
  /** Most sockets open to one subgraph origin; further calls queue. Default 128. */
  connections?: number;
}

export interface SubgraphFetcher {
  fetcher: Fetcher;
  /** Queries answered by another caller's identical request in flight (for tests and metrics). */
  readonly merged: number;
  /** Closes the kept-alive connections. */
  close(): Promise<void>;
}

interface Buffered {
  status: number;
  headers: ResponseHeaders;
  body: string;
}

/** Headers in a Map, names lower-cased: a subgraph call's request headers and its response headers. */
export class ResponseHeaders implements Iterable<[string, string]> {
  private readonly map = new Map<string, string>();
  constructor(raw: Record<string, string | string[] | undefined> = {}) {
    for (const [name, value] of Object.entries(raw)) if (value !== undefined) this.map.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value);
  }
  append(name: string, value: string) {
    const key = name.toLowerCase();
    const old = this.map.get(key);
    this.map.set(key, old === undefined ? value : `${old}, ${value}`);
  }
  delete(name: string) {
    this.map.delete(name.toLowerCase());
  }
  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }
  has(name: string) {
    return this.map.has(name.toLowerCase());
  }
  set(name: string, value: string) {
    this.map.set(name.toLowerCase(), value);
  }
  entries() {
    return this.map.entries();
  }
  keys() {
    return this.map.keys();
  }
  values() {
    return this.map.values();
  }
  [Symbol.iterator]() {
    return this.map.entries();
  }
}

/** One caller's view of a (possibly shared) buffered response: its own parse of the body. */
function respond(url: string, buffered: Buffered): FetcherResponse {
  let used = false;
  const take = () => {
    if (used) throw new TypeError('Body already used');
    used = true;
    return buffered.body;
  };
  const response: FetcherResponse = {
    url,
    status: buffered.status,
    statusText: STATUS_CODES[buffered.status] ?? '',
    ok: buffered.status >= 200 && buffered.status < 300,
    redirected: false,
    headers: buffered.headers,
    get bodyUsed() {
      return used;
    },
    text: async () => take(),
    json: async () => JSON.parse(take()),
    arrayBuffer: async () => {
      const bytes = Buffer.from(take());
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
    clone: () => respond(url, buffered),
  };
  return response;
}

/** The key under which identical in-flight queries share one subgraph call; undefined when the call must not be shared. */
export function mergeKey(url: string, init: FetcherInit): string | undefined {
  if ((init.method ?? 'GET').toUpperCase() !== 'POST' || typeof init.body !== 'string' || !QUERY_BODY.test(init.body)) return undefined;
  const identity: string[] = [];
  const headers = init.headers ?? {};
  for (const name in headers) {
    const lower = name.toLowerCase();
    if (!NOT_PART_OF_THE_KEY.has(lower)) identity.push(`${lower}:${headers[name]}`);
  }
  return `${url}\n${identity.sort().join('\n')}\n${init.body}`;
}

/**
 * The gateway's way to its subgraphs: kept-alive connections (undici), and identical queries in
 * flight at the same time sent once, each caller getting its own copy of the answer. Mutations
 * are never merged.
 */
export function createSubgraphFetcher(options: SubgraphFetcherOptions = {}): SubgraphFetcher {
  const timeout = options.timeoutMs ?? 30_000;
  const agent = new Agent({ keepAliveTimeout: 10_000, headersTimeout: timeout, bodyTimeout: timeout, connections: options.connections ?? 128 });
  const inFlight = new Map<string, Promise<Buffered>>();
  let merged = 0;

  async function send(url: string, init: FetcherInit): Promise<Buffered> {
    const response = await request(url, {
      method: (init.method ?? 'GET') as 'POST',
      headers: init.headers,
      body: init.body,
      dispatcher: agent,
      signal: init.signal,
      headersTimeout: init.timeoutMs ?? timeout,
      bodyTimeout: init.timeoutMs ?? timeout,
    });
    const body = await response.body.text();
    return { status: response.statusCode, headers: new ResponseHeaders(response.headers), body };
  }

  const fetcher: Fetcher = async (url, init = {}) => {
    const key = options.mergeInFlightQueries === false ? undefined : mergeKey(url, init);
    if (key === undefined) return respond(url, await send(url, init));
    let pending = inFlight.get(key);
    if (pending) merged += 1;
    else {
      pending = send(url, init).finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return respond(url, await pending);
  };

  return {
    fetcher,
    get merged() {
      return merged;
    },
    close: () => agent.close(),
  };
}
