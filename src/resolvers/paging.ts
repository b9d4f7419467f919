import type { Sql } from '../db/sql';
import { connectionFromSlice, readPage, type Connection, type PageArgs, type PageLimits } from '../graphql/connection';

/**
 * A page of a table in key order, straight from SQL: rows after the cursor, `LIMIT size+1`
 * to learn whether there is a next page, and the total in a second statement. Given several
 * sources of one kind (each with the table), each is asked for its page and the pages are
 * merged in key order: two statements per source, however long the list.
 */
export async function sqlPage<Row extends Record<string, unknown>>(
  sql: Sql | readonly Sql[],
  options: { from: string; key: string; where?: string; params?: unknown[] },
  args: PageArgs,
  limits: PageLimits,
): Promise<Connection<Row>> {
  const page = readPage(args, limits);
  const params = options.params ?? [];
  const where = options.where ? `(${options.where})` : 'TRUE';
  const n = params.length;
  const keyOf = (row: Row) => String(row[options.key]);
  const parts = await Promise.all(
    (Array.isArray(sql) ? sql : [sql]).map((handle: Sql) =>
      Promise.all([
        handle.query<Row>(
          `SELECT * FROM ${options.from}
            WHERE ${where} AND ($${n + 1}::text IS NULL OR ${options.key} COLLATE "C" > $${n + 1})
            ORDER BY ${options.key} COLLATE "C" LIMIT $${n + 2}`,
          [...params, page.afterKey, page.size + 1],
        ),
        handle.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${options.from} WHERE ${where}`, params),
      ]),
    ),
  );
  // Keys are compared by code unit, as COLLATE "C" orders the ASCII keys partners use.
  const rows =
    parts.length === 1 ? parts[0]![0] : parts.flatMap(([r]) => r).sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const total = parts.reduce((sum, [, totals]) => sum + (totals[0]?.count ?? 0), 0);
  return connectionFromSlice(rows, page.size, keyOf, total, page.afterKey !== null);
}

/**
 * Maps a connection's nodes (rows to models, ids to loaded entities) keeping its cursors.
 * `map` returns one result per node; a null (an entity whose rows have gone) is dropped.
 */
export async function mapConnection<A, B>(
  connection: Connection<A>,
  map: (nodes: A[]) => Promise<(B | null)[]> | (B | null)[],
): Promise<Connection<B>> {
  const mapped = await map(connection.nodes);
  const edges = connection.edges.flatMap((edge, i) => {
    const node = mapped[i];
    return node == null ? [] : [{ cursor: edge.cursor, node }];
  });
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: connection.pageInfo,
    totalCount: connection.totalCount,
  };
}

export type { PageLimits };
