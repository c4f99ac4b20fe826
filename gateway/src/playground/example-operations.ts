import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, print, validate, type DefinitionNode, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { EXAMPLE_VARIABLES } from './example-variables';

/** One ready-to-run operation of the project's client documents. */
export interface ExampleOperation {
  name: string;
  /** The folder under schema/operations (accounts, catalog…). */
  domain: string;
  kind: 'query' | 'mutation' | 'subscription';
  /** The operation with the fragments it uses, as a client sends it. */
  document: string;
  variables: Record<string, unknown>;
}

const ROOT = join(__dirname, '..', '..', '..', __dirname.includes('/dist/') ? '..' : '');
export const OPERATIONS_DIR = join(ROOT, 'schema', 'operations');

/** Every .graphql file under `dir`, by domain folder. */
export function readOperationFiles(dir = OPERATIONS_DIR): { domain: string; path: string; source: string }[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(dir, d.name))
        .filter((f) => f.endsWith('.graphql'))
        .sort()
        .map((f) => ({ domain: d.name, path: join(dir, d.name, f), source: readFileSync(join(dir, d.name, f), 'utf8') })),
    );
}

/** A definition's source text with the comment lines right above it (they explain the operation). */
function withComments(source: string, node: DefinitionNode): string {
  if (!node.loc) return print(node);
  const before = source.slice(0, node.loc.start).split('\n');
  before.pop(); // the definition's own line, up to its start
  const comments: string[] = [];
  while (before.length && /^#(?!\s*(Operations|Fragments) —)/.test(before[before.length - 1])) comments.unshift(before.pop()!);
  return [...comments, source.slice(node.loc.start, node.loc.end)].join('\n');
}

function usedFragments(node: DefinitionNode, fragments: Map<string, FragmentDefinitionNode>, into = new Set<string>()): Set<string> {
  const visit = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    const o = n as { kind?: string; name?: { value: string } };
    if (o.kind === Kind.FRAGMENT_SPREAD && o.name && !into.has(o.name.value)) {
      into.add(o.name.value);
      visit(fragments.get(o.name.value));
    }
    for (const v of Object.values(o)) {
      if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v === 'object' && (v as { kind?: string }).kind) visit(v);
    }
  };
  visit(node);
  return into;
}

/**
 * The project's client operations, each with the fragments it uses. With a schema, only those that
 * validate against it (a domain whose subgraph is not composed yet is left out).
 */
export function exampleOperations(schema?: GraphQLSchema, dir = OPERATIONS_DIR): ExampleOperation[] {
  const files = readOperationFiles(dir);
  const definitions = files.flatMap((f) => parse(f.source).definitions.map((d) => ({ d, domain: f.domain, text: withComments(f.source, d) })));
  const texts = new Map(definitions.map(({ d, text }) => [d, text]));
  const fragments = new Map(
    definitions.flatMap(({ d }) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  const operations: ExampleOperation[] = [];
  for (const { d, domain } of definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION || !d.name) continue;
    const op = d as OperationDefinitionNode;
    const used = [...usedFragments(op, fragments)].map((n) => fragments.get(n)!).filter(Boolean);
    const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [op, ...used] };
    if (schema && validate(schema, document).length) continue;
    operations.push({
      name: op.name!.value,
      domain,
      kind: op.operation,
      document: [op, ...used].map((n) => texts.get(n) ?? print(n)).join('\n\n'),
      variables: EXAMPLE_VARIABLES[op.name!.value] ?? {},
    });
  }
  return operations;
}
