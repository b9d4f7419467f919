import DataLoader from 'dataloader';
import type { Sql } from '../../db/sql';
import { VERSION_SQL } from '../../db/versions';
import { batchOptions, compositeKey, groupByKeys, keyColumns, manyByKey, oneByKey, orderByKeys } from '../../loaders/batch';
import type { ActionRow, ActionStatusRow, AmbitionRow, ObjectiveRow, StrategyRow } from './planRows';

// An action's strategy is its objective's: read through one join inside this source, which
// also leaves out the actions of a withdrawn objective.
const ACTION_COLUMNS = `a.action_ref, a.objective_ref, o.strategy_ref, a.position, a.title, a.lead_person, a.lead_org_code,
  a.deadline_text, a.deadline_date, a.comments, a.capacity, a.capacity_unit, a.capacity_quote, a.updated_at`;
const LIVE_ACTIONS = `plan_action a JOIN plan_objective o ON o.objective_ref = a.objective_ref
  AND a.withdrawn_at IS NULL AND o.withdrawn_at IS NULL`;

export const ragLeadKey = (rag: string, period: string): string => compositeKey(rag, period);

/** Loaders over the council's delivery-plan tracker. */
export function createPlanLoaders(sql: Sql) {
  const select =
    <R>(text: string) =>
    (keys: string[]) =>
      sql.query<R>(text, [keys]);
  return {
    strategyByRef: oneByKey(
      'council.strategyByRef',
      select<StrategyRow>(`SELECT * FROM plan_strategy WHERE withdrawn_at IS NULL AND strategy_ref = ANY($1)`),
      (r) => r.strategy_ref,
    ),
    strategiesByPartnership: manyByKey(
      'council.strategiesByPartnership',
      select<StrategyRow>(`SELECT * FROM plan_strategy WHERE withdrawn_at IS NULL AND partnership_code = ANY($1) ORDER BY strategy_ref`),
      (r) => r.partnership_code ?? '',
    ),
    objectiveByRef: oneByKey(
      'council.objectiveByRef',
      select<ObjectiveRow>(`SELECT * FROM plan_objective WHERE withdrawn_at IS NULL AND objective_ref = ANY($1)`),
      (r) => r.objective_ref,
    ),
    objectivesByStrategy: manyByKey(
      'council.objectivesByStrategy',
      select<ObjectiveRow>(`SELECT * FROM plan_objective WHERE withdrawn_at IS NULL AND strategy_ref = ANY($1) ORDER BY position`),
      (r) => r.strategy_ref,
    ),
    ambitionsByObjective: manyByKey(
      'council.ambitionsByObjective',
      select<AmbitionRow>(`SELECT * FROM plan_ambition WHERE withdrawn_at IS NULL AND objective_ref = ANY($1) ORDER BY number`),
      (r) => r.objective_ref,
    ),
    actionByRef: oneByKey(
      'council.actionByRef',
      select<ActionRow>(`SELECT ${ACTION_COLUMNS} FROM ${LIVE_ACTIONS} WHERE a.action_ref = ANY($1)`),
      (r) => r.action_ref,
    ),
    actionsByObjective: manyByKey(
      'council.actionsByObjective',
      select<ActionRow>(`SELECT ${ACTION_COLUMNS} FROM ${LIVE_ACTIONS} WHERE a.objective_ref = ANY($1) ORDER BY a.position`),
      (r) => r.objective_ref,
    ),
    actionsByStrategy: manyByKey(
      'council.actionsByStrategy',
      select<ActionRow>(`SELECT ${ACTION_COLUMNS} FROM ${LIVE_ACTIONS} WHERE o.strategy_ref = ANY($1) ORDER BY o.position, a.position`),
      (r) => r.strategy_ref,
    ),
    statusesByAction: manyByKey(
      'council.statusesByAction',
      select<ActionStatusRow>(`SELECT *, ${VERSION_SQL} AS version FROM action_status WHERE withdrawn_at IS NULL AND action_ref = ANY($1)`),
      (r) => r.action_ref,
    ),
    /** `ragLeadKey(rag, period)` → the codes of organisations leading an action with that status then. */
    leadCodesWithRag: new DataLoader<string, string[]>(
      async (keys) => {
        const rows = await sql.query<{ rag: string; period: string; lead_org_code: string }>(
          // Live actions only: one under a withdrawn objective leads nothing, as it counts in no RAG summary.
          `SELECT DISTINCT s.rag, s.period, a.lead_org_code
             FROM unnest($1::text[], $2::text[]) AS k(rag, period)
             JOIN action_status s ON s.rag = k.rag AND s.period = k.period AND s.withdrawn_at IS NULL
             JOIN (${LIVE_ACTIONS}) ON a.action_ref = s.action_ref AND a.lead_org_code IS NOT NULL`,
          keyColumns(keys),
        );
        return groupByKeys(keys, rows, (r) => ragLeadKey(r.rag, r.period)).map((group) => group.map((r) => r.lead_org_code));
      },
      { name: 'council.leadCodesWithRag', ...batchOptions() },
    ),
  };
}

export type PlanLoaders = ReturnType<typeof createPlanLoaders>;
