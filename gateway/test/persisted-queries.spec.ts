import { readGatewayConfig } from '../src/config';
import { CODEGEN_MANIFEST } from '../src/persisted-queries/persisted-queries.config';
import { sha256, TrustedDocuments } from '../src/persisted-queries/trusted-documents';
import { PRODUCTION } from './gateway-fixtures';

// Persisted-query settings and the codegen manifest, without a server (the gateway at work: persisted-queries.test.ts).

describe('production defaults', () => {
  const production = { ...PRODUCTION, REDIS_URL: 'redis://127.0.0.1:6379' };

  it('enforce trusted documents and turn anonymous APQ registration off; development allows both', () => {
    expect(readGatewayConfig(production).persistedQueries).toMatchObject({ mode: 'enforce', apq: false, adminRawDocuments: true });
    expect(readGatewayConfig({}).persistedQueries).toMatchObject({ mode: 'allow', apq: true });
    expect(readGatewayConfig(production).cacheRedisUrl).toBe('redis://127.0.0.1:6379');
  });
});

describe('trusted documents (codegen manifest)', () => {
  it('covers every operation of the codegen manifest with its document hash', () => {
    for (const d of TrustedDocuments.fromFiles([CODEGEN_MANIFEST]).all()) expect(d.id).toBe(`sha256:${sha256(d.body)}`);
  });
});
