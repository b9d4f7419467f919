import { printedRagOf } from '../model/printedRag';
import { councilRegisters } from '../sources/council/kind';
import type { DeliveryPlanResolvers, PlanActionResolvers, PlanObjectiveResolvers, QueryResolvers } from '../generated/graphql';
import { connectionFromList, type PageArgs } from '../graphql/connection';
import { localIdOf, toGlobalId } from '../graphql/globalId';
import { loadPresent } from '../loaders/batch';
import { organisationForCode } from '../model/lookups';
import { comparePeriods, requirePeriod } from '../model/periods';
import { ragCounter } from '../model/rag';
import type { HubContext } from '../server/context';
import { badUserInput, notFound } from '../server/errors';
import { sqlOf } from '../db/sql';
import { RAG_LETTERS, toAction, toActionStatus, toObjective, toPlan, type ActionModel, type RagName } from '../sources/council/planMapper';
import type { StrategyRow } from '../sources/council/planRows';
import { mapConnection, sqlPage } from './paging';

interface ActionFilterArgs {
  rag?: RagName | null;
  period?: string | null;
  leadOrganisationCode?: string | null;
}

const actionSortKey = (objectivePosition: number, a: ActionModel): string =>
  `${String(objectivePosition).padStart(6, '0')}.${String(a.position).padStart(6, '0')}`;

async function statusesOf(ctx: HubContext, actionRef: string) {
  const rows = await ctx.loaders.every(councilRegisters).statusesByAction.load(actionRef);
  return rows.map(toActionStatus).sort((a, b) => comparePeriods(a.period, b.period));
}

/** Actions of a plan or objective, filtered and paged; all statuses come in one batch. */
async function actionConnection(ctx: HubContext, actions: ActionModel[], filter: ActionFilterArgs | null | undefined, page: PageArgs) {
  let kept = actions;
  if (filter?.rag != null) {
    if (filter.period == null) throw badUserInput('filter.period', 'An action filter by "rag" needs the "period" it refers to.');
    const period = requirePeriod(filter.period, 'filter.period').text;
    const statuses = await Promise.all(kept.map((a) => ctx.loaders.every(councilRegisters).statusesByAction.load(a.id)));
    kept = kept.filter((_, i) => statuses[i]!.some((s) => s.period === period && s.rag === RAG_LETTERS[filter.rag!]));
  } else if (filter?.period != null) {
    requirePeriod(filter.period, 'filter.period');
  }
  if (filter?.leadOrganisationCode != null) {
    const lead = await organisationForCode(ctx.loaders, filter.leadOrganisationCode.trim().toUpperCase());
    if (!lead) throw notFound('filter.leadOrganisationCode', `No organisation has code "${filter.leadOrganisationCode}".`);
    const codes = new Set([lead.odsCode, lead.gssCode, lead.charityNumber].filter((c): c is string => c !== null));
    kept = kept.filter((a) => a.leadOrgCode !== null && codes.has(a.leadOrgCode));
  }
  const objectives = await loadPresent(ctx.loaders.every(councilRegisters).objectiveByRef, [...new Set(kept.map((a) => a.objectiveRef))]);
  const position = new Map(objectives.map((o) => [o.objective_ref, o.position]));
  return connectionFromList(kept, (a) => actionSortKey(position.get(a.objectiveRef) ?? 0, a), page, ctx.limits);
}

const deliveryPlan: NonNullable<QueryResolvers['deliveryPlan']> = async (_, args, ctx) => {
  const row = await ctx.loaders.every(councilRegisters).strategyByRef.load(localIdOf(args.id, 'DeliveryPlan'));
  if (!row) throw notFound('id', `No delivery plan has id "${args.id}".`);
  return toPlan(row);
};

const deliveryPlans: NonNullable<QueryResolvers['deliveryPlans']> = async (_, args, ctx, info) =>
  mapConnection(
    await sqlPage<StrategyRow & Record<string, unknown>>(
      ctx.loaders.partners.filter((p) => p.kind.id === councilRegisters.id).map((p) => sqlOf(ctx.sql, p.id)),
      { from: 'plan_strategy', key: 'strategy_ref', where: 'withdrawn_at IS NULL' },
      args,
      ctx.limits,
      info,
    ),
    (rows) => rows.map(toPlan),
  );

export const planResolvers = {
  Query: { deliveryPlan, deliveryPlans },
  Partnership: {
    deliveryPlans: async (p: { id: string }, _: unknown, ctx: HubContext) =>
      (await ctx.loaders.every(councilRegisters).strategiesByPartnership.load(p.id)).map(toPlan),
  },
  DeliveryPlan: {
    id: (p) => toGlobalId('DeliveryPlan', p.id),
    partnership: (p, _, ctx) => (p.partnershipCode ? ctx.loaders.hub.partnershipById.load(p.partnershipCode) : null),
    objectives: async (p, args, ctx) =>
      connectionFromList(
        (await ctx.loaders.every(councilRegisters).objectivesByStrategy.load(p.id)).map(toObjective),
        (o) => String(o.position).padStart(6, '0'),
        args,
        ctx.limits,
      ),
    actions: async (p, args, ctx) =>
      actionConnection(ctx, (await ctx.loaders.every(councilRegisters).actionsByStrategy.load(p.id)).map(toAction), args.filter, args),
    ragSummary: async (p, args, ctx) => {
      const counts = ragCounter(args.period, args.asAt);
      const actions = await ctx.loaders.every(councilRegisters).actionsByStrategy.load(p.id);
      const statuses = await Promise.all(actions.map((a) => ctx.loaders.every(councilRegisters).statusesByAction.load(a.action_ref)));
      const summary = counts.count(statuses.map((rows) => rows.map(toActionStatus)));
      return { period: counts.period, asAt: counts.asAt, ...summary, printed: printedRagOf(p.id, counts.period) };
    },
  } satisfies DeliveryPlanResolvers,
  PlanObjective: {
    id: (o) => toGlobalId('PlanObjective', o.id),
    plan: async (o, _, ctx) => {
      const row = await ctx.loaders.every(councilRegisters).strategyByRef.load(o.strategyRef);
      if (!row) throw new Error(`Objective ${o.id} names plan ${o.strategyRef}, which is missing`);
      return toPlan(row);
    },
    ambitions: async (o, _, ctx) =>
      (await ctx.loaders.every(councilRegisters).ambitionsByObjective.load(o.id)).map((a) => ({ number: a.number, text: a.text })),
    actions: async (o, args, ctx) =>
      actionConnection(ctx, (await ctx.loaders.every(councilRegisters).actionsByObjective.load(o.id)).map(toAction), args.filter, args),
  } satisfies PlanObjectiveResolvers,
  PlanAction: {
    id: (a) => toGlobalId('PlanAction', a.id),
    objective: async (a, _, ctx) => {
      const row = await ctx.loaders.every(councilRegisters).objectiveByRef.load(a.objectiveRef);
      if (!row) throw new Error(`Action ${a.id} names objective ${a.objectiveRef}, which is missing`);
      return toObjective(row);
    },
    lead: (a) => a.leadPerson,
    leadOrganisation: (a, _, ctx) => organisationForCode(ctx.loaders, a.leadOrgCode),
    deadline: (a) => a.deadlineDate,
    status: async (a, args, ctx) => {
      const history = await statusesOf(ctx, a.id);
      if (args.period == null) return history.at(-1) ?? null;
      const period = requirePeriod(args.period, 'period').text;
      return history.find((s) => s.period === period) ?? null;
    },
    statusHistory: (a, _, ctx) => statusesOf(ctx, a.id),
  } satisfies PlanActionResolvers,
};
