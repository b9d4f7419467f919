import type {
  AgreementModel,
  LocalityModel,
  OrganisationModel,
  OrganisationPeriodModel,
  PartnershipModel,
  Provenance,
  SignatoryModel,
  SuccessionModel,
} from '../../model/types';
import type {
  AgreementRow,
  LocalityRow,
  OrganisationPeriodRow,
  OrganisationRow,
  PartnershipRow,
  SignatoryRow,
  SuccessionRow,
} from './rows';

/** The hub's own registry: always source `hub`, of this kind. */
export const HUB_SOURCE = 'hub';
export const HUB_KIND = 'hub-registry';

/** A fact the hub's registry holds. */
export const hubRecord = (table: string, nativeKey: string, updatedAt: Date, synthetic?: boolean): Provenance => ({
  source: HUB_SOURCE,
  kind: HUB_KIND,
  table,
  nativeKey,
  lastChangedAt: updatedAt,
  ...(synthetic === undefined ? {} : { synthetic }),
});

export function toOrganisation(row: OrganisationRow): OrganisationModel {
  return {
    id: row.id,
    name: row.name,
    shortName: row.short_name,
    kind: row.kind,
    sector: row.sector,
    odsCode: row.ods_code,
    gssCode: row.gss_code,
    charityNumber: row.charity_number,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    successorId: row.successor_id,
    sources: [hubRecord('partner_organisation', row.id, row.updated_at)],
  };
}

export function toOrganisationPeriod(row: OrganisationPeriodRow): OrganisationPeriodModel {
  return {
    organisationId: row.organisation_id,
    position: row.position,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    name: row.name,
    kind: row.kind,
    odsCode: row.ods_code,
    gssCode: row.gss_code,
    statedIn: row.source,
    sources: [hubRecord('organisation_period', `${row.organisation_id}/${row.position}`, row.updated_at)],
  };
}

export function toSuccession(row: SuccessionRow): SuccessionModel {
  return {
    predecessorId: row.predecessor_id,
    successorId: row.successor_id,
    effectiveOn: row.effective_on,
    kind: row.kind,
    description: row.description,
    statedIn: row.source,
    sources: [hubRecord('organisation_succession', `${row.predecessor_id}/${row.successor_id}`, row.updated_at)],
  };
}

export function toPartnership(row: PartnershipRow): PartnershipModel {
  return {
    id: row.id,
    name: row.name,
    shortName: row.short_name,
    governanceBody: row.governance_body,
    reportsTo: row.reports_to,
    description: row.description,
    sources: [hubRecord('partnership', row.id, row.updated_at)],
  };
}

export function toAgreement(row: AgreementRow): AgreementModel {
  return {
    id: row.id,
    partnershipId: row.partnership_id,
    kind: row.kind,
    title: row.title,
    status: row.status,
    legallyBinding: row.legally_binding,
    agreedOn: row.agreed_on,
    agreedText: row.agreed_text,
    reviewCycle: row.review_cycle,
    firstReviewOn: row.first_review_on,
    principles: row.principles,
    objectives: row.objectives,
    sourceDocument: row.source_document,
    reviewedBy: row.reviewed_by,
    operationalPeriod: row.operational_period,
    expectedText: row.expected_text,
    expectedOn: row.expected_on,
    consideredBy: row.considered_by ?? [],
    sources: [hubRecord('agreement', row.id, row.updated_at)],
  };
}

export function toSignatory(row: SignatoryRow): SignatoryModel {
  const id = signatoryId(row.agreement_id, row.position);
  return {
    id,
    agreementId: row.agreement_id,
    position: row.position,
    personName: row.person_name,
    role: row.role,
    organisationId: row.organisation_id,
    sources: [hubRecord('agreement_signatory', id, row.updated_at)],
  };
}

export const signatoryId = (agreementId: string, position: number): string => `${agreementId}/${position}`;

export function toLocality(row: LocalityRow): LocalityModel {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    placeGssCode: row.place_gss,
    partnershipId: row.partnership_id,
    description: row.description,
    pcnCode: row.pcn_code,
    pilot: row.pilot,
    sources: [hubRecord('locality', row.id, row.updated_at)],
  };
}
