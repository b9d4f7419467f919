import { councilRegisters } from '../sources/council/kind';
import type { LocalityResolvers, QueryResolvers, WardResolvers } from '../generated/graphql';
import { connectionFromList } from '../graphql/connection';
import { localIdOf, toGlobalId } from '../graphql/globalId';
import { loadPresent } from '../loaders/batch';
import { populationOfLocality } from '../model/lookups';
import { estatesInLocality, findEstates, findServices, servicesInLocality } from '../model/search';
import { pageEstates, pageServices } from './ordering';
import type { HubModel } from '../model/types';
import { badUserInput, notFound } from '../server/errors';
import { wardToModel } from '../sources/council/mapper';
import { LOCALITY_WITH_CHILDREN, type LocalityWithChildrenRow } from '../sources/hub/loaders';
import type { HubContext } from '../server/context';
import { mapConnection, sqlPage } from './paging';

const locality: NonNullable<QueryResolvers['locality']> = async (_, args, ctx) => {
  if ((args.id == null) === (args.code == null)) {
    throw badUserInput(args.id == null ? 'id' : 'code', 'locality takes exactly one of "id" or "code".');
  }
  const found =
    args.id != null
      ? await ctx.loaders.hub.localityById.load(localIdOf(args.id, 'Locality'))
      : await ctx.loaders.hub.localityByCode.load(args.code!.trim().toUpperCase());
  if (!found) {
    throw args.id != null ? notFound('id', `No locality has id "${args.id}".`) : notFound('code', `No locality has code "${args.code}".`);
  }
  return found;
};

const localities: NonNullable<QueryResolvers['localities']> = async (_, args, ctx, info) =>
  mapConnection(
    await sqlPage<LocalityWithChildrenRow & Record<string, unknown>>(
      ctx.sql.hub,
      { from: 'locality l', key: 'id', columns: LOCALITY_WITH_CHILDREN },
      args,
      ctx.limits,
      info,
    ),
    (rows) => ctx.loaders.hub.localitiesFromRows(rows),
  );

const localityHubs = (ctx: HubContext, localityId: string): Promise<HubModel[]> => ctx.loaders.relations.hubsOfLocality.load(localityId);

export const placeResolvers = {
  Query: { locality, localities },
  Locality: {
    id: (l) => toGlobalId('Locality', l.id),
    council: (l, _, ctx) => ctx.loaders.hub.organisationByCode.load(l.placeGssCode),
    partnership: (l, _, ctx) => (l.partnershipId ? ctx.loaders.hub.partnershipById.load(l.partnershipId) : null),
    population: (l, _, ctx) => populationOfLocality(ctx.loaders, l.id),
    wards: async (l, args, ctx) => {
      const wards = await ctx.loaders.hub.wardsByLocality.load(l.id);
      const rows = await loadPresent(
        ctx.loaders.every(councilRegisters).wardByGss,
        wards.map((w) => w.ward_gss),
      );
      return connectionFromList(rows.map(wardToModel), (w) => w.id, args, ctx.limits);
    },
    hubs: async (l, args, ctx) => connectionFromList(await localityHubs(ctx, l.id), (h) => h.id, args, ctx.limits),
    estates: async (l, args, ctx) =>
      pageEstates(ctx, await findEstates(ctx, args.filter, () => estatesInLocality(ctx, l.id)), args.orderBy, args),
    // A service is in a locality if it is placed there itself, or runs from a hub there.
    services: async (l, args, ctx) =>
      pageServices(ctx, await findServices(ctx, args.filter, () => servicesInLocality(ctx, l.id)), args.orderBy, args),
    partners: async (l, args, ctx) => {
      const members = l.partnershipId ? await ctx.loaders.hub.membersByPartnership.load(l.partnershipId) : [];
      const organisations = await loadPresent(
        ctx.loaders.hub.organisationById,
        members.map((m) => m.organisation_id),
      );
      return connectionFromList(organisations, (o) => o.id, args, ctx.limits);
    },
  } satisfies LocalityResolvers,
  Ward: {
    id: (w) => toGlobalId('Ward', w.id),
    locality: async (w, _, ctx) => {
      const [first] = await ctx.loaders.hub.localitiesByWard.load(w.gssCode);
      return first ? ctx.loaders.hub.localityById.load(first.locality_id) : null;
    },
  } satisfies WardResolvers,
};
