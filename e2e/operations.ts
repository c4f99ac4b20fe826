import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, print, visit, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';

/** The client contract's documents, each operation with only the fragments it uses, by name. */
const CONTRACT = join(__dirname, '..', '..', 'shared', 'contract');

function operationsOf(file: string): Record<string, string> {
  const doc: DocumentNode = parse(readFileSync(join(CONTRACT, file), 'utf8'));
  const fragments = new Map(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const result: Record<string, string> = {};
  for (const op of doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)) {
    const used = new Set<string>();
    const collect = (node: unknown) =>
      visit(node as DocumentNode, {
        FragmentSpread(spread) {
          if (!used.has(spread.name.value)) {
            used.add(spread.name.value);
            collect(fragments.get(spread.name.value));
          }
        },
      });
    collect(op);
    result[op.name!.value] = [op, ...[...used].map((n) => fragments.get(n)!)].map((d) => print(d)).join('\n\n');
  }
  return result;
}

export const storefront = operationsOf('storefront.graphql');
export const admin = operationsOf('admin.graphql');
