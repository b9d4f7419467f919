import type { Sql } from '../../db/sql';
import { manyByKey, oneByKey, selectByKeys } from '../../loaders/batch';
import { measureLoaders } from '../shared/measures';
import type { ServiceLineRow, SiteRow } from './rows';

/** Loaders over the trusts' site lists and service lines, keyed by ODS site code and service-line id. */
export function createTrustLoaders(sql: Sql) {
  const select = selectByKeys(sql);
  return {
    ...measureLoaders(sql),
    siteByCode: oneByKey(
      'trust.siteByCode',
      select<SiteRow>(`SELECT * FROM site WHERE withdrawn_at IS NULL AND site_code = ANY($1)`),
      (r) => r.site_code,
    ),
    serviceLineById: oneByKey(
      'trust.serviceLineById',
      select<ServiceLineRow>(`SELECT * FROM service_line WHERE withdrawn_at IS NULL AND service_line_id = ANY($1)`),
      (r) => r.service_line_id,
    ),
    serviceLinesBySite: manyByKey(
      'trust.serviceLinesBySite',
      select<ServiceLineRow>(`SELECT * FROM service_line WHERE withdrawn_at IS NULL AND site_code = ANY($1)`),
      (r) => r.site_code ?? '',
    ),
  };
}

export type TrustLoaders = ReturnType<typeof createTrustLoaders>;
