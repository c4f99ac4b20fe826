import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, print } from 'graphql';
import { admin, storefront } from '../../e2e/operations';
import { documentEntries, entryFiles, listedEntries, validOperationFiles } from '../../scripts/codegen-documents';
import { exampleOperations, OPERATIONS_DIR } from '../src/playground/example-operations';

const ROOT = join(__dirname, '..', '..');
const CONFIG = readFileSync(join(ROOT, 'codegen.yml'), 'utf8');

describe('the project client documents (schema/operations)', () => {
  const ours = exampleOperations(undefined, OPERATIONS_DIR);

  it.each(Object.entries({ ...storefront, ...admin }))('include the contract operation %s unchanged', (name, text) => {
    const op = ours.find((o) => o.name === name);
    expect(op).toBeDefined();
    const normalise = (doc: string) => parse(doc).definitions.map((d) => print(d)).sort();
    // the same operation; fragments may differ only in name order
    expect(normalise(op!.document)).toEqual(normalise(text));
  });

  it('are all in codegen.yml once their subgraphs are in the API schema, and only then (`npm run codegen` updates the list)', () => {
    const listed = [...new Set(listedEntries(CONFIG).flatMap(entryFiles))].sort();
    const valid = [...validOperationFiles()].sort();
    expect(listed).toEqual(valid);
    expect(documentEntries(listedEntries(CONFIG), validOperationFiles())).toEqual(listedEntries(CONFIG));
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
