import { formatPositions, mergePositions, parsePositions } from './positions';

describe('consistency positions', () => {
  it('round-trips through the header form', () => {
    const positions = { users: '0/16B3748', catalog: '1/A0' };
    expect(parsePositions(formatPositions(positions))).toEqual(positions);
  });

  it('drops malformed entries and keeps the later of duplicates', () => {
    expect(parsePositions("users=0/1, catalog=bad,=0/2,Users=0/3,orders=0/4=0/5,users=0/A,x'--=0/1")).toEqual({ users: '0/A' });
    expect(parsePositions(undefined)).toEqual({});
    expect(parsePositions('x'.repeat(5000))).toEqual({});
  });

  it('merges per subgraph, the later position winning', () => {
    const into = { users: '0/10', catalog: '0/5' };
    mergePositions(into, { users: '0/9', catalog: '0/6', orders: '0/1', bad: 'nope' });
    expect(into).toEqual({ users: '0/10', catalog: '0/6', orders: '0/1' });
  });
});
