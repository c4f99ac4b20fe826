/* eslint-disable @typescript-eslint/no-explicit-any -- Apollo's operation model (@apollo/federation-internals) has no public types for this walk */
// @apollo/federation-internals is @apollo/gateway's own (one copy, the version @apollo/gateway pins)
import * as internals from '@apollo/federation-internals';

// read once: each access through the package's re-exports is a getter call
const { assert, isSubtype, isObjectType, isNonNullType, isListType, isCompositeType, isValidLeafValue, Variable, ERRORS, typenameFieldName } = internals as any;

const OK = 0;
const NULL_BUBBLE_UP = 1;

const hasOwn = (obj: object, prop: string) => Object.prototype.hasOwnProperty.call(obj, prop);

/** An `@skip` / `@include` of a selection: its `if` as a variable name or a literal. */
interface Condition {
  directive: any;
  ifArg: any;
  variable?: string;
}

/** What the shaping reads of one selection, read from Apollo's model once per selection. */
interface Step {
  skip?: Condition;
  include?: Condition;
  field: boolean;
  selectionSet: any;
  // fields
  responseName: string;
  fieldName: string;
  fieldType: any;
  introspection: boolean;
  selection: any;
  // fragments
  typeCondition: any;
}

interface Parameters {
  schema: any;
  variables: Record<string, unknown>;
  errors: unknown[];
  introspectionHandling: (selection: any) => unknown;
}

const compiled = new WeakMap<object, Step[]>();
const defaults = new WeakMap<object, Record<string, unknown>>();

function condition(element: any, directive: any): Condition | undefined {
  const applied = element.appliedDirectivesOf(directive)[0];
  if (!applied) return undefined;
  const ifArg = applied.arguments().if;
  return { directive: applied, ifArg, variable: ifArg instanceof Variable ? ifArg.name : undefined };
}

function steps(selectionSet: any, schema: any): Step[] {
  let known = compiled.get(selectionSet);
  if (known) return known;
  known = (selectionSet.selections() as any[]).map((selection): Step => {
    const element = selection.element;
    const field = selection.kind === 'FieldSelection';
    return {
      skip: condition(element, schema.skipDirective()),
      include: condition(element, schema.includeDirective()),
      field,
      selectionSet: selection.selectionSet,
      responseName: field ? element.responseName() : '',
      fieldName: field ? element.name : '',
      fieldType: field ? element.definition.type : undefined,
      introspection: field ? element.definition.isSchemaIntrospectionField() : false,
      selection,
      typeCondition: field ? undefined : element.typeCondition,
    };
  });
  compiled.set(selectionSet, known);
  return known;
}

function ifValue(c: Condition, variables: Record<string, unknown>): unknown {
  if (c.variable === undefined) return c.ifArg;
  const value = variables[c.variable];
  if (value === undefined || typeof value !== 'boolean') assert(false, () => `Unexpected value ${value} for variable ${c.ifArg} of ${c.directive}`);
  return value;
}

const shouldSkip = (step: Step, variables: Record<string, unknown>) =>
  (step.skip && ifValue(step.skip, variables)) || (step.include && !ifValue(step.include, variables));

function typeConditionApplies(schema: any, typeCondition: any, typename: unknown, parentType: any): boolean {
  if (!typeCondition) return true;
  if (typename) {
    const type = schema.type(typename);
    return !!type && isSubtype(typeCondition, type);
  }
  return isSubtype(typeCondition, parentType);
}

function pathLastElementDescription(path: (string | number)[], currentType: any, parentType: any): string {
  const element = path[path.length - 1];
  assert(element !== undefined, 'Should not have been called on an empty path');
  return typeof element === 'string' ? `field ${parentType}.${element}` : `array element of type ${currentType} at index ${element}`;
}

/**
 * The response's objects: no inherited properties (as Apollo's `Object.create(null)`, so a field
 * named `constructor` or `__proto__` is an own property like any other), but fast properties with
 * one hidden class per selection shape, where an object created with a null prototype starts in
 * dictionary mode (slower to fill, and JSON.stringify takes its slow path).
 */
function ResponseObject() {}
ResponseObject.prototype = Object.create(null);
const responseObject = (): any => new (ResponseObject as any)();

/** What the last updateOutputValue call reported besides its value (the walk is synchronous). */
const INVALID = 1;
const HAS_ERRORS = 2;
let reported = 0;

function applySelectionSet(input: any, selectionSet: any, output: any, parameters: Parameters, path: (string | number)[], parentType: any): number {
  for (const step of steps(selectionSet, parameters.schema)) {
    if (shouldSkip(step, parameters.variables)) continue;
    if (step.field) {
      const responseName = step.responseName;
      const outputValue = output[responseName];
      if (step.introspection) {
        if (outputValue === undefined) output[responseName] = parameters.introspectionHandling(step.selection);
        continue;
      }
      let inputValue = (hasOwn(input, responseName) ? input[responseName] : undefined) ?? null;
      if (step.fieldName === typenameFieldName) {
        if (outputValue === undefined) {
          if (inputValue === null && responseName !== typenameFieldName) inputValue = input[typenameFieldName] ?? null;
          const type = inputValue !== null && typeof inputValue === 'string' ? (parameters.schema.type(inputValue) ?? parentType) : parentType;
          if (!isObjectType(type)) return NULL_BUBBLE_UP;
          output[responseName] = type.name;
        }
        continue;
      }
      path.push(responseName);
      output[responseName] = updateOutputValue(outputValue, step.fieldType, inputValue, step.selectionSet, path, parameters, parentType);
      path.pop();
      if (reported & INVALID) return NULL_BUBBLE_UP;
    } else {
      const typename = input[typenameFieldName];
      if (typename && typeof typename !== 'string') assert(false, () => `Got unexpected value for __typename: ${typename}`);
      if (typeConditionApplies(parameters.schema, step.typeCondition, typename, parentType)) {
        const res = applySelectionSet(input, step.selectionSet, output, parameters, path, step.typeCondition ?? parentType);
        if (res === NULL_BUBBLE_UP) return NULL_BUBBLE_UP;
      }
    }
  }
  return OK;
}

/** The value to put in the response; `reported` says whether it is invalid (null where null is not allowed) and whether errors were recorded. */
function updateOutputValue(outputValue: any, type: any, inputValue: any, selectionSet: any, path: (string | number)[], parameters: Parameters, parentType: any): unknown {
  if (inputValue === undefined) assert(false, 'Should not pass undefined for `inputValue` to this method');
  reported = 0;
  if (outputValue === null || (outputValue !== undefined && !selectionSet)) return outputValue;
  if (isNonNullType(type)) {
    const updated = updateOutputValue(outputValue, type.ofType, inputValue, selectionSet, path, parameters, parentType);
    if (updated === null) {
      if (!(reported & HAS_ERRORS)) {
        parameters.errors.push(
          ERRORS.INVALID_GRAPHQL.err(`Cannot return null for non-nullable ${pathLastElementDescription(path, type.ofType, parentType)}.`, { path: Array.from(path) }),
        );
      }
      reported = INVALID | HAS_ERRORS;
      return null;
    }
    reported = 0;
    return updated;
  }
  if (inputValue === null) return null;
  if (isListType(type)) {
    if (!Array.isArray(inputValue)) assert(false, () => `Invalid non-list value ${inputValue} returned by subgraph for list type ${type}`);
    if (!(outputValue === undefined || Array.isArray(outputValue))) assert(false, () => `Invalid non-list value ${outputValue} returned by subgraph for list type ${type}`);
    if (outputValue !== undefined && inputValue.length !== outputValue.length) {
      assert(false, () => `[${inputValue}].length (${inputValue.length}) !== [${outputValue}].length (${outputValue.length})`);
    }
    let shouldNullify = false;
    let hasErrors = false;
    const updated: unknown[] = new Array(inputValue.length);
    for (let idx = 0; idx < inputValue.length; idx++) {
      path.push(idx);
      updated[idx] = updateOutputValue(outputValue === undefined ? undefined : outputValue[idx], type.ofType, inputValue[idx], selectionSet, path, parameters, parentType);
      path.pop();
      shouldNullify ||= (reported & INVALID) !== 0;
      hasErrors ||= (reported & HAS_ERRORS) !== 0;
    }
    reported = hasErrors ? HAS_ERRORS : 0;
    return shouldNullify ? null : updated;
  }
  if (isCompositeType(type)) {
    if (!selectionSet) assert(false, () => `Invalid empty selection set for composite type ${type}`);
    if (typeof inputValue !== 'object') assert(false, () => `Invalid non-object value ${inputValue} returned by subgraph for composite type ${type}`);
    if (!(outputValue === undefined || typeof outputValue === 'object')) {
      assert(false, () => `Invalid non-object value ${inputValue} returned by subgraph for composite type ${type}`);
    }
    const inputTypename = inputValue[typenameFieldName];
    if (!(inputTypename === undefined || typeof inputTypename === 'string')) assert(false, () => `Invalid non-string value ${inputTypename} for __typename at ${path}`);
    let objType = type;
    if (inputTypename) {
      const typenameType = parameters.schema.type(inputTypename);
      if (!typenameType || !isCompositeType(typenameType)) {
        parameters.errors.push(
          ERRORS.INVALID_GRAPHQL.err(`Invalid __typename found for object at ${pathLastElementDescription(path, type, parentType)}.`, { path: Array.from(path) }),
        );
        reported = HAS_ERRORS;
        return null;
      }
      objType = typenameType;
    }
    const outputValueObject = outputValue === undefined ? responseObject() : outputValue;
    const res = applySelectionSet(inputValue, selectionSet, outputValueObject, parameters, path, objType);
    reported = res === NULL_BUBBLE_UP ? HAS_ERRORS : 0;
    return res === NULL_BUBBLE_UP ? null : outputValueObject;
  }
  if (outputValue !== undefined) assert(false, () => `Excepted output to be undefined but got ${type} for type ${type}`);
  const isValidValue = isValidLeafValue(parameters.schema, inputValue, type);
  if (!isValidValue) {
    parameters.errors.push(ERRORS.INVALID_GRAPHQL.err(`Invalid value found for ${pathLastElementDescription(path, type, parentType)}.`, { path: Array.from(path) }));
  }
  reported = isValidValue ? 0 : HAS_ERRORS;
  return isValidValue ? inputValue : null;
}

/**
 * Apollo Gateway's computeResponse (@apollo/gateway 2.14, dist/resultShaping.js), the step that
 * shapes the subgraphs' data into the response: the same walk, the same results and errors, with
 * what it reads of the operation model (each selection's `@skip`/`@include`, response name, type)
 * read once per selection set rather than once per value, and the package's functions bound once.
 * The operation model is built once per document (operation-memo.ts), so its selection sets are
 * the same objects from one request to the next.
 */
export function computeResponse({
  operation,
  variables,
  input,
  introspectionHandling,
}: {
  operation: any;
  variables?: Record<string, unknown>;
  input: any;
  introspectionHandling: (selection: any) => unknown;
}): { data: unknown; errors: unknown[] } {
  if (!input) return { data: input, errors: [] };
  let defaulted = defaults.get(operation);
  if (!defaulted) defaults.set(operation, (defaulted = operation.collectDefaultedVariableValues() as Record<string, unknown>));
  const schema = operation.schema();
  const parameters: Parameters = {
    schema,
    variables: { __proto__: null, ...defaulted, ...variables } as Record<string, unknown>,
    errors: [],
    introspectionHandling,
  };
  const data = responseObject();
  const res = applySelectionSet(input, operation.selectionSet, data, parameters, [], schema.schemaDefinition.rootType(operation.rootKind));
  return { data: res === NULL_BUBBLE_UP ? null : data, errors: parameters.errors };
}
