import { buildSchema, operationFromDocument } from '@apollo/federation-internals';
import * as shapingModule from '@apollo/gateway/dist/resultShaping';
import { parse } from 'graphql';
import { memoizeExecutionOperations } from './operation-memo';
import { computeResponse } from './result-shaping';

/** Apollo Gateway's own computeResponse, taken before memoizeExecutionOperations replaces it. */
const apollos = shapingModule.computeResponse;

const schema = buildSchema(`
  type Query { products(first: Int): [Product!]! product(slug: String!): Product node(id: ID!): Node }
  interface Node { id: ID! }
  type Product implements Node { id: ID! name: String! rating: Float reviews: [Review!] brand: Brand stock: Int! kind: Kind }
  type Review implements Node { id: ID! rating: Int! title: String }
  type Brand { id: ID! name: String constructor: String }
  enum Kind { PHYSICAL DIGITAL }
`);

const query = `
  query Page($first: Int, $withReviews: Boolean = true, $noBrand: Boolean!) {
    __typename
    products(first: $first) {
      __typename id name n: name rating stock kind
      reviews @include(if: $withReviews) { id rating title }
      brand @skip(if: $noBrand) { name constructor toString: name }
      ... on Node { id }
      ...More
    }
    node(id: "1") { __typename id ... on Review { title } ... on Product { name } }
    product(slug: "a") { id name @skip(if: false) brand @include(if: false) { id } }
  }
  fragment More on Product { id brand { id } }
`;

const product = (over: Record<string, unknown> = {}) => ({
  __typename: 'Product',
  id: 'p1',
  name: 'Lamp',
  n: 'Lamp',
  rating: 4.5,
  stock: 3,
  kind: 'PHYSICAL',
  extra: 'dropped',
  reviews: [{ id: 'r1', rating: 5, title: null, __typename: 'Review' }],
  // fields and aliases named like Object.prototype's members are plain fields
  brand: { id: 'b1', name: 'Acme', constructor: 'made by Acme', toString: 'Acme' },
  ...over,
});

const inputs: [string, Record<string, unknown>, Record<string, unknown>][] = [
  ['plain data', { products: [product(), product({ id: 'p2' })], node: { __typename: 'Review', id: '1', title: 'Fine' }, product: product() }, { first: 2, noBrand: false }],
  ['skipped and included fields', { products: [product()], node: null, product: null }, { withReviews: false, noBrand: true }],
  ['a null non-null field bubbling up', { products: [product({ name: null })], node: null, product: product({ stock: null }) }, { noBrand: false }],
  ['invalid leaf values', { products: [product({ stock: 'many', kind: 'OTHER', rating: 'x' })], node: null, product: null }, { noBrand: false }],
  ['an unknown __typename', { products: [product()], node: { __typename: 'Nope', id: '1' }, product: null }, { noBrand: false }],
  ['a list with a null entry', { products: [product({ reviews: [null, { id: 'r2', rating: 1, title: 't' }] })], node: null, product: null }, { noBrand: false }],
];

const comparable = ({ data, errors }: { data: unknown; errors: unknown[] }) =>
  JSON.stringify({ data, errors: (errors as { message: string; path?: unknown; extensions?: unknown }[]).map((e) => [e.message, e.path, e.extensions]) });

describe('response shaping', () => {
  const operation = operationFromDocument(schema, parse(query), { validate: false });
  const introspectionHandling = () => null;

  it.each(inputs)('answers as Apollo Gateway does: %s', (_name, input, variables) => {
    const ours = computeResponse({ operation, variables, input: structuredClone(input), introspectionHandling });
    const theirs = apollos({ operation, variables, input: structuredClone(input), introspectionHandling });
    expect(comparable(ours)).toBe(comparable(theirs));
    expect(ours.errors.length > 0).toBe(!['plain data', 'skipped and included fields'].includes(_name));
    // and again, with what it read of the operation remembered
    expect(comparable(computeResponse({ operation, variables, input: structuredClone(input), introspectionHandling }))).toBe(comparable(theirs));
  });

  it('refuses a non-boolean @skip variable as Apollo Gateway does', () => {
    const input = { products: [product()], node: null, product: null };
    const run = (shape: typeof computeResponse) => {
      try {
        shape({ operation, variables: { noBrand: 'yes' }, input: structuredClone(input), introspectionHandling });
        return 'no error';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(run(computeResponse)).toBe(run(apollos as typeof computeResponse));
  });
});

describe('memoizeExecutionOperations', () => {
  memoizeExecutionOperations();

  it('builds the operation model once per document for execution, and as before with validation', () => {
    const document = parse(query);
    const first = operationFromDocument(schema, document, { validate: false });
    expect(operationFromDocument(schema, { ...document, definitions: [...document.definitions] }, { validate: false })).toBe(first);
    expect(operationFromDocument(schema, parse(query), { validate: false })).not.toBe(first);
    expect(operationFromDocument(schema, document)).not.toBe(first);
  });

  it('puts the shaping in Apollo Gateway', () => {
    expect(shapingModule.computeResponse).toBe(computeResponse);
  });
});
