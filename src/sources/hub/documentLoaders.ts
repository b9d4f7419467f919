import type { Sql } from '../../db/sql';
import { manyByKey, oneByKey, queryByKeys } from '../../loaders/batch';
import type { Provenance } from '../../model/types';
import { hubRecord } from './mapper';

/**
 * Documents' facts the hub's registry holds as objects: communication and engagement plans
 * (with their producing partners and stakeholders) and the organisations an agreement would
 * welcome as parties later.
 */

export interface EngagementPlanModel {
  id: string;
  partnershipId: string;
  title: string;
  subtitle: string | null;
  versionText: string | null;
  status: 'DRAFT' | 'FINAL';
  issuedOn: string | null;
  issuedText: string | null;
  integratedByYear: number | null;
  initialFocus: string | null;
  partOf: string | null;
  overseenBy: string | null;
  reportsTo: string | null;
  engagementGroup: string | null;
  guidedBy: string[];
  visionPrinciples: string[];
  engagementPrinciples: string[];
  communicationPrinciples: string[];
  keyQuestions: string[];
  reviewAfterMonths: number[];
  reviewText: string | null;
  sourceDocument: string | null;
  sources: Provenance[];
}

export interface EngagementPlanPartyModel {
  planId: string;
  position: number;
  organisationId: string | null;
  namedAs: string;
  roles: string[];
  statedIn: string | null;
}

export interface StakeholderModel {
  planId: string;
  position: number;
  stakeholder: string;
  organisationIds: string[];
}

export interface ObjectiveItemRow {
  agreementId: string;
  objectiveNumber: number;
  position: number;
  text: string;
}

export interface SourceDocumentModel {
  id: string;
  seedFile: string | null;
  title: string;
  kind: 'REPORT' | 'PLAN' | 'AGREEMENT';
  partnershipId: string | null;
  presentedTo: string | null;
  agendaItem: string | null;
  issuedOn: string | null;
  issuedText: string | null;
  recommendation: string | null;
  sources: Provenance[];
}

export interface NamedPersonModel {
  documentId: string;
  position: number;
  personName: string;
  capacity: string;
  role: string | null;
  organisationId: string | null;
  sourceLine: number | null;
}

const toDocument = (r: Row): SourceDocumentModel => ({
  id: r.id as string,
  seedFile: r.seed_file as string | null,
  title: r.title as string,
  kind: r.kind as SourceDocumentModel['kind'],
  partnershipId: r.partnership_id as string | null,
  presentedTo: r.presented_to as string | null,
  agendaItem: r.agenda_item as string | null,
  issuedOn: r.issued_on as string | null,
  issuedText: r.issued_text as string | null,
  recommendation: r.recommendation as string | null,
  sources: [hubRecord('source_document', r.id as string, r.updated_at)],
});

export interface RepresentationModel {
  agreementId: string;
  position: number;
  represented: string;
  representedBy: string[];
  interim: boolean | null;
  basis: string | null;
}

export interface MilestoneModel {
  partnershipId: string;
  position: number;
  occurredOn: string | null;
  occurredText: string | null;
  status: 'DONE' | 'PLANNED';
  event: string;
  actorText: string | null;
  actorOrganisationId: string | null;
  documentId: string | null;
  sourceLine: number | null;
}

export interface ProspectivePartyModel {
  agreementId: string;
  organisationId: string;
  namedAs: string | null;
}

type Row = Record<string, unknown> & { updated_at: Date };

/** A text[] column; null (an extract without the column) reads as empty. */
const texts = (value: unknown): string[] => (value as string[] | null) ?? [];

const toPlan = (r: Row): EngagementPlanModel => ({
  id: r.id as string,
  partnershipId: r.partnership_id as string,
  title: r.title as string,
  subtitle: r.subtitle as string | null,
  versionText: r.version_text as string | null,
  status: r.status as EngagementPlanModel['status'],
  issuedOn: r.issued_on as string | null,
  issuedText: r.issued_text as string | null,
  integratedByYear: r.integrated_by_year as number | null,
  initialFocus: r.initial_focus as string | null,
  partOf: r.part_of as string | null,
  overseenBy: r.overseen_by as string | null,
  reportsTo: r.reports_to as string | null,
  engagementGroup: r.engagement_group as string | null,
  guidedBy: texts(r.guided_by),
  visionPrinciples: texts(r.vision_principles),
  engagementPrinciples: texts(r.engagement_principles),
  communicationPrinciples: texts(r.communication_principles),
  keyQuestions: texts(r.key_questions),
  reviewAfterMonths: texts(r.review_after_months).map(Number),
  reviewText: r.review_text as string | null,
  sourceDocument: r.source_document as string | null,
  sources: [hubRecord('engagement_plan', r.id as string, r.updated_at)],
});

export function createDocumentLoaders(sql: Sql) {
  const rows = (text: string) => (keys: string[]) => queryByKeys<Row>(sql, text, keys);
  return {
    sourceDocumentById: oneByKey(
      'hub.sourceDocumentById',
      async (ids) => (await rows(`SELECT * FROM source_document WHERE id = ANY($1)`)(ids)).map(toDocument),
      (d) => d.id,
    ),
    allSourceDocuments: async (): Promise<SourceDocumentModel[]> =>
      (await sql.query<Row>(`SELECT * FROM source_document ORDER BY seed_file, id`)).map(toDocument),
    sourceDocumentsByPartnership: manyByKey(
      'hub.sourceDocumentsByPartnership',
      async (ids) =>
        (await rows(`SELECT * FROM source_document WHERE partnership_id = ANY($1) ORDER BY seed_file, id`)(ids)).map(toDocument),
      (d) => d.partnershipId ?? '',
    ),
    peopleBySourceDocument: manyByKey(
      'hub.peopleBySourceDocument',
      async (ids) =>
        (await rows(`SELECT * FROM source_document_person WHERE document_id = ANY($1) ORDER BY document_id, position`)(ids)).map((r) => ({
          documentId: r.document_id as string,
          position: r.position as number,
          personName: r.person_name as string,
          capacity: r.capacity as string,
          role: r.role as string | null,
          organisationId: r.organisation_id as string | null,
          sourceLine: r.source_line as number | null,
        })),
      (p: NamedPersonModel) => p.documentId,
    ),
    engagementPlanById: oneByKey(
      'hub.engagementPlanById',
      async (ids) => (await rows(`SELECT * FROM engagement_plan WHERE id = ANY($1)`)(ids)).map(toPlan),
      (p) => p.id,
    ),
    engagementPlansByPartnership: manyByKey(
      'hub.engagementPlansByPartnership',
      async (ids) => (await rows(`SELECT * FROM engagement_plan WHERE partnership_id = ANY($1) ORDER BY issued_on, id`)(ids)).map(toPlan),
      (p) => p.partnershipId,
    ),
    partiesByEngagementPlan: manyByKey(
      'hub.partiesByEngagementPlan',
      async (ids) =>
        (await rows(`SELECT * FROM engagement_plan_party WHERE plan_id = ANY($1) ORDER BY plan_id, position`)(ids)).map((r) => ({
          planId: r.plan_id as string,
          position: r.position as number,
          organisationId: r.organisation_id as string | null,
          namedAs: r.named_as as string,
          roles: texts(r.roles),
          statedIn: r.source_lines as string | null,
        })),
      (p: EngagementPlanPartyModel) => p.planId,
    ),
    stakeholdersByEngagementPlan: manyByKey(
      'hub.stakeholdersByEngagementPlan',
      async (ids) =>
        (await rows(`SELECT * FROM engagement_plan_stakeholder WHERE plan_id = ANY($1) ORDER BY plan_id, position`)(ids)).map((r) => ({
          planId: r.plan_id as string,
          position: r.position as number,
          stakeholder: r.stakeholder as string,
          organisationIds: texts(r.organisation_ids),
        })),
      (s: StakeholderModel) => s.planId,
    ),
    objectiveItemsByAgreement: manyByKey(
      'hub.objectiveItemsByAgreement',
      async (ids) =>
        (
          await rows(
            `SELECT * FROM agreement_objective_item WHERE agreement_id = ANY($1) ORDER BY agreement_id, objective_number, position`,
          )(ids)
        ).map((r) => ({
          agreementId: r.agreement_id as string,
          objectiveNumber: r.objective_number as number,
          position: r.position as number,
          text: r.text as string,
        })),
      (i: ObjectiveItemRow) => i.agreementId,
    ),
    milestonesByPartnership: manyByKey(
      'hub.milestonesByPartnership',
      async (ids) =>
        (await rows(`SELECT * FROM partnership_milestone WHERE partnership_id = ANY($1) ORDER BY partnership_id, position`)(ids)).map(
          (r) => ({
            partnershipId: r.partnership_id as string,
            position: r.position as number,
            occurredOn: r.occurred_on as string | null,
            occurredText: r.occurred_text as string | null,
            status: r.status as MilestoneModel['status'],
            event: r.event as string,
            actorText: r.actor_text as string | null,
            actorOrganisationId: r.actor_organisation_id as string | null,
            documentId: r.document_id as string | null,
            sourceLine: r.source_line as number | null,
          }),
        ),
      (m: MilestoneModel) => m.partnershipId,
    ),
    representationsByAgreement: manyByKey(
      'hub.representationsByAgreement',
      async (ids) =>
        (await rows(`SELECT * FROM agreement_representation WHERE agreement_id = ANY($1) ORDER BY agreement_id, position`)(ids)).map(
          (r) => ({
            agreementId: r.agreement_id as string,
            position: r.position as number,
            represented: r.represented as string,
            representedBy: texts(r.represented_by),
            interim: r.interim as boolean | null,
            basis: r.basis as string | null,
          }),
        ),
      (r: RepresentationModel) => r.agreementId,
    ),
    prospectivePartiesByAgreement: manyByKey(
      'hub.prospectivePartiesByAgreement',
      async (ids) =>
        (
          await rows(`SELECT * FROM agreement_prospective_party WHERE agreement_id = ANY($1) ORDER BY agreement_id, organisation_id`)(ids)
        ).map((r) => ({
          agreementId: r.agreement_id as string,
          organisationId: r.organisation_id as string,
          namedAs: r.named_as as string | null,
        })),
      (p: ProspectivePartyModel) => p.agreementId,
    ),
  };
}
