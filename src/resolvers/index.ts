import type { Resolvers } from '../generated/graphql';
import { deliveryResolvers } from './delivery';
import { ingestionResolvers } from './ingestion';
import { nodeResolvers } from './node';
import { organisationResolvers } from './organisations';
import { partnershipResolvers } from './partnerships';
import { placeResolvers } from './places';
import { DateScalar, DateTimeScalar } from './scalars';

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
  },
  Node: nodeResolvers.Node,
  PartnerOrganisation: organisationResolvers.PartnerOrganisation,
  Partnership: partnershipResolvers.Partnership,
  Agreement: partnershipResolvers.Agreement,
  Signatory: partnershipResolvers.Signatory,
  Locality: placeResolvers.Locality,
  Ward: placeResolvers.Ward,
  Hub: deliveryResolvers.Hub,
  Service: deliveryResolvers.Service,
  Estate: deliveryResolvers.Estate,
  IngestRun: ingestionResolvers.IngestRun,
};
