import { decodeCursor, encodeCursor, pageSize, toConnection } from './connection';

describe('connections', () => {
  it('round-trips cursors and refuses foreign ones', () => {
    expect(decodeCursor(encodeCursor(['2024-01-01', 'abc']), 2)).toEqual(['2024-01-01', 'abc']);
    expect(() => decodeCursor('garbage!', 2)).toThrow(/cursor is malformed/);
    expect(() => decodeCursor(encodeCursor([1]), 2)).toThrow(/cursor is malformed/);
  });

  it('caps page sizes', () => {
    expect(pageSize(undefined, 20, 100)).toBe(20);
    expect(pageSize(100, 20, 100)).toBe(100);
    expect(() => pageSize(101, 20, 100)).toThrow(/between 0 and 100/);
    expect(() => pageSize(-1, 20, 100)).toThrow();
  });

  it('uses the extra row only to tell that more follow', () => {
    const page = toConnection([{ id: 1 }, { id: 2 }, { id: 3 }], 2, 3, (r) => [r.id], (r) => r.id);
    expect(page.edges.map((e) => e.node)).toEqual([1, 2]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(decodeCursor(page.pageInfo.endCursor!, 1)).toEqual([2]);
  });
});
