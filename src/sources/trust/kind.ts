import { loadFlat } from '../../loaders/batch';
import type { SourceLoaders } from '../../loaders';
import type { NativeRef } from '../../model/types';
import { keysAt, recordTable, serviceSearch, type PlacementScope } from '../adapter';
import { defineSourceKind } from '../kind';
import { createTrustLoaders, type TrustLoaders } from './loaders';
import { serviceLineToRecord, siteToRecord, TRUST_KIND, TRUST_TABLES } from './mapper';
import { migrations } from './migrations';
import { pageServiceLines, searchServiceLines, searchSites } from './search';
import { SITE_STATUS, TABLES } from './tables';

/** An NHS trust's site list and the service lines run at each site; sites placed by postcode. */
export const trustSites = defineSourceKind({
  id: TRUST_KIND,
  description: "an NHS trust's site list and service lines",
  migrations,
  tables: TABLES,
  organisationKinds: ['NHS_TRUST'],
  measures: true,
  createLoaders: createTrustLoaders,
  adapter: (source, own: (loaders: SourceLoaders) => TrustLoaders) => {
    const sites = recordTable(source, {
      kind: 'ESTATE',
      table: TRUST_TABLES.site,
      key: 'site_code',
      postcode: 'postcode',
      loaderOf: (l) => own(l).siteByCode,
      map: siteToRecord,
    });
    const serviceLines = recordTable(source, {
      kind: 'SERVICE',
      table: TRUST_TABLES.serviceLine,
      key: 'service_line_id',
      loaderOf: (l) => own(l).serviceLineById,
      map: serviceLineToRecord,
    });
    const sitesIn = async ({ loaders, placed }: PlacementScope): Promise<NativeRef[]> => sites.refs(loaders, await placed(source, sites));
    const serviceLinesAt = async (loaders: SourceLoaders, siteRefs: readonly NativeRef[]): Promise<NativeRef[]> =>
      serviceLines.refs(loaders, await loadFlat(own(loaders).serviceLinesBySite, keysAt(siteRefs, source, TRUST_TABLES.site)));
    return {
      source,
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
          (await loadFlat(own(loaders).serviceLinesBySite, keysAt(estates, source, TRUST_TABLES.site))).some((l) =>
            hostCodes.includes(l.trust_ods),
          ),
      },
      ledger: true,
      measures: own,
      estateWrites: {
        records: sites,
        register: "A trust's site list",
        statuses: SITE_STATUS,
        holderOf: async (l, key) => (await own(l).siteByCode.load(key))?.trust_ods ?? null,
      },
    };
  },
});
