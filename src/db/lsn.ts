/**
 * PostgreSQL write-ahead log positions (LSNs, `16/B374D848`) and the read-after token made of
 * them: what a write through any hub process returns and a later request may send back, so
 * that a read replica is read only once it has replayed the write (src/db/replicas.ts).
 */

/** A WAL position as a number, so positions compare with `<`. */
export type Lsn = bigint;

const LSN_TEXT = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i;

export function parseLsn(text: string): Lsn | null {
  const match = LSN_TEXT.exec(text);
  return match ? (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`) : null;
}

export const formatLsn = (lsn: Lsn): string =>
  `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;

/** How far each source's primary had written when the token was made, by source id. */
export type ReadAfter = ReadonlyMap<string, Lsn>;

// A token names a few sources; this many is a broken or hostile header, not a client's token.
const MAX_ENTRIES = 100;

/** Two tokens as one: each source at the later of its positions. */
export function mergeReadAfter(a: ReadAfter, b: ReadAfter): Map<string, Lsn> {
  const merged = new Map(a);
  for (const [source, lsn] of b) if ((merged.get(source) ?? -1n) < lsn) merged.set(source, lsn);
  return merged;
}

/** `trust=0/3000148, thurrock-council=0/16B3748`: the sources in a stable order. */
export const formatReadAfter = (token: ReadAfter): string =>
  [...token]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([source, lsn]) => `${source}=${formatLsn(lsn)}`)
    .join(', ');

/**
 * A token as a client sent it back: `source=LSN` entries separated by commas, each source
 * one of `known`. A problem is said in words naming the entry at fault.
 */
export function parseReadAfter(text: string, known: readonly string[]): { token: ReadAfter } | { problem: string } {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) return { problem: 'it is empty; send back the token a write answered with, or no header' };
  if (entries.length > MAX_ENTRIES) return { problem: `it has ${entries.length} entries; a token has at most ${MAX_ENTRIES}` };
  let token = new Map<string, Lsn>();
  for (const entry of entries) {
    const parts = entry.split('=').map((part) => part.trim());
    const [source = '', position = ''] = parts;
    const lsn = parts.length === 2 ? parseLsn(position) : null;
    if (lsn === null) return { problem: `"${entry.slice(0, 80)}" is not source=LSN (e.g. trust=0/3000148)` };
    if (!known.includes(source)) return { problem: `"${source.slice(0, 80)}" is not a source of this hub` };
    token = mergeReadAfter(token, new Map([[source, lsn]]));
  }
  return { token };
}
