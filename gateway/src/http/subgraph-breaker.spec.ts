import { SubgraphBreaker } from './subgraph-breaker';

describe('SubgraphBreaker', () => {
  let now = 0;
  const breaker = () => new SubgraphBreaker('spec', { failures: 3, openMs: 1000 }, () => now);

  beforeEach(() => {
    now = 10_000;
  });

  it('opens after K consecutive failures, not after scattered ones', () => {
    const b = breaker();
    b.failed();
    b.failed();
    b.succeeded();
    b.failed();
    b.failed();
    expect(b.allows()).toBe(true);
    b.failed();
    expect(b.allows()).toBe(false);
  });

  it('lets one call through after the open time; its success closes the breaker', () => {
    const b = breaker();
    for (let i = 0; i < 3; i += 1) b.failed();
    now += 999;
    expect(b.allows()).toBe(false);
    now += 1;
    expect(b.allows()).toBe(true);
    // the probe is in flight: others still fail fast
    expect(b.allows()).toBe(false);
    b.succeeded();
    expect(b.allows()).toBe(true);
    expect(b.allows()).toBe(true);
  });

  it('opens again when the probe fails', () => {
    const b = breaker();
    for (let i = 0; i < 3; i += 1) b.failed();
    now += 1000;
    expect(b.allows()).toBe(true);
    b.failed();
    expect(b.allows()).toBe(false);
    now += 1000;
    expect(b.allows()).toBe(true);
  });
});
