import type { Provenance } from './types';

/**
 * Delivery plans as the shared model holds them: a plan, its objectives and actions, and
 * each action's RAG status per period. A source whose system tracks plans fills the `plans`
 * capability (src/sources/capabilities.ts) with them.
 */

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

export interface AmbitionModel {
  number: number;
  text: string;
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
