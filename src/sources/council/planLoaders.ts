import DataLoader from 'dataloader';
import type { Sql } from '../../db/sql';
import { VERSION_SQL } from '../../db/versions';
import { batchOptions, groupByKeys, keyColumns, manyByKey, oneByKey, selectByKeys } from '../../loaders/batch';
import type { RagName } from '../../model/plans';
import { ragLeadKey } from '../capabilities';
import { RAG_LETTERS, RAG_NAMES, toAction, toActionStatus, toObjective, toPlan } from './planMapper';
import type { ActionRow, ActionStatusRow, AmbitionRow, ObjectiveRow, StrategyRow } from './planRows';

// An action's strategy is its objective's: read through one join inside this source, which
// also leaves out the actions of a withdrawn objective.
const ACTION_COLUMNS = `a.action_ref, a.objective_ref, o.strategy_ref, a.position, a.title, a.lead_person, a.lead_org_code,
  a.deadline_text, a.deadline_date, a.comments, a.capacity, a.capacity_unit, a.capacity_quote, a.updated_at`;
const LIVE_ACTIONS = `plan_action a JOIN plan_objective o ON o.objective_ref = a.objective_ref
  AND a.withdrawn_at IS NULL AND o.withdrawn_at IS NULL`;

/** Loaders over the council's delivery-plan tracker, answering with the shared model's plans (src/model/plans.ts). */
export function createPlanLoaders(sql: Sql) {
  const select = selectByKeys(sql);
  return {
    strategyByRef: oneByKey(
      'council.strategyByRef',
      select(`SELECT * FROM plan_strategy WHERE withdrawn_at IS NULL AND strategy_ref = ANY($1)`, (r: StrategyRow) => toPlan(r)),
      (p) => p.id,
    ),
    strategiesByPartnership: manyByKey(
      'council.strategiesByPartnership',
      select(
        `SELECT * FROM plan_strategy WHERE withdrawn_at IS NULL AND partnership_code = ANY($1) ORDER BY strategy_ref`,
        (r: StrategyRow) => toPlan(r),
      ),
      (p) => p.partnershipCode ?? '',
    ),
    objectiveByRef: oneByKey(
      'council.objectiveByRef',
      select(`SELECT * FROM plan_objective WHERE withdrawn_at IS NULL AND objective_ref = ANY($1)`, (r: ObjectiveRow) => toObjective(r)),
      (o) => o.id,
    ),
    objectivesByStrategy: manyByKey(
      'council.objectivesByStrategy',
      select(`SELECT * FROM plan_objective WHERE withdrawn_at IS NULL AND strategy_ref = ANY($1) ORDER BY position`, (r: ObjectiveRow) =>
        toObjective(r),
      ),
      (o) => o.strategyRef,
    ),
    ambitionsByObjective: manyByKey(
      'council.ambitionsByObjective',
      select<AmbitionRow>(`SELECT * FROM plan_ambition WHERE withdrawn_at IS NULL AND objective_ref = ANY($1) ORDER BY number`),
      (r) => r.objective_ref,
    ),
    actionByRef: oneByKey(
      'council.actionByRef',
      select(`SELECT ${ACTION_COLUMNS} FROM ${LIVE_ACTIONS} WHERE a.action_ref = ANY($1)`, (r: ActionRow) => toAction(r)),
      (a) => a.id,
    ),
    actionsByObjective: manyByKey(
      'council.actionsByObjective',
      select(`SELECT ${ACTION_COLUMNS} FROM ${LIVE_ACTIONS} WHERE a.objective_ref = ANY($1) ORDER BY a.position`, (r: ActionRow) =>
        toAction(r),
      ),
      (a) => a.objectiveRef,
    ),
    actionsByStrategy: manyByKey(
      'council.actionsByStrategy',
      select(
        `SELECT ${ACTION_COLUMNS} FROM ${LIVE_ACTIONS} WHERE o.strategy_ref = ANY($1) ORDER BY o.position, a.position`,
        (r: ActionRow) => toAction(r),
      ),
      (a) => a.strategyRef,
    ),
    statusesByAction: manyByKey(
      'council.statusesByAction',
      select(
        `SELECT *, ${VERSION_SQL} AS version FROM action_status WHERE withdrawn_at IS NULL AND action_ref = ANY($1)`,
        (r: ActionStatusRow) => toActionStatus(r),
      ),
      (s) => s.actionRef,
    ),
    /** `ragLeadKey(rag, period)` → the codes of organisations leading an action with that status then. */
    leadCodesWithRag: new DataLoader<string, string[]>(
      async (keys) => {
        // The tracker keeps a RAG as its letter.
        const [rags, periods] = keyColumns(keys);
        const rows = await sql.query<{ rag: 'R' | 'A' | 'G'; period: string; lead_org_code: string }>(
          // Live actions only: one under a withdrawn objective leads nothing, as it counts in no RAG summary.
          `SELECT DISTINCT s.rag, s.period, a.lead_org_code
             FROM unnest($1::text[], $2::text[]) AS k(rag, period)
             JOIN action_status s ON s.rag = k.rag AND s.period = k.period AND s.withdrawn_at IS NULL
             JOIN (${LIVE_ACTIONS}) ON a.action_ref = s.action_ref AND a.lead_org_code IS NOT NULL`,
          [rags.map((rag) => RAG_LETTERS[rag as RagName]), periods],
        );
        return groupByKeys(keys, rows, (r) => ragLeadKey(RAG_NAMES[r.rag], r.period)).map((group) => group.map((r) => r.lead_org_code));
      },
      { name: 'council.leadCodesWithRag', ...batchOptions() },
    ),
  };
}

export type PlanLoaders = ReturnType<typeof createPlanLoaders>;
