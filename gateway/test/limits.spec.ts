import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  parse,
  typeFromAST,
  validate,
  type DocumentNode,
  type GraphQLInputType,
  type NamedTypeNode,
  type OperationDefinitionNode,
} from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { admin, storefront } from '../../e2e/operations';
import { operationLimits } from '../src/limits/armor';
import { operationCost } from '../src/limits/operation-cost';
import { PRODUCTION_LIMITS, readLimitsConfig } from '../src/limits/limits.config';
import { Env } from '../../platform/config';
import { PRODUCTION } from './gateway-fixtures';

// The production limits and the contract's documents under them, without a server (the gateway at work: limits.test.ts).

const productionLimits = () => readLimitsConfig(new Env(PRODUCTION), true);

/** The armor rules alone, on the document: they read only the operation, not the schema. */
function limitErrors(document: DocumentNode): string[] {
  const { validationRules } = operationLimits(productionLimits());
  const any = buildSchema('type Query { any: Int }');
  return validate(any, document, validationRules).map((e) => e.message);
}

/** A value of `type` for a cost estimate: page sizes (Int) at their largest, 100. */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(Object.values(type.getFields()).filter((f) => isNonNullType(f.type)).map((f) => [f.name, sample(f.type)]));
  }
  return { Int: 100, Float: 1, Boolean: true }[type.name] ?? 'x';
}


describe('production thresholds', () => {
  it('are the documented ones', () => {
    expect(productionLimits()).toMatchObject({ ...PRODUCTION_LIMITS, introspection: false, fieldSuggestions: false, batching: false, csrfPrevention: true });
  });

  it.each(Object.entries({ ...storefront, ...admin }))('pass the contract operation %s', (_name, text) => {
    expect(limitErrors(parse(text))).toEqual([]);
    expect(() => parse(text, { maxTokens: PRODUCTION_LIMITS.maxTokens })).not.toThrow();
    expect(text.length).toBeLessThanOrEqual(PRODUCTION_LIMITS.maxDocumentChars);
  });

  // cart and orders operations of the contract come before their subgraphs: only those that validate today
  const api = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema', 'api.graphql'), 'utf8'));
  const valid = Object.entries({ ...storefront, ...admin }).filter(([, text]) => validate(api, parse(text)).length === 0);
  const costs: Record<string, number> = {};
  /** Connections whose resolvers refuse larger pages (BAD_USER_INPUT): their operations are costed at that size. */
  const PAGE_CAPS: Record<string, number> = { MyOrders: 50 };
  afterAll(() => console.log(`contract operations' cost with page sizes of 100: ${Object.entries(costs).sort((a, b) => b[1] - a[1]).map(([n, c]) => `${n} ${c}`).join(', ')}`));

  it.each(valid)('cost the contract operation %s at most the limit, with the largest page sizes', (name, text) => {
    const document = parse(text);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const variables = Object.fromEntries((operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, sample(typeFromAST(api, v.type as NamedTypeNode) as GraphQLInputType)]));
    if (PAGE_CAPS[name]) variables.first = PAGE_CAPS[name];
    costs[name] = operationCost(api, document, variables);
    expect(costs[name]).toBeLessThanOrEqual(PRODUCTION_LIMITS.maxCost);
  });
});

it('documents the thresholds where operators look for them', () => {
  const doc = readFileSync(join(__dirname, '..', 'src', 'limits', 'limits.config.ts'), 'utf8');
  for (const [, value] of Object.entries(PRODUCTION_LIMITS)) expect(doc).toContain(`| ${value}`);
});
