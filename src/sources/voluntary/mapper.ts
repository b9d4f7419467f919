import { sourceOfRow } from '../../db/rowSource';
import type { ServiceRecord } from '../../model/types';
import type { ServiceRow } from './rows';

/** The kind's id, as the sources file names it (src/sources/voluntary/kind.ts). */
export const VOLUNTARY_KIND = 'voluntary-directory';

export const VOLUNTARY_TABLES = { service: 'service' } as const;

/**
 * A directory's service as the shared model's service record. Everything a voluntary body
 * lists is a voluntary-sector service; Open Referral holds no provider code (the directory
 * is the provider's own), no commissioner, cohort, days or funding stream in the columns
 * kept, so those are null. Its invented id makes the record synthetic where the extract says so.
 */
export function serviceToRecord(row: ServiceRow): ServiceRecord {
  const source = sourceOfRow(row);
  return {
    ref: { source, table: VOLUNTARY_TABLES.service, key: row.id },
    provenance: {
      source,
      kind: VOLUNTARY_KIND,
      table: VOLUNTARY_TABLES.service,
      nativeKey: row.id,
      lastChangedAt: row.updated_at,
      synthetic: row.synthetic === true,
    },
    name: row.name,
    careSetting: row.care_setting,
    cohort: null,
    daysOfOperation: null,
    fundingStream: null,
    providerCode: row.provider_code,
    commissionerCode: null,
    hubRef: null,
    estateRef: null,
    postcode: row.postcode,
    wardGss: row.ward_gss,
  };
}
