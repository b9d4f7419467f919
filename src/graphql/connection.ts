import type { Edge } from '../model/types';
import { badUserInput } from '../server/errors';

/**
 * Relay connections with `first`/`after`. Every list is ordered by a stable sort key
 * (usually the local id); the cursor is that key, so a page boundary survives rows being
 * added or removed elsewhere in the list.
 */

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface PageLimits {
  defaultPageSize: number;
  maxPageSize: number;
}

export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

const CURSOR_PREFIX = 'c1:';

export function encodeCursor(sortKey: string): string {
  return Buffer.from(CURSOR_PREFIX + sortKey, 'utf8').toString('base64url');
}

export function decodeCursor(after: string): string {
  const decoded = /^[A-Za-z0-9_-]+$/.test(after) ? Buffer.from(after, 'base64url').toString('utf8') : '';
  if (!decoded.startsWith(CURSOR_PREFIX)) {
    throw badUserInput('after', `"${after}" is not a cursor this API issued: pass an "endCursor" or edge "cursor" value.`);
  }
  return decoded.slice(CURSOR_PREFIX.length);
}

export interface Page {
  size: number;
  afterKey: string | null;
}

export function readPage(args: PageArgs, limits: PageLimits): Page {
  const first = args.first ?? limits.defaultPageSize;
  if (!Number.isInteger(first) || first < 0 || first > limits.maxPageSize) {
    throw badUserInput('first', `"first" must be between 0 and ${limits.maxPageSize}; got ${first}.`);
  }
  return { size: first, afterKey: args.after == null ? null : decodeCursor(args.after) };
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A page of an in-memory list (a relation already loaded in full for its parent). */
export function connectionFromList<T>(
  items: readonly T[],
  sortKeyOf: (item: T) => string,
  args: PageArgs,
  limits: PageLimits,
): Connection<T> {
  const page = readPage(args, limits);
  const sorted = [...items].sort((a, b) => byCodeUnit(sortKeyOf(a), sortKeyOf(b)));
  const start = page.afterKey === null ? sorted : sorted.filter((item) => sortKeyOf(item) > page.afterKey!);
  return connectionFromSlice(start.slice(0, page.size + 1), page.size, sortKeyOf, sorted.length);
}

/**
 * A page fetched from SQL with `LIMIT size + 1` after the cursor, ordered by the sort key
 * with `COLLATE "C"` so the database and JavaScript agree on the order.
 */
export function connectionFromSlice<T>(
  rows: readonly T[],
  size: number,
  sortKeyOf: (item: T) => string,
  totalCount: number,
): Connection<T> {
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(sortKeyOf(node)), node }));
  return {
    edges,
    nodes,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
