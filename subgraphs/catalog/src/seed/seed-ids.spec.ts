import { demoCustomerId, random, seedId } from './seed-ids';

describe('seed ids', () => {
  it('derives the demo customers\' ids exactly as the users subgraph does', () => {
    // the ids the users subgraph's seed gives customer1@example.com and customer50@example.com
    expect(demoCustomerId(1)).toBe('19ef86ff-0c23-4184-84dc-a40f7a40ed63');
    expect(demoCustomerId(50)).toBe('341bf3aa-f7ca-4a02-8d9b-59df5c76580d');
  });

  it('is deterministic', () => {
    expect(seedId('brand:acme')).toBe(seedId('brand:acme'));
    const a = random(42);
    const b = random(42);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});
