import type pg from 'pg';
import { databaseOf, partnersOf, poolOf, type Databases } from '../db/databases';
import { beginBulk, copyBetween, quoteIdent } from '../ingestion/pgClients';
import type { EntityKind } from '../model/records';
import type { NativeRef } from '../model/types';

/**
 * Maintains the identity crosswalk. Explicit links (two partners' records of one building)
 * are loaded like any extract (`hub/crosswalk.csv` into `source_link`); every partner record
 * not linked yet gets a shared entity of its own. Idempotent: safe at every start and after
 * every load.
 */

export interface LinkableTable {
  kind: EntityKind;
  source: NativeRef['source'];
  table: string;
  keyColumn: string;
  /** Placed by postcode (src/sources/adapter.ts): the column the link step reads its postcode from. */
  postcodeColumn?: string;
}

/** Every table whose rows are shared-model records, as the configured sources' adapters declare them. */
export const linkableTables = (databases: Databases): LinkableTable[] =>
  partnersOf(databases).flatMap(({ adapter: a }) =>
    a.records.map((t): LinkableTable => ({
      kind: t.kind,
      source: a.source,
      table: t.table,
      keyColumn: t.keyColumn,
      postcodeColumn: t.postcodeColumn,
    })),
  );

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
 * already linked (keeping its place), and removes the entity it leaves empty. A new link
 * gets its place when the link step next reads its record (`linkUnlinkedRecords`, which
 * such programs run next, as the start-up does).
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

export const linkableTable = (databases: Databases, source: string, table: string): LinkableTable | undefined =>
  linkableTables(databases).find((t) => t.source === source && t.table === table);

/**
 * Gives every unlinked partner record its own shared entity. Returns how many were linked.
 * `only` narrows the work to one source table. Reads every key of each table (`ingest`
 * links only the rows it adds, through `stageLinkKeys` and `linkStagedKeys`).
 */
export async function linkUnlinkedRecords(databases: Databases, only?: { source: string; table: string }): Promise<number> {
  let linked = 0;
  const tables = linkableTables(databases).filter((t) => !only || (t.source === only.source && t.table === only.table));
  for (const t of tables) {
    const partner = await poolOf(databaseOf(databases, t.source)).connect();
    let hub: pg.PoolClient | null = null;
    let failed = true;
    try {
      hub = await poolOf(databases.hub).connect();
      // Reading every key of a large table may take longer than the API's statement timeout.
      await beginBulk(partner);
      await beginBulk(hub);
      // Every key, so every link's place is checked too: this is also what places the links
      // made before places were kept, and those explicit links made before their record came.
      await stageLinkKeys(hub, partner, t, quoteIdent(t.table));
      linked += await linkStagedKeys(hub, t);
      await hub.query('COMMIT');
      await partner.query('COMMIT');
      failed = false;
    } finally {
      // A connection that failed (perhaps mid-COPY, where ROLLBACK would wait for ever) is
      // closed instead of given back: the server rolls its transaction back.
      partner.release(failed);
      hub?.release(failed);
    }
  }
  return linked;
}

const LINK_KEYS = 'crosswalk_link_key';

/**
 * Moves the keys of `t`'s rows in `from` (a relation of the partner database, perhaps with a
 * WHERE clause), with their postcodes if `t` is placed by postcode, into a temporary table of
 * the hub's open transaction (`hub`), by COPY: nothing joins across databases, and Node never
 * holds the keys. Returns how many keys came.
 */
export async function stageLinkKeys(hub: pg.ClientBase, partner: pg.ClientBase, t: LinkableTable, from: string): Promise<number> {
  await hub.query(`CREATE TEMP TABLE ${LINK_KEYS} (key text NOT NULL, postcode text) ON COMMIT DROP`);
  const postcode = t.postcodeColumn ? quoteIdent(t.postcodeColumn) : 'NULL';
  return copyBetween(partner, `SELECT ${quoteIdent(t.keyColumn)}, ${postcode} FROM ${from}`, hub, LINK_KEYS);
}

/**
 * Gives each key staged by `stageLinkKeys` that has no link yet an entity of its own, and
 * places every staged key's link (a new one, or one whose postcode or ward has changed), in
 * the hub's open transaction. Returns how many were linked.
 *
 * Set-wise: what exists already is found by anti-joins, then plain inserts in key order (so
 * the B-trees fill from one side). `ON CONFLICT` would cost a speculative insertion per row,
 * about doubling the time; instead linkers of one table take turns (an advisory lock held to
 * the end of the transaction), and any other writer that slips in between is a unique
 * violation that fails the whole load rather than a wrong link.
 */
export async function linkStagedKeys(hub: pg.ClientBase, t: LinkableTable): Promise<number> {
  await hub.query(`SELECT pg_advisory_xact_lock(hashtext('crosswalk'), hashtext($1))`, [`${t.source}.${t.table}`]);
  await hub.query(
    `CREATE TEMP TABLE crosswalk_new_link ON COMMIT DROP AS
       -- The same id as implicitEntityId(source, table, key).
       SELECT k.key, $3 || '.' || $2 || '.' || k.key AS id
         FROM ${LINK_KEYS} AS k
        WHERE NOT EXISTS (SELECT 1 FROM source_link l
                           WHERE l.kind = $1 AND l.source = $3 AND l.native_table = $2 AND l.native_key = k.key)`,
    [t.kind, t.table, t.source],
  );
  // An explicit link may already have made an entity with the implicit id.
  const entities = await hub.query(
    `INSERT INTO shared_entity (kind, id)
       SELECT $1, n.id FROM crosswalk_new_link n
        WHERE NOT EXISTS (SELECT 1 FROM shared_entity e WHERE e.kind = $1 AND e.id = n.id)
        ORDER BY n.id`,
    [t.kind],
  );
  // Each link's foreign-key check looks its entity up by a plan made from the statistics. Had
  // they been taken while this transaction's entities were invisible (an empty table), the
  // check may scan every entity of the kind: 50,000 links took 6 minutes instead of a second.
  // ANALYZE here counts this transaction's own rows.
  if ((entities.rowCount ?? 0) > 10_000) await hub.query('ANALYZE shared_entity');
  if (t.postcodeColumn) await placeStagedLinks(hub, t);
  const inserted = await hub.query(
    t.postcodeColumn
      ? `INSERT INTO source_link (kind, entity_id, source, native_table, native_key, postcode, ward_gss)
           SELECT $1, n.id, $2, $3, n.key, k.postcode, w.ward_gss
             FROM crosswalk_new_link n JOIN ${LINK_KEYS} k ON k.key = n.key LEFT JOIN postcode_ward w ON w.postcode = k.postcode
            ORDER BY n.key`
      : `INSERT INTO source_link (kind, entity_id, source, native_table, native_key)
           SELECT $1, id, $2, $3, key FROM crosswalk_new_link ORDER BY key`,
    [t.kind, t.source, t.table],
  );
  return inserted.rowCount ?? 0;
}

/**
 * The links of staged keys that already exist, placed where their staged postcode lies: a
 * record whose postcode changed moves, and one linked explicitly before its row came, or
 * before places were kept, gets its place. Only links whose place differs are written.
 */
async function placeStagedLinks(hub: pg.ClientBase, t: LinkableTable): Promise<void> {
  await hub.query(
    `UPDATE source_link l SET postcode = k.postcode, ward_gss = k.ward_gss
       FROM (SELECT s.key, s.postcode, w.ward_gss FROM ${LINK_KEYS} s LEFT JOIN postcode_ward w ON w.postcode = s.postcode) k
      WHERE l.kind = $1 AND l.source = $2 AND l.native_table = $3 AND l.native_key = k.key
        AND (l.postcode, l.ward_gss) IS DISTINCT FROM (k.postcode, k.ward_gss)`,
    [t.kind, t.source, t.table],
  );
}
