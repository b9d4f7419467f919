import { loadFlat } from '../../loaders/batch';
import { keysAt, recordTable, serviceSearch, type SourceAdapter } from '../adapter';
import { careServiceToRecord, communityHubToRecord, COUNCIL_TABLES, propertyToRecord } from './mapper';
import { pageCareServices, searchCareServices, searchProperties } from './search';

const properties = recordTable('council', {
  kind: 'ESTATE',
  table: COUNCIL_TABLES.property,
  key: 'asset_ref',
  loaderOf: (l) => l.council.propertyByRef,
  map: propertyToRecord,
});
const communityHubs = recordTable('council', {
  kind: 'HUB',
  table: COUNCIL_TABLES.communityHub,
  key: 'hub_ref',
  loaderOf: (l) => l.council.communityHubByRef,
  map: communityHubToRecord,
});
const careServices = recordTable('council', {
  kind: 'SERVICE',
  table: COUNCIL_TABLES.careService,
  key: 'service_ref',
  loaderOf: (l) => l.council.careServiceByRef,
  map: careServiceToRecord,
});

/** Councils' registers: public estate, community hubs and care services, placed by ward. */
export const councilAdapter: SourceAdapter = {
  source: 'council',
  records: [properties, communityHubs, careServices],
  placement: {
    ESTATE: async ({ loaders, wards }) => properties.refs(loaders, await loadFlat(loaders.council.propertiesByWard, wards)),
    HUB: async ({ loaders, wards }) => communityHubs.refs(loaders, await loadFlat(loaders.council.communityHubsByWard, wards)),
    SERVICE: async ({ loaders, wards }) => careServices.refs(loaders, await loadFlat(loaders.council.careServicesByWard, wards)),
  },
  servicesAt: async (loaders, places) =>
    careServices.refs(loaders, await loadFlat(loaders.council.careServicesByHub, keysAt(places, 'council', COUNCIL_TABLES.communityHub))),
  serviceSearch: serviceSearch(careServices, searchCareServices, pageCareServices),
  estateSearch: { search: async (sql, loaders, criteria) => properties.refs(loaders, await searchProperties(sql, criteria)) },
  ledger: true,
};
