import { sourceOfRow } from '../../db/rowSource';
import { COUNCIL_KIND } from './mapper';
import type { Provenance } from '../../model/types';
import type { ActionRow, ActionStatusRow, ObjectiveRow, StrategyRow } from './planRows';

/** The council's plan tracker rows as the shared model's delivery plans. */

export interface PlanModel {
  id: string;
  title: string;
  periodText: string | null;
  partnershipCode: string | null;
  sources: Provenance[];
}

export interface ObjectiveModel {
  id: string;
  strategyRef: string;
  theme: string | null;
  title: string;
  position: number;
  sources: Provenance[];
}

export interface ActionModel {
  id: string;
  objectiveRef: string;
  strategyRef: string;
  position: number;
  title: string;
  leadPerson: string | null;
  leadOrgCode: string | null;
  deadlineText: string | null;
  deadlineDate: string | null;
  comments: string | null;
  /** A capacity the comments count (e.g. 12 beds), with the words it is read from. */
  capacity: { quantity: number; unit: string; quote: string } | null;
  sources: Provenance[];
}

export type RagName = 'RED' | 'AMBER' | 'GREEN';

export interface ActionStatusModel {
  /** The source holding the status: its comment is shared as that source's holders agree. */
  source: string;
  actionRef: string;
  period: string;
  rag: RagName;
  comment: string | null;
  recordedAt: Date;
  version: string;
}

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
