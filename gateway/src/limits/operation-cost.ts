import {
  getNamedType,
  GraphQLError,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

/**
 * The cost model (close to Shopify's): a scalar or enum field costs 1, an object field 1 plus its
 * selection, a connection (a type named `…Connection`) 2 plus its page size times its selection.
 * The page size is the coerced `first`/`last` argument (a variable, a literal or the argument's
 * default), else DEFAULT_PAGE_SIZE — what the resolvers use when the argument is absent. A plain
 * list counts its selection once. `@skip`/`@include` are honoured.
 */
export const SCALAR_COST = 1;
export const OBJECT_COST = 1;
export const CONNECTION_COST = 2;
/** The resolvers' page size when `first` is absent (platform/graphql/connection.ts callers use 20). */
export const DEFAULT_PAGE_SIZE = 20;
/** Nodes visited (fields through every fragment spread) before the estimate gives up: a fan-out bomb. */
export const MAX_COST_NODES = 10_000;

const isConnection = (type: GraphQLNamedType) => type.name.endsWith('Connection') && isObjectType(type);

function pageSize(args: Record<string, unknown>): number {
  for (const name of ['first', 'last']) {
    const value = args[name];
    if (typeof value === 'number' && Number.isFinite(value)) return Math.max(0, value);
  }
  return DEFAULT_PAGE_SIZE;
}

const estimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const type = getNamedType(field.type);
  if (isLeafType(type)) return SCALAR_COST;
  if (isConnection(type)) return CONNECTION_COST + pageSize(args) * childComplexity;
  return OBJECT_COST + childComplexity;
};

/** Why an operation has no cost: its variables do not coerce, or it is too large to estimate (`tooLarge`). */
export class CostEstimateError extends Error {
  constructor(message: string, readonly tooLarge: boolean) {
    super(message);
  }
}

/**
 * The requested cost of the operation named `operationName` (the only one when undefined), with
 * these variables. Throws CostEstimateError when the variables do not coerce (execution reports
 * that as BAD_USER_INPUT) or when the document expands past MAX_COST_NODES.
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> = {}, operationName?: string): number {
  try {
    return getComplexity({ estimators: [estimator], schema, query: document, variables, operationName, maxQueryNodes: MAX_COST_NODES });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CostEstimateError(message, /maximum allowed number of nodes/.test(message));
  }
}

/**
 * The fields of selection sets by response key, through fragments, remembered per list of field
 * nodes (the lists are themselves remembered, so a document's are computed once) and per operation.
 */
const collectedFields = new WeakMap<readonly FieldNode[] | OperationDefinitionNode, Map<string, FieldNode[]>>();

interface FieldPlan {
  key: string;
  field: GraphQLField<unknown, unknown> | undefined;
  kind: 'leaf' | 'connection' | 'object';
  /** The fields selected below this one (leaves: none). */
  selection: Map<string, FieldNode[]> | undefined;
}
/** What fieldsCost needs of a collected field set on one parent type. */
interface SelectionPlan {
  /** The parent is a connection: the items of its lists (edges, nodes) all count. */
  page: boolean;
  fields: FieldPlan[];
}
/** Each collected field set's plan on a parent type (the schema's types are the keys). */
const plans = new WeakMap<Map<string, FieldNode[]>, Map<GraphQLNamedType | undefined, SelectionPlan>>();

/**
 * The cost of what was actually returned: the same model, with each connection's page size replaced
 * by the number of items it held (as Shopify's actualQueryCost), so it never exceeds the requested
 * cost. A plain list outside a connection counts its most costly item once, as the estimate does.
 * Fields are matched by response key.
 */
export function actualCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, data: unknown): number {
  let fragments: Map<string, FragmentDefinitionNode> | undefined;
  const fragment = (name: string) => {
    if (!fragments) {
      fragments = new Map();
      for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    }
    return fragments.get(name);
  };

  /** The field nodes of a selection set by response key, through fragments (nested sets are merged later). */
  const collect = (set: SelectionSetNode, into: Map<string, FieldNode[]>, seen: Set<string>) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        const key = s.alias?.value ?? s.name.value;
        into.set(key, [...(into.get(key) ?? []), s]);
      } else if (s.kind === Kind.INLINE_FRAGMENT) collect(s.selectionSet, into, seen);
      else if (!seen.has(s.name.value)) {
        const definition = fragment(s.name.value);
        if (definition) collect(definition.selectionSet, into, new Set([...seen, s.name.value]));
      }
    }
  };

  /** The fields selected below `nodes` (the same key's nodes, merged). */
  const selectionOf = (nodes: FieldNode[]): Map<string, FieldNode[]> => {
    let fields = collectedFields.get(nodes);
    if (!fields) {
      fields = new Map<string, FieldNode[]>();
      for (const node of nodes) if (node.selectionSet) collect(node.selectionSet, fields, new Set());
      collectedFields.set(nodes, fields);
    }
    return fields;
  };

  const fieldOf = (parent: GraphQLNamedType | undefined, name: string, value: unknown): GraphQLField<unknown, unknown> | undefined => {
    let type = parent;
    if (type && !isObjectType(type) && !isInterfaceType(type) && value && typeof value === 'object') {
      type = schema.getType(String((value as { __typename?: unknown }).__typename ?? ''));
    }
    return type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[name] : undefined;
  };

  /** `pageItems`: the list is a connection's page (edges, nodes), whose items all count. */
  const valueCost = (type: GraphQLOutputType | undefined, selection: Map<string, FieldNode[]>, value: unknown, pageItems = false): number => {
    if (value === null || value === undefined) return 0;
    const unwrapped = type && isNonNullType(type) ? type.ofType : type;
    if (Array.isArray(value)) {
      const item = unwrapped && isListType(unwrapped) ? unwrapped.ofType : undefined;
      let total = 0;
      for (const v of value) {
        const cost = valueCost(item, selection, v);
        total = pageItems ? total + cost : Math.max(total, cost);
      }
      return total;
    }
    if (typeof value !== 'object') return 0;
    return fieldsCost(unwrapped ? getNamedType(unwrapped) : undefined, selection, value as Record<string, unknown>);
  };

  /** What fieldsCost needs of each field, by parent type (abstract parents resolve per value). */
  const plan = (parent: GraphQLNamedType | undefined, fields: Map<string, FieldNode[]>): SelectionPlan => {
    let byParent = plans.get(fields);
    if (!byParent) plans.set(fields, (byParent = new Map()));
    let entry = byParent.get(parent);
    if (!entry) {
      entry = { page: parent !== undefined && isConnection(parent), fields: [] };
      for (const [key, nodes] of fields) {
        if (nodes[0].name.value === '__typename') continue;
        const field = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[nodes[0].name.value] : undefined;
        const named = field ? getNamedType(field.type) : undefined;
        const kind = !nodes[0].selectionSet || (named && isLeafType(named)) ? 'leaf' : named && isConnection(named) ? 'connection' : 'object';
        entry.fields.push({ key, field, kind, selection: kind === 'leaf' ? undefined : selectionOf(nodes) });
      }
      byParent.set(parent, entry);
    }
    return entry;
  };

  const fieldsCost = (parent: GraphQLNamedType | undefined, fields: Map<string, FieldNode[]>, value: Record<string, unknown>): number => {
    if (parent && !isObjectType(parent) && !isInterfaceType(parent)) return fieldsCostByValue(parent, fields, value);
    const { page, fields: planned } = plan(parent, fields);
    let sum = 0;
    for (const { key, field, kind, selection } of planned) {
      if (!(key in value)) continue;
      const child = value[key];
      if (kind === 'leaf') sum += SCALAR_COST;
      else if (kind === 'connection') sum += CONNECTION_COST + valueCost(field!.type, selection!, child);
      else sum += (child === null ? 0 : OBJECT_COST) + valueCost(field?.type, selection!, child, page);
    }
    return sum;
  };

  /** A union parent: each field is looked up on the value's own __typename. */
  const fieldsCostByValue = (parent: GraphQLNamedType | undefined, fields: Map<string, FieldNode[]>, value: Record<string, unknown>): number => {
    let sum = 0;
    for (const [key, nodes] of fields) {
      if (!(key in value) || nodes[0].name.value === '__typename') continue;
      const field = fieldOf(parent, nodes[0].name.value, value);
      const named = field ? getNamedType(field.type) : undefined;
      const child = value[key];
      if (!nodes[0].selectionSet || (named && isLeafType(named))) sum += SCALAR_COST;
      else if (named && isConnection(named)) sum += CONNECTION_COST + valueCost(field!.type, selectionOf(nodes), child);
      else sum += (child === null ? 0 : OBJECT_COST) + valueCost(field?.type, selectionOf(nodes), child);
    }
    return sum;
  };

  if (!data || typeof data !== 'object') return 0;
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  let fields = collectedFields.get(operation);
  if (!fields) {
    fields = new Map<string, FieldNode[]>();
    collect(operation.selectionSet, fields, new Set());
    collectedFields.set(operation, fields);
  }
  return fieldsCost(root ?? undefined, fields, data as Record<string, unknown>);
}

/** The error of an operation over the cost limit (a validation failure: HTTP 400, nothing runs). */
export function costLimitError(maxCost: number, cost: number | undefined): GraphQLError {
  const found = cost === undefined ? 'too large to estimate' : `found ${cost}`;
  return new GraphQLError(`Query Cost limit of ${maxCost} exceeded, ${found}.`, {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', maxCost, requestedQueryCost: cost, http: { status: 400 } },
  });
}
