import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, print, visit, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';

/**
 * The project's client documents (schema/operations/, which hold every operation of the client
 * contract), each operation with only the fragments it uses, by name.
 */
const OPERATIONS = join(__dirname, '..', 'schema', 'operations');

function operationsOf(domains: string[]): Record<string, string> {
  const files = readdirSync(OPERATIONS).flatMap((domain) =>
    readdirSync(join(OPERATIONS, domain)).map((file) => ({ domain, path: join(OPERATIONS, domain, file) })),
  );
  const all: DocumentNode = parse(files.map((f) => readFileSync(f.path, 'utf8')).join('\n'));
  const wanted = new Set(
    files.filter((f) => domains.includes(f.domain)).flatMap((f) => parse(readFileSync(f.path, 'utf8')).definitions)
      .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
      .map((d) => d.name!.value),
  );
  const doc: DocumentNode = { ...all, definitions: all.definitions.filter((d) => d.kind !== Kind.OPERATION_DEFINITION || wanted.has(d.name!.value)) };
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

export const storefront = operationsOf(['accounts', 'catalog', 'wishlists', 'notifications', 'cart', 'orders', 'shipping']);
export const admin = operationsOf(['catalog-admin', 'cart-admin', 'orders-admin', 'shipping-admin']);
