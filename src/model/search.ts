import DataLoader from 'dataloader';
import {
  compareTuples,
  connectionFromOrdered,
  decodeCursor,
  readPage,
  type Connection,
  type Direction,
  type PageArgs,
  type SortTuple,
} from '../graphql/connection';
import type { SourceLoaders } from '../loaders';
import { batchOptions, loadFlat } from '../loaders/batch';
import type { HubContext } from '../server/context';
import { badUserInput, notFound } from '../server/errors';
import type { KeyedServicePage } from '../sources/adapter';
import { ragLeadKey } from '../sources/capabilities';
import { linkKey } from '../sources/hub/loaders';
import type { SourceLinkRow } from '../sources/hub/rows';
import type { ServicePageQuery } from '../sources/serviceSearch';
import type { PartnerSource } from '../sources/registry';
import { sqlOf } from '../db/sql';
import { entityIdsFor } from './entities';
import { codesOf, organisationForCode } from './lookups';
import { loadAvailable, orMissing, orNone } from './partial';
import { mayReadFrom } from '../auth/policy';
import { estateRecordsFor } from '../auth/records';
import { estateView, serviceView } from './merge';
import { requirePeriod } from './periods';
import type { RagName } from './plans';
import type { EstateModel, NativeRef, OrganisationKind, OrganisationModel, ServiceModel } from './types';

/**
 * Filters that reach across sources. A condition on a related object in another source is
 * first turned into keys in that source (e.g. "providers leading a Red action this period"
 * → their ODS codes, from the council's plan tracker), then pushed into each source's own
 * query (`= ANY($1)`). Only the matching rows are loaded; the exact condition is then
 * checked on the merged entity, so a superset from one source never leaks through.
 */

export interface OrganisationFilterInput {
  kinds?: readonly OrganisationKind[] | null;
  codes?: readonly string[] | null;
  hasActionWithRag?: { rag: RagName; period: string } | null;
}

export interface ServiceFilterInput {
  careSettings?: readonly string[] | null;
  codes?: readonly string[] | null;
  localityCode?: string | null;
  nameContains?: string | null;
  provider?: OrganisationFilterInput | null;
}

export interface EstateFilterInput {
  statuses?: readonly string[] | null;
  codes?: readonly string[] | null;
  localityCode?: string | null;
  owner?: OrganisationFilterInput | null;
  hostsServiceOf?: OrganisationFilterInput | null;
}

export interface ServiceCriteria {
  careSettings: string[] | null;
  providerCodes: string[] | null;
  codes: string[] | null;
  nameContains: string | null;
}

export interface EstateCriteria {
  statuses: string[] | null;
  codes: string[] | null;
  ownerCodes: string[] | null;
  hostCodes: string[] | null;
}

const normalised = (codes: readonly string[] | null | undefined): string[] | null =>
  codes == null ? null : codes.map((c) => c.trim().toUpperCase());

/** Per request: every code of the organisations of each kind (the registry's, and those sources hold, such as a CCG's practices). */
export function createSearchLoaders(loaders: SourceLoaders) {
  return {
    codesByKind: new DataLoader<OrganisationKind, string[]>(
      async (kinds) => {
        const registered = await loaders.hub.organisationsByKind.loadMany(kinds);
        const held = kinds.filter((kind) => loaders.partners.some((p) => p.adapter.organisations?.kind === kind));
        const codesHeld = new Map(
          await Promise.all(
            held.map(async (kind) => [kind, await orNone(loaders.across('organisations').codesOfKind.load(kind))] as const),
          ),
        );
        return kinds.map((kind, i) => {
          const orgs = registered[i];
          if (orgs instanceof Error) throw orgs;
          return [...orgs!.flatMap(codesOf), ...(codesHeld.get(kind) ?? [])];
        });
      },
      { name: 'search.codesByKind', ...batchOptions() },
    ),
  };
}

/** The codes of the organisations a filter matches; null when there is no filter. */
export async function organisationCodes(
  ctx: HubContext,
  filter: OrganisationFilterInput | null | undefined,
  argumentName: string,
): Promise<string[] | null> {
  if (!filter) return null;
  const sets: Set<string>[] = [];
  const codes = normalised(filter.codes);
  if (codes) {
    const found = await Promise.all(codes.map((c) => organisationForCode(ctx.loaders, c)));
    const unknown = codes.filter((_, i) => !found[i]);
    if (unknown.length) throw notFound(`${argumentName}.codes`, `No organisation has code(s) ${unknown.map((c) => `"${c}"`).join(', ')}.`);
    sets.push(new Set(found.flatMap((o) => (o ? codesOf(o) : []))));
  }
  if (filter.kinds) sets.push(new Set(await loadFlat(ctx.loaders.search.codesByKind, filter.kinds)));
  if (filter.hasActionWithRag) {
    const { rag, period } = filter.hasActionWithRag;
    const p = requirePeriod(period, `${argumentName}.hasActionWithRag.period`).text;
    sets.push(new Set(await ctx.loaders.across('plans').leadCodesWithRag.load(ragLeadKey(rag, p))));
  }
  const [first, ...rest] = sets;
  return first ? [...first].filter((c) => rest.every((s) => s.has(c))) : null;
}

async function requireLocality(ctx: HubContext, code: string) {
  const locality = await ctx.loaders.hub.localityByCode.load(code.trim().toUpperCase());
  if (!locality) throw notFound('filter.localityCode', `No locality has code "${code}".`);
  return locality;
}

function requireNonEmpty(list: readonly unknown[] | null | undefined, argumentName: string): void {
  if (list && list.length === 0) throw badUserInput(argumentName, `"${argumentName}" is an empty list: leave it out to match everything.`);
}

/** Every service of a locality: placed in it directly, or run from one of its hubs. */
export const servicesInLocality = (ctx: HubContext, localityId: string): Promise<ServiceModel[]> =>
  ctx.loaders.relations.servicesOfLocality.load(localityId);

function serviceCriteria(filter: ServiceFilterInput, providerCodes: string[] | null): ServiceCriteria {
  return {
    careSettings: filter.careSettings ? [...filter.careSettings] : null,
    providerCodes,
    codes: normalised(filter.codes),
    nameContains: filter.nameContains ?? null,
  };
}

/** The columns of a pushed-down service search: enough to match, order and page a record. */
export interface ServiceHitRow {
  key: string;
  name: string | null;
  care_setting: string | null;
  provider_code: string | null;
}

/** What matching and ordering read of a service: its merged view's fields and its records' keys. */
export interface MatchView {
  name: string;
  careSetting: string;
  providerCode: string | null;
  keys: string[];
}

/**
 * A service that matched, with the fields its order can be by. `model` is the full entity
 * when it was built anyway (relations load them in full, and entities with several records
 * are merged to be matched); otherwise the page builds it (`fullServices`).
 */
export interface ServiceCandidate {
  id: string;
  view: MatchView;
  model: ServiceModel | null;
}

/** The services a filter matched: `pageServices` orders them and builds only its page. */
export interface FoundServices {
  /** Every match, in no order. */
  candidates(): Promise<ServiceCandidate[]>;
  /**
   * Reads a page in name order from the sources a page at a time (the root list; null for a
   * relation's own). It resolves to null when it cannot be sure the page is exact: then
   * `candidates` are ordered in memory.
   */
  pageByName: ((direction: Direction, args: PageArgs) => Promise<Connection<ServiceCandidate> | null>) | null;
}

const listed = (candidates: ServiceCandidate[]): FoundServices => ({ candidates: async () => candidates, pageByName: null });

function viewOf(service: ServiceModel): MatchView {
  const { name, careSetting, providerCode } = serviceView(service);
  return { name, careSetting, providerCode, keys: service.records.map((r) => r.ref.key) };
}

const loaded = (model: ServiceModel): ServiceCandidate => ({ id: model.id, view: viewOf(model), model });

interface Hit {
  ref: NativeRef;
  row: ServiceHitRow;
}

async function searchHits(ctx: HubContext, criteria: ServiceCriteria): Promise<Hit[]> {
  const perSource = await Promise.all(
    ctx.loaders.partners.map(async ({ adapter: { source, serviceSearch } }) => {
      if (!serviceSearch) return [];
      const rows = await orNone(serviceSearch.search(sqlOf(ctx.sql, source), criteria));
      return rows.map((row): Hit => ({ ref: { source, table: serviceSearch.table, key: row.key }, row }));
    }),
  );
  return perSource.flat();
}

/**
 * A record that is its entity's only one is the whole entity: the merge of one record is
 * that record, so its search columns are the merged view. A null name or care setting is
 * left to the full entity, whose view reports it.
 */
const soleRecordView = (row: ServiceHitRow): MatchView | null =>
  row.name === null || row.care_setting === null
    ? null
    : { name: row.name, careSetting: row.care_setting, providerCode: row.provider_code, keys: [row.key] };

/**
 * Candidates from the sources, with the filter pushed down. Only the search columns are
 * read; the crosswalk statement that finds each record's entity also returns all of the
 * entity's links, so entities of a single record are matched on the row alone and only
 * those with several records are assembled and merged here.
 */
async function pushedDownServices(ctx: HubContext, criteria: ServiceCriteria): Promise<ServiceCandidate[]> {
  const hits = await searchHits(ctx, criteria);
  const crosswalk = ctx.loaders.hub.crosswalk.SERVICE;
  const ids = await crosswalk.entityByNative.loadMany(hits.map((h) => linkKey('SERVICE', h.ref.source, h.ref.table, h.ref.key)));
  const hitOf = new Map<string, Hit>();
  ids.forEach((id, i) => {
    if (id instanceof Error) throw id;
    if (id !== null && !hitOf.has(id)) hitOf.set(id, hits[i]!);
  });
  const entityIds = [...hitOf.keys()];
  const links = await crosswalk.linksByEntity.loadMany(entityIds); // primed by entityByNative: no statement
  const byId = new Map<string, ServiceCandidate>();
  entityIds.forEach((id, i) => {
    const entityLinks = links[i];
    if (entityLinks instanceof Error) throw entityLinks;
    const view = entityLinks!.length === 1 ? soleRecordView(hitOf.get(id)!.row) : null;
    if (view) byId.set(id, { id, view, model: null });
  });
  const merged = await loadAvailable(
    ctx.loaders.entities.serviceById,
    entityIds.filter((id) => !byId.has(id)),
  );
  for (const model of merged) byId.set(model.id, loaded(model));
  // First-seen order, as before; an entity whose records have all gone is left out.
  return entityIds.flatMap((id) => byId.get(id) ?? []);
}

function serviceMatches(view: MatchView, c: ServiceCriteria): boolean {
  if (c.careSettings && !c.careSettings.includes(view.careSetting)) return false;
  if (c.providerCodes && !(view.providerCode && c.providerCodes.includes(view.providerCode))) return false;
  if (c.nameContains && !view.name.toLowerCase().includes(c.nameContains.toLowerCase())) return false;
  if (c.codes) {
    const own = [...view.keys.map((key) => key.toUpperCase()), view.providerCode ?? ''];
    if (!own.some((code) => c.codes!.includes(code))) return false;
  }
  return true;
}

/*
 * A page in name order, read a page at a time (`pageByName`). The hub orders services by
 * `[lower(merged name), entity id]`. Every record that is its entity's only one and whose
 * entity id is the link step's implicit `source.table.key` (all but the few the crosswalk
 * links explicitly) sorts by its own name and that id, which its source can compute: each
 * source returns the first `size + 1` such rows after the cursor ("plain" rows: see
 * ../sources/serviceSearch.ts), all the rows it cannot order as JavaScript does ("odd"),
 * and which explicitly linked records match. Entities of explicit links are merged and
 * ordered here, as in memory. The page is exact up to the last row of any source that
 * filled its `size + 1`; when fewer than `size + 1` services lie before that (a plain row
 * was not linked yet), or the crosswalk changed under the search, it returns null and the
 * caller orders every candidate in memory instead.
 *
 * `totalCount` keeps the in-memory count: distinct linked entities with a matching record
 * and a matching merged view. Plain records are each their own entity, so they count once
 * each if linked: the crosswalk counts their keys (one statement; the keys pass through
 * as JSON text). Odd records and explicit entities are counted here.
 */

interface PagedSource {
  source: NativeRef['source'];
  table: string;
  /** Reads a page and primes the source's record loader with its rows: building them costs no statement. */
  read(ctx: HubContext, query: ServicePageQuery): Promise<SourcePage>;
}

interface SourcePage extends KeyedServicePage {
  source: NativeRef['source'];
  table: string;
}

const NO_PAGE: KeyedServicePage = { page: [], odd: [], plainKeysJson: '[]', sharedMatches: [] };

/** The configured sources that page their services themselves. */
const pagedSources = (partners: readonly PartnerSource[]): PagedSource[] =>
  partners.flatMap(({ adapter: { source, serviceSearch } }): PagedSource[] =>
    serviceSearch
      ? [
          {
            source,
            table: serviceSearch.table,
            // An unavailable source adds no rows to the page (its error goes with the answer).
            read: async (ctx, query) => ({
              ...((await orMissing(serviceSearch.page(sqlOf(ctx.sql, source), ctx.loaders, query))) ?? NO_PAGE),
              source,
              table: serviceSearch.table,
            }),
          },
        ]
      : [],
  );

const nameTuple = (c: ServiceCandidate): SortTuple => [c.view.name.toLowerCase(), c.id];
const sameTuple = (a: SortTuple, b: SortTuple): boolean => a[0] === b[0] && a[1] === b[1];
const serviceLinkKey = (source: string, table: string, key: string): string => linkKey('SERVICE', source, table, key);

/** The `[name, id]` of a cursor; undefined when it holds something else (the in-memory page reports that). */
function nameCursor(after: string | null | undefined): SortTuple | null | undefined {
  if (after == null) return null;
  const key = decodeCursor(after);
  try {
    const tuple: unknown = JSON.parse(key);
    if (Array.isArray(tuple) && tuple.length === 2 && (tuple[0] === null || typeof tuple[0] === 'string') && typeof tuple[1] === 'string') {
      return [tuple[0], tuple[1]];
    }
  } catch {
    // not JSON: left to the in-memory page
  }
  return undefined;
}

/** Each source's page, the explicitly linked records set aside first. */
async function readPages(ctx: HubContext, query: Omit<ServicePageQuery, 'shared'>) {
  const shared = await ctx.loaders.hub.crosswalk.SERVICE.sharedLinks.load('all');
  const sharedKeys = (s: PagedSource) => shared.filter((l) => l.source === s.source && l.native_table === s.table).map((l) => l.native_key);
  const pages = await Promise.all(pagedSources(ctx.loaders.partners).map((s) => s.read(ctx, { ...query, shared: sharedKeys(s) })));
  return { shared, pages };
}

/**
 * The entities of the plain and odd rows, with the `[name, id]` each plain row was ordered
 * by; unlinked rows have none. Null if one is no longer its own record's only entity, or
 * a plain one not under that `[name, id]`: the crosswalk changed under the search.
 */
async function ownEntities(ctx: HubContext, pages: readonly SourcePage[]) {
  const crosswalk = ctx.loaders.hub.crosswalk.SERVICE;
  const rows = pages.flatMap((p) => {
    const row = (key: string, tuple: SortTuple | null) => ({ link: serviceLinkKey(p.source, p.table, key), tuple });
    return [...p.page.map((r) => row(r.key, r.tuple)), ...p.odd.map((key) => row(key, null))];
  });
  const ids = await crosswalk.entityByNative.loadMany(rows.map((r) => r.link));
  const linked = rows.flatMap((row, i) => {
    const id = ids[i];
    if (id instanceof Error) throw id;
    return typeof id === 'string' ? [{ ...row, id }] : [];
  });
  const links = await crosswalk.linksByEntity.loadMany(linked.map((r) => r.id)); // primed: no statement
  if (links.some((l) => l instanceof Error || l.length !== 1)) return null;
  const models = await loadAvailable(
    ctx.loaders.entities.serviceById,
    linked.map((r) => r.id),
  );
  if (models.length !== linked.length) return null;
  const own = linked.map((row, i) => ({ tuple: row.tuple, candidate: loaded(models[i]!) }));
  return own.every((o) => o.tuple === null || sameTuple(o.tuple, nameTuple(o.candidate))) ? own : null;
}

/** The entities of explicit links with a matching record, merged. */
async function sharedEntities(
  ctx: HubContext,
  pages: readonly SourcePage[],
  shared: readonly SourceLinkRow[],
): Promise<ServiceCandidate[]> {
  const entityOf = new Map(shared.map((l) => [serviceLinkKey(l.source, l.native_table, l.native_key), l.entity_id]));
  const ids = pages.flatMap((p) => p.sharedMatches.map((key) => entityOf.get(serviceLinkKey(p.source, p.table, key))!));
  return (await loadAvailable(ctx.loaders.entities.serviceById, [...new Set(ids)])).map(loaded);
}

/** The last `[name, id]` up to which every source's plain rows are all known; null when each returned all of them. */
function horizon(pages: readonly SourcePage[], limit: number, direction: Direction): SortTuple | null {
  const later = (a: SortTuple, b: SortTuple) => (compareTuples(a, b, direction) > 0 ? a : b);
  const ends = pages.filter((p) => p.page.length === limit).map((p) => p.page.map((r) => r.tuple).reduce(later));
  return ends.length === 0 ? null : ends.reduce((a, b) => (later(a, b) === a ? b : a));
}

async function pageByName(
  ctx: HubContext,
  criteria: ServiceCriteria,
  direction: Direction,
  args: PageArgs,
): Promise<Connection<ServiceCandidate> | null> {
  const limit = readPage(args, ctx.limits).size + 1;
  const after = nameCursor(args.after);
  if (after === undefined) return null;
  const needle = criteria.nameContains ? criteria.nameContains.toLowerCase() : null;
  const { shared, pages } = await readPages(ctx, { criteria, needle, direction, after, limit });
  const [plainLinked, own, merged] = await Promise.all([
    ctx.loaders.hub.crosswalk.SERVICE.countLinked(pages.map((p) => ({ source: p.source, table: p.table, keysJson: p.plainKeysJson }))),
    ownEntities(ctx, pages),
    sharedEntities(ctx, pages, shared),
  ]);
  if (own === null) return null;
  const plain = own.filter((o) => o.tuple !== null).map((o) => o.candidate);
  // The source applied this very check to plain rows (and counted them by it): a row failing it here means they disagree.
  if (!plain.every((c) => serviceMatches(c.view, criteria))) return null;
  const others = [...own.filter((o) => o.tuple === null).map((o) => o.candidate), ...merged].filter((c) =>
    serviceMatches(c.view, criteria),
  );
  const end = horizon(pages, limit, direction);
  const known = [...plain, ...others].filter((c) => end === null || compareTuples(nameTuple(c), end, direction) <= 0);
  const ahead = known.filter((c) => after === null || compareTuples(nameTuple(c), after, direction) > 0);
  if (end !== null && ahead.length < limit) return null;
  return { ...connectionFromOrdered(known, nameTuple, direction, args, ctx.limits), totalCount: plainLinked + others.length };
}

/**
 * Services matching a filter. `within` is the relation's own list (a locality's, a hub's);
 * without it, the sources are searched with the filter pushed down.
 */
export async function findServices(
  ctx: HubContext,
  filter: ServiceFilterInput | null | undefined,
  within?: () => Promise<ServiceModel[]>,
): Promise<FoundServices> {
  const f = filter ?? {};
  requireNonEmpty(f.careSettings, 'filter.careSettings');
  requireNonEmpty(f.codes, 'filter.codes');
  const providerCodes = await organisationCodes(ctx, f.provider, 'filter.provider');
  if (providerCodes && providerCodes.length === 0) return listed([]);
  const criteria = serviceCriteria(f, providerCodes);
  const locality = f.localityCode != null ? await requireLocality(ctx, f.localityCode) : null;
  const matching = (candidates: ServiceCandidate[]) => candidates.filter((s) => serviceMatches(s.view, criteria));
  if (within) {
    let candidates = (await within()).map(loaded);
    if (locality) {
      const inLocality = new Set((await servicesInLocality(ctx, locality.id)).map((s) => s.id));
      candidates = candidates.filter((s) => inLocality.has(s.id));
    }
    return listed(matching(candidates));
  }
  if (locality) return listed(matching((await servicesInLocality(ctx, locality.id)).map(loaded)));
  return {
    candidates: async () => matching(await pushedDownServices(ctx, criteria)),
    pageByName: (direction, args) => pageByName(ctx, criteria, direction, args),
  };
}

/** The full entities of candidates (a page of them), in their order: one batch per source. */
export async function fullServices(ctx: HubContext, candidates: readonly ServiceCandidate[]): Promise<ServiceModel[]> {
  const missing = candidates.filter((c) => c.model === null).map((c) => c.id);
  const fetched = await ctx.loaders.entities.serviceById.loadMany(missing);
  const byId = new Map(missing.map((id, i) => [id, fetched[i]]));
  return candidates.map((c) => {
    const model = c.model ?? byId.get(c.id);
    if (model instanceof Error) throw model;
    // Matched a moment ago; only a partner withdrawing the row in between would lose it.
    if (!model) throw new Error(`Service ${c.id} has no records left in its sources`);
    return model;
  });
}

/**
 * A status filter is pushed down only to sources whose disposal plans the caller reads: from
 * the others a record's status, as the caller sees it, may be its last public one rather than
 * the one stored, so their candidates are all read and matched on the caller's view.
 */
const statusesAsSeen = (ctx: HubContext, source: string, criteria: EstateCriteria): EstateCriteria =>
  criteria.statuses && !mayReadFrom(ctx, 'ESTATE_DISPOSAL', [source]) ? { ...criteria, statuses: null } : criteria;

/** The estates whose records match in their own sources; `hostingOnly` asks only sources that record where services run. */
async function estatesByCriteria(ctx: HubContext, criteria: EstateCriteria, hostingOnly: boolean): Promise<string[]> {
  const perSource = await Promise.all(
    ctx.loaders.partners.map(({ adapter: { source, estateSearch } }) =>
      estateSearch && (!hostingOnly || estateSearch.hosting)
        ? orNone(estateSearch.search(sqlOf(ctx.sql, source), ctx.loaders, statusesAsSeen(ctx, source, criteria)))
        : Promise.resolve([]),
    ),
  );
  return entityIdsFor('ESTATE', ctx.loaders, perSource.flat());
}

/** Candidate estates from the sources: each cross-source condition pushed down on its own, intersected. */
async function pushedDownEstates(ctx: HubContext, base: EstateCriteria): Promise<EstateModel[]> {
  const plain = { ...base, ownerCodes: null, hostCodes: null };
  const lookups: Promise<string[]>[] = [];
  if (base.ownerCodes) lookups.push(estatesByCriteria(ctx, { ...plain, ownerCodes: base.ownerCodes }, false));
  if (base.hostCodes) lookups.push(estatesByCriteria(ctx, { ...plain, hostCodes: base.hostCodes }, true));
  if (lookups.length === 0) lookups.push(estatesByCriteria(ctx, plain, false));
  const [first, ...rest] = (await Promise.all(lookups)).map((ids) => new Set(ids));
  const ids = [...first!].filter((id) => rest.every((s) => s.has(id)));
  return loadAvailable(ctx.loaders.entities.estateById, ids);
}

async function hostsAny(ctx: HubContext, estate: EstateModel, hostCodes: string[]): Promise<boolean> {
  const refs = estate.records.map((r) => r.ref);
  const answers = await Promise.all(
    ctx.loaders.partners.map(({ adapter: { estateSearch } }) =>
      estateSearch?.hosting ? orNone(estateSearch.hosting(ctx.loaders, refs, hostCodes).then((hosts) => [hosts])) : Promise.resolve([]),
    ),
  );
  return answers.flat().some(Boolean);
}

async function estateMatches(ctx: HubContext, estate: EstateModel, c: EstateCriteria): Promise<boolean> {
  // The caller's view: a filter on a value withheld from it answers as if the value were unknown.
  const view = estateView(estate, estateRecordsFor(ctx));
  if (c.statuses && !(view.status && c.statuses.includes(view.status))) return false;
  if (c.ownerCodes && !(view.ownerCode && c.ownerCodes.includes(view.ownerCode))) return false;
  if (c.codes) {
    const own = [...estate.records.map((r) => r.ref.key.toUpperCase()), view.uprn ?? '', ...view.odsSiteCodes];
    if (!own.some((code) => c.codes!.includes(code))) return false;
  }
  return c.hostCodes ? hostsAny(ctx, estate, c.hostCodes) : true;
}

export async function findEstates(
  ctx: HubContext,
  filter: EstateFilterInput | null | undefined,
  within?: () => Promise<EstateModel[]>,
): Promise<EstateModel[]> {
  const f = filter ?? {};
  requireNonEmpty(f.statuses, 'filter.statuses');
  requireNonEmpty(f.codes, 'filter.codes');
  const [ownerCodes, hostCodes] = await Promise.all([
    organisationCodes(ctx, f.owner, 'filter.owner'),
    organisationCodes(ctx, f.hostsServiceOf, 'filter.hostsServiceOf'),
  ]);
  if (ownerCodes?.length === 0 || hostCodes?.length === 0) return [];
  const criteria: EstateCriteria = { statuses: f.statuses ? [...f.statuses] : null, codes: normalised(f.codes), ownerCodes, hostCodes };
  const locality = f.localityCode != null ? await requireLocality(ctx, f.localityCode) : null;
  let candidates: EstateModel[];
  if (within) candidates = await within();
  else if (locality) candidates = await estatesInLocality(ctx, locality.id);
  else candidates = await pushedDownEstates(ctx, criteria);
  if (locality && within) {
    const inLocality = new Set((await estatesInLocality(ctx, locality.id)).map((e) => e.id));
    candidates = candidates.filter((e) => inLocality.has(e.id));
  }
  const keep = await Promise.all(candidates.map((e) => estateMatches(ctx, e, criteria)));
  return candidates.filter((_, i) => keep[i]);
}

export const estatesInLocality = (ctx: HubContext, localityId: string): Promise<EstateModel[]> =>
  ctx.loaders.relations.estatesOfLocality.load(localityId);
