import { createHash } from 'node:crypto';

/** A UUID (version 4 layout) derived from a name: the same demo row gets the same id on every machine. */
export function seedId(name: string): string {
  const h = createHash('sha256').update(`catalog-seed:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The users subgraph's demo customers' ids, derived the same way as there (subgraphs/users/src/seed.ts,
 * demoCustomerId): a subgraph never imports another, so the derivation is repeated here.
 */
export function demoCustomerId(n: number): string {
  const h = createHash('sha256').update(`demo-customer-${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const DEMO_CUSTOMERS = 50;

/** A small deterministic pseudo-random generator (mulberry32): the same demo data on every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
