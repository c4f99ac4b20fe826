import { auditServer, type AuditResult } from 'graphql-http';
import { startStack, type Stack } from '../../e2e/harness';

/**
 * The GraphQL-over-HTTP conformance audit of the graphql-http package, against the development
 * gateway. Every MUST passes; the SHOULDs that do not are printed with the reason.
 */
let stack: Stack;
let results: AuditResult[];
beforeAll(async () => {
  stack = await startStack();
  results = await auditServer({ url: stack.gatewayUrl });
});
afterAll(async () => {
  await stack?.stop();
});

const level = (r: AuditResult) => r.name.split(' ')[0];

it('passes every MUST audit', () => {
  const counts = (l: string) => {
    const of = results.filter((r) => level(r) === l);
    return `${l}: ${of.filter((r) => r.status === 'ok').length}/${of.length} pass`;
  };
  const failing = results.filter((r) => r.status !== 'ok');
  console.log(
    [
      `graphql-http audit of the development gateway: ${counts('MUST')}, ${counts('SHOULD')}, ${counts('MAY')}`,
      ...failing.map((r) => `  ${r.status.toUpperCase()} ${r.name}\n      ${'reason' in r ? r.reason : ''}`),
    ].join('\n'),
  );
  expect(results.filter((r) => level(r) === 'MUST' && r.status !== 'ok').map((r) => r.name)).toEqual([]);
  expect(results.filter((r) => level(r) === 'MUST').length).toBeGreaterThan(10);
});
