import { Kind, type DocumentNode, type FieldNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/** One call of a root field: `a1: login(…)` and `a2: login(…)` are two calls. */
export interface RootFieldCall {
  name: string;
  /** The alias, else the field's name: where its result is in `data`. */
  responseKey: string;
  node: FieldNode;
}

/**
 * The root field calls of an operation, through inline fragments and fragment spreads: one per
 * response key (selections of the same key merge into one call, as GraphQL executes them).
 */
export function rootFieldCalls(operation: OperationDefinitionNode, document: DocumentNode): RootFieldCall[] {
  let calls = remembered.get(operation);
  if (!calls) remembered.set(operation, (calls = collectRootFieldCalls(operation, document)));
  return [...calls];
}

/** Per operation node: Apollo Server hands every request of one query string the same parsed document. */
const remembered = new WeakMap<OperationDefinitionNode, readonly RootFieldCall[]>();

function collectRootFieldCalls(operation: OperationDefinitionNode, document: DocumentNode): RootFieldCall[] {
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  const calls = new Map<string, RootFieldCall>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const responseKey = selection.alias?.value ?? selection.name.value;
        if (!calls.has(responseKey)) calls.set(responseKey, { name: selection.name.value, responseKey, node: selection });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return [...calls.values()];
}

/** The root field names an operation selects, through inline fragments and fragment spreads. */
export function rootFieldNames(operation: OperationDefinitionNode, document: DocumentNode): Set<string> {
  return new Set(rootFieldCalls(operation, document).map((c) => c.name));
}
