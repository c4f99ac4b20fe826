import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Kind, parse } from 'graphql';

/** One operation a client may send by id. */
export interface TrustedDocument {
  id: string;
  body: string;
  name?: string;
}

/** Apollo's persisted query list, as generated for Apollo Client, Apollo iOS and Apollo Kotlin. */
interface ApolloManifest {
  format: 'apollo-persisted-query-manifest';
  version: number;
  operations: { id: string; body: string; name?: string; type?: string }[];
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** "sha256:abc…" (codegen's ids) and "abc…" (APQ hashes, Apollo's ids) name the same document. */
export const normaliseId = (id: string) => id.replace(/^sha256:/i, '').toLowerCase();

/**
 * The operations the clients were built with, loaded from manifests at start. Looked up by id (or
 * hash), and by document text: in enforce mode a client may also send the full text of a trusted
 * operation.
 */
export class TrustedDocuments {
  private readonly byId = new Map<string, TrustedDocument>();
  private readonly bodyHashes = new Set<string>();

  constructor(documents: TrustedDocument[] = []) {
    for (const d of documents) this.add(d);
  }

  static fromFiles(paths: string[]): TrustedDocuments {
    const store = new TrustedDocuments();
    for (const path of paths) {
      for (const d of parseManifest(JSON.parse(readFileSync(path, 'utf8')), path)) store.add(d);
    }
    return store;
  }

  add(document: TrustedDocument): void {
    this.byId.set(normaliseId(document.id), document);
    this.bodyHashes.add(sha256(document.body));
  }

  get size(): number {
    return this.byId.size;
  }

  byIdOrHash(id: string): TrustedDocument | undefined {
    return this.byId.get(normaliseId(id));
  }

  /** True when `query` is, character for character, the body of a trusted document. */
  hasBody(query: string): boolean {
    return this.bodyHashes.has(sha256(query));
  }

  all(): TrustedDocument[] {
    return [...this.byId.values()];
  }
}

/** The (first) operation's name of a document; undefined when it has none or does not parse. */
function operationName(body: string): string | undefined {
  try {
    const op = parse(body, { noLocation: true }).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    return op?.kind === Kind.OPERATION_DEFINITION ? op.name?.value : undefined;
  } catch {
    return undefined;
  }
}

/** Reads either manifest format; throws naming the file when it is neither. */
export function parseManifest(json: unknown, source = 'manifest'): TrustedDocument[] {
  if (json && typeof json === 'object' && (json as ApolloManifest).format === 'apollo-persisted-query-manifest') {
    const manifest = json as ApolloManifest;
    if (manifest.version !== 1 || !Array.isArray(manifest.operations)) {
      throw new Error(`${source}: unsupported apollo-persisted-query-manifest version ${manifest.version}`);
    }
    return manifest.operations.map((op) => {
      if (typeof op.id !== 'string' || typeof op.body !== 'string') throw new Error(`${source}: an operation lacks id or body`);
      return { id: op.id, body: op.body, name: op.name };
    });
  }
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    return Object.entries(json as Record<string, unknown>).map(([id, body]) => {
      if (typeof body !== 'string') throw new Error(`${source}: "${id}" is not a document string`);
      return { id, body, name: operationName(body) };
    });
  }
  throw new Error(`${source}: not a persisted documents manifest`);
}
