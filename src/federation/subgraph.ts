import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import { applyAccessControl } from '../auth/accessDirective';
import { localIdOf } from '../graphql/globalId';
import { readTypeDefs } from '../graphql/schema';
import { organisationForCode, organisationForId } from '../model/lookups';
import { resolvers } from '../resolvers';
import type { HubContext } from '../server/context';
import { badUserInput } from '../server/errors';

/**
 * The hub's schema as an Apollo Federation 2 subgraph (served at /subgraph), so a router or
 * gateway can compose it with partners' own GraphQL services. The SDL in schema/ stays as it
 * is; the federation directives are added here by extension. Entities are keyed by their
 * global id and by the identifiers partners already hold: an organisation's ODS code, a
 * locality's code. A reference is resolved through the request's loaders, so a gateway
 * asking for many entities at once costs one batch per loader, as a list does.
 */
/** Each entity type and its keys, each a single string field; the SDL below and the check of representations are made from it. */
const ENTITY_KEYS = { PartnerOrganisation: ['id', 'odsCode'], Locality: ['id', 'code'] } as const;

export const FEDERATION_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  ${Object.entries(ENTITY_KEYS)
    .map(([type, keys]) => `  extend type ${type} ${keys.map((k) => `@key(fields: "${k}")`).join(' ')}`)
    .join('\n')}
`;

type OrganisationReference = { id: string } | { odsCode: string };
type LocalityReference = { id: string } | { code: string };

const MAX_KEY_LENGTH = 200;

/**
 * A representation as the keys declare it, or a BAD_USER_INPUT naming what is wrong: an
 * object naming an entity type, with one of its keys as a non-empty string. Anything else
 * (a missing key, an operator object, a number, an unknown or non-entity type) would
 * otherwise reach a loader and come back as an internal error.
 */
function checkRepresentation(representation: unknown, index: number): void {
  const at = `representations[${index}]`;
  if (typeof representation !== 'object' || representation === null || Array.isArray(representation))
    throw badUserInput(at, `${at} must be an object with "__typename" and a key field.`);
  const { __typename: typename, ...fields } = representation as Record<string, unknown>;
  const entities = Object.keys(ENTITY_KEYS).join(', ');
  if (typeof typename !== 'string' || !(typename in ENTITY_KEYS))
    throw badUserInput(
      `${at}.__typename`,
      `${at}.__typename must name an entity type (${entities}); got ${JSON.stringify(typename ?? null)}.`,
    );
  const keys: readonly string[] = ENTITY_KEYS[typename as keyof typeof ENTITY_KEYS];
  const given = Object.keys(fields).filter((f) => keys.includes(f));
  if (given.length !== 1) throw badUserInput(at, `${at} must give exactly one key of ${typename}: ${keys.join(' or ')}.`);
  const value = fields[given[0]!];
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_KEY_LENGTH)
    throw badUserInput(`${at}.${given[0]}`, `${at}.${given[0]} must be a non-empty string of at most ${MAX_KEY_LENGTH} characters.`);
}

/** `_entities` with every representation checked before any is resolved. */
function checkedEntities(schema: GraphQLSchema): GraphQLSchema {
  const field = schema.getQueryType()?.getFields()._entities;
  const resolve = field?.resolve;
  if (!field || !resolve) throw new Error('The subgraph schema has no _entities resolver to guard');
  field.resolve = (source, args: { representations?: unknown }, ctx, info) => {
    const representations = Array.isArray(args.representations) ? args.representations : [];
    representations.forEach(checkRepresentation);
    return resolve(source, args, ctx, info);
  };
  return schema;
}

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
  return applyAccessControl(checkedEntities(buildSubgraphSchema([{ typeDefs, resolvers: merged as never }])));
}
