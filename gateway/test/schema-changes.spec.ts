import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, findBreakingChanges, findDangerousChanges } from 'graphql';
import { composeSupergraph } from '../../scripts/composition';

const ROOT = join(__dirname, '..', '..');
const API = join(ROOT, 'schema', 'api.graphql');
/**
 * Breaking changes a release accepts on purpose, one per line as printed below ("TYPE: description"),
 * with a comment saying why. Everything else breaking fails this test: deprecate first, remove later.
 */
const ALLOW_LIST = join(__dirname, 'allowed-breaking-changes.txt');

function committedSchema(): string | undefined {
  try {
    return execFileSync('git', ['show', 'HEAD:schema/api.graphql'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined; // no commit yet, or not a git checkout
  }
}

describe('schema check', () => {
  it('the committed schema/api.graphql is what the code produces (run `npm run compose`)', async () => {
    const { api } = await composeSupergraph();
    expect(readFileSync(API, 'utf8')).toBe(api);
  });

  it('lists changes since the previous commit; breaking ones fail unless allowed', () => {
    const before = committedSchema();
    if (!before) {
      console.log('schema check: no committed schema/api.graphql to compare with');
      return;
    }
    const old = buildSchema(before);
    const now = buildSchema(readFileSync(API, 'utf8'));
    const breaking = findBreakingChanges(old, now).map((c) => `${c.type}: ${c.description}`);
    const dangerous = findDangerousChanges(old, now).map((c) => `${c.type}: ${c.description}`);
    const allowed = new Set(
      readFileSync(ALLOW_LIST, 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#')),
    );
    console.log(
      [
        `schema check against HEAD: ${breaking.length} breaking, ${dangerous.length} dangerous change(s)`,
        ...breaking.map((c) => `  BREAKING ${c}${allowed.has(c) ? ' (allowed)' : ''}`),
        ...dangerous.map((c) => `  dangerous ${c}`),
      ].join('\n'),
    );
    expect(breaking.filter((c) => !allowed.has(c))).toEqual([]);
  });
});
