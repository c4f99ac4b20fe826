import { isLsn, maxLsn } from './lsn';

/**
 * Consistency positions: for each subgraph (each owns one database, possibly on its own
 * PostgreSQL cluster), the WAL position of that database a reader must have replayed.
 */
export type Positions = Record<string, string>;

const NAME = /^[a-z][a-z0-9-]{0,39}$/;
/** More entries than there will ever be subgraphs: the rest of a header is ignored. */
const MAX_ENTRIES = 32;

export const isPositionName = (name: unknown): name is string => typeof name === 'string' && NAME.test(name);

/** Merges `from` into `into` (the later position wins per subgraph) and returns `into`. */
export function mergePositions(into: Positions, from: Positions | undefined): Positions {
  if (!from) return into;
  for (const [name, lsn] of Object.entries(from)) {
    if (!isPositionName(name) || !isLsn(lsn)) continue;
    into[name] = maxLsn(into[name], lsn)!;
  }
  return into;
}

/** `users=0/16B3748,catalog=1/A0` — the header form. */
export function formatPositions(positions: Positions): string {
  return Object.entries(positions)
    .filter(([name, lsn]) => isPositionName(name) && isLsn(lsn))
    .map(([name, lsn]) => `${name}=${lsn}`)
    .join(',');
}

/** The valid entries of a header; anything malformed is dropped. */
export function parsePositions(header: string | null | undefined): Positions {
  const positions: Positions = {};
  if (!header || header.length > 2048) return positions;
  for (const entry of header.split(',').slice(0, MAX_ENTRIES)) {
    const [name, lsn, extra] = entry.trim().split('=');
    if (extra === undefined && isPositionName(name) && isLsn(lsn)) positions[name] = maxLsn(positions[name], lsn)!;
  }
  return positions;
}

export const hasPositions = (positions: Positions | undefined): positions is Positions => !!positions && Object.keys(positions).length > 0;
