import { GraphQLScalarType, Kind } from 'graphql';
import type { BudgetGroupKeyResolvers, FundResolvers, QueryResolvers, SchemeResolvers } from '../generated/graphql';
import { localIdOf, toGlobalId } from '../graphql/globalId';
import { addFigures, combineGroups, emptyFigures, groupLedger, type BudgetDimension, type Figures } from '../model/budgets';
import { organisationForCode, localityPopulation, populationOfLocality } from '../model/lookups';
import { orNone } from '../model/partial';
import { SOURCE_ADAPTERS } from '../sources/adapters';
import { requireFinancialYear } from '../model/periods';
import type { HubContext } from '../server/context';
import { forbidden } from '../auth/caller';
import { badUserInput, notFound } from '../server/errors';

// At most numeric(14,2): a larger amount is the caller's mistake, refused before any database sees it.
const MONEY = /^-?\d{1,12}\.\d{2}$/;

export const MoneyScalar = new GraphQLScalarType<string, string>({
  name: 'Money',
  description: 'Pounds as an exact decimal string with two places.',
  serialize: (value) => {
    if (typeof value !== 'string' || !MONEY.test(value)) throw new TypeError(`Money must be a decimal string with two places; got ${JSON.stringify(value)}`);
    return value;
  },
  parseValue: (value) => {
    if (typeof value !== 'string' || !MONEY.test(value)) throw new TypeError('Money must be written like "1234.50"');
    return value;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || !MONEY.test(ast.value)) throw new TypeError('Money must be written like "1234.50"');
    return ast.value;
  },
});


interface BudgetFilterArgs {
  fundId?: string | null;
  partnershipId?: string | null;
  fromYear?: string | null;
  toYear?: string | null;
  localityCode?: string | null;
  lineKind?: 'CONTRIBUTION' | 'ALLOCATION' | null;
}

async function fundCodesFor(ctx: HubContext, filter: BudgetFilterArgs): Promise<string[] | null> {
  let codes: string[] | null = null;
  if (filter.fundId != null) {
    const fund = await ctx.loaders.hub.fundById.load(localIdOf(filter.fundId, 'Fund', 'filter.fundId'));
    if (!fund) throw notFound('filter.fundId', `No fund has id "${filter.fundId}".`);
    codes = [fund.id];
  }
  if (filter.partnershipId != null) {
    const id = localIdOf(filter.partnershipId, 'Partnership', 'filter.partnershipId');
    // Both at once: the funds of an unknown partnership are simply none.
    const [partnership, funds] = await Promise.all([ctx.loaders.hub.partnershipById.load(id), ctx.loaders.hub.fundsByPartnership.load(id)]);
    if (!partnership) throw notFound('filter.partnershipId', `No partnership has id "${filter.partnershipId}".`);
    const ofPartnership = funds.map((f) => f.id);
    codes = codes ? codes.filter((c) => ofPartnership.includes(c)) : ofPartnership;
  }
  return codes;
}

/** Partners see the funds of their own partnerships; administrators see all. */
async function scopeToCaller(ctx: HubContext, requested: string[] | null): Promise<string[] | null> {
  if (ctx.caller.role === 'ADMIN') return requested;
  const own = (await ctx.loaders.hub.fundsByPartnership.loadMany(ctx.caller.partnershipIds)).flatMap((funds) => {
    if (funds instanceof Error) throw funds;
    return funds.map((f) => f.id);
  });
  if (requested === null) return own;
  const outside = requested.filter((code) => !own.includes(code));
  if (outside.length > 0) throw forbidden(`Budget detail of fund(s) ${outside.join(', ')} is shared only within its partnership.`);
  return requested;
}

async function readCriteria(ctx: HubContext, filter: BudgetFilterArgs | null | undefined) {
  const f = filter ?? {};
  const fromYear = f.fromYear == null ? null : requireFinancialYear(f.fromYear, 'filter.fromYear');
  const toYear = f.toYear == null ? null : requireFinancialYear(f.toYear, 'filter.toYear');
  if (fromYear && toYear && fromYear > toYear) {
    throw badUserInput('filter.toYear', `The year range is inverted: "fromYear" (${fromYear}) is after "toYear" (${toYear}).`);
  }
  const localityCode = f.localityCode == null ? null : f.localityCode.trim().toUpperCase();
  if (localityCode && !(await ctx.loaders.hub.localityByCode.load(localityCode))) {
    throw notFound('filter.localityCode', `No locality has code "${f.localityCode}".`);
  }
  const fundCodes = await scopeToCaller(ctx, await fundCodesFor(ctx, f));
  return { fundCodes, fromYear, toYear, localityCode, lineKind: f.lineKind ?? null };
}

function figuresOut(f: Figures, population: number | null) {
  const variance = f.actual.minus(f.planned);
  return {
    planned: f.planned.toString(),
    actual: f.actual.toString(),
    variance: variance.toString(),
    lines: f.lines,
    linesWithoutActual: f.linesWithoutActual,
    syntheticLines: f.syntheticLines,
    plannedPerHead: population ? f.planned.dividedBy(population).toString() : null,
    actualPerHead: population ? f.actual.dividedBy(population).toString() : null,
  };
}

/**
 * A summary of one partnership reads the partnership, its funds, members and localities
 * (with their wards) in one statement first (`partnershipOverview` primes each loader), so
 * the criteria, the partner names and the localities' populations need no round trip of
 * their own. Each locality's population (the council's ward rows) is read beside the
 * ledgers rather than after them. The answer is the same either way.
 */
async function readPartnershipOverview(ctx: HubContext, partnershipId: string | null | undefined): Promise<string | null> {
  if (partnershipId == null) return null;
  let id: string;
  try {
    id = localIdOf(partnershipId, 'Partnership', 'filter.partnershipId');
  } catch {
    return null; // reported by readCriteria
  }
  await ctx.loaders.hub.partnershipOverview.load(id);
  return id;
}

async function warmPopulations(ctx: HubContext, groupBy: readonly BudgetDimension[], partnershipId: string | null): Promise<void> {
  if (partnershipId == null || !groupBy.includes('LOCALITY')) return;
  const localities = await ctx.loaders.hub.localitiesByPartnership.load(partnershipId);
  await Promise.all(localities.map((locality) => populationOfLocality(ctx.loaders, locality.id)));
}

const budgetSummary: NonNullable<QueryResolvers['budgetSummary']> = async (_, args, ctx) => {
  const groupBy = [...new Set(args.groupBy)] as BudgetDimension[];
  const partnershipId = await readPartnershipOverview(ctx, args.filter?.partnershipId);
  const warming = warmPopulations(ctx, groupBy, partnershipId);
  const ledgers = readCriteria(ctx, args.filter).then((criteria) =>
    Promise.all(SOURCE_ADAPTERS.filter((a) => a.ledger).map((a) => orNone(groupLedger(ctx.sql[a.source], groupBy, criteria)))).then(
      (perSource) => ({ criteria, perSource }),
    ),
  );
  const [{ criteria, perSource }] = await Promise.all([ledgers, warming]);
  const groups = combineGroups(perSource);
  const total = groups.reduce((sum, g) => addFigures(sum, g.figures), emptyFigures());
  const populations = await Promise.all(
    groups.map((g) => (groupBy.includes('LOCALITY') && g.key.localityCode ? localityPopulation(ctx.loaders, g.key.localityCode) : null)),
  );
  const wholeLocality = criteria.localityCode ? await localityPopulation(ctx.loaders, criteria.localityCode) : null;
  return {
    groupBy,
    groups: groups.map((g, i) => ({ key: g.key, figures: figuresOut(g.figures, populations[i] ?? null) })),
    total: figuresOut(total, wholeLocality),
    includesSynthetic: total.syntheticLines > 0,
    sources: ['CCG', 'COUNCIL', 'TRUST'],
  };
};

const fund: NonNullable<QueryResolvers['fund']> = async (_, args, ctx) => {
  const found = await ctx.loaders.hub.fundById.load(localIdOf(args.id, 'Fund'));
  if (!found) throw notFound('id', `No fund has id "${args.id}".`);
  return found;
};

export const budgetResolvers = {
  Money: MoneyScalar,
  Query: { budgetSummary, fund, funds: (_: unknown, __: unknown, ctx: HubContext) => ctx.loaders.hub.allFunds.load('all') },
  Partnership: { funds: (p: { id: string }, _: unknown, ctx: HubContext) => ctx.loaders.hub.fundsByPartnership.load(p.id) },
  Fund: {
    id: (f) => toGlobalId('Fund', f.id),
    partnership: async (f, _, ctx) => {
      const found = await ctx.loaders.hub.partnershipById.load(f.partnershipId);
      if (!found) throw new Error(`Fund ${f.id} names partnership ${f.partnershipId}, which is missing`);
      return found;
    },
    agreement: (f, _, ctx) => (f.agreementId ? ctx.loaders.hub.agreementById.load(f.agreementId) : null),
    host: (f, _, ctx) => (f.hostOrganisationId ? ctx.loaders.hub.organisationById.load(f.hostOrganisationId) : null),
    schemes: (f, _, ctx) => ctx.loaders.hub.schemesByFund.load(f.id),
  } satisfies FundResolvers,
  Scheme: {
    id: (s) => toGlobalId('Scheme', s.id),
    fund: async (s, _, ctx) => {
      const found = await ctx.loaders.hub.fundById.load(s.fundId);
      if (!found) throw new Error(`Scheme ${s.id} names fund ${s.fundId}, which is missing`);
      return found;
    },
  } satisfies SchemeResolvers,
  BudgetGroupKey: {
    locality: (k, _, ctx) => (k.localityCode ? ctx.loaders.hub.localityByCode.load(k.localityCode) : null),
    partner: (k, _, ctx) => organisationForCode(ctx.loaders, k.partnerCode),
    fund: (k, _, ctx) => (k.fundCode ? ctx.loaders.hub.fundById.load(k.fundCode) : null),
    scheme: (k, _, ctx) => (k.schemeCode ? ctx.loaders.hub.schemeById.load(k.schemeCode) : null),
  } satisfies BudgetGroupKeyResolvers,
};
