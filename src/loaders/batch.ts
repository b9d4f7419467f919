import DataLoader from 'dataloader';
import { metrics } from '../observability/metrics';
import type { Sql } from '../db/sql';

/**
 * The DataLoader contract in one place: a batch function returns exactly one result per
 * key, in key order. Missing keys become `null` (or `[]` for one-to-many), never a
 * failed batch.
 */

/**
 * `batched` is the hub. `naive` turns every loader off (no batching, no cache: one
 * statement per key, as a resolver-per-parent server would send) and exists only as the
 * benchmark's reference; it is chosen once per process (`LOADER_MODE`), never per request.
 */
export type LoaderMode = 'batched' | 'naive';

let loaderMode: LoaderMode = 'batched';

export function setLoaderMode(mode: LoaderMode): void {
  loaderMode = mode;
}

/**
 * Every loader dispatches its batch on the I/O turn after the keys were asked, not on the
 * next microtask: branches of one query that resume a moment apart (one waited on a slower
 * source) still share a batch, so a request's statement count does not depend on timing.
 */
export function batchOptions(): { batchScheduleFn: (run: () => void) => void } | { batch: false; cache: false } {
  return loaderMode === 'naive' ? { batch: false, cache: false } : { batchScheduleFn: (run) => setImmediate(run) };
}

/** Every batch function answers through orderByKeys or groupByKeys, so their key counts are the batch sizes. */
export function orderByKeys<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): (R | null)[] {
  metrics.loaderBatchSize.observe(keys.length);
  const byKey = new Map<K, R>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((key) => byKey.get(key) ?? null);
}

function groupRows<K, R>(rows: readonly R[], keyOf: (row: R) => K): Map<K, R[]> {
  const groups = new Map<K, R[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

export function groupByKeys<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): R[][] {
  metrics.loaderBatchSize.observe(keys.length);
  const groups = groupRows(rows, keyOf);
  return keys.map((key) => groups.get(key) ?? []);
}

/** Primes a one-to-many loader with rows read for another purpose, grouped by the loader's key. */
export function primeGroups<K, R>(loader: DataLoader<K, R[]>, rows: readonly R[], keyOf: (row: R) => K): void {
  for (const [key, group] of groupRows(rows, keyOf)) loader.prime(key, group);
}

/**
 * A loader key made of several text parts (a series is indicator + area). NUL cannot occur
 * in PostgreSQL text, so the parts split back exactly; cheaper than JSON on hot paths.
 */
export const compositeKey = (...parts: string[]): string => parts.join('\0');
export const splitKey = (key: string): string[] => key.split('\0');

/** The columns of a batch of two-part keys, as `unnest($1::text[], $2::text[])` takes them. */
export function keyColumns(keys: readonly string[]): [string[], string[]] {
  const first: string[] = [];
  const second: string[] = [];
  for (const key of keys) {
    const [a, b] = splitKey(key);
    first.push(a!);
    second.push(b!);
  }
  return [first, second];
}

/** A loader of at most one row per key, fetched with one `= ANY($1)` statement per batch. */
export function oneByKey<R>(
  name: string,
  fetch: (keys: string[]) => Promise<R[]>,
  keyOf: (row: R) => string,
): DataLoader<string, R | null> {
  return new DataLoader<string, R | null>(async (keys) => orderByKeys(keys, await fetch([...keys]), keyOf), { name, ...batchOptions() });
}

/** A loader of every row under each key (one-to-many), one statement per batch. */
export function manyByKey<R>(name: string, fetch: (keys: string[]) => Promise<R[]>, keyOf: (row: R) => string): DataLoader<string, R[]> {
  return new DataLoader<string, R[]>(async (keys) => groupByKeys(keys, await fetch([...keys]), keyOf), { name, ...batchOptions() });
}

/**
 * A partner source's batch fetch: one statement whose `$1` is the batch's keys, its rows
 * mapped (a kind's loaders answer in the shared model's types where the hub reads them so).
 */
export const selectByKeys =
  (sql: Sql) =>
  <R, M = R>(text: string, map?: (row: R) => M) =>
  async (keys: string[]): Promise<M[]> => {
    const rows = await sql.query<R>(text, [keys]);
    return map ? rows.map(map) : (rows as unknown as M[]); // without a mapper, M is R
  };

/** Loads many keys and drops the misses, keeping the order of the keys. */
export async function loadPresent<V>(loader: DataLoader<string, V | null>, keys: readonly string[]): Promise<V[]> {
  const results = await loader.loadMany(keys);
  const present: V[] = [];
  for (const result of results) {
    if (result instanceof Error) throw result;
    if (result !== null) present.push(result);
  }
  return present;
}

/** Loads one-to-many groups for many keys and concatenates them. */
export async function loadFlat<V>(loader: DataLoader<string, V[]>, keys: readonly string[]): Promise<V[]> {
  const results = await loader.loadMany(keys);
  const all: V[] = [];
  for (const result of results) {
    if (result instanceof Error) throw result;
    all.push(...result);
  }
  return all;
}

/**
 * Sends a by-key read whose text matches its keys with `= ANY($1)` (and uses `$1` nowhere
 * else). A batch of one key, which is most lookups (one organisation by code, one
 * locality), goes as `= $1` with the key itself: PostgreSQL costs a generic plan for an
 * array parameter as if it held many keys, so it plans such a statement afresh on every
 * execution (0.2–0.3 ms of its CPU, more than a lookup by primary key takes), while it
 * reuses the scalar form's generic plan (docs/benchmarks.md, "Generic plans").
 */
export function queryByKeys<R>(sql: Sql, text: string, keys: readonly string[]): Promise<R[]> {
  const arrayMatches = text.split('= ANY($1)').length - 1;
  const single = keys.length === 1 && arrayMatches > 0 && text.split('$1').length - 1 === arrayMatches;
  return single ? sql.query<R>(text.replaceAll('= ANY($1)', '= $1'), [keys[0]]) : sql.query<R>(text, [keys]);
}
