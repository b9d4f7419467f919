import { keepSource } from '../db/rowSource';
import type { Sql } from '../db/sql';
import type { SortTuple } from '../graphql/connection';
import type { ServiceCriteria, ServiceHitRow } from '../model/search';

/**
 * The service search every partner source runs, over its own service table: the same
 * conditions in the same words, so a search and a page of it can never disagree on which
 * rows match.
 */

export interface ServiceTable {
  table: string;
  key: string;
  provider: string;
}

const CRITERIA_PARAMS = (c: ServiceCriteria) => [c.careSettings, c.providerCodes, c.codes, c.nameContains];

const matching = (t: ServiceTable) => `withdrawn_at IS NULL
        AND ($1::text[] IS NULL OR care_setting = ANY($1))
        AND ($2::text[] IS NULL OR ${t.provider} = ANY($2))
        AND ($3::text[] IS NULL OR ${t.key} = ANY($3) OR ${t.provider} = ANY($3))
        AND ($4::text IS NULL OR strpos(lower(name), lower($4)) > 0)`;

/**
 * Every matching row, in one statement: only the columns the hub needs to match, order and
 * page them (the page's rows are read in full afterwards, by key).
 */
export const searchServiceTable = (sql: Sql, t: ServiceTable, c: ServiceCriteria) =>
  sql.query<ServiceHitRow>(
    `SELECT ${t.key} AS key, name, care_setting, ${t.provider} AS provider_code FROM ${t.table} WHERE ${matching(t)}`,
    CRITERIA_PARAMS(c),
  );

/**
 * In UTF-8 a text is ASCII exactly when it has as many bytes as characters: much cheaper
 * than a pattern, which took longer than reading the rows at England size. In a single-byte
 * encoding the lengths tell nothing, so there every row is left to the hub.
 */
const ASCII_BY_LENGTH = `current_setting('server_encoding') = 'UTF8'`;

export interface ServicePageQuery {
  criteria: ServiceCriteria;
  /** `nameContains` lower-cased as JavaScript does, or null: the hub's own check of a name. */
  needle: string | null;
  /** Keys of this table the crosswalk links explicitly: their entities are the hub's to merge and order. */
  shared: readonly string[];
  direction: 'ASC' | 'DESC';
  after: SortTuple | null;
  limit: number;
}

export interface PageRow<Row> {
  row: Row;
  /** `[lower-cased name, implicit entity id]`, the order the page was read in. */
  tuple: SortTuple;
}

export interface ServicePageRows<Row> {
  /** Plain rows (below) after the cursor, in the hub's order: at most `limit`. */
  page: PageRow<Row>[];
  /** Every other matching row not in `shared` (a name or key outside ASCII), for the hub to order itself. */
  odd: Row[];
  /** The keys of every plain matching row, as a JSON array (passed on to the crosswalk, not parsed). */
  plainKeysJson: string;
  /** Which of `shared` match. */
  sharedMatches: string[];
}

/**
 * A page of a search in name order, in one statement. A row the hub will order by its own
 * name and implicit entity id (every row not in `shared`) is ordered here by the same key,
 * `[lower(name), source.table.key]` compared byte by byte, after the cursor: exactly the
 * hub's order (UTF-16 code units, JavaScript's lower case) where the name and key are
 * ASCII ("plain" rows). Other rows are few, and all returned for the hub to order. A plain
 * row must also pass the hub's own name check, so the page holds no row the hub would
 * drop, and the keys of all of them are returned for the hub to count.
 */
// The source id is written into the text: it is configured, checked against a pattern of
// lower-case letters, digits and hyphens at start (src/config/sources.ts), never a caller's.
export async function pageServiceTable<Row>(sql: Sql, t: ServiceTable, q: ServicePageQuery): Promise<ServicePageRows<Row>> {
  const [op, dir] = q.direction === 'ASC' ? ['>', 'ASC'] : ['<', 'DESC'];
  const rows = await sql.query<Row & { part: 'page' | 'odd' | 'summary'; sort_name: string; id: string; keys: string; shared: string[] }>(
    `WITH hit AS (
       SELECT ${t.key} AS key, lower(name COLLATE "C") AS sort_name, '${sql.source}.${t.table}.' || ${t.key} AS id,
              CASE WHEN ${t.key} = ANY($5) THEN 'shared'
                   WHEN NOT ((SELECT ${ASCII_BY_LENGTH}) AND octet_length(name) = char_length(name) AND octet_length(${t.key}) = char_length(${t.key}))
                     THEN 'odd'
                   WHEN $6::text IS NULL OR strpos(lower(name COLLATE "C"), $6) > 0 THEN 'plain' END AS class
         FROM ${t.table} WHERE ${matching(t)}),
     picked AS (
       (SELECT 'page' AS part, key, sort_name, id FROM hit
         WHERE class = 'plain' AND (NOT $7::boolean OR sort_name COLLATE "C" ${op} $8 OR (sort_name COLLATE "C" = $8 AND id COLLATE "C" > $9))
         ORDER BY sort_name COLLATE "C" ${dir}, id COLLATE "C" LIMIT $10)
       UNION ALL
       SELECT 'odd', key, NULL, NULL FROM hit WHERE class = 'odd')
     SELECT p.part, p.sort_name, p.id, s.*, NULL::text AS keys, NULL::text[] AS shared
       FROM picked p JOIN ${t.table} s ON s.${t.key} = p.key
     UNION ALL
     SELECT 'summary', NULL, NULL, (NULL::${t.table}).*,
            (SELECT coalesce(json_agg(key), '[]')::text FROM hit WHERE class = 'plain'), ARRAY(SELECT key FROM hit WHERE class = 'shared')`,
    [...CRITERIA_PARAMS(q.criteria), q.shared, q.needle, q.after !== null, q.after?.[0] ?? null, q.after?.[1] ?? null, q.limit],
  );
  const result: ServicePageRows<Row> = { page: [], odd: [], plainKeysJson: '[]', sharedMatches: [] };
  for (const read of rows) {
    const { part, sort_name, id, keys, shared, ...columns } = read;
    const row = keepSource(read, columns);
    if (part === 'summary') Object.assign(result, { plainKeysJson: keys, sharedMatches: shared });
    else if (part === 'odd')
      result.odd.push(row as unknown as Row); // the table's own columns, as its loaders read them
    else result.page.push({ row: row as unknown as Row, tuple: [sort_name, id] });
  }
  return result;
}
