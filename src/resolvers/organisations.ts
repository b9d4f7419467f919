import type { PartnerOrganisationResolvers, QueryResolvers } from '../generated/graphql';
import { connectionFromList, connectionFromSlice, readPage, type PageArgs } from '../graphql/connection';
import { localIdOf, toGlobalId } from '../graphql/globalId';
import { selectsField } from '../graphql/lookahead';
import { organisationForCode, organisationForId } from '../model/lookups';
import { organisationCodes } from '../model/search';
import { badUserInput, notFound } from '../server/errors';
import { toOrganisation } from '../sources/hub/mapper';
import { practiceToOrganisation } from '../sources/ccg/mapper';
import type { PracticeRow } from '../sources/ccg/rows';
import type { HubContext } from '../server/context';
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
  return found;
};

/**
 * Registered organisations; a filter is resolved to codes (across sources), then paged in
 * SQL. Asked for GP practices, the CCG's practice list is paged beside the registry (a
 * practice need not be registered to be a partner), and the two pages are merged by id.
 */
const partnerOrganisations: NonNullable<QueryResolvers['partnerOrganisations']> = async (_, args, ctx) => {
  const codes = await organisationCodes(ctx, args.filter, 'filter');
  const where = codes ? { where: 'ods_code = ANY($1) OR gss_code = ANY($1) OR charity_number = ANY($1)', params: [codes] } : {};
  const [registered, practices] = await Promise.all([
    sqlPage<OrganisationRow & Record<string, unknown>>(ctx.sql.hub, { from: 'partner_organisation', key: 'id', ...where }, args, ctx.limits),
    args.filter?.kinds?.includes('GP_PRACTICE') && codes ? unregisteredPractices(ctx, codes, args) : null,
  ]);
  const connection = await mapConnection(registered, (rows) => rows.map(toOrganisation));
  if (!practices) return connection;
  const size = readPage(args, ctx.limits).size;
  const merged = [...connection.nodes, ...practices.rows.map(practiceToOrganisation)].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const page = connectionFromSlice(merged, size, (o) => o.id, connection.totalCount + practices.count);
  return { ...page, pageInfo: { ...page.pageInfo, hasNextPage: page.pageInfo.hasNextPage || connection.pageInfo.hasNextPage } };
};

/** The CCG's practices among `codes` that the registry does not hold, after the cursor, and how many in all. */
async function unregisteredPractices(ctx: HubContext, codes: string[], args: PageArgs) {
  const inRegistry = new Set((await ctx.loaders.hub.organisationsByKind.load('GP_PRACTICE')).map((o) => o.odsCode));
  const wanted = codes.filter((c) => PRACTICE_ODS.test(c) && !inRegistry.has(c));
  const page = readPage(args, ctx.limits);
  const id = `'practice-' || lower(ods_code)`;
  const [rows, totals] = await Promise.all([
    ctx.sql.ccg.query<PracticeRow>(
      `SELECT * FROM practice WHERE ods_code = ANY($1) AND withdrawn_at IS NULL AND ($2::text IS NULL OR ${id} COLLATE "C" > $2)
        ORDER BY ${id} COLLATE "C" LIMIT $3`,
      [wanted, page.afterKey, page.size + 1],
    ),
    ctx.sql.ccg.query<{ count: number }>(`SELECT count(*)::int AS count FROM practice WHERE ods_code = ANY($1) AND withdrawn_at IS NULL`, [wanted]),
  ]);
  return { rows, count: totals[0]?.count ?? 0 };
}

const PRACTICE_ODS = /^[A-Z][0-9]{5}$/;

export const organisationResolvers = {
  Query: { partnerOrganisation, partnerOrganisations },
  PartnerOrganisation: {
    id: (org) => toGlobalId('PartnerOrganisation', org.id),
    successor: (org, _, ctx) => (org.successorId ? ctx.loaders.hub.organisationById.load(org.successorId) : null),
    partnerships: async (org, args, ctx) => {
      const partnerships = (await ctx.loaders.hub.partnershipsByOrganisation.load(org.id)).map((m) => m.partnership);
      return connectionFromList(partnerships, (p) => p.id, args, ctx.limits);
    },
  } satisfies PartnerOrganisationResolvers,
};
