import { auditServer, type AuditResult } from 'graphql-http';
import { randomBytes } from 'node:crypto';
import { sharedStack } from '../../e2e/shared-stack';
import type { StackClient } from '../../e2e/stack-client';
import { sha256, TrustedDocuments } from '../src/persisted-queries/trusted-documents';
import { PRODUCTION, startExtraGateway } from './gateway-fixtures';

/** The audit's own documents: the production gateway accepts only trusted documents, these are the audit client's. */
const AUDIT_DOCUMENTS = [
  '{ __typename }',
  'query Query { __typename }',
  'query CoerceFailure($id: ID!){ __typename }',
  'query Type($name: String!) { __type(name: $name) { name } }',
  '{ __type(name: "Run🏃Swim🏊") { name } }',
];

/**
 * The GraphQL-over-HTTP conformance audit of the graphql-http package, against the development
 * gateway and against a gateway with the production configuration (its defaults, the
 * production fixture's secret and keys). Every MUST passes; the SHOULDs that do not are printed with the reason.
 */
let stack: StackClient;
let production: Awaited<ReturnType<typeof startExtraGateway>>;
const results: Record<string, AuditResult[]> = {};
beforeAll(async () => {
  stack = await sharedStack();
  const secret = () => randomBytes(32).toString('hex');
  const auditClient = new TrustedDocuments(AUDIT_DOCUMENTS.map((body) => ({ id: sha256(body), body })));
  production = await startExtraGateway(stack, { ...PRODUCTION, RATE_LIMIT_KEY_PREFIX: `audit-${secret().slice(0, 8)}` }, auditClient);
  results.development = await auditServer({ url: stack.gatewayUrl });
  results.production = await auditServer({ url: production.url });
});
afterAll(async () => {
  await production?.stop();
  await stack?.stop();
});

const level = (r: AuditResult) => r.name.split(' ')[0];

it.each(['development', 'production'])('passes every MUST audit (%s configuration)', (profile) => {
  const of = results[profile];
  const counts = (l: string) => {
    const at = of.filter((r) => level(r) === l);
    return `${l}: ${at.filter((r) => r.status === 'ok').length}/${at.length} pass`;
  };
  const failing = of.filter((r) => r.status !== 'ok');
  console.log(
    [
      `graphql-http audit of the ${profile} gateway: ${counts('MUST')}, ${counts('SHOULD')}, ${counts('MAY')}`,
      ...failing.map((r) => `  ${r.status.toUpperCase()} ${r.name}\n      ${'reason' in r ? r.reason : ''}`),
    ].join('\n'),
  );
  expect(of.filter((r) => level(r) === 'MUST' && r.status !== 'ok').map((r) => r.name)).toEqual([]);
  expect(of.filter((r) => level(r) === 'MUST').length).toBeGreaterThan(10);
});
