import pg from 'pg';
import type { SourceName } from '../../src/config/config';
import type { FloorRecord, Kind, Link } from './model';

/**
 * The floor's own connection pools (plain `pg`, one per database, as many connections as
 * the hub's pools) and the statements it shares between operations. Each request counts
 * its statements, like the hub's `extensions.sqlStatements.total`.
 */

export interface Counter {
  statements: number;
}

export class FloorDb {
  private constructor(
    private readonly pools: Record<SourceName, pg.Pool>,
    private readonly withWithdrawnAt: ReadonlySet<string>,
  ) {}

  static async open(urls: Record<SourceName, string>, poolMax: number): Promise<FloorDb> {
    const make = (source: SourceName) => {
      const pool = new pg.Pool({ connectionString: urls[source], max: poolMax, application_name: `scale-floor:${source}` });
      // An idle connection dropped by the server (e.g. PostgreSQL stopping) must not crash the benchmark.
      pool.on('error', (error) => process.stderr.write(`floor pool ${source}: ${error.message}\n`));
      return pool;
    };
    const pools = { hub: make('hub'), ccg: make('ccg'), council: make('council'), trust: make('trust') };
    const withdrawn = new Set<string>();
    for (const source of ['ccg', 'council', 'trust'] as const) {
      const { rows } = await pools[source].query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'withdrawn_at'`,
      );
      for (const row of rows) withdrawn.add(`${source}.${row.table_name}`);
    }
    return new FloorDb(pools, withdrawn);
  }

  /**
   * `AND <alias>.withdrawn_at IS NULL` where the table has that column: the hub hides
   * withdrawn partner rows (a migration added the column), and the floor must give the
   * same answer.
   */
  active(source: SourceName, table: string, alias: string): string {
    return this.withWithdrawnAt.has(`${source}.${table}`) ? `AND ${alias}.withdrawn_at IS NULL` : '';
  }

  async query<T>(source: SourceName, counter: Counter, text: string, params: unknown[]): Promise<T[]> {
    counter.statements += 1;
    return (await this.pools[source].query(text, params)).rows as T[];
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.pools).map((pool) => pool.end()));
  }
}

export interface OrganisationRow {
  name: string;
  ods: string | null;
  gss: string | null;
  charity: string | null;
}

/**
 * One hub statement: every crosswalk link of the entities the given rows belong to, and
 * the registered organisations any of `codes` names; `more` adds select-list items of an
 * operation's own (their parameters are numbered from $6).
 */
export async function linksAndOrganisations<More extends object = object>(
  db: FloorDb,
  counter: Counter,
  refs: readonly { kind: Kind; record: FloorRecord }[],
  codes: readonly string[],
  more?: { select: string; params: unknown[] },
): Promise<{ links: Link[]; organisations: OrganisationRow[] } & Partial<More>> {
  const [row] = await db.query<{ links: Link[]; organisations: OrganisationRow[] } & Partial<More>>(
    'hub',
    counter,
    `WITH k AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS k(kind, source, native_table, native_key)),
          e AS (SELECT DISTINCT l.kind, l.entity_id FROM source_link l JOIN k USING (kind, source, native_table, native_key))
     SELECT coalesce((SELECT json_agg(json_build_object('kind', l.kind, 'entity', l.entity_id, 'source', l.source,
                                                        'table', l.native_table, 'key', l.native_key)
                                      ORDER BY l.source, l.native_table, l.native_key)
                        FROM source_link l JOIN e USING (kind, entity_id)), '[]') AS links,
            coalesce((SELECT json_agg(json_build_object('name', o.name, 'ods', o.ods_code, 'gss', o.gss_code, 'charity', o.charity_number))
                        FROM partner_organisation o
                       WHERE o.ods_code = ANY($5) OR o.gss_code = ANY($5) OR o.charity_number = ANY($5)), '[]') AS organisations
            ${more ? `, ${more.select}` : ''}`,
    [
      refs.map((r) => r.kind),
      refs.map((r) => r.record.source),
      refs.map((r) => r.record.table),
      refs.map((r) => r.record.key),
      [...new Set(codes)],
      ...(more?.params ?? []),
    ],
  );
  return { ...row!, links: row?.links ?? [], organisations: row?.organisations ?? [] };
}

export const PRACTICE_ODS = /^[A-Z][0-9]{5}$/;

export interface PracticeRow {
  ods_code: string;
  name: string;
}

/** The CCG's practices among `codes` (one statement), for providers the registry does not list. */
export async function readPractices(db: FloorDb, counter: Counter, codes: string[]): Promise<PracticeRow[]> {
  return db.query(
    'ccg',
    counter,
    `SELECT p.ods_code, p.name FROM practice p WHERE p.ods_code = ANY($1) ${db.active('ccg', 'practice', 'p')}`,
    [codes],
  );
}

/** The hub's provider lookup: a registered organisation by any of its codes, else a CCG practice. */
export function providerLookup(organisations: readonly OrganisationRow[], practices: readonly PracticeRow[]) {
  const byCode = new Map<string, OrganisationRow>();
  for (const o of organisations) for (const code of [o.ods, o.gss, o.charity]) if (code) byCode.set(code, o);
  const practiceByCode = new Map(practices.map((p) => [p.ods_code, p]));
  return (code: string | null) => {
    if (!code) return null;
    const org = byCode.get(code);
    if (org) return { name: org.name, odsCode: org.ods };
    const practice = PRACTICE_ODS.test(code) ? practiceByCode.get(code) : undefined;
    return practice ? { name: practice.name, odsCode: practice.ods_code } : null;
  };
}
