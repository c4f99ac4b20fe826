import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isIntrospectionType, isObjectType, isSpecifiedScalarType, type GraphQLSchema } from 'graphql';

/** Every type, field, argument, input field and enum value of the public schema that has no description. */
export function undocumented(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const blank = (d: string | null | undefined) => !d || !d.trim();
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    const root = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].includes(type as never);
    if (!root && blank(type.description)) missing.push(`type ${type.name}`);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (blank(field.description)) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args) if (blank(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (blank(field.description)) missing.push(`${type.name}.${field.name}`);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) if (blank(value.description)) missing.push(`${type.name}.${value.name}`);
    }
  }
  return missing;
}

describe('the public schema (schema/api.graphql) documents itself for frontend developers', () => {
  const schema = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema', 'api.graphql'), 'utf8'));

  it('has a description on every type, field, argument, input field and enum value', () => {
    const missing = undocumented(schema);
    if (missing.length) console.log(`${missing.length} undocumented in schema/api.graphql:\n  ${missing.join('\n  ')}`);
    expect(missing).toEqual([]);
  });

  it('gives every deprecation a reason', () => {
    const silent: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const f of Object.values(type.getFields())) if (f.deprecationReason !== undefined && f.deprecationReason !== null && !f.deprecationReason.trim()) silent.push(`${type.name}.${f.name}`);
      }
      if (isEnumType(type)) for (const v of type.getValues()) if (v.deprecationReason !== undefined && v.deprecationReason !== null && !v.deprecationReason.trim()) silent.push(`${type.name}.${v.name}`);
    }
    expect(silent).toEqual([]);
  });

  it('finds an undocumented field (the check itself works)', () => {
    const probe = buildSchema('"""Root."""\ntype Query { """Documented."""\na: Int\nb(x: Int): Int }\n"""E."""\nenum E { """One."""\nONE\nTWO }');
    expect(undocumented(probe)).toEqual(['Query.b', 'Query.b(x)', 'E.TWO']);
  });
});
