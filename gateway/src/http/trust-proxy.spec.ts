import type { IncomingMessage } from 'node:http';
import { clientAddress } from './trust-proxy';

const request = (remoteAddress: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress }, connection: { remoteAddress }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  it('without TRUSTED_PROXIES, is the socket address whatever X-Forwarded-For says', () => {
    const ip = clientAddress(undefined);
    expect(ip(request('10.0.0.5'))).toBe('10.0.0.5');
    expect(ip(request('10.0.0.5', '203.0.113.9'))).toBe('10.0.0.5');
  });

  it('believes X-Forwarded-For only from a trusted proxy, and is the socket address without the header', () => {
    const ip = clientAddress('loopback');
    expect(ip(request('127.0.0.1', '203.0.113.9'))).toBe('203.0.113.9');
    expect(ip(request('127.0.0.1'))).toBe('127.0.0.1');
    expect(ip(request('10.0.0.5', '203.0.113.9'))).toBe('10.0.0.5');
  });

  it('with a hop count, takes the address that many proxies back', () => {
    const ip = clientAddress('1');
    expect(ip(request('10.0.0.5', '203.0.113.9, 198.51.100.7'))).toBe('198.51.100.7');
  });
});
