/** Rows of the commissioner's primary-care system, in its own shape. */

export interface PracticeRow {
  ods_code: string;
  name: string;
  ccg_code: string;
  pcn_code: string | null;
  postcode: string | null;
  status: 'A' | 'C' | 'D' | 'P';
  open_date: string | null;
  close_date: string | null;
  updated_at: Date;
}

export interface GpHubRow {
  hub_code: string;
  name: string;
  ccg_code: string;
  host_practice_ods: string | null;
  postcode: string | null;
  status: 'PLANNED' | 'OPEN' | 'CLOSED';
  opened_on: string | null;
  opened_text: string | null;
  opening_hours: string | null;
  seven_day_access: boolean | null;
  ods_code: string | null;
  credited_period: string | null;
  updated_at: Date;
}

export interface CommissionedServiceRow {
  service_code: string;
  name: string;
  ccg_code: string;
  provider_ods: string | null;
  care_setting: 'PRIMARY' | 'COMMUNITY' | 'ACUTE' | 'MENTAL_HEALTH' | 'SOCIAL_CARE' | 'VOLUNTARY';
  gp_hub_code: string | null;
  postcode: string | null;
  cohort: string | null;
  days_of_operation: string | null;
  funding_stream: string | null;
  updated_at: Date;
}
