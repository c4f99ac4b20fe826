import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * The successor of a rotated refresh token, sealed with AES-256-GCM under a key derived from the
 * rotated token (HMAC-SHA-256 keyed with the token). The database stores only the token's SHA-256,
 * from which this key cannot be computed: only someone presenting the rotated token can open it.
 */
const keyFrom = (token: string) => createHmac('sha256', token).update('refresh-token successor v1').digest();

export function sealSuccessor(rotatedToken: string, successor: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(rotatedToken), iv);
  const body = Buffer.concat([cipher.update(successor, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

/** The successor, or null when `sealed` was not sealed with this token (or was tampered with). */
export function openSuccessor(rotatedToken: string, sealed: string): string | null {
  const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
  if (!iv || !tag || !body) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(rotatedToken), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
