import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { hasPositions, mergePositions, type Positions } from '../../platform/db/positions';

/**
 * The guest's consistency token: its positions and an expiry, signed with HMAC-SHA256 under a
 * key derived from the internal secret, `<payload>.<mac>` (base64url). A token that does not
 * verify (forged, altered, inflated), has expired or claims to outlive the window is ignored,
 * so nobody can send every read to the primaries.
 */
export class ConsistencyTokens {
  private readonly key: KeyObject;

  constructor(
    internalSecret: string,
    private readonly windowSeconds: number,
  ) {
    this.key = createSecretKey(createHmac('sha256', internalSecret).update('consistency-token/v1').digest());
  }

  sign(positions: Positions, now = Date.now()): string {
    const payload = Buffer.from(JSON.stringify({ p: positions, e: Math.floor(now / 1000) + this.windowSeconds })).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The positions of a valid token; {} for anything else. */
  verify(token: string | undefined, now = Date.now()): Positions {
    if (!token || token.length > 4096) return {};
    const [payload, mac, extra] = token.split('.');
    if (!payload || !mac || extra !== undefined) return {};
    const expected = Buffer.from(this.mac(payload), 'base64url');
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return {};
    try {
      const { p, e } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { p?: unknown; e?: unknown };
      const seconds = Math.floor(now / 1000);
      if (typeof e !== 'number' || e < seconds || e > seconds + this.windowSeconds + 5) return {};
      if (!p || typeof p !== 'object' || Array.isArray(p)) return {};
      const positions = mergePositions({}, p as Positions);
      return hasPositions(positions) ? positions : {};
    } catch {
      return {};
    }
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
