import type { Resolvers } from '../generated/graphql';
import { budgetResolvers } from './budgets';
import { deliveryResolvers } from './delivery';
import { documentResolvers } from './documents';
import { engagementResolvers } from './engagement';
import { ingestionResolvers } from './ingestion';
import { mutationResolvers } from './mutations';
import { nodeResolvers } from './node';
import { organisationResolvers } from './organisations';
import { outcomeResolvers } from './outcomes';
import { partnershipResolvers } from './partnerships';
import { planResolvers } from './plans';
import { placeResolvers } from './places';
import { DateScalar, DateTimeScalar } from './scalars';
import { structureResolvers } from './structures';
import { partnersOf } from '../db/databases';
import { loadPresent } from '../loaders/batch';
import type { HubContext } from '../server/context';

/** Thin resolvers per schema domain; the joining happens in src/model and the loaders. */
export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: {
    ...nodeResolvers.Query,
    ...organisationResolvers.Query,
    ...partnershipResolvers.Query,
    ...placeResolvers.Query,
    ...deliveryResolvers.Query,
    ...ingestionResolvers.Query,
    ...planResolvers.Query,
    ...outcomeResolvers.Query,
    ...budgetResolvers.Query,
    ...engagementResolvers.Query,
    ...structureResolvers.Query,
    ...mutationResolvers.Query,
    ...documentResolvers.Query,
  },
  Mutation: mutationResolvers.Mutation,
  AuditRecord: mutationResolvers.AuditRecord,
  Node: nodeResolvers.Node,
  PartnerOrganisation: organisationResolvers.PartnerOrganisation,
  OrganisationSuccession: organisationResolvers.OrganisationSuccession,
  Partnership: {
    ...partnershipResolvers.Partnership,
    ...planResolvers.Partnership,
    ...outcomeResolvers.Partnership,
    ...budgetResolvers.Partnership,
    ...documentResolvers.Partnership,
  },
  Agreement: { ...partnershipResolvers.Agreement, ...documentResolvers.Agreement },
  EngagementPlan: documentResolvers.EngagementPlan,
  EngagementPlanParty: documentResolvers.EngagementPlanParty,
  EngagementStakeholder: documentResolvers.EngagementStakeholder,
  ProspectiveParty: documentResolvers.ProspectiveParty,
  Representation: documentResolvers.Representation,
  Milestone: documentResolvers.Milestone,
  SourceDocument: documentResolvers.SourceDocument,
  NamedPerson: documentResolvers.NamedPerson,
  Signatory: partnershipResolvers.Signatory,
  Locality: { ...placeResolvers.Locality, ...outcomeResolvers.Locality, ...engagementResolvers.Locality, ...structureResolvers.Locality },
  Ward: placeResolvers.Ward,
  Hub: deliveryResolvers.Hub,
  Service: deliveryResolvers.Service,
  Estate: deliveryResolvers.Estate,
  IngestRun: ingestionResolvers.IngestRun,
  DeliveryPlan: planResolvers.DeliveryPlan,
  PlanObjective: planResolvers.PlanObjective,
  PlanAction: planResolvers.PlanAction,
  OutcomeDomain: outcomeResolvers.OutcomeDomain,
  Outcome: outcomeResolvers.Outcome,
  Indicator: outcomeResolvers.Indicator,
  IndicatorValue: outcomeResolvers.IndicatorValue,
  IndicatorSeries: outcomeResolvers.IndicatorSeries,
  Money: budgetResolvers.Money,
  SourceRecord: {
    holders: (p: { source: string }, _: unknown, ctx: HubContext) =>
      loadPresent(ctx.loaders.hub.organisationByCode, partnersOf(ctx.databases).find((s) => s.id === p.source)?.organisations ?? []),
    version: (p: { lastChangedAt: Date }) => p.lastChangedAt.toISOString(),
    synthetic: (p: { synthetic?: boolean }) => p.synthetic === true,
  },
  Fund: budgetResolvers.Fund,
  Scheme: budgetResolvers.Scheme,
  BudgetGroupKey: budgetResolvers.BudgetGroupKey,
  Structure: structureResolvers.Structure,
  StructureLink: structureResolvers.StructureLink,
  LocalityCouncil: structureResolvers.LocalityCouncil,
  Lsoa: structureResolvers.Lsoa,
  EngagementActivity: engagementResolvers.EngagementActivity,
  YouSaidWeDid: engagementResolvers.YouSaidWeDid,
};
