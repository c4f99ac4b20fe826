import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema, Kind, NoUnusedFragmentsRule, parse, print, specifiedRules, validate, type DefinitionNode, type FragmentDefinitionNode } from 'graphql';
import { admin, storefront } from '../../e2e/operations';
import { exampleOperations, OPERATIONS_DIR, readOperationFiles } from '../src/playground/example-operations';

const ROOT = join(__dirname, '..', '..');
const CONFIG = readFileSync(join(ROOT, 'codegen.yml'), 'utf8');
const api = () => buildSchema(readFileSync(join(ROOT, 'schema', 'api.graphql'), 'utf8'));

/** The documents codegen.yml lists: exact files, or every .graphql file of a folder. */
function listedFiles(): Set<string> {
  const section = /^documents:\n((?:\s+- .+\n)+)/m.exec(CONFIG)?.[1] ?? '';
  const entries = section.split('\n').map((l) => l.trim().replace(/^- /, '')).filter(Boolean);
  const files = new Set<string>();
  for (const entry of entries) {
    const folder = /^(.*)\/\*\.graphql$/.exec(entry);
    if (folder) for (const f of readdirSync(join(ROOT, folder[1])).filter((n) => n.endsWith('.graphql'))) files.add(join(ROOT, folder[1], f));
    else if (entry.endsWith('.graphql')) files.add(join(ROOT, entry));
    else throw new Error(`codegen.yml: write documents as a file or <folder>/*.graphql (got ${entry})`);
  }
  return files;
}

/** Files whose every definition (with the fragments it uses, from any file) validates against the API schema. */
function validFiles(): Set<string> {
  const schema = api();
  const files = readOperationFiles();
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
      for (const [k, v] of Object.entries(o)) if (k !== "loc") (Array.isArray(v) ? v : [v]).forEach((x) => x && typeof x === "object" && visit(x));
    };
    defs.forEach(visit);
    const own = new Set(defs.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [d.name.value] : [])));
    return [...defs, ...[...used.values()].filter((f) => !own.has(f.name.value))];
  };
  const rules = specifiedRules.filter((r) => r !== NoUnusedFragmentsRule);
  return new Set(files.filter((f) => !validate(schema, { kind: Kind.DOCUMENT, definitions: withFragments(parse(f.source).definitions) }, rules).length).map((f) => f.path));
}

describe('the project client documents (schema/operations)', () => {
  const ours = exampleOperations(undefined, OPERATIONS_DIR);

  it.each(Object.entries({ ...storefront, ...admin }))('include the contract operation %s unchanged', (name, text) => {
    const op = ours.find((o) => o.name === name);
    expect(op).toBeDefined();
    const normalise = (doc: string) => parse(doc).definitions.map((d) => print(d)).sort();
    // the same operation; fragments may differ only in name order
    expect(normalise(op!.document)).toEqual(normalise(text));
  });

  it('are all in codegen.yml once their subgraphs are in the API schema, and only then', () => {
    const listed = [...listedFiles()].sort();
    const valid = [...validFiles()].sort();
    expect(listed).toEqual(valid);
  });
});

describe('npm run codegen', () => {
  it('has been run: schema/generated matches what codegen produces now', () => {
    const out = mkdtempSync(join(tmpdir(), 'codegen-'));
    const config = join(out, 'codegen.yml');
    writeFileSync(config, CONFIG.replace(/^(\s+)schema\/generated\/:$/m, `$1${JSON.stringify(`${out}/generated/`)}:`));
    execFileSync(process.execPath, [join(ROOT, 'node_modules', '@graphql-codegen', 'cli', 'cjs', 'bin.js'), '--config', config, '--silent'], { cwd: ROOT, stdio: 'pipe' });
    const produced = readdirSync(join(out, 'generated')).sort();
    expect(readdirSync(join(ROOT, 'schema', 'generated')).sort()).toEqual(produced);
    for (const file of produced) {
      expect([file, readFileSync(join(ROOT, 'schema', 'generated', file), 'utf8')]).toEqual([file, readFileSync(join(out, 'generated', file), 'utf8')]);
    }
  });

  it('writes a persisted documents manifest of every generated operation', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'schema', 'generated', 'persisted-documents.json'), 'utf8')) as Record<string, string>;
    const names = Object.values(manifest).map((d) => /(?:query|mutation|subscription) (\w+)/.exec(d)![1]);
    const generated = readFileSync(join(ROOT, 'schema', 'generated', 'graphql.ts'), 'utf8');
    for (const name of names) expect(generated).toContain(`export const ${name}Document = {"__meta__":{"hash":"`);
    expect(names.length).toBeGreaterThan(0);
  });
});
