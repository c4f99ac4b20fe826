import {
  buildSchema,
  getNamedType,
  isNonNullType,
  isObjectType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countStatements } from '../../platform/db/statement-log';
import { startStack, type Stack } from '../../e2e/harness';
import { storefront } from '../../e2e/operations';
import { PRODUCTION_LIMITS } from '../src/limits/limits.config';
import { asGateway, postGraphQL } from '../../platform/testing/graphql-client';
import { postJson, PRODUCTION } from './gateway-fixtures';

// The production gateway's limits at work (the thresholds and the contract's documents under them: limits.spec.ts).

/** Field names from Query down `depth` object levels, through fields without required arguments. */
function deepPath(schema: GraphQLSchema, depth: number): string[] | undefined {
  const walk = (type: GraphQLObjectType, left: number): string[] | undefined => {
    if (left === 0) return [];
    for (const field of Object.values(type.getFields())) {
      const target = getNamedType(field.type);
      if (!isObjectType(target) || field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
      const rest = walk(target, left - 1);
      if (rest) return [field.name, ...rest];
    }
    return undefined;
  };
  return walk(schema.getQueryType()!, depth);
}

describe('the production gateway refuses operations over a limit before any subgraph runs', () => {
  let stack: Stack;
  beforeAll(async () => {
    // trusted documents in allow mode (an operator serving third-party clients): ad-hoc documents reach the limits
    stack = await startStack({ ...PRODUCTION, RATE_LIMIT_ENABLED: 'false', TRUSTED_DOCUMENTS: 'allow' });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** Posts `query`; returns the response and how many SQL statements any subgraph ran meanwhile. */
  async function refused(query: string, variables?: Record<string, unknown>) {
    const { result, counts } = await countStatements(stack.statementLogs(), () => postJson(stack.gatewayUrl, { query, variables }));
    return { status: result.status, errors: result.body.errors as { message: string; extensions: { code: string } }[], data: result.body.data, statements: counts.total };
  }

  it('runs a contract operation', async () => {
    const res = await postJson(stack.gatewayUrl, { query: storefront.Me });
    expect(res.body.data).toEqual({ me: null });
    expect(res.body.errors).toBeUndefined();
  });

  it('too many aliases', async () => {
    const aliases = Array.from({ length: PRODUCTION_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: id`).join(' ');
    const res = await refused(`{ me { ${aliases} } }`);
    expect(res.status).toBe(400);
    expect(res.errors[0].message).toMatch(/Aliases limit of 10 exceeded/);
    expect(res.data).toBeUndefined();
    expect(res.statements).toBe(0);
  });

  it('too many directives', async () => {
    const directives = Array.from({ length: PRODUCTION_LIMITS.maxDirectives + 1 }, () => '@include(if: true)').join(' ');
    const res = await refused(`{ me { id ${directives} } }`);
    expect(res.status).toBe(400);
    expect(res.errors[0].message).toMatch(/Directives limit of 20 exceeded/);
    expect(res.statements).toBe(0);
  });

  it('too costly: a fragment spread many times', async () => {
    const spreads = Array.from({ length: 700 }, () => '...Everything').join(' ');
    const res = await refused(`query Costly { me { ${spreads} } } fragment Everything on User { id name email addresses { id street city country } }`);
    expect(res.status).toBe(400);
    expect(res.errors[0].message).toMatch(/Query Cost limit of 5000 exceeded, found 5601/);
    expect(res.statements).toBe(0);
  });

  it('too costly: list sizes passed as variables count as literals do', async () => {
    const query = `query Nested($a: Int, $b: Int, $c: Int) { products(first: $a) { edges { node { id name reviews(first: $b) {
      edges { node { id author { id reviews(first: $c) { edges { node { id rating } } } } } } } } } } }`;
    const res = await refused(query, { a: 100, b: 100, c: 100 });
    expect(res.status).toBe(400);
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0].message).toMatch(/Query Cost limit of 5000 exceeded, found 4070602/);
    expect(res.statements).toBe(0);
  });

  it('too costly: a 2^12 fragment fan-out is refused without a single SQL statement', async () => {
    const levels = Array.from({ length: 12 }, (_, i) => `fragment F${i} on User { ...F${i + 1} ...G${i + 1} } fragment G${i + 1} on User { ...F${i + 1} }`);
    const res = await refused(`query FanOut { me { ...F0 } } ${levels.join(' ')} fragment F12 on User { id name }`);
    expect(res.status).toBe(400);
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0].message).toMatch(/Query Cost limit of 5000 exceeded/);
    expect(res.statements).toBe(0);
  });

  it('refuses cyclic fragments', async () => {
    const res = await refused('query Cycle { me { ...A } } fragment A on User { id ...B } fragment B on User { name ...A }');
    expect(res.status).toBe(400);
    expect(res.errors[0].message).toMatch(/Cannot spread fragment "A" within itself/);
    expect(res.statements).toBe(0);
  });

  it('answers repeated directives with one rejection', async () => {
    // 200 fit in the token limit: the directive limit refuses them, the 199 duplicate-directive errors are dropped
    const under = await refused(`{ me { id ${Array.from({ length: 200 }, () => '@include(if: true)').join(' ')} } }`);
    expect(under.status).toBe(400);
    expect(under.errors.map((e) => e.message)).toEqual([expect.stringMatching(/Directives limit of 20 exceeded, found 200/)]);
    // 700 do not: the parser stops at the token limit
    const over = await refused(`{ me { id ${Array.from({ length: 700 }, () => '@include(if: true)').join(' ')} } }`);
    expect(over.status).toBe(400);
    expect(over.errors.map((e) => e.message)).toEqual([expect.stringMatching(/more th\w+ 1500 tokens/)]);
  });

  it('refuses a document over 20,000 characters before parsing it', async () => {
    const res = await refused(`{ me { id } } # ${'x'.repeat(20_000)}`);
    expect(res.status).toBe(400);
    expect(res.errors[0].extensions.code).toBe('DOCUMENT_TOO_LARGE');
    expect(res.statements).toBe(0);
  });

  it.each([
    ['a login e-mail in variables', 'mutation ($input: LoginInput!) { login(input: $input) { accessToken } }', { input: { email: 'a\u0000@example.com', password: 'x' } }],
    ['a registration name in variables', 'mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }', { input: { email: 'n@example.com', password: 'a long enough passphrase', name: 'Nul\u0000Name' } }],
    ['a slug in a literal', '{ product(slug: "nul\\u0000slug") { id } }', undefined],
    ['a wishlist name in a literal', 'mutation { createWishlist(name: "wish\\u0000list") { userErrors { code } } }', undefined],
  ])('refuses NUL (\\u0000) in %s with BAD_USER_INPUT before any subgraph runs', async (_what, query, variables) => {
    const res = await refused(query, variables);
    expect(res.status).toBe(400);
    expect(res.errors.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors[0].message).toMatch(/NUL/);
    expect(res.statements).toBe(0);
  });

  it('a subgraph refuses NUL from any caller too (a service calling it directly)', async () => {
    const { result, counts } = await countStatements(stack.statementLogs(), () =>
      postGraphQL(stack.subgraphs.users.url, 'mutation ($input: LoginInput!) { login(input: $input) { accessToken } }', { input: { email: 'x\u0000@example.com', password: 'p' } }, asGateway(PRODUCTION.INTERNAL_SECRET, 'users')),
    );
    expect(result.errors!.map((e) => e.extensions!.code)).toEqual(['BAD_USER_INPUT']);
    expect(counts.total).toBe(0);
  });

  it('too many tokens', async () => {
    const fields = Array.from({ length: PRODUCTION_LIMITS.maxTokens }, () => 'id').join(' ');
    const res = await refused(`{ me { ${fields} } }`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.errors[0].message).toMatch(/contains more th\w+ 1500 tokens/);
    expect(res.statements).toBe(0);
  });

  it('too deep', async () => {
    const api = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema', 'api.graphql'), 'utf8'));
    const path = deepPath(api, PRODUCTION_LIMITS.maxDepth + 1);
    expect(path).toBeDefined(); // the public schema has a cycle (categories' children, reviews' authors…)
    const query = path!.reduceRight((inner, field) => `${field} { ${inner} }`, '__typename');
    const res = await refused(`query Deep { ${query} }`);
    expect(res.status).toBe(400);
    expect(res.errors.map((e) => e.message).join('\n')).toMatch(/Query depth limit of 12 exceeded/);
    expect(res.statements).toBe(0);
  });

  it('has no introspection, no field suggestions, no batching', async () => {
    const introspection = await postJson(stack.gatewayUrl, { query: '{ __schema { queryType { name } } }' });
    expect(introspection.status).toBe(400);
    expect(introspection.body.errors[0].message).toMatch(/introspection/i);

    const typo = await postJson(stack.gatewayUrl, { query: '{ me { nmae } }' });
    expect(typo.status).toBe(400);
    expect(JSON.stringify(typo.body)).not.toMatch(/Did you mean/);

    const batch = await postJson(stack.gatewayUrl, [{ query: '{ me { id } }' }, { query: '{ me { id } }' }]);
    expect(batch.status).toBe(400);
  });

  it('prevents CSRF: a GET without a preflight header is refused', async () => {
    const res = await fetch(`${stack.gatewayUrl}?query=${encodeURIComponent('{ me { id } }')}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/CSRF/);
  });

  it('masks unexpected errors (no stack trace, no detail)', async () => {
    const res = await postJson(stack.gatewayUrl, { query: '{ me { id } }' }, { authorization: 'Bearer not-a-token' });
    expect(JSON.stringify(res.body)).not.toMatch(/stacktrace|at \//);
  });

  it('serves no playground', async () => {
    const page = await fetch(stack.gatewayUrl.replace('/graphql', '/playground'), { headers: { accept: 'text/html' } });
    expect(page.status).toBe(404);
  });
});
