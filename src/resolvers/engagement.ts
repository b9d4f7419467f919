import type { EngagementActivityResolvers, QueryResolvers, YouSaidWeDidResolvers } from '../generated/graphql';
import { toGlobalId } from '../graphql/globalId';
import { entityIdFor } from '../model/entities';
import type { HubContext } from '../server/context';
import { notFound } from '../server/errors';

/** The table a source keeps its services in, as its adapter declares it. */
const serviceTableOf = (ctx: HubContext, source: string): string | undefined =>
  ctx.loaders.partners.find((p) => p.id === source)?.adapter.records.find((t) => t.kind === 'SERVICE')?.table;

const engagementActivities: NonNullable<QueryResolvers['engagementActivities']> = async (_, args, ctx) => {
  if (args.localityCode == null) return ctx.loaders.across('engagement').allActivities();
  const code = args.localityCode.trim().toUpperCase();
  if (!(await ctx.loaders.hub.localityByCode.load(code))) throw notFound('localityCode', `No locality has code "${args.localityCode}".`);
  return ctx.loaders.across('engagement').activitiesByLocality.load(code);
};

export const engagementResolvers = {
  Query: { engagementActivities },
  Locality: {
    engagementActivities: (l: { code: string }, _: unknown, ctx: HubContext) =>
      ctx.loaders.across('engagement').activitiesByLocality.load(l.code),
  },
  EngagementActivity: {
    id: (a) => toGlobalId('EngagementActivity', a.id),
    locality: (a, _, ctx) => (a.localityCode ? ctx.loaders.hub.localityByCode.load(a.localityCode) : null),
    youSaidWeDid: (a, _, ctx) => ctx.loaders.across('engagement').feedbackByActivity.load(a.id),
  } satisfies EngagementActivityResolvers,
  YouSaidWeDid: {
    id: (f) => toGlobalId('YouSaidWeDid', f.id),
    activity: (f, _, ctx) => (f.activityRef ? ctx.loaders.across('engagement').activityByRef.load(f.activityRef) : null),
    action: (f, _, ctx) => (f.actionRef ? ctx.loaders.across('plans').actionByRef.load(f.actionRef) : null),
    service: async (f, _, ctx) => {
      const table = f.service ? serviceTableOf(ctx, f.service.source) : undefined;
      if (!f.service || !table) return null;
      const id = await entityIdFor('SERVICE', ctx.loaders, { source: f.service.source, table, key: f.service.key });
      return id ? ctx.loaders.entities.serviceById.load(id) : null;
    },
  } satisfies YouSaidWeDidResolvers,
};
