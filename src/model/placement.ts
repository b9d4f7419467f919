import DataLoader from 'dataloader';
import type { SourceLoaders } from '../loaders';
import { batchOptions, groupByKeys, loadFlat, loadPresent } from '../loaders/batch';
import { CCG_TABLES } from '../sources/ccg/mapper';
import { COUNCIL_TABLES } from '../sources/council/mapper';
import type { Placed, PostcodeArea } from '../sources/shared/postcodeArea';
import { TRUST_TABLES } from '../sources/trust/mapper';
import { orNone } from './partial';
import type { NativeRef } from './types';

/**
 * Which partner records lie in a locality. Councils place their rows by ward (GSS code);
 * the CCG and trusts only hold postcodes, so the hub turns the wards into their postcodes
 * (ONS/OS lookup in its registry) and sends them to those sources as one area value.
 * Every placement loader is keyed by ward, so a page of localities costs one statement per
 * partner table however many postcodes its wards hold. Rows found here prime the by-key
 * loaders, so assembling the entities costs no re-read. Each source's part is read through
 * `orNone`: an unavailable partner leaves its rows out and the others' in.
 */

export interface LocalityArea {
  wards: string[];
}

export async function localityArea(loaders: SourceLoaders, localityId: string): Promise<LocalityArea> {
  return { wards: (await loaders.hub.wardsByLocality.load(localityId)).map((w) => w.ward_gss) };
}

/** A loader of a postcode-placed partner table by ward: one hub statement for the postcodes, one partner statement. */
function byWard<R>(loaders: SourceLoaders, name: string, fetch: (area: PostcodeArea) => Promise<Placed<R>[]>): DataLoader<string, R[]> {
  return new DataLoader<string, R[]>(
    async (wards) => {
      const area = (await loadPresent(loaders.hub.postcodeLinesByWard, wards)).map((w) => w.lines).join('\n');
      const rows = area ? await fetch(area) : [];
      return groupByKeys(wards, rows, (r) => r.placed_in_ward).map((group) => group.map(unplaced));
    },
    { name, ...batchOptions() },
  );
}

function unplaced<R>(row: Placed<R>): R {
  const { placed_in_ward: _ward, ...rest } = row;
  return rest as R; // the partner's own row, as its by-key loader would read it
}

export function createPlacementLoaders(loaders: SourceLoaders) {
  return {
    gpHubsByWard: byWard(loaders, 'placement.gpHubsByWard', loaders.ccg.gpHubsInArea),
    ccgServicesByWard: byWard(loaders, 'placement.ccgServicesByWard', loaders.ccg.servicesInArea),
    sitesByWard: byWard(loaders, 'placement.sitesByWard', loaders.trust.sitesInArea),
  };
}

export type PlacementLoaders = ReturnType<typeof createPlacementLoaders>;

export async function estateRefsIn(loaders: SourceLoaders, placed: PlacementLoaders, area: LocalityArea): Promise<NativeRef[]> {
  const [properties, sites] = await Promise.all([
    orNone(loadFlat(loaders.council.propertiesByWard, area.wards)),
    orNone(loadFlat(placed.sitesByWard, area.wards)),
  ]);
  for (const p of properties) loaders.council.propertyByRef.prime(p.asset_ref, p);
  for (const s of sites) loaders.trust.siteByCode.prime(s.site_code, s);
  return [
    ...properties.map((p): NativeRef => ({ source: 'council', table: COUNCIL_TABLES.property, key: p.asset_ref })),
    ...sites.map((s): NativeRef => ({ source: 'trust', table: TRUST_TABLES.site, key: s.site_code })),
  ];
}

export async function hubRefsIn(loaders: SourceLoaders, placed: PlacementLoaders, area: LocalityArea): Promise<NativeRef[]> {
  const [communityHubs, gpHubs] = await Promise.all([
    orNone(loadFlat(loaders.council.communityHubsByWard, area.wards)),
    orNone(loadFlat(placed.gpHubsByWard, area.wards)),
  ]);
  for (const h of communityHubs) loaders.council.communityHubByRef.prime(h.hub_ref, h);
  for (const h of gpHubs) loaders.ccg.gpHubByCode.prime(h.hub_code, h);
  return [
    ...communityHubs.map((h): NativeRef => ({ source: 'council', table: COUNCIL_TABLES.communityHub, key: h.hub_ref })),
    ...gpHubs.map((h): NativeRef => ({ source: 'ccg', table: CCG_TABLES.gpHub, key: h.hub_code })),
  ];
}

/** Services placed directly in the area (by ward or postcode) or run from a site in it. */
export async function serviceRefsIn(loaders: SourceLoaders, placed: PlacementLoaders, area: LocalityArea): Promise<NativeRef[]> {
  const [careServices, ccgServices, sites] = await Promise.all([
    orNone(loadFlat(loaders.council.careServicesByWard, area.wards)),
    orNone(loadFlat(placed.ccgServicesByWard, area.wards)),
    orNone(loadFlat(placed.sitesByWard, area.wards)),
  ]);
  for (const s of sites) loaders.trust.siteByCode.prime(s.site_code, s);
  const serviceLines = await orNone(loadFlat(loaders.trust.serviceLinesBySite, sites.map((s) => s.site_code)));
  return primedServiceRefs(loaders, { careServices, ccgServices, serviceLines });
}

/** Services run from the given partner records of hubs or estates. */
export async function serviceRefsAt(loaders: SourceLoaders, places: readonly NativeRef[]): Promise<NativeRef[]> {
  const keysOf = (source: string, table: string) =>
    places.filter((p) => p.source === source && p.table === table).map((p) => p.key);
  const [ccgServices, careServices, serviceLines] = await Promise.all([
    orNone(loadFlat(loaders.ccg.servicesByHub, keysOf('ccg', CCG_TABLES.gpHub))),
    orNone(loadFlat(loaders.council.careServicesByHub, keysOf('council', COUNCIL_TABLES.communityHub))),
    orNone(loadFlat(loaders.trust.serviceLinesBySite, keysOf('trust', TRUST_TABLES.site))),
  ]);
  return primedServiceRefs(loaders, { careServices, ccgServices, serviceLines });
}

function primedServiceRefs(
  loaders: SourceLoaders,
  found: {
    careServices: Awaited<ReturnType<SourceLoaders['council']['careServiceByRef']['load']>>[];
    ccgServices: Awaited<ReturnType<SourceLoaders['ccg']['serviceByCode']['load']>>[];
    serviceLines: Awaited<ReturnType<SourceLoaders['trust']['serviceLineById']['load']>>[];
  },
): NativeRef[] {
  const refs: NativeRef[] = [];
  for (const s of found.careServices) {
    if (!s) continue;
    loaders.council.careServiceByRef.prime(s.service_ref, s);
    refs.push({ source: 'council', table: COUNCIL_TABLES.careService, key: s.service_ref });
  }
  for (const s of found.ccgServices) {
    if (!s) continue;
    loaders.ccg.serviceByCode.prime(s.service_code, s);
    refs.push({ source: 'ccg', table: CCG_TABLES.service, key: s.service_code });
  }
  for (const s of found.serviceLines) {
    if (!s) continue;
    loaders.trust.serviceLineById.prime(s.service_line_id, s);
    refs.push({ source: 'trust', table: TRUST_TABLES.serviceLine, key: s.service_line_id });
  }
  return refs;
}
