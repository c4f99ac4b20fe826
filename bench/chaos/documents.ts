import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';

/**
 * The published clients' operations by name, from the trusted-documents manifest
 * (schema/generated/persisted-documents.json): the load sends each exact text, so the chaos
 * stack's gateway enforces trusted documents as in production.
 */
export function clientDocuments(root: string): Map<string, string> {
  const manifest = JSON.parse(readFileSync(join(root, 'schema', 'generated', 'persisted-documents.json'), 'utf8')) as Record<string, string>;
  const documents = new Map<string, string>();
  for (const body of Object.values(manifest)) {
    const operation = parse(body).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (operation?.name) documents.set(operation.name.value, body);
  }
  return documents;
}
