import { accessMapOf, rowVisible, typeAccess } from '../auth/accessDirective';
import { forbidden, mayAccess } from '../auth/caller';
import type { QueryResolvers } from '../generated/graphql';
import { fromGlobalId, type NodeType } from '../graphql/globalId';
import type { HubContext } from '../server/context';
import { organisationForId } from '../model/lookups';
import { toIngestRun, type IngestRunRow } from './ingestion';
import { notFound } from '../server/errors';

/**
 * `node(id:)` routes a global id to the loader of its type. The type is remembered per
 * object so `Node.__resolveType` need not guess from the object's shape.
 */
const typeOfNode = new WeakMap<object, NodeType>();

const LOAD_BY_TYPE: Record<NodeType, (ctx: HubContext, localId: string) => Promise<object | null>> = {
  PartnerOrganisation: (ctx, id) => organisationForId(ctx.loaders, id),
  Partnership: (ctx, id) => ctx.loaders.hub.partnershipById.load(id),
  Agreement: (ctx, id) => ctx.loaders.hub.agreementById.load(id),
  Signatory: (ctx, id) => ctx.loaders.hub.signatoryById.load(id),
  Locality: (ctx, id) => ctx.loaders.hub.localityById.load(id),
  Ward: (ctx, id) => ctx.loaders.across('areas').wardByGss.load(id),
  Hub: (ctx, id) => ctx.loaders.entities.hubById.load(id),
  Service: (ctx, id) => ctx.loaders.entities.serviceById.load(id),
  Estate: (ctx, id) => ctx.loaders.entities.estateById.load(id),
  DeliveryPlan: (ctx, id) => ctx.loaders.across('plans').planByRef.load(id),
  PlanObjective: (ctx, id) => ctx.loaders.across('plans').objectiveByRef.load(id),
  PlanAction: (ctx, id) => ctx.loaders.across('plans').actionByRef.load(id),
  OutcomeDomain: (ctx, id) => ctx.loaders.hub.domainById.load(id),
  Outcome: (ctx, id) => ctx.loaders.hub.outcomeById.load(id),
  Indicator: (ctx, id) => ctx.loaders.hub.indicatorById.load(id),
  Fund: (ctx, id) => ctx.loaders.hub.fundById.load(id),
  EngagementActivity: (ctx, id) => ctx.loaders.across('engagement').activityByRef.load(id),
  YouSaidWeDid: (ctx, id) => ctx.loaders.across('engagement').feedbackByRef.load(id),
  Scheme: (ctx, id) => ctx.loaders.hub.schemeById.load(id),
  EngagementPlan: (ctx, id) => ctx.loaders.hub.engagementPlanById.load(id),
  SourceDocument: (ctx, id) => ctx.loaders.hub.sourceDocumentById.load(id),
  IngestRun: async (ctx, id) => {
    const [row] = await ctx.sql.hub.query<IngestRunRow>(`SELECT * FROM ingest_run WHERE id = $1`, [id]);
    return row ? toIngestRun(row) : null;
  },
};

const node: NonNullable<QueryResolvers['node']> = async (_, args, ctx, info) => {
  const { type, localId } = fromGlobalId(args.id);
  // The same rules as every other path: the type's @access before anything is read, the row's rule after.
  const level = typeAccess(info.schema, type);
  if (level && !mayAccess(ctx.caller, level))
    throw forbidden(`${type} is for ${level.toLowerCase()} callers; sign in with an API key or token.`, 'id');
  const found = await LOAD_BY_TYPE[type](ctx, localId);
  if (!found || !rowVisible(accessMapOf(info.schema), ctx, type, found)) throw notFound('id', `No ${type} has id "${args.id}".`);
  typeOfNode.set(found, type);
  return found as never; // one of the Node models; __resolveType below names which
};

export const nodeResolvers = {
  Query: { node },
  Node: {
    __resolveType: (obj: object) => {
      const type = typeOfNode.get(obj);
      if (!type) throw new Error('Node resolved without a recorded type');
      return type;
    },
  },
};
