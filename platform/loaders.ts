import DataLoader from 'dataloader';

/**
 * DataLoaders whose batch function runs one SQL statement and whose results come back in key
 * order, whatever order the rows arrived in. Built per request: loaders never outlive a request.
 */

/** One row (or null) per key. */
export function rowLoader<K extends string | number, R>(
  fetch: (keys: readonly K[]) => Promise<R[]>,
  keyOf: (row: R) => K,
): DataLoader<K, R | null> {
  return new DataLoader<K, R | null>(async (keys) => {
    const byKey = new Map<K, R>();
    for (const row of await fetch(keys)) byKey.set(keyOf(row), row);
    return keys.map((k) => byKey.get(k) ?? null);
  }, { maxBatchSize: 1000 });
}

/** Every row belonging to each key (one-to-many), in the order the rows arrived. */
export function groupLoader<K extends string | number, R>(
  fetch: (keys: readonly K[]) => Promise<R[]>,
  keyOf: (row: R) => K,
): DataLoader<K, R[]> {
  return new DataLoader<K, R[]>(async (keys) => {
    const byKey = new Map<K, R[]>(keys.map((k) => [k, []]));
    for (const row of await fetch(keys)) byKey.get(keyOf(row))?.push(row);
    return keys.map((k) => byKey.get(k) ?? []);
  }, { maxBatchSize: 1000 });
}

/** A value per key computed from rows (counts, aggregates); `empty` where no row matched. */
export function valueLoader<K extends string | number, R, V>(
  fetch: (keys: readonly K[]) => Promise<R[]>,
  keyOf: (row: R) => K,
  valueOf: (row: R) => V,
  empty: V,
): DataLoader<K, V> {
  return new DataLoader<K, V>(async (keys) => {
    const byKey = new Map<K, V>();
    for (const row of await fetch(keys)) byKey.set(keyOf(row), valueOf(row));
    return keys.map((k) => (byKey.has(k) ? byKey.get(k)! : empty));
  }, { maxBatchSize: 1000 });
}
