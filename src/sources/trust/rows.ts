/** Rows of the trusts' site lists and service-line systems, in their own shape. */

export interface SiteRow {
  site_code: string;
  trust_ods: string;
  name: string;
  address: string | null;
  postcode: string | null;
  site_type: string | null;
  status: 'IN_USE' | 'VACANT' | 'SURPLUS' | 'PLANNED_DISPOSAL' | 'LAND_SWAP' | 'PLANNED' | 'CLOSED';
  /** Kept by the database: the last status that was not a disposal plan (src/sources/shared/migrations/publicStatus.ts). */
  public_status: 'IN_USE' | 'VACANT' | 'PLANNED' | 'CLOSED' | null;
  updated_at: Date;
}

export interface ServiceLineRow {
  service_line_id: string;
  trust_ods: string;
  name: string;
  care_setting: 'PRIMARY' | 'COMMUNITY' | 'ACUTE' | 'MENTAL_HEALTH' | 'SOCIAL_CARE' | 'VOLUNTARY';
  site_code: string | null;
  cohort: string | null;
  days_of_operation: string | null;
  updated_at: Date;
}
