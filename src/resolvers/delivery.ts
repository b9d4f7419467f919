import type { GraphQLResolveInfo } from 'graphql';
import type { EstateResolvers, HubResolvers, HubServicesArgs, QueryResolvers, ServiceResolvers } from '../generated/graphql';
import type { PageArgs } from '../graphql/connection';
import { toGlobalId } from '../graphql/globalId';
import { entityIdFor } from '../model/entities';
import { organisationForCode, wardFor } from '../model/lookups';
import { estateRecordsFor } from '../auth/records';
import { estateView, hubView, serviceView, sourcesOf } from '../model/merge';
import type { EstateModel } from '../model/types';
import { placeKey } from '../model/relations';
import { findEstates, findServices } from '../model/search';
import { pageEstates, pageServices } from './ordering';
import type { EntityKind } from '../model/records';
import type { NativeRef } from '../model/types';
import type { HubContext } from '../server/context';
import { SourceUnavailableError } from '../server/errors';
import { mapConnection, sqlPage } from './paging';

/** The estate as this request's caller may read it. */
const seen = (estate: EstateModel, ctx: HubContext) => estateView(estate, estateRecordsFor(ctx));

/** Partners' plans for their land, not yet public. */

/** Root lists page the hub's identity index, then assemble each entity from its partner records. */
function entityList<K extends EntityKind>(kind: K, load: (ctx: HubContext, ids: string[]) => Promise<unknown[]>) {
  return async (_: unknown, args: PageArgs, ctx: HubContext, info: GraphQLResolveInfo) =>
    mapConnection(
      await sqlPage<{ id: string }>(
        ctx.sql.hub,
        { from: 'shared_entity', key: 'id', where: 'kind = $1', params: [kind] },
        args,
        ctx.limits,
        info,
      ),
      (rows) =>
        load(
          ctx,
          rows.map((r) => r.id),
        ) as never, // the model type follows K; TypeScript cannot tie them here
    );
}

// An entity only an unavailable source knows drops out of the page (its source's error is in the answer).
const loadEach = <V>(ids: string[], loader: { loadMany(keys: readonly string[]): Promise<(V | Error | null)[]> }) =>
  loader.loadMany(ids).then((results) =>
    results.map((r) => {
      if (r instanceof SourceUnavailableError) return null;
      if (r instanceof Error) throw r;
      return r;
    }),
  );

const servicesAt = (ctx: HubContext, places: NativeRef[]) => ctx.loaders.relations.servicesAtPlace.load(placeKey(places));

type ServiceListArgs = Partial<HubServicesArgs>;

/** A relation's services, filtered and ordered as asked. */
const relationServices = async (ctx: HubContext, args: ServiceListArgs, places: NativeRef[]) =>
  pageServices(ctx, await findServices(ctx, args.filter, () => servicesAt(ctx, places)), args.orderBy, args);

const rootServices = entityList('SERVICE', (ctx, ids) => loadEach(ids, ctx.loaders.entities.serviceById));
const rootEstates = entityList('ESTATE', (ctx, ids) => loadEach(ids, ctx.loaders.entities.estateById));

export const deliveryResolvers = {
  Query: {
    hubs: entityList('HUB', (ctx, ids) => loadEach(ids, ctx.loaders.entities.hubById)) as NonNullable<QueryResolvers['hubs']>,
    services: (async (parent, args, ctx, info) =>
      args.filter == null && args.orderBy == null
        ? rootServices(parent, args, ctx, info)
        : pageServices(ctx, await findServices(ctx, args.filter), args.orderBy, args)) as NonNullable<QueryResolvers['services']>,
    estates: (async (parent, args, ctx, info) =>
      args.filter == null && args.orderBy == null
        ? rootEstates(parent, args, ctx, info)
        : pageEstates(ctx, await findEstates(ctx, args.filter), args.orderBy, args)) as NonNullable<QueryResolvers['estates']>,
  },
  Hub: {
    id: (h) => toGlobalId('Hub', h.id),
    name: (h) => hubView(h).name,
    kinds: (h) => hubView(h).kinds,
    status: (h) => hubView(h).status,
    openedOn: (h) => hubView(h).openedOn,
    openedText: (h) => hubView(h).openedText,
    openingCreditedTo: (h) => hubView(h).openingCreditedTo,
    odsCode: (h) => hubView(h).odsCode,
    openingHours: (h) => hubView(h).openingHours,
    sevenDayAccess: (h) => hubView(h).sevenDayAccess,
    postcode: (h) => hubView(h).postcode,
    ward: (h, _, ctx) => wardFor(ctx.loaders, hubView(h).wardGss, hubView(h).postcode),
    services: (h, args, ctx) =>
      relationServices(
        ctx,
        args,
        h.records.map((r) => r.ref),
      ),
    sources: sourcesOf,
  } satisfies HubResolvers,
  Service: {
    id: (s) => toGlobalId('Service', s.id),
    name: (s) => serviceView(s).name,
    careSetting: (s) => serviceView(s).careSetting,
    cohort: (s) => serviceView(s).cohort,
    daysOfOperation: (s) => serviceView(s).daysOfOperation,
    fundingStream: (s) => serviceView(s).fundingStream,
    providerCode: (s) => serviceView(s).providerCode,
    provider: (s, _, ctx) => organisationForCode(ctx.loaders, serviceView(s).providerCode),
    commissioner: (s, _, ctx) => organisationForCode(ctx.loaders, serviceView(s).commissionerCode),
    hub: async (s, _, ctx) => {
      const id = await entityIdFor('HUB', ctx.loaders, serviceView(s).hubRef);
      return id ? ctx.loaders.entities.hubById.load(id) : null;
    },
    estate: async (s, _, ctx) => {
      const id = await entityIdFor('ESTATE', ctx.loaders, serviceView(s).estateRef);
      return id ? ctx.loaders.entities.estateById.load(id) : null;
    },
    // A service with no place of its own is where its hub or estate is.
    ward: async (s, _, ctx) => {
      const view = serviceView(s);
      const own = await wardFor(ctx.loaders, view.wardGss, view.postcode);
      if (own) return own;
      const [hubId, estateId] = await Promise.all([
        entityIdFor('HUB', ctx.loaders, view.hubRef),
        entityIdFor('ESTATE', ctx.loaders, view.estateRef),
      ]);
      const [hub, estate] = await Promise.all([
        hubId ? ctx.loaders.entities.hubById.load(hubId) : null,
        estateId ? ctx.loaders.entities.estateById.load(estateId) : null,
      ]);
      if (hub) return wardFor(ctx.loaders, hubView(hub).wardGss, hubView(hub).postcode);
      return estate ? wardFor(ctx.loaders, seen(estate, ctx).wardGss, seen(estate, ctx).postcode) : null;
    },
    sources: sourcesOf,
  } satisfies ServiceResolvers,
  Estate: {
    id: (e) => toGlobalId('Estate', e.id),
    name: (e, _, ctx) => seen(e, ctx).name,
    uprn: (e, _, ctx) => seen(e, ctx).uprn,
    odsSiteCodes: (e, _, ctx) => seen(e, ctx).odsSiteCodes,
    address: (e, _, ctx) => seen(e, ctx).address,
    postcode: (e, _, ctx) => seen(e, ctx).postcode,
    owner: (e, _, ctx) => organisationForCode(ctx.loaders, seen(e, ctx).ownerCode),
    ownerName: async (e, _, ctx) =>
      seen(e, ctx).ownerName ?? (await organisationForCode(ctx.loaders, seen(e, ctx).ownerCode))?.name ?? null,
    tenure: (e, _, ctx) => seen(e, ctx).tenure,
    currentUse: (e, _, ctx) => seen(e, ctx).currentUse,
    // Disposal plans are withheld record by record, before the merge, from callers they are not shared with.
    status: (e, _, ctx) => seen(e, ctx).status,
    proposedReuse: (e, _, ctx) => seen(e, ctx).proposedReuse,
    ward: (e, _, ctx) => wardFor(ctx.loaders, seen(e, ctx).wardGss, seen(e, ctx).postcode),
    services: (e, args, ctx) =>
      relationServices(
        ctx,
        args,
        e.records.map((r) => r.ref),
      ),
    sources: sourcesOf,
  } satisfies EstateResolvers,
};
