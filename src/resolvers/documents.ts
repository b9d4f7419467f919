import type {
  EngagementPlanPartyResolvers,
  EngagementPlanResolvers,
  EngagementStakeholderResolvers,
  MilestoneResolvers,
  NamedPersonResolvers,
  ProspectivePartyResolvers,
  QueryResolvers,
  RepresentationResolvers,
  SourceDocumentResolvers,
} from '../generated/graphql';
import { localIdOf, toGlobalId } from '../graphql/globalId';
import { loadPresent } from '../loaders/batch';
import type { AgreementModel, PartnershipModel } from '../model/types';
import type { HubContext } from '../server/context';
import { notFound } from '../server/errors';

/** Documents' facts as objects: engagement plans, prospective parties, pilot localities. */

const engagementPlan: NonNullable<QueryResolvers['engagementPlan']> = async (_, args, ctx) => {
  const found = await ctx.loaders.hub.engagementPlanById.load(localIdOf(args.id, 'EngagementPlan'));
  if (!found) throw notFound('id', `No engagement plan has id "${args.id}".`);
  return found;
};

const requireOrganisation = async (ctx: HubContext, id: string, what: string) => {
  const found = await ctx.loaders.hub.organisationById.load(id);
  if (!found) throw new Error(`${what} names organisation ${id}, which is missing`);
  return found;
};

export const documentResolvers = {
  Query: { engagementPlan, sourceDocuments: (_: unknown, __: unknown, ctx: HubContext) => ctx.loaders.hub.allSourceDocuments() },
  Partnership: {
    engagementPlans: (p: PartnershipModel, _: unknown, ctx: HubContext) => ctx.loaders.hub.engagementPlansByPartnership.load(p.id),
    sourceDocuments: (p: PartnershipModel, _: unknown, ctx: HubContext) => ctx.loaders.hub.sourceDocumentsByPartnership.load(p.id),
    milestones: (p: PartnershipModel, _: unknown, ctx: HubContext) => ctx.loaders.hub.milestonesByPartnership.load(p.id),
    pilotLocalities: async (p: PartnershipModel, _: unknown, ctx: HubContext) =>
      (await ctx.loaders.hub.localitiesByPartnership.load(p.id)).filter((l) => l.pilot !== null),
  },
  Agreement: {
    prospectiveParties: (a: AgreementModel, _: unknown, ctx: HubContext) => ctx.loaders.hub.prospectivePartiesByAgreement.load(a.id),
    representations: (a: AgreementModel, _: unknown, ctx: HubContext) => ctx.loaders.hub.representationsByAgreement.load(a.id),
    objectiveList: async (a: AgreementModel, _: unknown, ctx: HubContext) => {
      const items = await ctx.loaders.hub.objectiveItemsByAgreement.load(a.id);
      return a.objectives.map((text, i) => ({
        number: i + 1,
        text,
        subItems: items.filter((item) => item.objectiveNumber === i + 1).map((item) => item.text),
      }));
    },
  },
  EngagementPlan: {
    id: (p) => toGlobalId('EngagementPlan', p.id),
    partnership: async (p, _, ctx) => {
      const found = await ctx.loaders.hub.partnershipById.load(p.partnershipId);
      if (!found) throw new Error(`Engagement plan ${p.id} names partnership ${p.partnershipId}, which is missing`);
      return found;
    },
    parties: (p, _, ctx) => ctx.loaders.hub.partiesByEngagementPlan.load(p.id),
    stakeholders: (p, _, ctx) => ctx.loaders.hub.stakeholdersByEngagementPlan.load(p.id),
  } satisfies EngagementPlanResolvers,
  EngagementPlanParty: {
    organisation: (p, _, ctx) => (p.organisationId ? requireOrganisation(ctx, p.organisationId, `Engagement plan ${p.planId}`) : null),
    roles: (p) => p.roles as ('PRODUCER' | 'COMMISSIONER' | 'PRINCIPLES_AUTHOR' | 'ENGAGEMENT_GROUP_MEMBER')[],
  } satisfies EngagementPlanPartyResolvers,
  EngagementStakeholder: {
    organisations: (s, _, ctx) => loadPresent(ctx.loaders.hub.organisationById, s.organisationIds),
  } satisfies EngagementStakeholderResolvers,
  SourceDocument: {
    id: (d) => toGlobalId('SourceDocument', d.id),
    partnership: (d, _, ctx) => (d.partnershipId ? ctx.loaders.hub.partnershipById.load(d.partnershipId) : null),
    people: (d, _, ctx) => ctx.loaders.hub.peopleBySourceDocument.load(d.id),
  } satisfies SourceDocumentResolvers,
  NamedPerson: {
    organisation: (p, _, ctx) => (p.organisationId ? requireOrganisation(ctx, p.organisationId, `Document ${p.documentId}`) : null),
  } satisfies NamedPersonResolvers,
  Milestone: {
    actor: (m, _, ctx) =>
      m.actorOrganisationId ? requireOrganisation(ctx, m.actorOrganisationId, `Milestone ${m.partnershipId}/${m.position}`) : null,
    document: (m, _, ctx) => (m.documentId ? ctx.loaders.hub.sourceDocumentById.load(m.documentId) : null),
  } satisfies MilestoneResolvers,
  Representation: {
    representedBy: (r, _, ctx) => loadPresent(ctx.loaders.hub.organisationById, r.representedBy),
  } satisfies RepresentationResolvers,
  ProspectiveParty: {
    organisation: (p, _, ctx) => requireOrganisation(ctx, p.organisationId, `Agreement ${p.agreementId}`),
  } satisfies ProspectivePartyResolvers,
};
