import { keepSource } from '../../db/rowSource';
import type { SourceLoaders } from '../../loaders';
import { loadFlat, loadPresent } from '../../loaders/batch';
import type { NativeRef } from '../../model/types';
import { recordTable, type PlacementScope, type ServiceSearch } from '../adapter';
import { defineSourceKind } from '../kind';
import { searchServiceTable, type ServiceTable } from '../serviceSearch';
import { createVoluntaryLoaders, type VoluntaryLoaders } from './loaders';
import { serviceToRecord, VOLUNTARY_KIND, VOLUNTARY_TABLES } from './mapper';
import { migrations } from './migrations';
import type { ServiceRow } from './rows';
import { TABLES } from './tables';

/** The live services, with the care setting and provider columns the shared search asks about. */
const SEARCHED: ServiceTable = { table: 'service_record', key: 'id', provider: 'provider_code' };

/**
 * The councils (local authorities) whose areas an area's wards lie in, as the hub's registry
 * places them: the place of each locality the wards make up. A service available across a
 * council's whole area is available in each of its localities.
 */
async function councilsOf(loaders: SourceLoaders, wards: readonly string[]): Promise<string[]> {
  const localityIds = [...new Set((await loadFlat(loaders.hub.localitiesByWard, wards)).map((w) => w.locality_id))];
  return [...new Set((await loadPresent(loaders.hub.localityById, localityIds)).map((l) => l.placeGssCode))];
}

/**
 * A voluntary body's service directory (Open Referral UK). A service is in a locality when
 * it is available there (its service area names one of the locality's wards, or the council
 * the locality lies in) or delivered there (a location's postcode in one of its wards).
 */
export const voluntaryDirectory = defineSourceKind({
  id: VOLUNTARY_KIND,
  description: "a voluntary body's service directory (Open Referral UK: services, where each is available and delivered)",
  migrations,
  tables: TABLES,
  organisationKinds: ['VOLUNTARY'],
  measures: false,
  createLoaders: createVoluntaryLoaders,
  adapter: (source, own: (loaders: SourceLoaders) => VoluntaryLoaders) => {
    const services = recordTable(source, {
      kind: 'SERVICE',
      table: VOLUNTARY_TABLES.service,
      key: 'id',
      loaderOf: (l) => own(l).serviceById,
      map: serviceToRecord,
    });
    const servicesIn = async ({ loaders, wards, byWard }: PlacementScope): Promise<NativeRef[]> => {
      const [available, delivered] = await Promise.all([
        councilsOf(loaders, wards).then((councils) => loadFlat(own(loaders).servicesByArea, [...wards, ...councils])),
        loadFlat(byWard(`${source}.servicesAtLocationsByWard`, own(loaders).servicesAtLocationsInArea), wards),
      ]);
      const once = new Map<string, ServiceRow>();
      for (const found of available) {
        const { placed_in_area: _area, ...row } = found;
        once.set(row.id, keepSource(found, row));
      }
      for (const row of delivered) once.set(row.id, row);
      return services.refs(loaders, [...once.values()]);
    };
    // Its matches go to the hub to order (as "odd" rows) rather than being paged here: the
    // shared page statement (pageServiceTable) names its own columns `id` and `part`, which an
    // Open Referral key column `id` would overwrite. A directory is small, so a search costs
    // this source one statement and the hub the reads of every match.
    const serviceSearch: ServiceSearch = {
      table: VOLUNTARY_TABLES.service,
      search: (sql, criteria) => searchServiceTable(sql, SEARCHED, criteria),
      page: async (sql, _loaders, query) => {
        const hits = await searchServiceTable(sql, SEARCHED, query.criteria);
        const shared = new Set(query.shared);
        return {
          page: [],
          odd: hits.filter((h) => !shared.has(h.key)).map((h) => h.key),
          plainKeysJson: '[]',
          sharedMatches: hits.filter((h) => shared.has(h.key)).map((h) => h.key),
        };
      },
    };
    return { source, records: [services], placement: { SERVICE: servicesIn }, serviceSearch };
  },
});
