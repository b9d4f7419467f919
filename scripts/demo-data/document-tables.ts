import type { Cell } from './csv';
import {
  AGREEMENT_PLANS,
  CAPACITIES,
  COMMUNITY_HUB_PERIODS,
  MILESTONES,
  OBJECTIVE_ITEMS,
  REPRESENTATIONS,
  SOURCE_DOCUMENTS,
  ENGAGEMENT_PLAN,
  ENGAGEMENT_PLAN_PARTIES,
  ENGAGEMENT_PLAN_STAKEHOLDERS,
  PILOTS,
  PROSPECTIVE_PARTIES,
} from './document-facts';

/** The rows and columns build.ts writes for the facts of document-facts.ts. */

type Out = Record<string, Cell>;

export { COMMUNITY_HUB_PERIODS, PILOTS, PROSPECTIVE_PARTIES };

/** An agreement's next steps as its document states them (empty where it states none). */
export function agreementPlanColumns(agreementId: string): Out {
  const plan = AGREEMENT_PLANS[agreementId];
  return {
    reviewed_by: plan?.reviewedBy ?? null,
    operational_period: plan?.operationalPeriod ?? null,
    expected_text: plan?.expectedText ?? null,
    expected_on: plan?.expectedOn ?? null,
    considered_by: JSON.stringify(plan?.consideredBy ?? []),
  };
}

/** Each sub-item of an agreement's numbered objectives; the objective must end with them joined. */
export function objectiveItemRows(agreements: readonly { id: string; objectives: readonly string[] }[]): Out[] {
  return Object.entries(OBJECTIVE_ITEMS).flatMap(([agreementId, byNumber]) => {
    const agreement = agreements.find((a) => a.id === agreementId);
    return Object.entries(byNumber).flatMap(([number, items]) => {
      const objective = agreement?.objectives[Number(number) - 1] ?? '';
      if (!objective.endsWith(`: ${items.join('; ')}`))
        throw new Error(`build: objective ${number} of ${agreementId} does not end with its items`);
      return items.map((text, i) => ({ agreement_id: agreementId, objective_number: Number(number), position: i + 1, text }));
    });
  });
}

export const milestoneRows = (): Out[] =>
  MILESTONES.map((m) => ({
    partnership_id: m.partnershipId,
    position: m.position,
    occurred_on: m.occurredOn,
    occurred_text: m.occurredText,
    status: m.status,
    event: m.event,
    actor_text: m.actorText,
    actor_organisation_id: m.actorOrganisationId,
    document_id: m.documentId,
    source_line: m.line,
  }));

export const representationRows = (): Out[] =>
  REPRESENTATIONS.map((r) => ({
    agreement_id: r.agreementId,
    position: r.position,
    represented: r.represented,
    represented_by: JSON.stringify(r.representedBy),
    interim: r.interim,
    basis: r.basis,
  }));

/** A plan action's counted capacity; the quote must be in the action's comments. */
export function capacityColumns(actionRef: string, comments: string): Out {
  const found = CAPACITIES.find((c) => c.actionRef === actionRef);
  if (found && !comments.includes(found.quote)) throw new Error(`build: capacity quote for ${actionRef} is not in its comments`);
  return { capacity: found?.quantity ?? null, capacity_unit: found?.unit ?? null, capacity_quote: found?.quote ?? null };
}

export function sourceDocumentTables(): Record<'hub/source_document.csv' | 'hub/source_document_person.csv', Out[]> {
  return {
    'hub/source_document.csv': SOURCE_DOCUMENTS.map((d) => ({
      id: d.id,
      seed_file: d.file,
      title: d.title,
      kind: d.kind,
      partnership_id: d.partnershipId,
      presented_to: d.presentedTo,
      agenda_item: d.agendaItem,
      issued_on: d.issuedOn,
      issued_text: d.issuedText,
      recommendation: d.recommendation,
    })),
    'hub/source_document_person.csv': SOURCE_DOCUMENTS.flatMap((d) =>
      d.people.map((p) => ({
        document_id: d.id,
        position: p.position,
        person_name: p.personName,
        capacity: p.capacity,
        role: p.role,
        organisation_id: p.organisationId,
        source_line: p.line,
      })),
    ),
  };
}

export function engagementPlanTables(): Record<
  'hub/engagement_plan.csv' | 'hub/engagement_plan_party.csv' | 'hub/engagement_plan_stakeholder.csv',
  Out[]
> {
  const p = ENGAGEMENT_PLAN;
  return {
    'hub/engagement_plan.csv': [
      {
        id: p.id,
        partnership_id: p.partnershipId,
        title: p.title,
        subtitle: p.subtitle,
        version_text: p.versionText,
        status: p.status,
        issued_on: p.issuedOn,
        issued_text: p.issuedText,
        integrated_by_year: p.integratedByYear,
        initial_focus: p.initialFocus,
        part_of: p.partOf,
        overseen_by: p.overseenBy,
        reports_to: p.reportsTo,
        engagement_group: p.engagementGroup,
        guided_by: JSON.stringify(p.guidedBy),
        vision_principles: JSON.stringify(p.visionPrinciples),
        engagement_principles: JSON.stringify(p.engagementPrinciples),
        communication_principles: JSON.stringify(p.communicationPrinciples),
        key_questions: JSON.stringify(p.keyQuestions),
        review_after_months: JSON.stringify(p.reviewAfterMonths.map(String)),
        review_text: p.reviewText,
        source_document: p.source,
      },
    ],
    'hub/engagement_plan_party.csv': ENGAGEMENT_PLAN_PARTIES.map((x) => ({
      plan_id: p.id,
      position: x.position,
      organisation_id: x.organisationId,
      named_as: x.namedAs,
      roles: JSON.stringify(x.roles),
      source_lines: `seed 004 line ${x.line}`,
    })),
    'hub/engagement_plan_stakeholder.csv': ENGAGEMENT_PLAN_STAKEHOLDERS.map((x) => ({
      plan_id: p.id,
      position: x.position,
      stakeholder: x.stakeholder,
      organisation_ids: JSON.stringify(x.organisationIds),
    })),
  };
}
