import type { Databases, DefaultDatabases } from '../../src/db/databases';
import { CROSSWALK_SPECS, TABLE_SPECS, type TableSpec } from './tables';

/**
 * One checksum per generated table: row count and the md5 of every row's text, in text
 * order. Only the columns the generator (or the hub's link step) writes are read, so
 * `now()` defaults such as `source_link.linked_at` do not make two equal datasets differ.
 */

async function checksumOf(databases: DefaultDatabases, spec: TableSpec): Promise<string> {
  const columns = spec.columns.map((c) => `"${c}"`).join(', ');
  const [row] = await databases[spec.source].query<{ rows: number; md5: string }[]>(
    `SELECT count(*)::int AS rows,
            md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text COLLATE "C"), '')) AS md5
       FROM (SELECT ${columns} FROM "${spec.table}") t`,
  );
  return `${row?.rows ?? 0}:${row?.md5 ?? ''}`;
}

/** `{ "hub.locality": "<rows>:<md5>", … }` for every generated table and the crosswalk. */
export async function tableChecksums(databases: DefaultDatabases): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const spec of [...TABLE_SPECS, ...CROSSWALK_SPECS]) {
    result[`${spec.source}.${spec.table}`] = await checksumOf(databases, spec);
  }
  return result;
}
