import type { Sql } from '../db/sql';
import { connectionFromSlice, readPage, type Connection, type PageArgs, type PageLimits } from '../graphql/connection';

/**
 * A page of a table in key order, straight from SQL: rows after the cursor, `LIMIT size+1`
 * to learn whether there is a next page, and the total in a second statement.
 */
export async function sqlPage<Row extends Record<string, unknown>>(
  sql: Sql,
  options: { from: string; key: string; where?: string; params?: unknown[] },
  args: PageArgs,
  limits: PageLimits,
): Promise<Connection<Row>> {
  const page = readPage(args, limits);
  const params = options.params ?? [];
  const where = options.where ? `(${options.where})` : 'TRUE';
  const n = params.length;
  const [rows, totals] = await Promise.all([
    sql.query<Row>(
      `SELECT * FROM ${options.from}
        WHERE ${where} AND ($${n + 1}::text IS NULL OR ${options.key} COLLATE "C" > $${n + 1})
        ORDER BY ${options.key} COLLATE "C" LIMIT $${n + 2}`,
      [...params, page.afterKey, page.size + 1],
    ),
    sql.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${options.from} WHERE ${where}`, params),
  ]);
  return connectionFromSlice(rows, page.size, (row) => String(row[options.key]), totals[0]?.count ?? 0, page.afterKey !== null);
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
