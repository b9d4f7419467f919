import type { GraphQLResolveInfo } from 'graphql';
import type { Sql } from '../db/sql';
import { connectionFromSlice, NOT_COUNTED, readPage, type Connection, type PageArgs, type PageLimits } from '../graphql/connection';
import { selectsField } from '../graphql/lookahead';
import type { HubContext } from '../server/context';

export interface SqlPageSource {
  /** A table, or a table and its alias (`locality l`). */
  from: string;
  key: string;
  where?: string;
  params?: unknown[];
  /** What each row reads (default `*`): e.g. the row with its children, to prime their loaders. */
  columns?: string;
}

/**
 * A page of a table in key order, straight from SQL: rows after the cursor, `LIMIT size+1`
 * to learn whether there is a next page, and, only when the query selects `totalCount`
 * (`info`), the total in a second statement. Given several sources of one kind (each with
 * the table), each is asked for its page and the pages are merged in key order: one or two
 * statements per source, however long the list.
 */
export async function sqlPage<Row extends Record<string, unknown>>(
  sql: Sql | readonly Sql[],
  options: SqlPageSource,
  args: PageArgs,
  limits: PageLimits,
  info: GraphQLResolveInfo,
): Promise<Connection<Row>> {
  const page = readPage(args, limits);
  const params = options.params ?? [];
  const where = options.where ? `(${options.where})` : 'TRUE';
  const n = params.length;
  const counted = selectsField(info, 'totalCount');
  const keyOf = (row: Row) => String(row[options.key]);
  const parts = await Promise.all(
    (Array.isArray(sql) ? sql : [sql]).map((handle: Sql) =>
      Promise.all([
        handle.query<Row>(
          `SELECT ${options.columns ?? '*'} FROM ${options.from}
            WHERE ${where} AND ($${n + 1}::text IS NULL OR ${options.key} COLLATE "C" > $${n + 1})
            ORDER BY ${options.key} COLLATE "C" LIMIT $${n + 2}`,
          [...params, page.afterKey, page.size + 1],
        ),
        counted ? handle.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${options.from} WHERE ${where}`, params) : null,
      ]),
    ),
  );
  // Keys are compared by code unit, as COLLATE "C" orders the ASCII keys partners use.
  const rows =
    parts.length === 1 ? parts[0]![0] : parts.flatMap(([r]) => r).sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const total = counted ? parts.reduce((sum, [, totals]) => sum + (totals?.[0]?.count ?? 0), 0) : NOT_COUNTED;
  return connectionFromSlice(rows, page.size, keyOf, total, page.afterKey !== null);
}

/**
 * A page of the registry's rows, each read with its children (`columns`), made into models
 * by `fromRows`, which primes the children's loaders: the page and what its nodes show in
 * one statement.
 */
export async function registryPage<Row extends object, Model>(
  ctx: HubContext,
  info: GraphQLResolveInfo,
  args: PageArgs,
  source: SqlPageSource,
  fromRows: (rows: Row[]) => Model[],
): Promise<Connection<Model>> {
  return mapConnection(await sqlPage<Row & Record<string, unknown>>(ctx.sql.hub, source, args, ctx.limits, info), fromRows);
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
