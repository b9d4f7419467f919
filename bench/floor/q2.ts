import { linksAndOrganisations, type Counter, type FloorDb } from './db';
import { connection, Crosswalk, globalId, pick, placeOf, RecordIndex, recordRowKey, type FloorRecord } from './model';

/**
 * Q2, a page of 100 localities with their hubs and services, by hand: one hub statement
 * for the page, its wards and the partner records placed in them; one per partner source
 * for the hubs and services placed there (or run from those hubs and the trusts' sites
 * there); one hub statement for the crosswalk. Five statements for any page.
 *
 * The CCG's and the trusts' records lie where their postcodes do; the hub's link step keeps
 * each one's ward on its crosswalk link (`source_link.ward_gss`, as the hub reads it), so
 * the page's statement finds their keys by ward and each partner reads its rows by key.
 */

type Json = Record<string, unknown>[];

interface PlacedRow {
  source: 'ccg' | 'trust';
  table: string;
  key: string;
  locality: string;
}

interface Page {
  total: number;
  localities: { id: string; code: string; name: string }[];
  locality_ids: string[];
  ward_gss: string[];
  /** The page's records placed by postcode, once per locality they lie in. */
  placed: PlacedRow[];
}

const decodeCursor = (after: string | null | undefined): string | null =>
  after ? Buffer.from(after, 'base64url').toString('utf8').replace(/^c1:/, '') : null;

async function readPage(db: FloorDb, counter: Counter, after: string | null): Promise<Page> {
  const [page] = await db.query<Page>(
    'hub',
    counter,
    `WITH page AS (SELECT id, code, name FROM locality WHERE ($1::text IS NULL OR id COLLATE "C" > $1) ORDER BY id COLLATE "C" LIMIT 100),
          wards AS (SELECT w.locality_id, w.ward_gss FROM locality_ward w JOIN page p ON p.id = w.locality_id)
     SELECT (SELECT count(*)::int FROM locality) AS total,
            coalesce((SELECT json_agg(json_build_object('id', id, 'code', code, 'name', name) ORDER BY id COLLATE "C") FROM page), '[]') AS localities,
            array(SELECT locality_id FROM wards ORDER BY 1, ward_gss) AS locality_ids,
            array(SELECT ward_gss FROM wards ORDER BY locality_id, 1) AS ward_gss,
            coalesce((SELECT json_agg(json_build_object('source', l.source, 'table', l.native_table, 'key', l.native_key, 'locality', w.locality_id))
                        FROM wards w JOIN source_link l ON l.ward_gss = w.ward_gss AND l.ward_gss IS NOT NULL), '[]') AS placed`,
    [after],
  );
  return page!;
}

async function readCouncil(db: FloorDb, counter: Counter, wards: string[]): Promise<{ hubs: Json; services: Json }> {
  const a = (table: string, alias: string) => db.active('council', table, alias);
  const [row] = await db.query<{ r: { hubs: Json; services: Json } }>(
    'council',
    counter,
    `WITH hubs AS (SELECT h.hub_ref, h.ward_gss, h.name, h.updated_at FROM community_hub h WHERE h.ward_gss = ANY($1) ${a('community_hub', 'h')})
     SELECT json_build_object(
       'hubs', coalesce((SELECT json_agg(json_build_object('key', hub_ref, 'ward', ward_gss, 'name', name, 'updated_at', updated_at)) FROM hubs), '[]'),
       'services', coalesce((SELECT json_agg(json_build_object('key', s.service_ref, 'ward', s.ward_gss, 'hub', s.hub_ref, 'name', s.name,
                                'care_setting', s.care_setting, 'updated_at', s.updated_at))
                               FROM care_service s
                              WHERE (s.ward_gss = ANY($1) OR s.hub_ref IN (SELECT hub_ref FROM hubs)) ${a('care_service', 's')}), '[]')) AS r`,
    [wards],
  );
  return row!.r;
}

/** The keys of one partner table's records placed in the page. */
const keysOf = (page: Page, source: PlacedRow['source'], table: string): string[] => [
  ...new Set(page.placed.filter((p) => p.source === source && p.table === table).map((p) => p.key)),
];

async function readCcg(db: FloorDb, counter: Counter, page: Page): Promise<{ hubs: Json; services: Json }> {
  const a = (table: string, alias: string) => db.active('ccg', table, alias);
  const [row] = await db.query<{ r: { hubs: Json; services: Json } }>(
    'ccg',
    counter,
    `WITH hubs AS (SELECT h.hub_code, h.name, h.updated_at FROM gp_hub h WHERE h.hub_code = ANY($1) ${a('gp_hub', 'h')})
     SELECT json_build_object(
       'hubs', coalesce((SELECT json_agg(json_build_object('key', hub_code, 'name', name, 'updated_at', updated_at)) FROM hubs), '[]'),
       'services', coalesce((SELECT json_agg(json_build_object('key', s.service_code, 'hub', s.gp_hub_code, 'name', s.name,
                                'care_setting', s.care_setting, 'updated_at', s.updated_at))
                               FROM commissioned_service s
                              WHERE (s.service_code = ANY($2) OR s.gp_hub_code IN (SELECT hub_code FROM hubs))
                                ${a('commissioned_service', 's')}), '[]')) AS r`,
    [keysOf(page, 'ccg', 'gp_hub'), keysOf(page, 'ccg', 'commissioned_service')],
  );
  return row!.r;
}

async function readTrust(db: FloorDb, counter: Counter, page: Page): Promise<{ sites: Json; services: Json }> {
  const a = (table: string, alias: string) => db.active('trust', table, alias);
  const [row] = await db.query<{ r: { sites: Json; services: Json } }>(
    'trust',
    counter,
    `WITH sites AS (SELECT s.site_code, s.updated_at FROM site s WHERE s.site_code = ANY($1) ${a('site', 's')})
     SELECT json_build_object(
       'sites', coalesce((SELECT json_agg(json_build_object('key', site_code, 'updated_at', updated_at)) FROM sites), '[]'),
       'services', coalesce((SELECT json_agg(json_build_object('key', l.service_line_id, 'site', l.site_code, 'name', l.name,
                                'care_setting', l.care_setting, 'updated_at', l.updated_at))
                               FROM service_line l WHERE l.site_code IN (SELECT site_code FROM sites) ${a('service_line', 'l')}), '[]')) AS r`,
    [keysOf(page, 'trust', 'site')],
  );
  return row!.r;
}

function groupBy(records: readonly FloorRecord[], keysOf: (r: FloorRecord) => readonly string[]): Map<string, FloorRecord[]> {
  const groups = new Map<string, FloorRecord[]>();
  for (const r of records) for (const key of keysOf(r)) groups.set(key, [...(groups.get(key) ?? []), r]);
  return groups;
}

/** Which page localities a row lies in: council rows by ward; CCG rows and sites as the hub placed them; service lines by their site. */
function placement(page: Page): (r: FloorRecord) => readonly string[] {
  const byWard = new Map<string, string[]>();
  page.ward_gss.forEach((ward, i) => byWard.set(ward, [...(byWard.get(ward) ?? []), page.locality_ids[i]!]));
  const placed = new Map<string, string[]>();
  for (const p of page.placed) {
    const key = recordRowKey({ source: p.source, table: p.table, key: p.key, updated_at: '' });
    placed.set(key, [...(placed.get(key) ?? []), p.locality]);
  }
  return (r) => {
    if (r.source === 'council') return byWard.get(String(r.ward)) ?? [];
    if (r.table === 'service_line')
      return placed.get(recordRowKey({ source: 'trust', table: 'site', key: String(r.site), updated_at: '' })) ?? [];
    return placed.get(recordRowKey(r)) ?? [];
  };
}

interface Placed {
  index: RecordIndex;
  crosswalk: Crosswalk;
  hubs: Map<string, FloorRecord[]>;
  services: Map<string, FloorRecord[]>;
  /** Services by the (source, table, key) of the hub they run from. */
  at: Map<string, FloorRecord[]>;
}

function localityNode(id: string, p: Placed) {
  const present = (kind: 'HUB' | 'SERVICE', ids: string[]) =>
    ids.map((eid) => ({ id: eid, records: p.crosswalk.recordsOf(kind, eid, p.index) })).filter((e) => e.records.length > 0);
  const hubs = present('HUB', p.crosswalk.entityIds('HUB', p.hubs.get(id) ?? []));
  const atHubs = hubs.flatMap((h) => h.records.flatMap((r) => p.at.get(recordRowKey(r)) ?? []));
  const services = present('SERVICE', p.crosswalk.entityIds('SERVICE', [...(p.services.get(id) ?? []), ...atHubs]));
  const hubPage = connection(hubs, (h) => h.id);
  const servicePage = connection(services, (s) => s.id);
  return {
    hubs: {
      totalCount: hubPage.totalCount,
      nodes: hubPage.nodes.map((h) => ({ id: globalId('Hub', h.id), name: pick(h.records, 'name') })),
    },
    services: {
      totalCount: servicePage.totalCount,
      nodes: servicePage.nodes.map((s) => ({
        id: globalId('Service', s.id),
        name: pick(s.records, 'name'),
        careSetting: pick(s.records, 'care_setting'),
      })),
    },
  };
}

export async function floorQ2(db: FloorDb, counter: Counter, variables: { after?: string | null }) {
  const page = await readPage(db, counter, decodeCursor(variables.after));
  const [council, ccg, trust] = await Promise.all([
    readCouncil(db, counter, [...new Set(page.ward_gss)]),
    readCcg(db, counter, page),
    readTrust(db, counter, page),
  ]);
  const index = new RecordIndex();
  index.add('trust', 'site', trust.sites);
  const hubs = [...index.add('council', 'community_hub', council.hubs), ...index.add('ccg', 'gp_hub', ccg.hubs)];
  const services = [
    ...index.add('council', 'care_service', council.services),
    ...index.add('ccg', 'commissioned_service', ccg.services),
    ...index.add('trust', 'service_line', trust.services),
  ];
  const refs = [
    ...hubs.map((record) => ({ kind: 'HUB' as const, record })),
    ...services.map((record) => ({ kind: 'SERVICE' as const, record })),
  ];
  const crosswalk = new Crosswalk((await linksAndOrganisations(db, counter, refs, [])).links);
  const localitiesOf = placement(page);
  const placed: Placed = {
    index,
    crosswalk,
    hubs: groupBy(hubs, localitiesOf),
    services: groupBy(services, localitiesOf),
    at: groupBy(
      services.filter((s) => s.source !== 'trust' && placeOf(s) !== null),
      (s) => [placeOf(s)!],
    ),
  };
  const nodes = page.localities.map((l) => ({ code: l.code, name: l.name, ...localityNode(l.id, placed) }));
  return { data: { localities: { totalCount: page.total, nodes } }, missing: crosswalk.missing };
}
