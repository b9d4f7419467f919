import type { Databases } from '../db/databases';
import type { EntityKind } from '../model/records';
import type { NativeRef } from '../model/types';

/**
 * Maintains the identity crosswalk. Explicit links (two partners' records of one building)
 * are loaded like any extract (`hub/crosswalk.csv` into `source_link`); every partner record
 * not linked yet gets a shared entity of its own. Idempotent: safe at every start and after
 * every load.
 */

interface LinkableTable {
  kind: EntityKind;
  source: NativeRef['source'];
  table: string;
  keyColumn: string;
}

export const LINKABLE_TABLES: readonly LinkableTable[] = [
  { kind: 'ESTATE', source: 'council', table: 'property', keyColumn: 'asset_ref' },
  { kind: 'ESTATE', source: 'trust', table: 'site', keyColumn: 'site_code' },
  { kind: 'HUB', source: 'ccg', table: 'gp_hub', keyColumn: 'hub_code' },
  { kind: 'HUB', source: 'council', table: 'community_hub', keyColumn: 'hub_ref' },
  { kind: 'SERVICE', source: 'ccg', table: 'commissioned_service', keyColumn: 'service_code' },
  { kind: 'SERVICE', source: 'council', table: 'care_service', keyColumn: 'service_ref' },
  { kind: 'SERVICE', source: 'trust', table: 'service_line', keyColumn: 'service_line_id' },
];

export interface ExplicitLink {
  kind: EntityKind;
  entity_id: string;
  source: NativeRef['source'];
  native_table: string;
  native_key: string;
}

/**
 * Links records of several partners to one entity, for programs that generate data in bulk
 * (extract files go through `ingest` into `source_link` instead). Moves a record that was
 * already linked, and removes the entity it leaves empty.
 */
export async function addExplicitLinks(databases: Databases, links: readonly ExplicitLink[]): Promise<void> {
  if (links.length === 0) return;
  const payload = JSON.stringify(links);
  await databases.hub.transaction(async (m) => {
    await m.query(
      `INSERT INTO shared_entity (kind, id)
         SELECT DISTINCT kind, entity_id FROM json_populate_recordset(NULL::source_link, $1::json)
       ON CONFLICT DO NOTHING`,
      [payload],
    );
    await m.query(
      `INSERT INTO source_link (kind, entity_id, source, native_table, native_key)
         SELECT kind, entity_id, source, native_table, native_key FROM json_populate_recordset(NULL::source_link, $1::json)
       ON CONFLICT (kind, source, native_table, native_key) DO UPDATE SET entity_id = EXCLUDED.entity_id`,
      [payload],
    );
    await m.query(
      `DELETE FROM shared_entity e WHERE NOT EXISTS (SELECT 1 FROM source_link l WHERE l.kind = e.kind AND l.entity_id = e.id)`,
    );
  });
}

/** The id a partner record gets when nothing links it to another: readable, stable, case kept. */
export const implicitEntityId = (source: string, table: string, key: string): string => `${source}.${table}.${key}`;

/**
 * Gives every unlinked partner record its own shared entity. Returns how many were linked.
 * `only` narrows the work to one source table (after a load of that table).
 */
export async function linkUnlinkedRecords(
  databases: Databases,
  only?: { source: string; table: string },
): Promise<number> {
  let linked = 0;
  const tables = LINKABLE_TABLES.filter((t) => !only || (t.source === only.source && t.table === only.table));
  for (const t of tables) {
    const rows = await databases[t.source].query<{ key: string }[]>(`SELECT ${t.keyColumn} AS key FROM ${t.table}`);
    if (rows.length > 0) linked += await linkKeys(databases, t, rows.map((r) => r.key));
  }
  return linked;
}

async function linkKeys(databases: Databases, t: LinkableTable, keys: string[]): Promise<number> {
  return databases.hub.transaction(async (m) => {
    // Maintenance, not an API query: a large table takes longer than the API's timeout.
    await m.query('SET LOCAL statement_timeout = 0');
    await m.query(
      `CREATE TEMP TABLE new_link ON COMMIT DROP AS
         -- The same id as implicitEntityId(source, table, key).
         SELECT k.key, $4 || '.' || $3 || '.' || k.key AS id
           FROM unnest($1::text[]) AS k(key)
          WHERE NOT EXISTS (SELECT 1 FROM source_link l
                             WHERE l.kind = $2 AND l.source = $4 AND l.native_table = $3 AND l.native_key = k.key)`,
      [keys, t.kind, t.table, t.source],
    );
    await m.query(`INSERT INTO shared_entity (kind, id) SELECT $1, id FROM new_link ON CONFLICT DO NOTHING`, [t.kind]);
    const [row] = await m.query<{ n: number }[]>(
      `WITH inserted AS (
         INSERT INTO source_link (kind, entity_id, source, native_table, native_key)
           SELECT $1, id, $2, $3, key FROM new_link ON CONFLICT DO NOTHING RETURNING 1)
       SELECT count(*)::int AS n FROM inserted`,
      [t.kind, t.source, t.table],
    );
    return row?.n ?? 0;
  });
}
