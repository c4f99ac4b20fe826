import { sql, sqlOne } from './sql';

const answering = (result: unknown) => ({ query: async <T>() => result as T });

describe('sql', () => {
  it('gives the rows of a SELECT as they come', async () => {
    expect(await sql(answering([{ id: 'a' }, { id: 'b' }]), 'SELECT')).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(await sqlOne(answering([]), 'SELECT')).toBeUndefined();
  });

  it('unwraps the [rows, affectedCount] answer of UPDATE/DELETE … RETURNING', async () => {
    expect(await sql(answering([[{ id: 'a' }], 1]), 'UPDATE')).toEqual([{ id: 'a' }]);
    expect(await sqlOne(answering([[], 0]), 'UPDATE')).toBeUndefined();
  });
});
