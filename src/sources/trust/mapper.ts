import { sourceOfRow } from '../../db/rowSource';
import type { EstateRecord, Provenance, ServiceRecord } from '../../model/types';
import type { ServiceLineRow, SiteRow } from './rows';

export const TRUST_TABLES = { site: 'site', serviceLine: 'service_line' } as const;

/** The kind's id, as the sources file names it (src/sources/trust/kind.ts). */
export const TRUST_KIND = 'trust-sites';

/** Where a row's facts came from: the configured source it was read from (src/db/rowSource.ts). */
const provenance = (row: object, table: string, nativeKey: string, updatedAt: Date): Provenance => ({
  source: sourceOfRow(row),
  kind: TRUST_KIND,
  table,
  nativeKey,
  lastChangedAt: updatedAt,
});

export function siteToRecord(row: SiteRow): EstateRecord {
  return {
    ref: { source: sourceOfRow(row), table: TRUST_TABLES.site, key: row.site_code },
    provenance: provenance(row, TRUST_TABLES.site, row.site_code, row.updated_at),
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
    publicStatus: row.public_status,
    proposedReuse: null,
  };
}

export function serviceLineToRecord(row: ServiceLineRow): ServiceRecord {
  return {
    ref: { source: sourceOfRow(row), table: TRUST_TABLES.serviceLine, key: row.service_line_id },
    provenance: provenance(row, TRUST_TABLES.serviceLine, row.service_line_id, row.updated_at),
    name: row.name,
    careSetting: row.care_setting,
    cohort: row.cohort,
    daysOfOperation: row.days_of_operation,
    fundingStream: null,
    providerCode: row.trust_ods,
    commissionerCode: null,
    hubRef: null,
    estateRef: row.site_code ? { source: sourceOfRow(row), table: TRUST_TABLES.site, key: row.site_code } : null,
    postcode: null,
    wardGss: null,
  };
}
