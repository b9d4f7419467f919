import {
  deliveryPlans,
  definitionsSql,
  indicatorSeries,
  latestValuesSql,
  planSummarySql,
  seriesFound,
  type Definition,
  type PlanRow,
  type TargetRow,
  type ValueRow,
} from './dashboard';
import { linksAndOrganisations, PRACTICE_ODS, providerLookup, readPractices, type Counter, type FloorDb } from './db';
import { connection, Crosswalk, globalId, pick, placeOf, RecordIndex, recordRowKey, type FloorRecord, type Source } from './model';

/**
 * Q1, the locality dashboard, by hand: one statement for the locality's area and
 * partnership (hub); one per partner source for its hubs, the services run from them, its
 * estates and the latest values of the indicators it measures there, the council's adding
 * the partnership's plans with their RAG counts (in parallel); then one for the crosswalk
 * links, provider organisations, indicator definitions and targets (hub) alongside one for
 * practice providers (CCG). Six statements, whatever the locality holds.
 */

type Json = Record<string, unknown>[];

interface Area {
  id: string;
  code: string;
  name: string;
  partnership_id: string | null;
  /** Null when the locality names no partnership, or one the registry lacks. */
  partnership_name: string | null;
  wards: string[];
  /** The keys of the CCG's hubs and the trust's sites placed in the area by postcode, as the hub's link step placed them. */
  gp_hubs: string[];
  sites: string[];
}

/** The keys of one partner table's records the hub's link step placed in locality `l`'s wards (`source_link.ward_gss`). */
const placedKeys = (source: string, table: string): string =>
  `array(SELECT s.native_key FROM locality_ward w JOIN source_link s ON s.ward_gss = w.ward_gss AND s.ward_gss IS NOT NULL
          WHERE w.locality_id = l.id AND s.source = '${source}' AND s.native_table = '${table}')`;

async function readArea(db: FloorDb, counter: Counter, code: string): Promise<Area | undefined> {
  const [area] = await db.query<Area>(
    'hub',
    counter,
    `SELECT l.id, l.code, l.name, l.partnership_id, (SELECT p.name FROM partnership p WHERE p.id = l.partnership_id) AS partnership_name,
            array(SELECT w.ward_gss FROM locality_ward w WHERE w.locality_id = l.id ORDER BY w.ward_gss) AS wards,
            ${placedKeys('ccg', 'gp_hub')} AS gp_hubs, ${placedKeys('trust', 'site')} AS sites
       FROM locality l WHERE l.code = $1`,
    [code.trim().toUpperCase()],
  );
  return area;
}

interface CouncilPart {
  population: { n: number; known: number; sum: number };
  hubs: Json;
  services: Json;
  estates: Json;
  indicators: ValueRow[];
  plans: PlanRow[];
}

async function readCouncil(db: FloorDb, counter: Counter, area: Area, period: string): Promise<CouncilPart> {
  const a = (table: string, alias: string) => db.active('council', table, alias);
  const [row] = await db.query<{ r: CouncilPart }>(
    'council',
    counter,
    `SELECT json_build_object(
       'population', (SELECT json_build_object('n', count(*), 'known', count(population), 'sum', coalesce(sum(population), 0))
                        FROM ward w WHERE w.gss_code = ANY($1) ${a('ward', 'w')}),
       'hubs', coalesce((SELECT json_agg(json_build_object('key', h.hub_ref, 'name', h.name, 'status', h.status, 'updated_at', h.updated_at))
                           FROM community_hub h WHERE h.ward_gss = ANY($1) ${a('community_hub', 'h')}), '[]'),
       'services', coalesce((SELECT json_agg(json_build_object('key', s.service_ref, 'hub', s.hub_ref, 'name', s.name,
                                'care_setting', s.care_setting, 'provider_code', s.provider_code, 'updated_at', s.updated_at))
                               FROM care_service s JOIN community_hub h ON h.hub_ref = s.hub_ref
                              WHERE h.ward_gss = ANY($1) ${a('community_hub', 'h')} ${a('care_service', 's')}), '[]'),
       'estates', coalesce((SELECT json_agg(json_build_object('key', p.asset_ref, 'name', p.name, 'status', p.status, 'updated_at', p.updated_at))
                              FROM property p WHERE p.ward_gss = ANY($1) ${a('property', 'p')}), '[]'),
       ${latestValuesSql(db, 'council', 2)},
       ${planSummarySql(db, 3, 4)}) AS r`,
    [area.wards, area.code, area.partnership_id, period],
  );
  return row!.r;
}

async function readCcg(db: FloorDb, counter: Counter, area: Area): Promise<{ hubs: Json; services: Json; indicators: ValueRow[] }> {
  const a = (table: string, alias: string) => db.active('ccg', table, alias);
  const [row] = await db.query<{ r: { hubs: Json; services: Json; indicators: ValueRow[] } }>(
    'ccg',
    counter,
    `WITH hubs AS (SELECT h.* FROM gp_hub h WHERE h.hub_code = ANY($1) ${a('gp_hub', 'h')})
     SELECT json_build_object(
       'hubs', coalesce((SELECT json_agg(json_build_object('key', h.hub_code, 'name', h.name, 'status', h.status, 'updated_at', h.updated_at))
                           FROM hubs h), '[]'),
       'services', coalesce((SELECT json_agg(json_build_object('key', s.service_code, 'hub', s.gp_hub_code, 'name', s.name,
                                'care_setting', s.care_setting, 'provider_code', s.provider_ods, 'updated_at', s.updated_at))
                               FROM commissioned_service s JOIN hubs h ON h.hub_code = s.gp_hub_code
                              WHERE TRUE ${a('commissioned_service', 's')}), '[]'),
       ${latestValuesSql(db, 'ccg', 2)}) AS r`,
    [area.gp_hubs, area.code],
  );
  return row!.r;
}

async function readTrust(db: FloorDb, counter: Counter, area: Area): Promise<{ sites: Json; indicators: ValueRow[] }> {
  const [row] = await db.query<{ r: { sites: Json; indicators: ValueRow[] } }>(
    'trust',
    counter,
    `SELECT json_build_object(
       'sites', coalesce((SELECT json_agg(json_build_object('key', s.site_code, 'name', s.name, 'status', s.status, 'updated_at', s.updated_at))
                            FROM site s WHERE s.site_code = ANY($1)
                           ${db.active('trust', 'site', 's')}), '[]'),
       ${latestValuesSql(db, 'trust', 2)}) AS r`,
    [area.sites, area.code],
  );
  return row!.r;
}

interface Read {
  index: RecordIndex;
  hubs: FloorRecord[];
  services: FloorRecord[];
  estates: FloorRecord[];
}

function indexRows(council: CouncilPart, ccg: { hubs: Json; services: Json }, sites: Json): Read {
  const index = new RecordIndex();
  return {
    index,
    hubs: [...index.add('council', 'community_hub', council.hubs), ...index.add('ccg', 'gp_hub', ccg.hubs)],
    services: [...index.add('council', 'care_service', council.services), ...index.add('ccg', 'commissioned_service', ccg.services)],
    estates: [...index.add('council', 'property', council.estates), ...index.add('trust', 'site', sites)],
  };
}

/** A page of entities: present ones only, sorted by local id, each built into a node. */
function entityPage<T>(ids: string[], recordsOf: (id: string) => FloorRecord[], build: (id: string, records: FloorRecord[]) => T) {
  const present = ids.map((id) => ({ id, records: recordsOf(id) })).filter((e) => e.records.length > 0);
  const page = connection(present, (e) => e.id);
  return { totalCount: page.totalCount, nodes: page.nodes.map((e) => build(e.id, e.records)) };
}

interface Assembly {
  read: Read;
  crosswalk: Crosswalk;
  provider: ReturnType<typeof providerLookup>;
  /** Services by the (source, table, key) of the hub row they run from. */
  servicesAt: Map<string, FloorRecord[]>;
}

const serviceNode = (a: Assembly) => (id: string, records: FloorRecord[]) => ({
  id: globalId('Service', id),
  name: pick(records, 'name'),
  careSetting: pick(records, 'care_setting'),
  provider: a.provider(pick(records, 'provider_code')),
});

const hubNode = (a: Assembly) => (id: string, records: FloorRecord[]) => ({
  id: globalId('Hub', id),
  name: pick(records, 'name'),
  kinds: [...new Set(records.map((r) => (r.source === 'ccg' ? 'GP_HUB' : 'COMMUNITY_HUB')))].sort(),
  status: pick(records, 'status'),
  services: entityPage(
    a.crosswalk.entityIds(
      'SERVICE',
      records.flatMap((r) => a.servicesAt.get(recordRowKey(r)) ?? []),
    ),
    (sid) => a.crosswalk.recordsOf('SERVICE', sid, a.read.index),
    serviceNode(a),
  ),
});

/** Disposal plans are for partners: the public (Q1 is asked anonymously) gets null. */
const DISPOSAL_STATUSES: ReadonlySet<string | null> = new Set(['SURPLUS', 'PLANNED_DISPOSAL', 'LAND_SWAP']);

const estateNode = (id: string, records: FloorRecord[]) => ({
  id: globalId('Estate', id),
  name: pick(records, 'name'),
  odsSiteCodes: [...new Set(records.filter((r) => r.source === 'trust').map((r) => r.key))].sort(),
  status: DISPOSAL_STATUSES.has(pick(records, 'status')) ? null : pick(records, 'status'),
  // A record's source is its configured source's id, which the scale dataset's sources share with their databases.
  sources: records.map((r) => ({ source: r.source, table: r.table, nativeKey: r.key })),
});

/** The hub's rule: null unless every ward of the locality is known and has a population. */
function population(area: Area, council: CouncilPart): number | null {
  const p = council.population;
  return p.n === 0 || p.n < area.wards.length || p.known < p.n ? null : p.sum;
}

function assemble(area: Area, council: CouncilPart, read: Read, crosswalk: Crosswalk, provider: ReturnType<typeof providerLookup>) {
  const servicesAt = new Map<string, FloorRecord[]>();
  for (const s of read.services) servicesAt.set(placeOf(s)!, [...(servicesAt.get(placeOf(s)!) ?? []), s]);
  const a: Assembly = { read, crosswalk, provider, servicesAt };
  return {
    code: area.code,
    name: area.name,
    population: population(area, council),
    hubs: entityPage(crosswalk.entityIds('HUB', read.hubs), (id) => crosswalk.recordsOf('HUB', id, read.index), hubNode(a)),
    estates: entityPage(crosswalk.entityIds('ESTATE', read.estates), (id) => crosswalk.recordsOf('ESTATE', id, read.index), estateNode),
  };
}

interface Outcomes {
  values: Record<Source, ValueRow[]>;
  definitions: Definition[];
  targets: TargetRow[];
  period: string;
}

/** The locality's indicators and its partnership's plans, as Q1 asks for them. */
function outcomesOf(area: Area, council: CouncilPart, o: Outcomes) {
  return {
    indicators: indicatorSeries(o.values, o.definitions, o.targets),
    partnership:
      area.partnership_name === null ? null : { name: area.partnership_name, deliveryPlans: deliveryPlans(council.plans, o.period) },
  };
}

export async function floorQ1(db: FloorDb, counter: Counter, variables: { code: string; period: string }) {
  const area = await readArea(db, counter, variables.code);
  if (!area) return { data: { locality: null }, missing: 0 };
  const period = variables.period.trim();
  const [council, ccg, trust] = await Promise.all([
    readCouncil(db, counter, area, period),
    readCcg(db, counter, area),
    readTrust(db, counter, area),
  ]);
  const read = indexRows(council, ccg, trust.sites);
  const codes = read.services.map((s) => s.provider_code).filter((c): c is string => typeof c === 'string');
  const refs = [
    ...read.hubs.map((record) => ({ kind: 'HUB' as const, record })),
    ...read.services.map((record) => ({ kind: 'SERVICE' as const, record })),
    ...read.estates.map((record) => ({ kind: 'ESTATE' as const, record })),
  ];
  const values = { ccg: ccg.indicators, council: council.indicators, trust: trust.indicators };
  const series = seriesFound(values);
  const [hub, practices] = await Promise.all([
    linksAndOrganisations<{ indicators: Definition[]; targets: TargetRow[] }>(db, counter, refs, codes, {
      select: definitionsSql(6),
      params: [series.sources, series.codes, area.code],
    }),
    readPractices(
      db,
      counter,
      codes.filter((c) => PRACTICE_ODS.test(c)),
    ),
  ]);
  const crosswalk = new Crosswalk(hub.links);
  const locality = {
    ...assemble(area, council, read, crosswalk, providerLookup(hub.organisations, practices)),
    ...outcomesOf(area, council, { values, definitions: hub.indicators ?? [], targets: hub.targets ?? [], period }),
  };
  return { data: { locality }, missing: crosswalk.missing };
}
