import { linksAndOrganisations, PRACTICE_ODS, providerLookup, readPractices, type Counter, type FloorDb } from './db';
import { Crosswalk, globalId, pick, RecordIndex, type FloorRecord, type Source } from './model';

/**
 * Q5, services whose provider leads a Red action in a period, by name, a page after a
 * cursor, by hand: one council statement for the organisations leading a Red action then;
 * one statement per partner source for how many of its services they provide and the
 * first page's worth after the cursor's name (`FETCH FIRST … WITH TIES`, plus the rows of
 * the cursor's own name, whose order is settled by entity id); one hub statement for
 * those rows' entities and provider organisations (and, for practice codes, one CCG
 * statement). Five statements; only a page of rows leaves the databases. The floor
 * assumes a service's rows all match or all do not (one row per service in the generated
 * data), so the per-source counts add up to the hub's total.
 */

const PAGE = 20;

const SERVICES: Record<Source, { table: string; key: string; provider: string }> = {
  ccg: { table: 'commissioned_service', key: 'service_code', provider: 'provider_ods' },
  council: { table: 'care_service', key: 'service_ref', provider: 'provider_code' },
  trust: { table: 'service_line', key: 'service_line_id', provider: 'trust_ods' },
};

async function redLeads(db: FloorDb, counter: Counter, period: string): Promise<string[]> {
  const [row] = await db.query<{ codes: string[] }>(
    'council',
    counter,
    `SELECT array(SELECT DISTINCT a.lead_org_code FROM action_status s JOIN plan_action a ON a.action_ref = s.action_ref
                          JOIN plan_objective o ON o.objective_ref = a.objective_ref
                   WHERE s.rag = 'R' AND s.period = $1 AND a.lead_org_code IS NOT NULL
                         ${db.active('council', 'action_status', 's')} ${db.active('council', 'plan_action', 'a')}
                         ${db.active('council', 'plan_objective', 'o')}) AS codes`,
    [period],
  );
  return row!.codes;
}

async function readCandidates(db: FloorDb, counter: Counter, source: Source, codes: string[], afterName: string | null) {
  const t = SERVICES[source];
  const [row] = await db.query<{ total: number; rows: Record<string, unknown>[] }>(
    source,
    counter,
    `WITH m AS (SELECT ${t.key} AS key, name, care_setting, ${t.provider} AS provider_code, updated_at
                  FROM ${t.table} WHERE ${t.provider} = ANY($1) ${db.active(source, t.table, t.table)})
     SELECT (SELECT count(*)::int FROM m) AS total,
            coalesce((SELECT json_agg(c) FROM (
              (SELECT * FROM m WHERE lower(name) COLLATE "C" = $2)
              UNION ALL
              (SELECT * FROM m WHERE $2::text IS NULL OR lower(name) COLLATE "C" > $2
                ORDER BY lower(name) COLLATE "C" FETCH FIRST ${PAGE + 1} ROWS WITH TIES)) c), '[]') AS rows`,
    [codes, afterName],
  );
  return row!;
}

type Tuple = [string | null, string];

/** The hub's order: by value (nulls last), then by entity id, comparing UTF-16 code units. */
function compare(a: Tuple, b: Tuple): number {
  if (a[0] !== b[0]) {
    if (a[0] === null) return 1;
    if (b[0] === null) return -1;
    return a[0] < b[0] ? -1 : 1;
  }
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

const cursorOf = (tuple: Tuple): string => Buffer.from(`c1:${JSON.stringify(tuple)}`, 'utf8').toString('base64url');
const readCursor = (after: string | null | undefined): Tuple | null =>
  after ? (JSON.parse(Buffer.from(after, 'base64url').toString('utf8').replace(/^c1:/, '')) as Tuple) : null;

const EMPTY = { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] };

export async function floorQ5(db: FloorDb, counter: Counter, variables: { period: string; after?: string | null }) {
  const codes = await redLeads(db, counter, variables.period.trim());
  if (codes.length === 0) return { data: { services: EMPTY }, missing: 0 };
  const after = readCursor(variables.after);
  const sources = ['ccg', 'council', 'trust'] as const;
  const found = await Promise.all(sources.map((source) => readCandidates(db, counter, source, codes, after?.[0] ?? null)));
  const index = new RecordIndex();
  const records = sources.flatMap((source, i) => index.add(source, SERVICES[source].table, found[i]!.rows));
  const providers = records.map((r) => r.provider_code).filter((c): c is string => typeof c === 'string');
  const practiceCodes = providers.filter((c) => PRACTICE_ODS.test(c));
  const [hub, practices] = await Promise.all([
    linksAndOrganisations(
      db,
      counter,
      records.map((record) => ({ kind: 'SERVICE' as const, record })),
      providers,
    ),
    practiceCodes.length > 0 ? readPractices(db, counter, practiceCodes) : Promise.resolve([]),
  ]);
  const crosswalk = new Crosswalk(hub.links);
  const provider = providerLookup(hub.organisations, practices);
  const entities = crosswalk
    .entityIds('SERVICE', records)
    .map((id) => ({ id, records: crosswalk.recordsOf('SERVICE', id, index) }))
    .filter((e) => e.records.length > 0)
    .map((e) => ({ ...e, tuple: [pick(e.records, 'name')?.toLowerCase() ?? null, e.id] as Tuple }))
    .filter((e) => after === null || compare(e.tuple, after) > 0)
    .sort((a, b) => compare(a.tuple, b.tuple));
  const page = entities.slice(0, PAGE);
  const node = (e: { id: string; records: FloorRecord[] }) => ({
    id: globalId('Service', e.id),
    name: pick(e.records, 'name'),
    careSetting: pick(e.records, 'care_setting'),
    provider: provider(pick(e.records, 'provider_code')),
  });
  const services = {
    totalCount: found.reduce((n, f) => n + f.total, 0),
    pageInfo: { hasNextPage: entities.length > PAGE, endCursor: page.length > 0 ? cursorOf(page.at(-1)!.tuple) : null },
    nodes: page.map(node),
  };
  return { data: { services }, missing: crosswalk.missing };
}
