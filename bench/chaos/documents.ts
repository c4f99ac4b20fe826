import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, print, visit, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';

/**
 * The project's client documents (schema/operations/) by operation name, each with the fragments
 * it uses. (schema/generated/persisted-documents.json, the trusted-documents manifest, does not
 * hold the orders operations yet, so the chaos stack lets the gateway accept documents it sends.)
 */
export function clientDocuments(root: string): Map<string, string> {
  const dir = join(root, 'schema', 'operations');
  const text = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.graphql'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
  const all: DocumentNode = parse(text);
  const fragments = new Map(all.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const documents = new Map<string, string>();
  for (const operation of all.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && !!d.name)) {
    const used = new Set<string>();
    const collect = (node: unknown) =>
      visit(node as DocumentNode, {
        FragmentSpread(spread) {
          if (used.has(spread.name.value)) return;
          used.add(spread.name.value);
          collect(fragments.get(spread.name.value));
        },
      });
    collect(operation);
    documents.set(operation.name!.value, [operation, ...[...used].map((n) => fragments.get(n)!)].map((d) => print(d)).join('\n\n'));
  }
  return documents;
}
