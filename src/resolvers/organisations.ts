import type { OrganisationSuccessionResolvers, PartnerOrganisationResolvers, QueryResolvers } from '../generated/graphql';
import type { HubContext } from '../server/context';
import { connectionFromList, connectionFromSlice, NOT_COUNTED, readPage, type PageArgs } from '../graphql/connection';
import { localIdOf, toGlobalId } from '../graphql/globalId';
import { selectsField } from '../graphql/lookahead';
import { organisationForCode, organisationForId } from '../model/lookups';
import { asAt, carrierAt, dayAfter, dayBefore, periodAt, periodsOf, shownPeriod, today } from '../model/organisationsInTime';
import { organisationCodes } from '../model/search';
import { badUserInput, notFound } from '../server/errors';
import { sqlOf } from '../db/sql';
import { toOrganisation } from '../sources/hub/mapper';
import type { PartnerSource } from '../sources/registry';
import type { OrganisationRow } from '../sources/hub/rows';
import { mapConnection, sqlPage } from './paging';

const partnerOrganisation: NonNullable<QueryResolvers['partnerOrganisation']> = async (_, args, ctx, info) => {
  const given = (['id', 'odsCode', 'gssCode'] as const).filter((name) => args[name] != null);
  if (given.length !== 1) {
    throw badUserInput(
      given[1] ?? 'id',
      `partnerOrganisation takes exactly one of "id", "odsCode" or "gssCode"; got ${given.length === 0 ? 'none' : given.join(', ')}.`,
    );
  }
  const [name] = given as ['id' | 'odsCode' | 'gssCode'];
  const value = args[name]!;
  const code = value.trim().toUpperCase();
  // Asked with its partnerships, the organisation is read with them: one round trip, not two.
  if (name !== 'id' && selectsField(info, 'partnerships')) await ctx.loaders.hub.organisationWithPartnershipsByCode.load(code);
  const found =
    name === 'id'
      ? await organisationForId(ctx.loaders, localIdOf(value, 'PartnerOrganisation'))
      : await organisationForCode(ctx.loaders, code);
  // The code loader matches any of an organisation's codes; the caller named one kind.
  const matches = name === 'id' || (name === 'odsCode' ? found?.odsCode === code : found?.gssCode === code);
  if (!found || !matches) throw notFound(name, `No partner organisation has ${name} "${value}".`);
  if (!args.asAt) return found;
  // A body is not shown as at a date it did not exist: closed by then, its successor carries its work.
  if (!periodAt(await periodsOf(ctx.loaders, found), args.asAt)) {
    const life = `${found.validFrom ?? 'its start'} to ${found.validTo ?? 'now'}`;
    throw notFound(
      'asAt',
      `${found.name} did not exist on ${args.asAt} (it existed from ${life}); ask without asAt and read its "current" for the organisation carrying its work on.`,
    );
  }
  return asAt(found, args.asAt);
};

/**
 * Registered organisations; a filter's cross-source conditions are resolved to codes, then
 * paged in SQL. Kinds are matched on the registry's own column, not through codes: a
 * voluntary body may have no code at all. Asked for a kind of organisation sources hold
 * themselves (a CCG's practice list holds GP practices, which need not be registered to be
 * partners), their lists are paged beside the registry, and the pages are merged by id.
 */
const partnerOrganisations: NonNullable<QueryResolvers['partnerOrganisations']> = async (_, args, ctx, info) => {
  const { kinds, ...crossSource } = args.filter ?? {};
  const codes = await organisationCodes(ctx, args.filter ? crossSource : null, 'filter');
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (codes)
    conditions.push(
      `(ods_code = ANY($${params.push(codes)}) OR gss_code = ANY($${params.length}) OR charity_number = ANY($${params.length}))`,
    );
  if (kinds) conditions.push(`kind = ANY($${params.push(kinds)})`);
  const where = conditions.length ? { where: conditions.join(' AND '), params } : {};
  const holders = ctx.loaders.partners.filter((p) => p.adapter.organisations && kinds?.includes(p.adapter.organisations.kind));
  const [registered, held] = await Promise.all([
    sqlPage<OrganisationRow & Record<string, unknown>>(
      ctx.sql.hub,
      { from: 'partner_organisation', key: 'id', ...where },
      args,
      ctx.limits,
      info,
    ),
    holders.length > 0 ? unregisteredOrganisations(ctx, holders, codes, args) : null,
  ]);
  const connection = await mapConnection(registered, (rows) => rows.map(toOrganisation));
  if (!held) return connection;
  const size = readPage(args, ctx.limits).size;
  const merged = [...connection.nodes, ...held.organisations].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const page = connectionFromSlice(
    merged,
    size,
    (o) => o.id,
    connection.totalCount === NOT_COUNTED ? NOT_COUNTED : connection.totalCount + held.count,
    args.after != null,
  );
  return { ...page, pageInfo: { ...page.pageInfo, hasNextPage: page.pageInfo.hasNextPage || connection.pageInfo.hasNextPage } };
};

/**
 * The organisations the holding sources keep (among `codes`, if given) that the registry
 * does not, after the cursor, and how many in all: each source pages its own, and the pages
 * merge in id order.
 */
async function unregisteredOrganisations(ctx: HubContext, holders: readonly PartnerSource[], codes: string[] | null, args: PageArgs) {
  const held = holders.map((p) => p.adapter.organisations!); // the holders are the sources that hold organisations
  const kinds = [...new Set(held.map((h) => h.kind))];
  const [inRegistry, all] = await Promise.all([
    Promise.all(kinds.map((kind) => ctx.loaders.hub.organisationsByKind.load(kind))),
    Promise.all(kinds.map((kind) => ctx.loaders.across('organisations').codesOfKind.load(kind))),
  ]);
  const registeredCodes = new Set(inRegistry.flat().map((o) => o.odsCode));
  const holdsCode = (code: string) => held.some((h) => h.holdsCode(code));
  const wanted = (codes ?? all.flat()).filter((c) => holdsCode(c) && !registeredCodes.has(c));
  const page = readPage(args, ctx.limits);
  const perSource = await Promise.all(
    holders.map((p) =>
      p.adapter.organisations!.page(sqlOf(ctx.sql, p.id), { codes: wanted, afterId: page.afterKey, limit: page.size + 1 }),
    ),
  );
  const organisations = perSource
    .flatMap((found) => found.organisations)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, page.size + 1);
  return { organisations, count: perSource.reduce((sum, found) => sum + found.count, 0) };
}

const organisationOf = async (ctx: HubContext, id: string, what: string) => {
  const found = await ctx.loaders.hub.organisationById.load(id);
  if (!found) throw new Error(`${what} names organisation ${id}, which is missing`);
  return found;
};

export const organisationResolvers = {
  Query: { partnerOrganisation, partnerOrganisations },
  PartnerOrganisation: {
    id: (org) => toGlobalId('PartnerOrganisation', org.id),
    // As it was when it took over: BTUH's successor is Mid and South Essex NHS FT, not Southend's old name.
    successor: async (org, _, ctx) => {
      const found = org.successorId ? await ctx.loaders.hub.organisationById.load(org.successorId) : null;
      return found && org.validTo ? asAt(found, dayAfter(org.validTo)) : found;
    },
    name: async (org, _, ctx) => (await shownPeriod(ctx.loaders, org))?.name ?? org.name,
    kind: async (org, _, ctx) => (await shownPeriod(ctx.loaders, org))?.kind ?? org.kind,
    odsCode: async (org, _, ctx) => ((await shownPeriod(ctx.loaders, org)) ?? org).odsCode,
    gssCode: async (org, _, ctx) => ((await shownPeriod(ctx.loaders, org)) ?? org).gssCode,
    shownAsAt: (org) => org.asAt ?? null,
    asAt: async (org, args, ctx) => periodAt(await periodsOf(ctx.loaders, org), args.date ?? today()),
    history: (org, _, ctx) => periodsOf(ctx.loaders, org),
    current: (org, _, ctx) => carrierAt(ctx.loaders, org, today()),
    carriedOnBy: (org, args, ctx) => carrierAt(ctx.loaders, org, args.date),
    successions: (org, _, ctx) => ctx.loaders.hub.successionsByPredecessor.load(org.id),
    predecessors: (org, _, ctx) => ctx.loaders.hub.successionsBySuccessor.load(org.id),
    partnerships: async (org, args, ctx) => {
      const partnerships = (await ctx.loaders.hub.partnershipsByOrganisation.load(org.id)).map((m) => m.partnership);
      return connectionFromList(partnerships, (p) => p.id, args, ctx.limits);
    },
  } satisfies PartnerOrganisationResolvers,
  OrganisationSuccession: {
    // Each end as it was at the change: the predecessor on its last day, the successor on its first.
    predecessor: async (s, _, ctx) =>
      asAt(await organisationOf(ctx, s.predecessorId, `Succession ${s.predecessorId}→${s.successorId}`), dayBefore(s.effectiveOn)),
    successor: async (s, _, ctx) =>
      asAt(await organisationOf(ctx, s.successorId, `Succession ${s.predecessorId}→${s.successorId}`), s.effectiveOn),
  } satisfies OrganisationSuccessionResolvers,
};
