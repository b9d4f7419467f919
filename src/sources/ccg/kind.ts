import { loadFlat } from '../../loaders/batch';
import { keysAt, recordTable, serviceSearch } from '../adapter';
import { defineSourceKind } from '../kind';
import { createCcgLoaders } from './loaders';
import { CCG_KIND, CCG_TABLES, commissionedServiceToRecord, gpHubToRecord, PRACTICE_ID_PREFIX } from './mapper';
import { migrations } from './migrations';
import { pageCommissionedServices, pagePractices, searchCommissionedServices } from './search';
import { TABLES } from './tables';

const PRACTICE_ODS = /^[A-Z][0-9]{5}$/;

/** A commissioner's primary-care system: practices, GP hubs and commissioned services, placed by postcode. */
export const ccgPrimaryCare = defineSourceKind({
  id: CCG_KIND,
  description: "a commissioner's primary-care system (practices, GP hubs, commissioned services)",
  migrations,
  tables: TABLES,
  organisationKinds: ['CCG'],
  measures: true,
  createLoaders: createCcgLoaders,
  adapter: (source, own) => {
    const gpHubs = recordTable(source, {
      kind: 'HUB',
      table: CCG_TABLES.gpHub,
      key: 'hub_code',
      postcode: 'postcode',
      loaderOf: (l) => own(l).gpHubByCode,
      map: gpHubToRecord,
    });
    const services = recordTable(source, {
      kind: 'SERVICE',
      table: CCG_TABLES.service,
      key: 'service_code',
      postcode: 'postcode',
      loaderOf: (l) => own(l).serviceByCode,
      map: commissionedServiceToRecord,
    });
    return {
      source,
      records: [gpHubs, services],
      placement: {
        HUB: async ({ loaders, placed }) => gpHubs.refs(loaders, await placed(source, gpHubs)),
        SERVICE: async ({ loaders, placed }) => services.refs(loaders, await placed(source, services)),
      },
      servicesAt: async (loaders, places) =>
        services.refs(loaders, await loadFlat(own(loaders).servicesByHub, keysAt(places, source, CCG_TABLES.gpHub))),
      serviceSearch: serviceSearch(services, searchCommissionedServices, pageCommissionedServices),
      ledger: true,
      measures: own,
      // A practice need not be in the hub's registry to be a provider: the practice list is its source.
      organisations: {
        kind: 'GP_PRACTICE',
        holdsCode: (code) => PRACTICE_ODS.test(code),
        codeOfId: (id) => (id.startsWith(PRACTICE_ID_PREFIX) ? id.slice(PRACTICE_ID_PREFIX.length).toUpperCase() : null),
        loaders: (l) => ({ organisationByCode: own(l).practiceByOds, codesOfKind: own(l).practiceCodesOfKind }),
        page: pagePractices,
      },
    };
  },
});
