/** Rows of a council's registers, in their own shape. */

export interface WardRow {
  gss_code: string;
  name: string;
  lad_gss: string;
  population: number | null;
  updated_at: Date;
}

export interface CommunityHubRow {
  hub_ref: string;
  council_gss: string;
  name: string;
  ward_gss: string | null;
  status: 'PLANNED' | 'OPEN' | 'CLOSED';
  opened_on: string | null;
  opened_text: string | null;
  credited_period: string | null;
  updated_at: Date;
}

export interface PropertyRow {
  asset_ref: string;
  uprn: string | null;
  council_gss: string;
  name: string;
  address: string | null;
  postcode: string | null;
  ward_gss: string | null;
  owner_name: string | null;
  owner_code: string | null;
  tenure: string | null;
  current_use: string | null;
  status: 'IN_USE' | 'VACANT' | 'SURPLUS' | 'PLANNED_DISPOSAL' | 'LAND_SWAP' | 'PLANNED';
  /** Kept by the database: the last status that was not a disposal plan (src/sources/shared/migrations/publicStatus.ts). */
  public_status: 'IN_USE' | 'VACANT' | 'PLANNED' | null;
  proposed_reuse: string | null;
  /** The row is partly generated (demo data: an invented asset reference). */
  synthetic: boolean | null;
  updated_at: Date;
}

export interface CareServiceRow {
  service_ref: string;
  council_gss: string;
  name: string;
  provider_code: string | null;
  care_setting: 'PRIMARY' | 'COMMUNITY' | 'ACUTE' | 'MENTAL_HEALTH' | 'SOCIAL_CARE' | 'VOLUNTARY';
  hub_ref: string | null;
  ward_gss: string | null;
  cohort: string | null;
  days_of_operation: string | null;
  funding_stream: string | null;
  updated_at: Date;
}
