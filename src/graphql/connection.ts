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
  pageInfo: PageInfo;
  /** `NOT_COUNTED` where the query did not select it, so the count was never sent. */
  totalCount: number;
}

/**
 * The `totalCount` of a page whose query did not select it: counting a large table is a
 * statement of its own, sent only when the answer shows the number. Never shown, since
 * GraphQL resolves only selected fields; code that adds totals must keep it.
 */
export const NOT_COUNTED = -1;

/**
 * Relay's PageInfo. Paging is forward only (`first`/`after`), so `hasPreviousPage` says whether
 * the page starts after a cursor: Relay allows that approximation for forward paging, and it
 * costs no statement.
 */
export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

const CURSOR_PREFIX = 'c1:';

export function encodeCursor(sortKey: string): string {
  return Buffer.from(CURSOR_PREFIX + sortKey, 'utf8').toString('base64url');
}

export function decodeCursor(after: string): string {
  const decoded = /^[A-Za-z0-9_-]+$/.test(after) ? Buffer.from(after, 'base64url').toString('utf8') : '';
  // A NUL decoded from a forged cursor could not be compared with anything PostgreSQL stores.
  if (!decoded.startsWith(CURSOR_PREFIX) || decoded.includes('\u0000')) {
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
  return connectionFromSlice(start.slice(0, page.size + 1), page.size, sortKeyOf, sorted.length, page.afterKey !== null);
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
  afterACursor: boolean,
): Connection<T> {
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(sortKeyOf(node)), node }));
  return {
    edges,
    nodes,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: afterACursor,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}

/** A list ordered by a field: `[value, id]`, nulls last in either direction, the id breaking ties. */
export type SortTuple = [string | null, string];
export type Direction = 'ASC' | 'DESC';

export function compareTuples(a: SortTuple, b: SortTuple, direction: Direction): number {
  if (a[0] !== b[0]) {
    if (a[0] === null) return 1;
    if (b[0] === null) return -1;
    const c = byCodeUnit(a[0], b[0]);
    return direction === 'ASC' ? c : -c;
  }
  return byCodeUnit(a[1], b[1]);
}

function readTupleCursor(key: string): SortTuple {
  try {
    const parsed: unknown = JSON.parse(key);
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (parsed[0] === null || typeof parsed[0] === 'string') &&
      typeof parsed[1] === 'string'
    ) {
      return parsed as SortTuple;
    }
  } catch {
    // reported below
  }
  throw badUserInput('after', 'This cursor belongs to a list in another order: pass an "endCursor" of this same query.');
}

/** A page of an in-memory list in a requested order; the cursor is the last item's `[value, id]`. */
export function connectionFromOrdered<T>(
  items: readonly T[],
  tupleOf: (item: T) => SortTuple,
  direction: Direction,
  args: PageArgs,
  limits: PageLimits,
): Connection<T> {
  const page = readPage(args, limits);
  const keyed = items.map((item) => ({ item, tuple: tupleOf(item) }));
  keyed.sort((a, b) => compareTuples(a.tuple, b.tuple, direction));
  const after = page.afterKey === null ? null : readTupleCursor(page.afterKey);
  const rest = after === null ? keyed : keyed.filter((k) => compareTuples(k.tuple, after, direction) > 0);
  const onPage = rest.slice(0, page.size + 1);
  const cursors = new Map(onPage.map((k) => [k.item, JSON.stringify(k.tuple)]));
  return connectionFromSlice(
    onPage.map((k) => k.item),
    page.size,
    (item) => cursors.get(item)!,
    keyed.length,
    after !== null,
  );
}

/** The same page (cursors, pageInfo, totalCount) with each node replaced, in order: e.g. by its full entity. */
export function withNodes<T, U>(connection: Connection<T>, nodes: readonly U[]): Connection<U> {
  if (nodes.length !== connection.nodes.length) throw new Error('withNodes: one node per edge is needed');
  return {
    ...connection,
    edges: connection.edges.map((edge, i) => ({ cursor: edge.cursor, node: nodes[i]! })),
    nodes: [...nodes],
  };
}
