import type { AgreementResolvers, PartnershipResolvers, QueryResolvers, SignatoryResolvers } from '../generated/graphql';
import { connectionFromList, type Connection } from '../graphql/connection';
import { carrierAt } from '../model/organisationsInTime';
import { localIdOf, toGlobalId } from '../graphql/globalId';
import { selectsFieldBelow } from '../graphql/lookahead';
import type { Loaders } from '../loaders';
import { loadPresent } from '../loaders/batch';
import type { OrganisationModel } from '../model/types';
import { notFound } from '../server/errors';
import { PARTNERSHIP_WITH_MEMBERS, type PartnershipWithMembersRow } from '../sources/hub/loaders';
import { toPartnership } from '../sources/hub/mapper';
import type { PartnershipRow } from '../sources/hub/rows';
import { registryPage } from './paging';

/** Loads organisations for rows that reference them, pairing each row with its organisation. */
async function withOrganisations<R extends { organisation_id: string }>(
  loaders: Loaders,
  rows: readonly R[],
): Promise<{ row: R; organisation: OrganisationModel }[]> {
  const organisations = await loaders.hub.organisationById.loadMany(rows.map((r) => r.organisation_id));
  return rows.flatMap((row, i) => {
    const organisation = organisations[i];
    if (organisation instanceof Error) throw organisation;
    return organisation ? [{ row, organisation }] : [];
  });
}

/**
 * A page of members or parties as at a date: each recorded organisation replaced by the one
 * carrying its work on then, named as it was then. Without a date, as recorded.
 */
async function carriedOn<R>(
  loaders: Loaders,
  page: Connection<{ row: R; organisation: OrganisationModel }>,
  date: string | null | undefined,
): Promise<Connection<{ row: R; organisation: OrganisationModel; recorded: OrganisationModel }>> {
  const shown = async (m: { row: R; organisation: OrganisationModel }) => ({
    ...m,
    recorded: m.organisation,
    organisation: date ? await carrierAt(loaders, m.organisation, date) : m.organisation,
  });
  const nodes = await Promise.all(page.nodes.map(shown));
  return { ...page, nodes, edges: page.edges.map((e, i) => ({ cursor: e.cursor, node: nodes[i]! })) };
}

const partnership: NonNullable<QueryResolvers['partnership']> = async (_, args, ctx) => {
  const found = await ctx.loaders.hub.partnershipById.load(localIdOf(args.id, 'Partnership'));
  if (!found) throw notFound('id', `No partnership has id "${args.id}".`);
  return found;
};

/** A page of partnerships, read with their members when the query lists them: one statement, not two. */
const partnerships: NonNullable<QueryResolvers['partnerships']> = (_, args, ctx, info) =>
  selectsFieldBelow(info, 'members')
    ? registryPage(
        ctx,
        info,
        args,
        { from: 'partnership p', key: 'id', columns: PARTNERSHIP_WITH_MEMBERS },
        (rows: PartnershipWithMembersRow[]) => ctx.loaders.hub.partnershipsFromRows(rows),
      )
    : registryPage(ctx, info, args, { from: 'partnership', key: 'id' }, (rows: PartnershipRow[]) => rows.map(toPartnership));

const position = (n: number): string => String(n).padStart(6, '0');

export const partnershipResolvers = {
  Query: { partnership, partnerships },
  Partnership: {
    id: (p) => toGlobalId('Partnership', p.id),
    members: async (p, args, ctx) => {
      const members = await withOrganisations(ctx.loaders, await ctx.loaders.hub.membersByPartnership.load(p.id));
      const page = await carriedOn(
        ctx.loaders,
        connectionFromList(members, (m) => m.organisation.id, args, ctx.limits),
        args.asAt,
      );
      return {
        ...page,
        edges: page.edges.map((e) => ({ cursor: e.cursor, node: e.node.organisation, recorded: e.node.recorded, role: e.node.row.role })),
        nodes: page.nodes.map((m) => m.organisation),
      };
    },
    agreements: async (p, args, ctx) =>
      connectionFromList(await ctx.loaders.hub.agreementsByPartnership.load(p.id), (a) => a.id, args, ctx.limits),
    localities: async (p, args, ctx) =>
      connectionFromList(await ctx.loaders.hub.localitiesByPartnership.load(p.id), (l) => l.id, args, ctx.limits),
  } satisfies PartnershipResolvers,
  Agreement: {
    id: (a) => toGlobalId('Agreement', a.id),
    partnership: async (a, _, ctx) => {
      const found = await ctx.loaders.hub.partnershipById.load(a.partnershipId);
      if (!found) throw new Error(`Agreement ${a.id} names partnership ${a.partnershipId}, which is missing`);
      return found;
    },
    parties: async (a, args, ctx) => {
      const parties = await withOrganisations(ctx.loaders, await ctx.loaders.hub.partiesByAgreement.load(a.id));
      const page = await carriedOn(
        ctx.loaders,
        connectionFromList(parties, (p) => position(p.row.position), args, ctx.limits),
        args.asAt,
      );
      return {
        ...page,
        edges: page.edges.map((e) => ({
          cursor: e.cursor,
          node: e.node.organisation,
          recorded: e.node.recorded,
          namedAs: e.node.row.named_as,
        })),
        nodes: page.nodes.map((p) => p.organisation),
      };
    },
    signatories: async (a, args, ctx) =>
      connectionFromList(await ctx.loaders.hub.signatoriesByAgreement.load(a.id), (s) => position(s.position), args, ctx.limits),
  } satisfies AgreementResolvers,
  Signatory: {
    id: (s) => toGlobalId('Signatory', s.id),
    agreement: async (s, _, ctx) => {
      const [found] = await loadPresent(ctx.loaders.hub.agreementById, [s.agreementId]);
      if (!found) throw new Error(`Signatory ${s.id} names agreement ${s.agreementId}, which is missing`);
      return found;
    },
    organisation: async (s, _, ctx) => {
      const found = await ctx.loaders.hub.organisationById.load(s.organisationId);
      if (!found) throw new Error(`Signatory ${s.id} names organisation ${s.organisationId}, which is missing`);
      return found;
    },
  } satisfies SignatoryResolvers,
};
