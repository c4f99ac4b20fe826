import { join } from 'node:path';
import type { Env } from '../../../platform/config';

export type TrustedDocumentsMode = 'off' | 'allow' | 'enforce';

export interface PersistedQueriesConfig {
  /**
   * Automatic persisted queries (Apollo's protocol): clients register a query by its SHA-256 once.
   * Off by default in production: anyone could fill the cache with registrations; released apps
   * use trusted documents instead. On in development.
   */
  apq: boolean;
  /** How long a registered query stays in Redis after its last registration. */
  apqTtlSeconds: number;
  /**
   * Trusted documents from the manifests:
   * - off: manifests are not loaded;
   * - allow: manifest operations by id/hash, and any other operation too;
   * - enforce: only manifest operations (anything else → PERSISTED_QUERY_NOT_ALLOWED).
   * Production default: enforce; development: allow.
   */
  mode: TrustedDocumentsMode;
  /** In enforce mode, a request with an ADMIN access token may still send any document (staff tools). */
  adminRawDocuments: boolean;
  /** Manifest files: codegen's `{ "<hash>": "<document>" }` or Apollo's persisted query list. */
  manifests: string[];
}

const ROOT = join(__dirname, '..', '..', '..', __dirname.includes('/dist/') ? '..' : '');
export const CODEGEN_MANIFEST = join(ROOT, 'schema', 'generated', 'persisted-documents.json');

export function readPersistedQueriesConfig(env: Env, production = false): PersistedQueriesConfig {
  const manifests = env.optional('TRUSTED_DOCUMENTS_MANIFESTS');
  return {
    apq: env.bool('APQ_ENABLED', !production),
    apqTtlSeconds: env.int('APQ_TTL_SECONDS', 7 * 86_400, { min: 60, max: 365 * 86_400 }),
    mode: env.oneOf<TrustedDocumentsMode>('TRUSTED_DOCUMENTS', ['off', 'allow', 'enforce'], production ? 'enforce' : 'allow'),
    adminRawDocuments: env.bool('TRUSTED_DOCUMENTS_ADMIN_RAW', true),
    manifests: manifests ? manifests.split(',').map((p) => p.trim()).filter(Boolean) : [CODEGEN_MANIFEST],
  };
}
