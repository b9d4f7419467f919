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

/** One source's table in a page read across sources, and how its rows become the list's nodes. */
export interface SqlPagePart<Node> {
  sql: Sql;
  table: SqlPageSource & { map(row: Record<string, unknown>): Node };
}

/**
 * A page of a table in key order, straight from SQL: rows after the cursor, `LIMIT size+1`
 * to learn whether there is a next page, and, only when the query selects `totalCount`
 * (`info`), the total in a second statement. Given several sources (each with such a
 * table), each is asked for its page and the pages are merged in key order: one or two
 * statements per source, however long the list.
 */
export async function sqlPage<Row extends Record<string, unknown>>(
  sql: Sql | readonly Sql[],
  options: SqlPageSource,
  args: PageArgs,
  limits: PageLimits,
  info: GraphQLResolveInfo,
): Promise<Connection<Row>> {
  const table = { ...options, map: (row: Record<string, unknown>) => row as Row }; // the table's rows, as the caller reads them
  return sqlPageAcross(
    (Array.isArray(sql) ? sql : [sql]).map((handle: Sql) => ({ sql: handle, table })),
    args,
    limits,
    info,
  );
}

/** As `sqlPage`, each source with a table of its own (a capability's list, src/sources/capabilities.ts), its rows mapped to nodes. */
export async function sqlPageAcross<Node>(
  parts: readonly SqlPagePart<Node>[],
  args: PageArgs,
  limits: PageLimits,
  info: GraphQLResolveInfo,
): Promise<Connection<Node>> {
  const page = readPage(args, limits);
  const counted = selectsField(info, 'totalCount');
  const read = await Promise.all(
    parts.map(async ({ sql, table }) => {
      const params = table.params ?? [];
      const where = table.where ? `(${table.where})` : 'TRUE';
      const n = params.length;
      const [rows, totals] = await Promise.all([
        sql.query<Record<string, unknown>>(
          `SELECT ${table.columns ?? '*'} FROM ${table.from}
            WHERE ${where} AND ($${n + 1}::text IS NULL OR ${table.key} COLLATE "C" > $${n + 1})
            ORDER BY ${table.key} COLLATE "C" LIMIT $${n + 2}`,
          [...params, page.afterKey, page.size + 1],
        ),
        counted ? sql.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${table.from} WHERE ${where}`, params) : null,
      ]);
      return { nodes: rows.map((row) => ({ key: String(row[table.key]), node: table.map(row) })), count: totals?.[0]?.count ?? 0 };
    }),
  );
  // Keys are compared by code unit, as COLLATE "C" orders the ASCII keys partners use.
  const keyed =
    read.length === 1 ? read[0]!.nodes : read.flatMap((r) => r.nodes).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const total = counted ? read.reduce((sum, r) => sum + r.count, 0) : NOT_COUNTED;
  const connection = connectionFromSlice(keyed, page.size, (k) => k.key, total, page.afterKey !== null);
  return mapConnection(connection, (nodes) => nodes.map((k) => k.node));
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
