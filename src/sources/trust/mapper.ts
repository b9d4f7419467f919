import type { EstateRecord, ServiceRecord } from '../../model/types';
import type { ServiceLineRow, SiteRow } from './rows';

export const TRUST_TABLES = { site: 'site', serviceLine: 'service_line' } as const;

const provenance = (table: string, nativeKey: string, updatedAt: Date) =>
  ({ source: 'TRUST', table, nativeKey, lastChangedAt: updatedAt }) as const;

export function siteToRecord(row: SiteRow): EstateRecord {
  return {
    ref: { source: 'trust', table: TRUST_TABLES.site, key: row.site_code },
    provenance: provenance(TRUST_TABLES.site, row.site_code, row.updated_at),
    name: row.name,
    uprn: null,
    odsSiteCode: row.site_code,
    address: row.address,
    postcode: row.postcode,
    wardGss: null,
    ownerName: null,
    ownerCode: row.trust_ods,
    tenure: null,
    currentUse: row.site_type,
    status: row.status,
    proposedReuse: null,
  };
}

export function serviceLineToRecord(row: ServiceLineRow): ServiceRecord {
  return {
    ref: { source: 'trust', table: TRUST_TABLES.serviceLine, key: row.service_line_id },
    provenance: provenance(TRUST_TABLES.serviceLine, row.service_line_id, row.updated_at),
    name: row.name,
    careSetting: row.care_setting,
    cohort: row.cohort,
    daysOfOperation: row.days_of_operation,
    fundingStream: null,
    providerCode: row.trust_ods,
    commissionerCode: null,
    hubRef: null,
    estateRef: row.site_code ? { source: 'trust', table: TRUST_TABLES.site, key: row.site_code } : null,
    postcode: null,
    wardGss: null,
  };
}
