import { ConfigError, Env } from './config';
import { NO_FAULTS, readFaults } from './fault-injection';

const POINTS = ['checkout.after-capture', 'checkout.after-reserve'];

function read(value: string | undefined, production = false) {
  const env = new Env(value === undefined ? {} : { FAULT_INJECT: value });
  const faults = readFaults(env, production, POINTS);
  let problems: string[] = [];
  try {
    env.done();
  } catch (error) {
    problems = (error as ConfigError).problems;
  }
  return { faults, problems };
}

describe('FAULT_INJECT (tests only)', () => {
  it('is off unless set', () => {
    expect(read(undefined)).toEqual({ faults: NO_FAULTS, problems: [] });
    expect(read('')).toEqual({ faults: NO_FAULTS, problems: [] });
  });

  it('reads <point>:kill for the points the process has', () => {
    const { faults, problems } = read('checkout.after-capture:kill, checkout.after-reserve:kill');
    expect(problems).toEqual([]);
    expect([...faults]).toEqual([['checkout.after-capture', 'kill'], ['checkout.after-reserve', 'kill']]);
  });

  it('refuses an unknown point or action', () => {
    expect(read('checkout.after-captur:kill').problems).toEqual([expect.stringContaining('"checkout.after-captur:kill"')]);
    expect(read('checkout.after-capture:crash').problems).toEqual([expect.stringContaining('"checkout.after-capture:crash"')]);
    expect(read('checkout.after-capture').problems).toHaveLength(1);
  });

  it('is refused in production: the process does not start', () => {
    const { faults, problems } = read('checkout.after-capture:kill', true);
    expect(faults).toBe(NO_FAULTS);
    expect(problems).toEqual([expect.stringContaining('FAULT_INJECT is a test-only setting and is refused in production')]);
  });
});
