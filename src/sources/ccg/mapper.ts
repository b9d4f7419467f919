import { sourceOfRow } from '../../db/rowSource';
import type { HubRecord, OrganisationModel, Provenance, ServiceRecord } from '../../model/types';
import type { CommissionedServiceRow, GpHubRow, PracticeRow } from './rows';

export const CCG_TABLES = { practice: 'practice', gpHub: 'gp_hub', service: 'commissioned_service' } as const;

/** The kind's id, as the sources file names it (src/sources/ccg/kind.ts). */
export const CCG_KIND = 'ccg-primary-care';

/** Where a row's facts came from: the configured source it was read from (src/db/rowSource.ts). */
const provenance = (row: object, table: string, nativeKey: string, updatedAt: Date): Provenance => ({
  source: sourceOfRow(row),
  kind: CCG_KIND,
  table,
  nativeKey,
  lastChangedAt: updatedAt,
});

/** The start of the id the hub gives a practice: `practice-` and its ODS code in lower case. */
export const PRACTICE_ID_PREFIX = 'practice-';

/** A GP practice is a provider the hub's registry need not list: the CCG's practice list is its source. */
export function practiceToOrganisation(row: PracticeRow): OrganisationModel {
  return {
    id: `${PRACTICE_ID_PREFIX}${row.ods_code.toLowerCase()}`, // read back by the kind's `codeOfId` (./kind.ts)
    name: row.name,
    shortName: null,
    kind: 'GP_PRACTICE',
    sector: 'STATUTORY',
    odsCode: row.ods_code,
    gssCode: null,
    charityNumber: null,
    validFrom: row.open_date,
    validTo: row.close_date,
    successorId: null,
    sources: [provenance(row, CCG_TABLES.practice, row.ods_code, row.updated_at)],
  };
}

export function gpHubToRecord(row: GpHubRow): HubRecord {
  return {
    ref: { source: sourceOfRow(row), table: CCG_TABLES.gpHub, key: row.hub_code },
    provenance: provenance(row, CCG_TABLES.gpHub, row.hub_code, row.updated_at),
    kind: 'GP_HUB',
    name: row.name,
    status: row.status,
    openedOn: row.opened_on,
    openedText: row.opened_text,
    openingCreditedTo: row.credited_period,
    odsCode: row.ods_code,
    openingHours: row.opening_hours,
    sevenDayAccess: row.seven_day_access,
    postcode: row.postcode,
    wardGss: null,
  };
}

export function commissionedServiceToRecord(row: CommissionedServiceRow): ServiceRecord {
  return {
    ref: { source: sourceOfRow(row), table: CCG_TABLES.service, key: row.service_code },
    provenance: provenance(row, CCG_TABLES.service, row.service_code, row.updated_at),
    name: row.name,
    careSetting: row.care_setting,
    cohort: row.cohort,
    daysOfOperation: row.days_of_operation,
    fundingStream: row.funding_stream,
    providerCode: row.provider_ods,
    commissionerCode: row.ccg_code,
    hubRef: row.gp_hub_code ? { source: sourceOfRow(row), table: CCG_TABLES.gpHub, key: row.gp_hub_code } : null,
    estateRef: null,
    postcode: row.postcode,
    wardGss: null,
  };
}
