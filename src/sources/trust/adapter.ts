import { loadFlat } from '../../loaders/batch';
import type { SourceLoaders } from '../../loaders';
import type { NativeRef } from '../../model/types';
import { keysAt, recordTable, serviceSearch, type PlacementScope, type SourceAdapter } from '../adapter';
import { serviceLineToRecord, siteToRecord, TRUST_TABLES } from './mapper';
import { pageServiceLines, searchServiceLines, searchSites } from './search';

const sites = recordTable('trust', {
  kind: 'ESTATE',
  table: TRUST_TABLES.site,
  key: 'site_code',
  loaderOf: (l) => l.trust.siteByCode,
  map: siteToRecord,
});
const serviceLines = recordTable('trust', {
  kind: 'SERVICE',
  table: TRUST_TABLES.serviceLine,
  key: 'service_line_id',
  loaderOf: (l) => l.trust.serviceLineById,
  map: serviceLineToRecord,
});

/** The trust's sites in the area (placed by postcode). */
const sitesIn = async ({ loaders, wards, byWard }: PlacementScope): Promise<NativeRef[]> =>
  sites.refs(loaders, await loadFlat(byWard('placement.sitesByWard', loaders.trust.sitesInArea), wards));

const serviceLinesAt = async (loaders: SourceLoaders, siteRefs: readonly NativeRef[]): Promise<NativeRef[]> =>
  serviceLines.refs(loaders, await loadFlat(loaders.trust.serviceLinesBySite, keysAt(siteRefs, 'trust', TRUST_TABLES.site)));

/** NHS trusts' site lists and the service lines run at each site. */
export const trustAdapter: SourceAdapter = {
  source: 'trust',
  records: [sites, serviceLines],
  placement: {
    ESTATE: sitesIn,
    // A service line is in the area when its site is.
    SERVICE: async (scope) => serviceLinesAt(scope.loaders, await sitesIn(scope)),
  },
  servicesAt: serviceLinesAt,
  serviceSearch: serviceSearch(serviceLines, searchServiceLines, pageServiceLines),
  estateSearch: {
    search: async (sql, loaders, criteria) => sites.refs(loaders, await searchSites(sql, criteria)),
    // The trust's site list is where the partnership records which services run at which site.
    hosting: async (loaders, estates, hostCodes) =>
      (await loadFlat(loaders.trust.serviceLinesBySite, keysAt(estates, 'trust', TRUST_TABLES.site))).some((l) =>
        hostCodes.includes(l.trust_ods),
      ),
  },
  ledger: true,
};
