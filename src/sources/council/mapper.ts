import { sourceOfRow } from '../../db/rowSource';
import type { EstateRecord, HubRecord, Provenance, ServiceRecord, WardModel } from '../../model/types';
import type { CareServiceRow, CommunityHubRow, PropertyRow, WardRow } from './rows';

export const COUNCIL_TABLES = {
  ward: 'ward',
  communityHub: 'community_hub',
  property: 'property',
  careService: 'care_service',
} as const;

/** The kind's id, as the sources file names it (src/sources/council/kind.ts). */
export const COUNCIL_KIND = 'council-registers';

/** Where a row's facts came from: the configured source it was read from (src/db/rowSource.ts). */
const provenance = (row: object, table: string, nativeKey: string, updatedAt: Date): Provenance => ({
  source: sourceOfRow(row),
  kind: COUNCIL_KIND,
  table,
  nativeKey,
  lastChangedAt: updatedAt,
});

export function wardToModel(row: WardRow): WardModel {
  return {
    id: row.gss_code,
    gssCode: row.gss_code,
    name: row.name,
    localAuthorityGssCode: row.lad_gss,
    population: row.population,
    sources: [provenance(row, COUNCIL_TABLES.ward, row.gss_code, row.updated_at)],
  };
}

export function communityHubToRecord(row: CommunityHubRow): HubRecord {
  return {
    ref: { source: sourceOfRow(row), table: COUNCIL_TABLES.communityHub, key: row.hub_ref },
    provenance: provenance(row, COUNCIL_TABLES.communityHub, row.hub_ref, row.updated_at),
    kind: 'COMMUNITY_HUB',
    name: row.name,
    status: row.status,
    openedOn: row.opened_on,
    openedText: row.opened_text,
    openingCreditedTo: row.credited_period,
    odsCode: null,
    openingHours: null,
    sevenDayAccess: null,
    postcode: null,
    wardGss: row.ward_gss,
  };
}

export function propertyToRecord(row: PropertyRow): EstateRecord {
  return {
    ref: { source: sourceOfRow(row), table: COUNCIL_TABLES.property, key: row.asset_ref },
    provenance: { ...provenance(row, COUNCIL_TABLES.property, row.asset_ref, row.updated_at), synthetic: row.synthetic === true },
    name: row.name,
    uprn: row.uprn,
    odsSiteCode: null,
    address: row.address,
    postcode: row.postcode,
    wardGss: row.ward_gss,
    ownerName: row.owner_name,
    ownerCode: row.owner_code,
    tenure: row.tenure,
    currentUse: row.current_use,
    status: row.status,
    publicStatus: row.public_status,
    proposedReuse: row.proposed_reuse,
  };
}

export function careServiceToRecord(row: CareServiceRow): ServiceRecord {
  return {
    ref: { source: sourceOfRow(row), table: COUNCIL_TABLES.careService, key: row.service_ref },
    provenance: provenance(row, COUNCIL_TABLES.careService, row.service_ref, row.updated_at),
    name: row.name,
    careSetting: row.care_setting,
    cohort: row.cohort,
    daysOfOperation: row.days_of_operation,
    fundingStream: row.funding_stream,
    providerCode: row.provider_code,
    commissionerCode: row.council_gss,
    hubRef: row.hub_ref ? { source: sourceOfRow(row), table: COUNCIL_TABLES.communityHub, key: row.hub_ref } : null,
    estateRef: null,
    postcode: null,
    wardGss: row.ward_gss,
  };
}
