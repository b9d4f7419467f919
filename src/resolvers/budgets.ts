import { GraphQLScalarType, Kind } from 'graphql';
import type {
  AreaOfSpend,
  BudgetGroupKeyResolvers,
  FundingStream,
  FundResolvers,
  QueryResolvers,
  SchemeResolvers,
} from '../generated/graphql';
import { localIdOf, toGlobalId } from '../graphql/globalId';
import {
  addFigures,
  combineGroups,
  DERIVED_FROM,
  emptyFigures,
  groupLedger,
  regroup,
  type BudgetCriteria,
  type BudgetDimension,
  type BudgetGroupModel,
  type BudgetKeyModel,
  type Figures,
} from '../model/budgets';
import {
  fundDenominator,
  localityDenominator,
  placeDenominator,
  registeredDenominator,
  type DenominatorModel,
} from '../model/denominators';
import { loadPresent } from '../loaders/batch';
import { selectsFieldBelow } from '../graphql/lookahead';
import { organisationForCode, localityPopulation, populationOfLocality } from '../model/lookups';
import { orNone } from '../model/partial';
import { sqlOf } from '../db/sql';
import { requireFinancialYear, requirePeriod } from '../model/periods';
import type { HubContext } from '../server/context';
import { forbidden, partnershipsReadable } from '../auth/caller';
import { badUserInput, notFound } from '../server/errors';

// At most numeric(14,2): a larger amount is the caller's mistake, refused before any database sees it.
const MONEY = /^-?\d{1,12}\.\d{2}$/;

export const MoneyScalar = new GraphQLScalarType<string, string>({
  name: 'Money',
  description: 'Pounds as an exact decimal string with two places.',
  serialize: (value) => {
    if (typeof value !== 'string' || !MONEY.test(value))
      throw new TypeError(`Money must be a decimal string with two places; got ${JSON.stringify(value)}`);
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
  fundingStreams?: readonly string[] | null;
  quarter?: string | null;
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

/** Partners see the funds of the partnerships that share their budget detail with them; administrators see all. */
async function scopeToCaller(ctx: HubContext, requested: string[] | null): Promise<string[] | null> {
  const readable = partnershipsReadable(ctx.caller, 'BUDGET_DETAIL');
  if (readable === null) return requested;
  const own = (await ctx.loaders.hub.fundsByPartnership.loadMany([...readable])).flatMap((funds) => {
    if (funds instanceof Error) throw funds;
    return funds.map((f) => f.id);
  });
  if (requested === null) return own;
  const outside = requested.filter((code) => !own.includes(code));
  if (outside.length > 0)
    throw forbidden(`Budget detail of fund(s) ${outside.join(', ')} is shared only as its partnership's data-sharing agreement says.`);
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
  const quarter = f.quarter == null ? null : requirePeriod(f.quarter, 'filter.quarter');
  if (quarter && quarter.kind !== 'QUARTER')
    throw badUserInput('filter.quarter', `"${f.quarter}" is not a quarter: write it like 2018/19 Q3.`);
  // A quarter's monitoring forecasts its own financial year: the lines are that year's.
  if (quarter && ((fromYear && fromYear > quarter.financialYear) || (toYear && toYear < quarter.financialYear))) {
    throw badUserInput('filter.quarter', `${quarter.text} is in ${quarter.financialYear}, outside the filter's years.`);
  }
  return {
    fundCodes,
    fromYear: quarter?.financialYear ?? fromYear,
    toYear: quarter?.financialYear ?? toYear,
    localityCode,
    lineKind: f.lineKind ?? null,
    fundingStreams: f.fundingStreams ? [...f.fundingStreams] : null,
    quarter: quarter?.text ?? null,
  };
}

/** Per head is per year: a figure over several financial years has no per-head value. */
const oneYear = (f: Figures): boolean => f.years.length === 1;

/** Null where no line has an actual recorded: not reported is not zero. */
const actualOf = (f: Figures) => (f.linesWithoutActual < f.lines ? f.actual : null);

function perHeadOf(f: Figures, denominator: DenominatorModel | null) {
  if (!denominator || denominator.population <= 0 || !oneYear(f)) return null;
  const actual = actualOf(f);
  return {
    planned: f.planned.dividedBy(denominator.population).toString(),
    actual: actual ? actual.dividedBy(denominator.population).toString() : null,
    denominator,
  };
}

/** Why per head is null for a figure over several years (null when it is of one). */
const perHeadReason = (f: Figures): string | null =>
  oneYear(f)
    ? null
    : `Per head is per year, and these figures sum ${f.years.length} financial years (${f.years.join(', ')}): group by FINANCIAL_YEAR or filter to one year.`;

/**
 * The quarter's monitoring, over the lines that report it. A line without that quarter's
 * monitoring (any contribution; an allocation not yet monitored) is not reported, never zero:
 * with none reported the forecast figures are null, and the forecast variance is always set
 * against the planned amounts of the lines reported.
 */
function monitoringOf(f: Figures, quarter: string | null) {
  if (quarter === null)
    return { actualToDate: null, forecastOutturn: null, forecastVariance: null, linesReported: null, forecastReason: null };
  if (f.linesReported === 0) {
    return {
      actualToDate: null,
      forecastOutturn: null,
      forecastVariance: null,
      linesReported: 0,
      forecastReason: `Not reported: none of the ${f.lines} line(s) has monitoring for ${quarter} (contributions carry none).`,
    };
  }
  return {
    actualToDate: f.actualToDate.toString(),
    forecastOutturn: f.forecastOutturn.toString(),
    forecastVariance: f.forecastOutturn.minus(f.plannedReported).toString(),
    linesReported: f.linesReported,
    forecastReason:
      f.linesReported < f.lines
        ? `Partial: ${f.linesReported} of ${f.lines} line(s) have monitoring for ${quarter}; the forecast figures are theirs, set against their planned ${f.plannedReported.toString()}.`
        : null,
  };
}

function figuresOut(
  f: Figures,
  population: number | null,
  denominator: DenominatorModel | null,
  quarter: string | null,
  registered: DenominatorModel | null = null,
) {
  const actual = actualOf(f);
  const perPopulation = population && oneYear(f) ? population : null;
  return {
    perHead: perHeadOf(f, denominator),
    registeredPerHead: perHeadOf(f, registered),
    perHeadReason: perHeadReason(f),
    planned: f.planned.toString(),
    actual: actual?.toString() ?? null,
    variance: actual ? actual.minus(f.planned).toString() : null,
    lines: f.lines,
    linesWithoutActual: f.linesWithoutActual,
    ...monitoringOf(f, quarter),
    syntheticLines: f.syntheticLines,
    plannedPerHead: perPopulation ? f.planned.dividedBy(perPopulation).toString() : null,
    actualPerHead: perPopulation && actual ? actual.dividedBy(perPopulation).toString() : null,
  };
}

/**
 * Planned income less planned expenditure means something only over whole funds: a filter to
 * one line kind leaves one side out, and a locality filter leaves out every contribution
 * (contributions are to the fund, not to a locality). There it is null, with the reason.
 */
function unallocatedOf(criteria: BudgetCriteria, income: Figures, expenditure: Figures) {
  const reason =
    criteria.lineKind !== null
      ? `Unallocated needs both contributions and allocations; the filter keeps ${criteria.lineKind} lines only.`
      : criteria.localityCode !== null
        ? `Unallocated is a fund's, not a locality's: contributions carry no locality, so a locality filter leaves them all out.`
        : null;
  return reason
    ? { unallocated: null, unallocatedReason: reason }
    : { unallocated: income.planned.minus(expenditure.planned).toString(), unallocatedReason: null };
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

/** Regroups by the dimensions the registry derives (PLACE, SCHEME_TYPE, AREA_OF_SPEND), keeping only what was asked. */
async function derived(ctx: HubContext, groups: BudgetGroupModel[], groupBy: readonly BudgetDimension[]): Promise<BudgetGroupModel[]> {
  const codes = (field: 'localityCode' | 'schemeCode') => [...new Set(groups.flatMap((g) => (g.key[field] ? [g.key[field]] : [])))];
  const [localities, schemes] = await Promise.all([
    loadPresent(ctx.loaders.hub.localityByCode, codes('localityCode')),
    loadPresent(ctx.loaders.hub.schemeById, codes('schemeCode')),
  ]);
  const placeOf = new Map(localities.map((l) => [l.code, l.placeGssCode]));
  const schemeOf = new Map(schemes.map((s) => [s.id, s]));
  const asked = (d: BudgetDimension) => groupBy.includes(d);
  return regroup(groups, (key) => {
    const scheme = key.schemeCode ? schemeOf.get(key.schemeCode) : undefined;
    return {
      ...key,
      localityCode: asked('LOCALITY') ? key.localityCode : null,
      schemeCode: asked('SCHEME') ? key.schemeCode : null,
      ...(asked('PLACE') ? { placeCode: key.localityCode ? (placeOf.get(key.localityCode) ?? null) : null } : {}),
      ...(asked('SCHEME_TYPE') ? { schemeType: scheme?.schemeType ?? null } : {}),
      ...(asked('AREA_OF_SPEND') ? { areaOfSpend: scheme?.areaOfSpend ?? null } : {}),
    };
  });
}

/** The one financial year a figure's lines are of (per head is per year), or null. */
const yearOf = (f: Figures): string | null => (f.years.length === 1 ? f.years[0]! : null);

/** The most specific area a group is of (its locality, else its place, else its fund), in its year. */
function denominatorOf(ctx: HubContext, key: BudgetKeyModel, year: string | null): Promise<DenominatorModel | null> {
  if (key.localityCode) return localityDenominator(ctx.loaders, key.localityCode, year);
  if (key.placeCode) return placeDenominator(ctx.loaders, key.placeCode, year);
  if (key.fundCode) return fundDenominator(ctx.loaders, key.fundCode, year);
  return Promise.resolve(null);
}

/** The registered patients of a group's area, where its localities stand in for PCNs (see registeredPerHead). */
function registeredDenominatorOf(ctx: HubContext, key: BudgetKeyModel, year: string | null): Promise<DenominatorModel | null> {
  if (key.localityCode) return registeredDenominator(ctx.loaders, { localityCode: key.localityCode }, year);
  if (key.placeCode) return registeredDenominator(ctx.loaders, { placeCode: key.placeCode }, year);
  if (key.fundCode) return registeredDenominator(ctx.loaders, { fundId: key.fundCode }, year);
  return Promise.resolve(null);
}

function registeredTotalDenominator(ctx: HubContext, criteria: BudgetCriteria, year: string | null): Promise<DenominatorModel | null> {
  if (criteria.localityCode) return registeredDenominator(ctx.loaders, { localityCode: criteria.localityCode }, year);
  if (criteria.fundCodes?.length === 1) return registeredDenominator(ctx.loaders, { fundId: criteria.fundCodes[0]! }, year);
  return Promise.resolve(null);
}

/** The totals' area: the filter's locality, else its one fund; its year if the filter names one. */
function totalDenominator(ctx: HubContext, criteria: BudgetCriteria, year: string | null): Promise<DenominatorModel | null> {
  if (criteria.localityCode) return localityDenominator(ctx.loaders, criteria.localityCode, year);
  if (criteria.fundCodes?.length === 1) return fundDenominator(ctx.loaders, criteria.fundCodes[0]!, year);
  return Promise.resolve(null);
}

/**
 * Income (contributions) and expenditure (allocations) are the same money seen twice: the
 * fund's contributions pay for its allocations. So every group is of one line kind, whatever
 * the grouping asked for, and the summary totals each kind apart; only a summary of one kind
 * has a single `total`.
 */
const budgetSummary: NonNullable<QueryResolvers['budgetSummary']> = async (_, args, ctx, info) => {
  const asked = [...new Set(args.groupBy)] as BudgetDimension[];
  const groupBy: BudgetDimension[] = asked.includes('LINE_KIND') ? asked : [...asked, 'LINE_KIND'];
  // A place is its localities', a scheme type its schemes' (the registry says which): the ledgers group by those.
  const ledgerGroupBy = [...new Set(groupBy.map((d) => DERIVED_FROM[d] ?? d))];
  const partnershipId = await readPartnershipOverview(ctx, args.filter?.partnershipId);
  const warming = warmPopulations(ctx, groupBy, partnershipId);
  const withLedgers = ctx.loaders.partners.filter((p) => p.adapter.ledger);
  const ledgers = readCriteria(ctx, args.filter).then((criteria) =>
    Promise.all(withLedgers.map((p) => orNone(groupLedger(sqlOf(ctx.sql, p.id), ledgerGroupBy, criteria)))).then((perSource) => ({
      criteria,
      perSource,
    })),
  );
  const [{ criteria, perSource }] = await Promise.all([ledgers, warming]);
  const groups = groupBy.some((d) => DERIVED_FROM[d]) ? await derived(ctx, combineGroups(perSource), groupBy) : combineGroups(perSource);
  const totalOf = (kind: 'CONTRIBUTION' | 'ALLOCATION') =>
    groups.filter((g) => g.key.lineKind === kind).reduce((sum, g) => addFigures(sum, g.figures), emptyFigures());
  const populations = await Promise.all(
    groups.map((g) => (groupBy.includes('LOCALITY') && g.key.localityCode ? localityPopulation(ctx.loaders, g.key.localityCode) : null)),
  );
  const wholeLocality = criteria.localityCode ? await localityPopulation(ctx.loaders, criteria.localityCode) : null;
  // Denominators are read only when asked for: a summary without per head costs no more.
  const income = totalOf('CONTRIBUTION');
  const expenditure = totalOf('ALLOCATION');
  const wholeYear = yearOf(addFigures(income, expenditure));
  const perHead = selectsFieldBelow(info, 'perHead');
  const [denominators, wholeDenominator] = perHead
    ? await Promise.all([
        Promise.all(groups.map((g) => denominatorOf(ctx, g.key, yearOf(g.figures)))),
        totalDenominator(ctx, criteria, wholeYear),
      ])
    : [[], null];
  const [registered, wholeRegistered] = selectsFieldBelow(info, 'registeredPerHead')
    ? await Promise.all([
        Promise.all(groups.map((g) => registeredDenominatorOf(ctx, g.key, yearOf(g.figures)))),
        registeredTotalDenominator(ctx, criteria, wholeYear),
      ])
    : [[], null];
  const oneKind = criteria.lineKind === 'CONTRIBUTION' ? income : criteria.lineKind === 'ALLOCATION' ? expenditure : null;
  return {
    groupBy,
    groups: groups.map((g, i) => ({
      key: g.key,
      figures: figuresOut(g.figures, populations[i] ?? null, denominators[i] ?? null, criteria.quarter, registered[i] ?? null),
    })),
    income: figuresOut(income, wholeLocality, wholeDenominator, criteria.quarter, wholeRegistered),
    expenditure: figuresOut(expenditure, wholeLocality, wholeDenominator, criteria.quarter, wholeRegistered),
    total: oneKind ? figuresOut(oneKind, wholeLocality, wholeDenominator, criteria.quarter, wholeRegistered) : null,
    ...unallocatedOf(criteria, income, expenditure),
    includesSynthetic: income.syntheticLines + expenditure.syntheticLines > 0,
    sources: withLedgers.map((p) => p.id),
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
    areaOfSpend: (s) => s.areaOfSpend as AreaOfSpend | null,
    fund: async (s, _, ctx) => {
      const found = await ctx.loaders.hub.fundById.load(s.fundId);
      if (!found) throw new Error(`Scheme ${s.id} names fund ${s.fundId}, which is missing`);
      return found;
    },
  } satisfies SchemeResolvers,
  BudgetGroupKey: {
    fundingStream: (k) => (k.fundingStream ?? null) as FundingStream | null,
    areaOfSpend: (k) => (k.areaOfSpend ?? null) as AreaOfSpend | null,
    locality: (k, _, ctx) => (k.localityCode ? ctx.loaders.hub.localityByCode.load(k.localityCode) : null),
    partner: (k, _, ctx) => organisationForCode(ctx.loaders, k.partnerCode),
    fund: (k, _, ctx) => (k.fundCode ? ctx.loaders.hub.fundById.load(k.fundCode) : null),
    scheme: (k, _, ctx) => (k.schemeCode ? ctx.loaders.hub.schemeById.load(k.schemeCode) : null),
  } satisfies BudgetGroupKeyResolvers,
};
