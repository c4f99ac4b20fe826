import { randomBytes } from 'node:crypto';
import { openSuccessor, sealSuccessor } from './refresh-successor';

describe('sealed refresh-token successors', () => {
  const rotated = randomBytes(32).toString('base64url');
  const successor = randomBytes(32).toString('base64url');

  it('opens with the rotated token only', () => {
    const sealed = sealSuccessor(rotated, successor);
    expect(sealed).not.toContain(successor);
    expect(openSuccessor(rotated, sealed)).toBe(successor);
    expect(openSuccessor(randomBytes(32).toString('base64url'), sealed)).toBeNull();
  });

  it('refuses a tampered seal', () => {
    const [iv, tag, body] = sealSuccessor(rotated, successor).split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(openSuccessor(rotated, [iv, tag, flipped.toString('base64url')].join('.'))).toBeNull();
    expect(openSuccessor(rotated, 'garbage')).toBeNull();
  });
});
