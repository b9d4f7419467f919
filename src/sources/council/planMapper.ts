import { sourceOfRow } from '../../db/rowSource';
import { COUNCIL_KIND } from './mapper';
import type { ActionModel, ActionStatusModel, ObjectiveModel, PlanModel, RagName } from '../../model/plans';
import type { Provenance } from '../../model/types';
import type { ActionRow, ActionStatusRow, ObjectiveRow, StrategyRow } from './planRows';

/** The council's plan tracker rows as the shared model's delivery plans (src/model/plans.ts). */

export const RAG_NAMES: Record<'R' | 'A' | 'G', RagName> = { R: 'RED', A: 'AMBER', G: 'GREEN' };
export const RAG_LETTERS: Record<RagName, 'R' | 'A' | 'G'> = { RED: 'R', AMBER: 'A', GREEN: 'G' };

const councilRecord = (row: object, table: string, nativeKey: string, updatedAt: Date): Provenance[] => [
  { source: sourceOfRow(row), kind: COUNCIL_KIND, table, nativeKey, lastChangedAt: updatedAt },
];

export const toPlan = (r: StrategyRow): PlanModel => ({
  id: r.strategy_ref,
  title: r.title,
  periodText: r.period_text,
  partnershipCode: r.partnership_code,
  sources: councilRecord(r, 'plan_strategy', r.strategy_ref, r.updated_at),
});

export const toObjective = (r: ObjectiveRow): ObjectiveModel => ({
  id: r.objective_ref,
  strategyRef: r.strategy_ref,
  theme: r.theme,
  title: r.title,
  position: r.position,
  sources: councilRecord(r, 'plan_objective', r.objective_ref, r.updated_at),
});

export const toAction = (r: ActionRow): ActionModel => ({
  id: r.action_ref,
  objectiveRef: r.objective_ref,
  strategyRef: r.strategy_ref,
  position: r.position,
  title: r.title,
  leadPerson: r.lead_person,
  leadOrgCode: r.lead_org_code,
  deadlineText: r.deadline_text,
  deadlineDate: r.deadline_date,
  comments: r.comments,
  capacity: r.capacity === null ? null : { quantity: r.capacity, unit: r.capacity_unit ?? '', quote: r.capacity_quote ?? '' },
  sources: councilRecord(r, 'plan_action', r.action_ref, r.updated_at),
});

export const toActionStatus = (r: ActionStatusRow): ActionStatusModel => ({
  source: sourceOfRow(r),
  actionRef: r.action_ref,
  period: r.period,
  rag: RAG_NAMES[r.rag],
  comment: r.comment,
  recordedAt: r.updated_at,
  version: r.version,
});
