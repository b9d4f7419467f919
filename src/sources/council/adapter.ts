import type { SourceLoaders } from '../../loaders';
import { loadFlat, loadPresent } from '../../loaders/batch';
import type { CommunityHubRow } from './rows';
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

/**
 * Hubs a council records with no ward (planned, location not yet chosen) that belong to an
 * area made of these wards: their council's wards all lie in it. A council split between
 * several localities places such a hub in none of them rather than guess.
 */
async function hubsOfWholeCouncils(loaders: SourceLoaders, wards: readonly string[]): Promise<CommunityHubRow[]> {
  const councils = [...new Set((await loadPresent(loaders.council.wardByGss, wards)).map((w) => w.lad_gss))];
  const here = new Set(wards);
  return (await loadFlat(loaders.council.communityHubsWithoutWardByCouncil, councils))
    .filter((hub) => hub.council_wards.length > 0 && hub.council_wards.every((ward) => here.has(ward)))
    .map(({ council_wards: _wards, ...hub }) => hub);
}

/** Councils' registers: public estate, community hubs and care services, placed by ward. */
export const councilAdapter: SourceAdapter = {
  source: 'council',
  records: [properties, communityHubs, careServices],
  placement: {
    ESTATE: async ({ loaders, wards }) => properties.refs(loaders, await loadFlat(loaders.council.propertiesByWard, wards)),
    HUB: async ({ loaders, wards }) => {
      const [inWards, wholeArea] = await Promise.all([
        loadFlat(loaders.council.communityHubsByWard, wards),
        hubsOfWholeCouncils(loaders, wards),
      ]);
      return communityHubs.refs(loaders, [...inWards, ...wholeArea]);
    },
    SERVICE: async ({ loaders, wards }) => careServices.refs(loaders, await loadFlat(loaders.council.careServicesByWard, wards)),
  },
  servicesAt: async (loaders, places) =>
    careServices.refs(loaders, await loadFlat(loaders.council.careServicesByHub, keysAt(places, 'council', COUNCIL_TABLES.communityHub))),
  serviceSearch: serviceSearch(careServices, searchCareServices, pageCareServices),
  estateSearch: { search: async (sql, loaders, criteria) => properties.refs(loaders, await searchProperties(sql, criteria)) },
  ledger: true,
};
