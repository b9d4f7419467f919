import type { LocalityResolvers, QueryResolvers, WardResolvers } from '../generated/graphql';
import { connectionFromList } from '../graphql/connection';
import { localIdOf, toGlobalId } from '../graphql/globalId';
import { selectsFieldBelow } from '../graphql/lookahead';
import { loadPresent } from '../loaders/batch';
import { populationOfLocality, wardFor } from '../model/lookups';
import { estatesInLocality, findEstates, findServices, servicesInLocality } from '../model/search';
import { pageEstates, pageServices } from './ordering';
import type { HubModel, WardModel, WardView } from '../model/types';
import { badUserInput, notFound } from '../server/errors';
import { LOCALITY_WITH_CHILDREN, type LocalityWithChildrenRow } from '../sources/hub/loaders';
import type { HubContext } from '../server/context';
import { registryPage } from './paging';

const LOCALITY_KEYS = ['id', 'code', 'postcode'] as const;

const locality: NonNullable<QueryResolvers['locality']> = async (_, args, ctx) => {
  const given = LOCALITY_KEYS.filter((key) => args[key] != null);
  if (given.length !== 1) {
    throw badUserInput(given[1] ?? 'id', 'locality takes exactly one of "id", "code" or "postcode".');
  }
  if (args.postcode != null) return localityOfPostcode(ctx, args.postcode);
  const found =
    args.id != null
      ? await ctx.loaders.hub.localityById.load(localIdOf(args.id, 'Locality'))
      : await ctx.loaders.hub.localityByCode.load(args.code!.trim().toUpperCase());
  if (!found) {
    throw args.id != null ? notFound('id', `No locality has id "${args.id}".`) : notFound('code', `No locality has code "${args.code}".`);
  }
  return found;
};

const POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/;

async function localityOfPostcode(ctx: HubContext, given: string) {
  const compact = given.replace(/\s+/g, '').toUpperCase();
  if (!POSTCODE.test(compact)) throw badUserInput('postcode', `"${given}" is not a full UK postcode (e.g. RM16 2PX).`);
  const postcode = `${compact.slice(0, -3)} ${compact.slice(-3)}`;
  const ward = await ctx.loaders.hub.wardByPostcode.load(postcode);
  const [link] = ward ? await ctx.loaders.hub.localitiesByWard.load(ward.ward_gss) : [];
  const found = link ? await ctx.loaders.hub.localityById.load(link.locality_id) : null;
  if (!found) throw notFound('postcode', `No locality contains the postcode ${postcode}.`);
  return found;
}

const localities: NonNullable<QueryResolvers['localities']> = (_, args, ctx, info) =>
  registryPage(ctx, info, args, { from: 'locality l', key: 'id', columns: LOCALITY_WITH_CHILDREN }, (rows: LocalityWithChildrenRow[]) =>
    ctx.loaders.hub.localitiesFromRows(rows),
  );

/** The Ward fields only the council's register holds (the code and locality are the registry's). */
const COUNCIL_WARD_FIELDS = ['name', 'localAuthorityGssCode', 'population', 'sources'] as const;

/** A ward with what the council's register says of it, read now if only its code was. */
async function councilWard(ctx: HubContext, ward: WardView): Promise<WardModel> {
  if ('sources' in ward) return ward;
  const found = await wardFor(ctx.loaders, ward.gssCode, null);
  if (!found) throw notFound('gssCode', `Ward "${ward.gssCode}" is in the hub's registry but in no council's register.`);
  return found;
}

const localityHubs = (ctx: HubContext, localityId: string): Promise<HubModel[]> => ctx.loaders.relations.hubsOfLocality.load(localityId);

export const placeResolvers = {
  Query: { locality, localities },
  Locality: {
    id: (l) => toGlobalId('Locality', l.id),
    council: (l, _, ctx) => ctx.loaders.hub.organisationByCode.load(l.placeGssCode),
    partnership: (l, _, ctx) => (l.partnershipId ? ctx.loaders.hub.partnershipById.load(l.partnershipId) : null),
    population: (l, _, ctx) => populationOfLocality(ctx.loaders, l.id),
    wards: async (l, args, ctx, info) => {
      const codes = (await ctx.loaders.hub.wardsByLocality.load(l.id)).map((w) => w.ward_gss);
      const wards: WardView[] = COUNCIL_WARD_FIELDS.some((field) => selectsFieldBelow(info, field))
        ? await loadPresent(ctx.loaders.across('areas').wardByGss, codes)
        : codes.map((gssCode) => ({ id: gssCode, gssCode }));
      return connectionFromList(wards, (w) => w.id, args, ctx.limits);
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
    name: async (w, _, ctx) => (await councilWard(ctx, w)).name,
    localAuthorityGssCode: async (w, _, ctx) => (await councilWard(ctx, w)).localAuthorityGssCode,
    population: async (w, _, ctx) => (await councilWard(ctx, w)).population,
    sources: async (w, _, ctx) => (await councilWard(ctx, w)).sources,
    locality: async (w, _, ctx) => {
      const [first] = await ctx.loaders.hub.localitiesByWard.load(w.gssCode);
      return first ? ctx.loaders.hub.localityById.load(first.locality_id) : null;
    },
  } satisfies WardResolvers,
};
