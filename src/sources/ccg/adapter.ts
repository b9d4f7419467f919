import { loadFlat } from '../../loaders/batch';
import { keysAt, recordTable, serviceSearch, type SourceAdapter } from '../adapter';
import { CCG_TABLES, commissionedServiceToRecord, gpHubToRecord } from './mapper';
import { pageCommissionedServices, searchCommissionedServices } from './search';

const gpHubs = recordTable('ccg', {
  kind: 'HUB',
  table: CCG_TABLES.gpHub,
  key: 'hub_code',
  loaderOf: (l) => l.ccg.gpHubByCode,
  map: gpHubToRecord,
});
const services = recordTable('ccg', {
  kind: 'SERVICE',
  table: CCG_TABLES.service,
  key: 'service_code',
  loaderOf: (l) => l.ccg.serviceByCode,
  map: commissionedServiceToRecord,
});

/** A commissioner's primary-care system: GP hubs and commissioned services, placed by postcode. */
export const ccgAdapter: SourceAdapter = {
  source: 'ccg',
  records: [gpHubs, services],
  placement: {
    HUB: async ({ loaders, wards, byWard }) =>
      gpHubs.refs(loaders, await loadFlat(byWard('placement.gpHubsByWard', loaders.ccg.gpHubsInArea), wards)),
    SERVICE: async ({ loaders, wards, byWard }) =>
      services.refs(loaders, await loadFlat(byWard('placement.ccgServicesByWard', loaders.ccg.servicesInArea), wards)),
  },
  servicesAt: async (loaders, places) =>
    services.refs(loaders, await loadFlat(loaders.ccg.servicesByHub, keysAt(places, 'ccg', CCG_TABLES.gpHub))),
  serviceSearch: serviceSearch(services, searchCommissionedServices, pageCommissionedServices),
  ledger: true,
};
