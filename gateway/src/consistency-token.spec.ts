import { ConsistencyTokens } from './consistency-token';

describe('consistency token', () => {
  const tokens = new ConsistencyTokens('the internal secret', 60);
  const positions = { users: '0/16B3748', catalog: '1/A0' };

  it('round-trips the positions while the window lasts', () => {
    const now = Date.now();
    const token = tokens.sign(positions, now);
    expect(tokens.verify(token, now)).toEqual(positions);
    expect(tokens.verify(token, now + 61_000)).toEqual({});
  });

  it('ignores forged, altered and inflated tokens', () => {
    const token = tokens.sign(positions);
    const [payload, mac] = token.split('.');
    const inflated = Buffer.from(JSON.stringify({ p: { users: 'FFFFFFFF/FFFFFFFF' }, e: JSON.parse(Buffer.from(payload, 'base64url').toString()).e })).toString('base64url');
    expect(tokens.verify(`${inflated}.${mac}`)).toEqual({});
    expect(tokens.verify('FFFFFFFF/FFFFFFFF')).toEqual({});
    expect(tokens.verify(`${payload}.${mac.slice(0, -1)}`)).toEqual({});
    expect(tokens.verify(new ConsistencyTokens('another secret', 60).sign(positions))).toEqual({});
    // signed with the right key but claiming to outlive the window
    expect(tokens.verify(new ConsistencyTokens('the internal secret', 3600).sign(positions))).toEqual({});
  });
});
