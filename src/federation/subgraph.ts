import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import { applyAccessControl } from '../auth/accessDirective';
import { localIdOf } from '../graphql/globalId';
import { readTypeDefs } from '../graphql/schema';
import { organisationForCode, organisationForId } from '../model/lookups';
import { resolvers } from '../resolvers';
import type { HubContext } from '../server/context';

/**
 * The hub's schema as an Apollo Federation 2 subgraph (served at /subgraph), so a router or
 * gateway can compose it with partners' own GraphQL services. The SDL in schema/ stays as it
 * is; the federation directives are added here by extension. Entities are keyed by their
 * global id and by the identifiers partners already hold: an organisation's ODS code, a
 * locality's code. A reference is resolved through the request's loaders, so a gateway
 * asking for many entities at once costs one batch per loader, as a list does.
 */
export const FEDERATION_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  extend type PartnerOrganisation @key(fields: "id") @key(fields: "odsCode")
  extend type Locality @key(fields: "id") @key(fields: "code")
`;

type OrganisationReference = { id: string } | { odsCode: string };
type LocalityReference = { id: string } | { code: string };

const entityResolvers = {
  PartnerOrganisation: {
    __resolveReference: async (reference: OrganisationReference, ctx: HubContext) => {
      if ('id' in reference) return organisationForId(ctx.loaders, localIdOf(reference.id, 'PartnerOrganisation'));
      const code = reference.odsCode.trim().toUpperCase();
      const found = await organisationForCode(ctx.loaders, code);
      // The code loader matches any of an organisation's codes; the key is its ODS code.
      return found?.odsCode === code ? found : null;
    },
  },
  Locality: {
    __resolveReference: (reference: LocalityReference, ctx: HubContext) =>
      'id' in reference
        ? ctx.loaders.hub.localityById.load(localIdOf(reference.id, 'Locality'))
        : ctx.loaders.hub.localityByCode.load(reference.code.trim().toUpperCase()),
  },
};

export function buildHubSubgraphSchema(): GraphQLSchema {
  const typeDefs = parse([...readTypeDefs(), FEDERATION_SDL].join('\n'));
  const merged = {
    ...resolvers,
    PartnerOrganisation: { ...resolvers.PartnerOrganisation, ...entityResolvers.PartnerOrganisation },
    Locality: { ...resolvers.Locality, ...entityResolvers.Locality },
  };
  // codegen's Resolvers type is stricter than the subgraph's resolver map; same runtime shape.
  return applyAccessControl(buildSubgraphSchema([{ typeDefs, resolvers: merged as never }]));
}
