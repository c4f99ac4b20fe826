import { randomInt } from 'node:crypto';

/** Tracking numbers are compared upper case without spaces: "1z 999-aa1" and "1Z999-AA1" are one. */
export function normalizeTrackingNumber(value: string): string {
  return value.trim().toUpperCase().replace(/\s+/g, '');
}

export const TRACKING_NUMBER = /^[A-Z0-9-]{4,40}$/;

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * A new tracking number for `carrier`: up to 3 letters of the carrier, then 14 random characters
 * (about 71 bits), e.g. "UPS7K2M9QX4TB1C8D". The unique index (carrier, tracking_number) has the
 * last word; a collision is retried by the caller.
 */
export function generateTrackingNumber(carrier: string): string {
  const prefix = carrier.toUpperCase().replace(/[^A-Z]/g, '').slice(0, 3) || 'SHP';
  let body = '';
  for (let i = 0; i < 14; i++) body += ALPHABET[randomInt(ALPHABET.length)];
  return `${prefix}${body}`;
}
