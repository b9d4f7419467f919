import { printedRagOf } from '../model/printedRag';
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
import type { ActionModel, RagName } from '../model/plans';
import { sqlPageAcross } from './paging';

interface ActionFilterArgs {
  rag?: RagName | null;
  period?: string | null;
  leadOrganisationCode?: string | null;
}

const actionSortKey = (objectivePosition: number, a: ActionModel): string =>
  `${String(objectivePosition).padStart(6, '0')}.${String(a.position).padStart(6, '0')}`;

const plans = (ctx: HubContext) => ctx.loaders.across('plans');

async function statusesOf(ctx: HubContext, actionRef: string) {
  const statuses = await plans(ctx).statusesByAction.load(actionRef);
  return [...statuses].sort((a, b) => comparePeriods(a.period, b.period)); // a copy: the loader's list is shared
}

/** Actions of a plan or objective, filtered and paged; all statuses come in one batch. */
async function actionConnection(ctx: HubContext, actions: ActionModel[], filter: ActionFilterArgs | null | undefined, page: PageArgs) {
  let kept = actions;
  if (filter?.rag != null) {
    if (filter.period == null) throw badUserInput('filter.period', 'An action filter by "rag" needs the "period" it refers to.');
    const period = requirePeriod(filter.period, 'filter.period').text;
    const statuses = await Promise.all(kept.map((a) => plans(ctx).statusesByAction.load(a.id)));
    kept = kept.filter((_, i) => statuses[i]!.some((s) => s.period === period && s.rag === filter.rag));
  } else if (filter?.period != null) {
    requirePeriod(filter.period, 'filter.period');
  }
  if (filter?.leadOrganisationCode != null) {
    const lead = await organisationForCode(ctx.loaders, filter.leadOrganisationCode.trim().toUpperCase());
    if (!lead) throw notFound('filter.leadOrganisationCode', `No organisation has code "${filter.leadOrganisationCode}".`);
    const codes = new Set([lead.odsCode, lead.gssCode, lead.charityNumber].filter((c): c is string => c !== null));
    kept = kept.filter((a) => a.leadOrgCode !== null && codes.has(a.leadOrgCode));
  }
  const objectives = await loadPresent(plans(ctx).objectiveByRef, [...new Set(kept.map((a) => a.objectiveRef))]);
  const position = new Map(objectives.map((o) => [o.id, o.position]));
  return connectionFromList(kept, (a) => actionSortKey(position.get(a.objectiveRef) ?? 0, a), page, ctx.limits);
}

const deliveryPlan: NonNullable<QueryResolvers['deliveryPlan']> = async (_, args, ctx) => {
  const plan = await plans(ctx).planByRef.load(localIdOf(args.id, 'DeliveryPlan'));
  if (!plan) throw notFound('id', `No delivery plan has id "${args.id}".`);
  return plan;
};

/** Every source that tracks plans pages its own list; the pages merge in key order. */
const deliveryPlans: NonNullable<QueryResolvers['deliveryPlans']> = (_, args, ctx, info) =>
  sqlPageAcross(
    ctx.loaders.partners.flatMap((p) => (p.adapter.plans ? [{ sql: sqlOf(ctx.sql, p.id), table: p.adapter.plans.list }] : [])),
    args,
    ctx.limits,
    info,
  );

export const planResolvers = {
  Query: { deliveryPlan, deliveryPlans },
  Partnership: {
    deliveryPlans: async (p: { id: string }, _: unknown, ctx: HubContext) => plans(ctx).plansByPartnership.load(p.id),
  },
  DeliveryPlan: {
    id: (p) => toGlobalId('DeliveryPlan', p.id),
    partnership: (p, _, ctx) => (p.partnershipCode ? ctx.loaders.hub.partnershipById.load(p.partnershipCode) : null),
    objectives: async (p, args, ctx) =>
      connectionFromList(await plans(ctx).objectivesByPlan.load(p.id), (o) => String(o.position).padStart(6, '0'), args, ctx.limits),
    actions: async (p, args, ctx) => actionConnection(ctx, await plans(ctx).actionsByPlan.load(p.id), args.filter, args),
    ragSummary: async (p, args, ctx) => {
      const counts = ragCounter(args.period, args.asAt);
      const actions = await plans(ctx).actionsByPlan.load(p.id);
      const summary = counts.count(await Promise.all(actions.map((a) => plans(ctx).statusesByAction.load(a.id))));
      return { period: counts.period, asAt: counts.asAt, ...summary, printed: printedRagOf(p.id, counts.period) };
    },
  } satisfies DeliveryPlanResolvers,
  PlanObjective: {
    id: (o) => toGlobalId('PlanObjective', o.id),
    plan: async (o, _, ctx) => {
      const plan = await plans(ctx).planByRef.load(o.strategyRef);
      if (!plan) throw new Error(`Objective ${o.id} names plan ${o.strategyRef}, which is missing`);
      return plan;
    },
    ambitions: async (o, _, ctx) => (await plans(ctx).ambitionsByObjective.load(o.id)).map((a) => ({ number: a.number, text: a.text })),
    actions: async (o, args, ctx) => actionConnection(ctx, await plans(ctx).actionsByObjective.load(o.id), args.filter, args),
  } satisfies PlanObjectiveResolvers,
  PlanAction: {
    id: (a) => toGlobalId('PlanAction', a.id),
    objective: async (a, _, ctx) => {
      const objective = await plans(ctx).objectiveByRef.load(a.objectiveRef);
      if (!objective) throw new Error(`Action ${a.id} names objective ${a.objectiveRef}, which is missing`);
      return objective;
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
