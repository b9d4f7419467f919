/** Rows of the hub's own registry database, as PostgreSQL returns them. */

export interface OrganisationPeriodRow {
  organisation_id: string;
  position: number;
  valid_from: string | null;
  valid_to: string | null;
  name: string;
  kind: OrganisationRow['kind'] | 'SUB_ICB_LOCATION';
  ods_code: string | null;
  gss_code: string | null;
  source: string;
  updated_at: Date;
}

export interface SuccessionRow {
  predecessor_id: string;
  successor_id: string;
  effective_on: string;
  kind: 'MERGER' | 'TRANSFER' | 'REORGANISATION';
  description: string | null;
  source: string;
  updated_at: Date;
}

export interface OrganisationRow {
  id: string;
  name: string;
  short_name: string | null;
  kind: 'CCG' | 'COUNCIL' | 'NHS_TRUST' | 'VOLUNTARY' | 'GP_PRACTICE' | 'OTHER';
  sector: 'STATUTORY' | 'VOLUNTARY';
  ods_code: string | null;
  gss_code: string | null;
  charity_number: string | null;
  valid_from: string | null;
  valid_to: string | null;
  successor_id: string | null;
  updated_at: Date;
}

export interface PartnershipRow {
  id: string;
  name: string;
  short_name: string | null;
  governance_body: string | null;
  reports_to: string[];
  description: string | null;
  updated_at: Date;
}

export interface MemberRow {
  partnership_id: string;
  organisation_id: string;
  role: string | null;
  updated_at: Date;
}

export interface AgreementRow {
  id: string;
  partnership_id: string;
  kind: 'MOU' | 'ALLIANCE_AGREEMENT' | 'SECTION_75';
  title: string;
  status: 'PLANNED' | 'DRAFT' | 'FINAL' | 'SIGNED';
  legally_binding: boolean;
  agreed_on: string | null;
  agreed_text: string | null;
  review_cycle: string | null;
  first_review_on: string | null;
  principles: string[];
  objectives: string[];
  source_document: string | null;
  reviewed_by: string | null;
  operational_period: string | null;
  expected_text: string | null;
  expected_on: string | null;
  /** Null where an extract has no such column. */
  considered_by: string[] | null;
  updated_at: Date;
}

export interface PartyRow {
  agreement_id: string;
  organisation_id: string;
  position: number;
  named_as: string | null;
  updated_at: Date;
}

export interface SignatoryRow {
  agreement_id: string;
  position: number;
  person_name: string | null;
  role: string | null;
  organisation_id: string;
  updated_at: Date;
}

export interface LocalityRow {
  id: string;
  code: string;
  name: string;
  place_gss: string;
  partnership_id: string | null;
  description: string | null;
  pcn_code: string | null;
  pilot: string | null;
  updated_at: Date;
}

export interface LocalityWardRow {
  locality_id: string;
  ward_gss: string;
}

export interface PostcodeWardRow {
  postcode: string;
  ward_gss: string;
}

export interface SourceLinkRow {
  kind: 'ESTATE' | 'HUB' | 'SERVICE';
  entity_id: string;
  source: 'ccg' | 'council' | 'trust';
  native_table: string;
  native_key: string;
}

/**
 * A link of an entity with a record placed in a ward by its postcode: `placed` when it is
 * that record's own link, otherwise another record of the same entity.
 */
export interface PlacedLinkRow extends SourceLinkRow {
  placed_in_ward: string;
  placed: boolean;
}
