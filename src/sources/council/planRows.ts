/** Rows of the council's delivery-plan tracker and engagement log. */

export interface StrategyRow {
  strategy_ref: string;
  title: string;
  period_text: string | null;
  partnership_code: string | null;
  updated_at: Date;
}

export interface ObjectiveRow {
  objective_ref: string;
  strategy_ref: string;
  theme: string | null;
  title: string;
  position: number;
  updated_at: Date;
}

export interface AmbitionRow {
  ambition_ref: string;
  objective_ref: string;
  number: number;
  text: string;
}

export interface ActionRow {
  action_ref: string;
  objective_ref: string;
  strategy_ref: string;
  position: number;
  title: string;
  lead_person: string | null;
  lead_org_code: string | null;
  deadline_text: string | null;
  deadline_date: string | null;
  comments: string | null;
  capacity: number | null;
  capacity_unit: string | null;
  capacity_quote: string | null;
  updated_at: Date;
}

export interface ActionStatusRow {
  /** Optimistic-concurrency token (see src/db/versions.ts). */
  version: string;
  action_ref: string;
  period: string;
  rag: 'R' | 'A' | 'G';
  comment: string | null;
  updated_at: Date;
}
