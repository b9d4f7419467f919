/** Rows of a voluntary-sector service directory (Open Referral UK), as the kind reads them. */

/** Open Referral UK's service statuses; a `defunct` service is read as withdrawn. */
export const SERVICE_STATUS = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;

/**
 * A row of the `service_record` view: the directory's service with what the shared model
 * needs from its other tables (src/sources/voluntary/migrations).
 */
export interface ServiceRow {
  id: string;
  organization_id: string;
  name: string;
  description: string | null;
  url: string | null;
  email: string | null;
  status: (typeof SERVICE_STATUS)[number];
  synthetic: boolean | null;
  updated_at: Date;
  withdrawn_at: Date | null;
  care_setting: 'VOLUNTARY';
  provider_code: null;
  /** The postcode of its first location (by id), if it has one. */
  postcode: string | null;
  /** Its service area, when that is exactly one ward. */
  ward_gss: string | null;
}
