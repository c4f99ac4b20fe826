import { groupLoader, rowLoader, valueLoader } from './loaders';

describe('loaders', () => {
  it('batches keys into one fetch and answers in key order', async () => {
    const calls: (readonly string[])[] = [];
    const loader = rowLoader(
      async (keys: readonly string[]) => {
        calls.push(keys);
        return [...keys].reverse().filter((k) => k !== 'missing').map((id) => ({ id }));
      },
      (row) => row.id,
    );
    const result = await Promise.all(['a', 'b', 'missing', 'c'].map((k) => loader.load(k)));
    expect(calls).toHaveLength(1);
    expect(result).toEqual([{ id: 'a' }, { id: 'b' }, null, { id: 'c' }]);
  });

  it('groups rows per key, empty for keys without rows', async () => {
    const loader = groupLoader(
      async () => [{ owner: 'x', n: 1 }, { owner: 'y', n: 2 }, { owner: 'x', n: 3 }],
      (row) => row.owner,
    );
    expect(await loader.loadMany(['x', 'z', 'y'])).toEqual([
      [{ owner: 'x', n: 1 }, { owner: 'x', n: 3 }],
      [],
      [{ owner: 'y', n: 2 }],
    ]);
  });

  it('maps rows to values with a default', async () => {
    const loader = valueLoader(async () => [{ k: 1, c: 4 }], (r) => r.k, (r) => r.c, 0);
    expect(await loader.loadMany([1, 2])).toEqual([4, 0]);
  });
});
