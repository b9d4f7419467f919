import type { EngagementActivityResolvers, QueryResolvers, YouSaidWeDidResolvers } from '../generated/graphql';
import { toGlobalId } from '../graphql/globalId';
import { entityIdFor } from '../model/entities';
import type { HubContext } from '../server/context';
import { notFound } from '../server/errors';
import { CCG_TABLES } from '../sources/ccg/mapper';
import { COUNCIL_TABLES } from '../sources/council/mapper';
import { toAction } from '../sources/council/planMapper';
import { TRUST_TABLES } from '../sources/trust/mapper';

const SERVICE_TABLE = { ccg: CCG_TABLES.service, council: COUNCIL_TABLES.careService, trust: TRUST_TABLES.serviceLine } as const;

const engagementActivities: NonNullable<QueryResolvers['engagementActivities']> = async (_, args, ctx) => {
  if (args.localityCode == null) return ctx.loaders.council.allActivities();
  const code = args.localityCode.trim().toUpperCase();
  if (!(await ctx.loaders.hub.localityByCode.load(code))) throw notFound('localityCode', `No locality has code "${args.localityCode}".`);
  return ctx.loaders.council.activitiesByLocality.load(code);
};

export const engagementResolvers = {
  Query: { engagementActivities },
  Locality: {
    engagementActivities: (l: { code: string }, _: unknown, ctx: HubContext) => ctx.loaders.council.activitiesByLocality.load(l.code),
  },
  EngagementActivity: {
    id: (a) => toGlobalId('EngagementActivity', a.id),
    locality: (a, _, ctx) => (a.localityCode ? ctx.loaders.hub.localityByCode.load(a.localityCode) : null),
    youSaidWeDid: (a, _, ctx) => ctx.loaders.council.feedbackByActivity.load(a.id),
  } satisfies EngagementActivityResolvers,
  YouSaidWeDid: {
    id: (f) => toGlobalId('YouSaidWeDid', f.id),
    activity: (f, _, ctx) => (f.activityRef ? ctx.loaders.council.activityByRef.load(f.activityRef) : null),
    action: async (f, _, ctx) => {
      const row = f.actionRef ? await ctx.loaders.council.actionByRef.load(f.actionRef) : null;
      return row ? toAction(row) : null;
    },
    service: async (f, _, ctx) => {
      if (!f.service) return null;
      const id = await entityIdFor('SERVICE', ctx.loaders, {
        source: f.service.source,
        table: SERVICE_TABLE[f.service.source],
        key: f.service.key,
      });
      return id ? ctx.loaders.entities.serviceById.load(id) : null;
    },
  } satisfies YouSaidWeDidResolvers,
};
