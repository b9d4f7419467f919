import type {
  LocalityCouncilResolvers,
  LsoaResolvers,
  QueryResolvers,
  StructureKind,
  StructureLinkResolvers,
  StructureResolvers,
} from '../generated/graphql';
import type { HubContext } from '../server/context';
import type { LocalityModel } from '../model/types';
import { requireDate } from '../model/periods';
import { estimatesFor, localityDenominator, placeDenominator, populationOf, practicesDenominator } from '../model/denominators';
import type { DenominatorModel } from '../model/denominators';
import { requireKnownArea } from './outcomes';
import { boardFor, councilsFor, endOf, inForce, overlaps, spanOf, today } from '../model/structures';
import { notFound } from '../server/errors';

const asAtOf = (asAt: string | null | undefined): string => (asAt == null ? today() : requireDate(asAt, 'asAt'));

const structure: NonNullable<QueryResolvers['structure']> = async (_, args, ctx) => {
  const code = args.code.trim().toUpperCase();
  const rows = (await ctx.loaders.hub.structuresByCode.load(code)).filter((r) => args.kind == null || r.kind === args.kind);
  if (rows.length === 0)
    throw notFound('code', `No ${args.kind ?? 'body'} has code "${args.code}" in the hub's NHS and local-government structures.`);
  const asAt = asAtOf(args.asAt);
  const current = rows.filter((r) => inForce(r, asAt));
  // Asked for a date: what was in force then, or nothing. Not asked: today's form, else the last.
  return current.at(-1) ?? (args.asAt == null ? rows.at(-1)! : null);
};

const structures: NonNullable<QueryResolvers['structures']> = async (_, args, ctx) => {
  const asAt = args.asAt == null ? null : requireDate(args.asAt, 'asAt');
  const rows = (await ctx.loaders.hub.structuresByKind.loadMany(args.kinds)).flatMap((r) => {
    if (r instanceof Error) throw r;
    return r;
  });
  return rows.filter((r) => asAt === null || inForce(r, asAt)).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
};

/** What the estimates lack, said plainly, from what they hold. */
function notHeld(estimates: DenominatorModel[]): string[] {
  const gaps: string[] = [];
  const dates = (basis: DenominatorModel['basis']) => [...new Set(estimates.filter((e) => e.basis === basis).map((e) => e.referenceDate))];
  const resident = dates('RESIDENT');
  const registered = dates('GP_REGISTERED');
  gaps.push(
    resident.length === 0
      ? 'No resident estimate for this area.'
      : `Resident estimates dated ${resident.join(', ')} only: a figure for another financial year uses the nearest and says matchesYear: false.`,
  );
  gaps.push(
    registered.length === 0
      ? 'No GP-registered list size for this area (lists are by practice; a locality has them only where it stands in for a PCN).'
      : `GP-registered list sizes dated ${registered.join(', ')} only.`,
  );
  if (estimates.every((e) => e.ageBand === 'ALL'))
    gaps.push('No age bands: every estimate is of all ages, so no rate per adult (18+) or per older person (65+) can be given.');
  if (estimates.every((e) => e.sex === 'ALL')) gaps.push('No split by sex: every estimate is of persons.');
  return gaps;
}

const populationEstimates: NonNullable<QueryResolvers['populationEstimates']> = async (_, args, ctx) => {
  const areaCode = await requireKnownArea(ctx, args.area);
  const estimates = await estimatesFor(ctx.loaders, areaCode);
  // What is not held is said of everything held, whatever the filter keeps.
  const kept = estimates.filter(
    (e) =>
      (args.ageBands == null || args.ageBands.includes(e.ageBand)) &&
      (args.sexes == null || args.sexes.includes(e.sex)) &&
      (args.year == null || e.referenceDate.startsWith(`${args.year}-`)),
  );
  return { areaCode, estimates: kept, notHeld: notHeld(estimates) };
};

export const structureResolvers = {
  Query: { structure, structures, populationEstimates },
  Locality: {
    councils: (l: LocalityModel, args: { asAt?: string | null }, ctx: HubContext) =>
      councilsFor(ctx.loaders, l.placeGssCode, asAtOf(args.asAt)),
    healthAndWellbeingBoard: (l: LocalityModel, args: { asAt?: string | null }, ctx: HubContext) =>
      boardFor(ctx.loaders, l.placeGssCode, asAtOf(args.asAt)),
    residentPopulation: (l: LocalityModel, _: unknown, ctx: HubContext) => localityDenominator(ctx.loaders, l.code, null),
    lsoas: async (l: LocalityModel, _: unknown, ctx: HubContext) => {
      const wards = await ctx.loaders.hub.wardsByLocality.load(l.id);
      return (await Promise.all(wards.map((w) => ctx.loaders.hub.lsoasByWard.load(w.ward_gss)))).flat();
    },
  },
  Structure: {
    gssCode: (s) => s.gss_code,
    validFrom: (s) => s.valid_from,
    validTo: (s) => s.valid_to,
    observedOn: (s) => s.observed_on,
    population: (s, _, ctx) => {
      if (s.kind === 'PCN') return practicesDenominator(ctx.loaders, s.code);
      if (s.kind === 'GP_PRACTICE') return populationOf(ctx.loaders, [s.code], 'GP_REGISTERED', null);
      if (s.kind === 'DISTRICT' || s.kind === 'UNITARY_AUTHORITY') return placeDenominator(ctx.loaders, s.code, null);
      return null;
    },
    // A code's links hold for the form it had while they held (07G's STP link is the CCG's).
    parents: async (s, args, ctx) => {
      const asAt = args.asAt == null ? null : requireDate(args.asAt, 'asAt');
      const links = await ctx.loaders.hub.linksByChild.load(s.code);
      return links
        .filter((l) => overlaps(spanOf(l), s) && (asAt === null || inForce(l, asAt)))
        .map((link) => ({ link, otherCode: link.parent_code }));
    },
    children: async (s, args, ctx) => {
      const asAt = args.asAt == null ? null : requireDate(args.asAt, 'asAt');
      const links = (await ctx.loaders.hub.linksByParent.load(s.code)).filter(
        (l) => overlaps(spanOf(l), s) && (asAt === null || inForce(l, asAt)),
      );
      const ends = await Promise.all(links.map((l) => endOf(ctx.loaders, l.child_code, l)));
      return links
        .map((link, i) => ({ link, otherCode: link.child_code, kind: ends[i]!.kind }))
        .filter((c) => args.kinds == null || args.kinds.includes(c.kind as StructureKind));
    },
  } satisfies StructureResolvers,
  StructureLink: {
    relationship: (m) => m.link.relationship,
    validFrom: (m) => m.link.valid_from,
    validTo: (m) => m.link.valid_to,
    observedOn: (m) => m.link.observed_on,
    source: (m) => m.link.source,
    structure: (m, _, ctx) => endOf(ctx.loaders, m.otherCode, m.link),
  } satisfies StructureLinkResolvers,
  LocalityCouncil: {
    organisation: (c, _, ctx) => ctx.loaders.hub.organisationByCode.load(c.council.code),
  } satisfies LocalityCouncilResolvers,
  Lsoa: {
    wardGssCode: (l) => l.ward_gss,
    msoaCode: (l) => l.msoa_code,
    msoaName: (l) => l.msoa_name,
    imd2019Rank: (l) => l.imd2019_rank,
    // Deciles of the 32,844 LSOAs ranked: 1 is the most deprived tenth.
    imd2019Decile: (l) => (l.imd2019_rank === null ? null : Math.min(10, Math.floor(((l.imd2019_rank - 1) * 10) / 32_844) + 1)),
  } satisfies LsoaResolvers,
};
