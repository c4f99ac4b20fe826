import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildSchema, Kind, NoUnusedFragmentsRule, parse, specifiedRules, validate, type DefinitionNode, type FragmentDefinitionNode } from 'graphql';
import { OPERATIONS_DIR, readOperationFiles } from '../gateway/src/playground/example-operations';

/**
 * codegen.yml's `documents`: every client document of schema/operations that validates against
 * schema/api.graphql, so a domain joins codegen when its subgraph joins the supergraph.
 * `npm run codegen` updates the list before it generates; the codegen test fails when it is stale.
 */
const ROOT = join(__dirname, '..', __dirname.includes('/dist/') ? '..' : '');
export const CODEGEN_CONFIG = join(ROOT, 'codegen.yml');

/** Operation files whose every definition (with the fragments it uses, from any file) validates against the API schema. */
export function validOperationFiles(apiSdl = readFileSync(join(ROOT, 'schema', 'api.graphql'), 'utf8')): Set<string> {
  const schema = buildSchema(apiSdl);
  const files = readOperationFiles(OPERATIONS_DIR);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const f of files) for (const d of parse(f.source).definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const withFragments = (defs: readonly DefinitionNode[]) => {
    const used = new Map<string, FragmentDefinitionNode>();
    const visit = (n: unknown): void => {
      if (!n || typeof n !== 'object') return;
      const o = n as { kind?: string; name?: { value: string } };
      if (o.kind === Kind.FRAGMENT_SPREAD && o.name && !used.has(o.name.value) && fragments.has(o.name.value)) {
        used.set(o.name.value, fragments.get(o.name.value)!);
        visit(fragments.get(o.name.value));
      }
      for (const [k, v] of Object.entries(o)) if (k !== 'loc') (Array.isArray(v) ? v : [v]).forEach((x) => x && typeof x === 'object' && visit(x));
    };
    defs.forEach(visit);
    const own = new Set(defs.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [d.name.value] : [])));
    return [...defs, ...[...used.values()].filter((f) => !own.has(f.name.value))];
  };
  const rules = specifiedRules.filter((r) => r !== NoUnusedFragmentsRule);
  return new Set(files.filter((f) => !validate(schema, { kind: Kind.DOCUMENT, definitions: withFragments(parse(f.source).definitions) }, rules).length).map((f) => f.path));
}

const DOCUMENTS = /^documents:\n((?:\s+- .+\n)+)/m;

/** The entries of codegen.yml's `documents` list. */
export const listedEntries = (config: string): string[] =>
  (DOCUMENTS.exec(config)?.[1] ?? '').split('\n').map((l) => l.trim().replace(/^- /, '')).filter(Boolean);

/** The files an entry names: a file, or every .graphql file of a folder (`<folder>/*.graphql`). */
export function entryFiles(entry: string): string[] {
  const folder = /^(.*)\/\*\.graphql$/.exec(entry);
  if (folder) return readdirSync(join(ROOT, folder[1])).filter((n) => n.endsWith('.graphql')).map((f) => join(ROOT, folder[1], f));
  if (entry.endsWith('.graphql')) return [join(ROOT, entry)];
  throw new Error(`codegen.yml: write documents as a file or <folder>/*.graphql (got ${entry})`);
}

/** The entries that name exactly the valid files: a folder when all of its files are valid, else its valid files; listed ones keep their place. */
export function documentEntries(listed: string[], valid: Set<string>): string[] {
  const wanted: string[] = [];
  for (const domain of readdirSync(OPERATIONS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const files = readdirSync(join(OPERATIONS_DIR, domain)).filter((f) => f.endsWith('.graphql')).sort().map((f) => join(OPERATIONS_DIR, domain, f));
    const ok = files.filter((f) => valid.has(f));
    const asFolder = `${relative(ROOT, join(OPERATIONS_DIR, domain))}/*.graphql`;
    if (ok.length && ok.length === files.length && !ok.some((f) => listed.includes(relative(ROOT, f)))) wanted.push(asFolder);
    else wanted.push(...ok.map((f) => relative(ROOT, f)));
  }
  return [...listed.filter((e) => wanted.includes(e)), ...wanted.filter((e) => !listed.includes(e))];
}

if (require.main === module) {
  const config = readFileSync(CODEGEN_CONFIG, 'utf8');
  const entries = documentEntries(listedEntries(config), validOperationFiles());
  const temporary = `${CODEGEN_CONFIG}.tmp`;
  writeFileSync(temporary, config.replace(DOCUMENTS, `documents:\n${entries.map((e) => `  - ${e}\n`).join('')}`));
  renameSync(temporary, CODEGEN_CONFIG);
  console.log(`codegen.yml: ${entries.length} document entries`);
}
