import { buildSchema, parse } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { actualCost, DEFAULT_PAGE_SIZE, operationCost } from './operation-cost';

const api = buildSchema(readFileSync(join(__dirname, '..', '..', '..', 'schema', 'api.graphql'), 'utf8'));

const NESTED = (first: string) => `
  query Nested${first.startsWith('$') ? '($a: Int, $b: Int, $c: Int)' : ''} {
    products(first: ${first.startsWith('$') ? '$a' : first.split(',')[0]}) {
      edges { node { id name reviews(first: ${first.startsWith('$') ? '$b' : first.split(',')[1]}) {
        edges { node { id author { id reviews(first: ${first.startsWith('$') ? '$c' : first.split(',')[2]}) { edges { node { id rating } } } } } }
      } } }
    }
  }`;

describe('operation cost', () => {
  it('multiplies by list sizes passed as variables exactly as by literals', () => {
    const byVariables = operationCost(api, parse(NESTED('$')), { a: 100, b: 100, c: 100 });
    const byLiterals = operationCost(api, parse(NESTED('100,100,100')));
    console.log(`Nested products→reviews→author.reviews, first 100 at each level: cost ${byVariables}`);
    expect(byVariables).toBe(byLiterals);
    expect(byVariables).toBeGreaterThan(1_000_000);
  });

  it('applies the page size resolvers use when first is absent or null', () => {
    const absent = operationCost(api, parse('{ products { edges { node { id } } } }'));
    const nullVariable = operationCost(api, parse('query ($n: Int) { products(first: $n) { edges { node { id } } } }'), { n: null });
    expect(absent).toBe(2 + DEFAULT_PAGE_SIZE * 3);
    expect(nullVariable).toBe(absent);
  });

  it('applies a variable default and honours @skip', () => {
    const withDefault = operationCost(api, parse('query ($n: Int = 50) { products(first: $n) { edges { node { id } } } }'));
    expect(withDefault).toBe(2 + 50 * 3);
    const skipped = operationCost(api, parse('query ($s: Boolean!) { products(first: 100) @skip(if: $s) { totalCount } me { id } }'), { s: true });
    expect(skipped).toBe(2);
  });

  it('throws on variables that do not coerce and on a fragment fan-out it cannot visit', () => {
    expect(() => operationCost(api, parse('query ($n: Int) { products(first: $n) { totalCount } }'), { n: 'many' })).toThrow();
    const levels = Array.from({ length: 13 }, (_, i) => (i === 12 ? `fragment F12 on User { id name }` : `fragment F${i} on User { ...F${i + 1} ...F${i + 1}b }`));
    const twins = Array.from({ length: 12 }, (_, i) => `fragment F${i + 1}b on User { ...F${i + 1} }`).join(' ');
    expect(() => operationCost(api, parse(`{ me { ...F0 } } ${levels.join(' ')} ${twins}`))).toThrow(/nodes/);
  });

  describe('actual cost', () => {
    const costs = (source: string, data: unknown, variables: Record<string, unknown> = {}) => {
      const document = parse(source);
      const operation = document.definitions.find((d) => d.kind === 'OperationDefinition')!;
      return { requested: operationCost(api, document, variables), actual: actualCost(api, document, operation as never, data) };
    };
    const category = (id: string, children: unknown[] = []) => ({ id, name: id, children });

    it('counts a plain list once, as the estimate does, so it never exceeds the requested cost', () => {
      const tree = Array.from({ length: 12 }, (_, i) => category(`c${i}`, Array.from({ length: 5 }, (_, j) => category(`c${i}.${j}`))));
      const { requested, actual } = costs('{ categories { id name children { id name children { id } } } }', { categories: tree });
      // categories 1 + id 1 + name 1 + children (1 + id 1 + name 1 + children 1): the most costly item, once
      expect(actual).toBe(7);
      expect(actual).toBeLessThanOrEqual(requested);
    });

    it("counts a connection's items, up to its page size", () => {
      const source = '{ products(first: 3) { edges { node { id name } } pageInfo { hasNextPage } } }';
      const edge = (id: string) => ({ node: { id, name: id } });
      const full = costs(source, { products: { edges: [edge('a'), edge('b'), edge('c')], pageInfo: { hasNextPage: true } } });
      const one = costs(source, { products: { edges: [edge('a')], pageInfo: { hasNextPage: false } } });
      // products 2 + edges (1 + 3 × node (1 + 2)) + pageInfo (1 + 1)
      expect(full.actual).toBe(2 + 1 + 3 * 3 + 2);
      expect(one.actual).toBe(2 + 1 + 3 + 2);
      expect(full.actual).toBeLessThanOrEqual(full.requested);
    });
  });
});

