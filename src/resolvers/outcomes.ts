import type {
  IndicatorResolvers,
  IndicatorSeriesResolvers,
  IndicatorValueResolvers,
  OutcomeDomainResolvers,
  OutcomeResolvers,
  QueryResolvers,
} from '../generated/graphql';
import { localIdOf, toGlobalId } from '../graphql/globalId';
import { loadPresent } from '../loaders/batch';
import { loadSeries, seriesForArea, type IndicatorValueModel } from '../model/indicators';
import type { IndicatorModel } from '../sources/hub/outcomeLoaders';
import { lastDayOf, parsePeriod, requirePeriodRange } from '../model/periods';
import { assessRag, trendOf } from '../model/rag';
import { viewerOf } from '../model/areas';
import type { Viewer } from '../model/disclosure';
import type { HubContext } from '../server/context';
import { notFound } from '../server/errors';
import { ROW_RULES } from '../auth/policy';
import { judgedValue, rateDeclarationOf, rateOf } from '../model/rates';
import { intervalOf } from '../model/intervals';
import { metadataOf } from '../model/indicatorMetadata';
import { comparatorsOf } from '../model/comparators';
import { periodTotals } from '../model/periodTotals';

/** One viewer per request, so a partner's coverage is worked out once. */
const viewers = new WeakMap<HubContext, Viewer>();
export const viewerFor = (ctx: HubContext): Viewer => {
  let viewer = viewers.get(ctx);
  if (!viewer) viewers.set(ctx, (viewer = viewerOf(ctx.loaders, ctx.caller, ctx.policy.smallNumberThreshold)));
  return viewer;
};

const periodOf = (text: string) => {
  const period = parsePeriod(text);
  if (!period) throw new Error(`Indicator value period "${text}" is not a period`);
  return period;
};

const valueIsSynthetic = (v: IndicatorValueModel): boolean => v.sources.some((p) => p.synthetic === true);

/** Unpublished indicators are for partners only (the rule is ROW_RULES', applied here before series are loaded). */
const visible = (ctx: HubContext) => (i: IndicatorModel) => ROW_RULES.Indicator!(ctx.caller, i);

/** An area argument must name a locality, a ward, a local authority or an NHS or council structure the hub knows. */
export async function requireKnownArea(ctx: HubContext, area: string): Promise<string> {
  const code = area.trim().toUpperCase();
  const [locality, ward, authority, structures, estimates] = await Promise.all([
    ctx.loaders.hub.localityByCode.load(code),
    /^E05\d{6}$/.test(code) ? ctx.loaders.across('areas').wardByGss.load(code) : null,
    /^[EWSN]\d{8}$/.test(code) ? ctx.loaders.hub.organisationByCode.load(code) : null,
    /^[A-Z0-9]{3,9}$/.test(code) ? ctx.loaders.hub.structuresByCode.load(code) : [],
    // An LSOA, or England, is known by its estimates.
    /^[EWSNK]\d{8}$/.test(code) ? ctx.loaders.hub.populationByArea.load(code) : [],
  ]);
  if (!locality && !ward && !authority && structures.length === 0 && estimates.length === 0) {
    throw notFound(
      'area',
      `"${area}" is not a locality code, ward, local-authority GSS code or NHS or council structure code the hub knows.`,
    );
  }
  // An NHS body by its ONS code (E38…, E54…, E40…) is the same area as by its ODS code, which its measures use.
  const byGss = structures.some((s) => s.code === code) ? undefined : structures.find((s) => s.gss_code === code);
  return byGss?.code ?? code;
}

const indicator: NonNullable<QueryResolvers['indicator']> = async (_, args, ctx) => {
  const found = await ctx.loaders.hub.indicatorById.load(localIdOf(args.id, 'Indicator'));
  if (!found || !visible(ctx)(found)) throw notFound('id', `No indicator has id "${args.id}".`);
  return found;
};

export const outcomeResolvers = {
  Query: { indicator },
  Partnership: {
    outcomeDomains: (p: { id: string }, _: unknown, ctx: HubContext) => ctx.loaders.hub.domainsByPartnership.load(p.id),
  },
  Locality: {
    indicators: (l: { code: string }, _: unknown, ctx: HubContext) => seriesForArea(ctx.loaders, l.code, visible(ctx), viewerFor(ctx)),
  },
  OutcomeDomain: {
    id: (d) => toGlobalId('OutcomeDomain', d.id),
    partnership: async (d, _, ctx) => {
      const [found] = await loadPresent(ctx.loaders.hub.partnershipById, [d.partnershipId]);
      if (!found) throw new Error(`Domain ${d.id} names partnership ${d.partnershipId}, which is missing`);
      return found;
    },
    outcomes: (d, _, ctx) => ctx.loaders.hub.outcomesByDomain.load(d.id),
  } satisfies OutcomeDomainResolvers,
  Outcome: {
    id: (o) => toGlobalId('Outcome', o.id),
    domain: async (o, _, ctx) => {
      const found = await ctx.loaders.hub.domainById.load(o.domainId);
      if (!found) throw new Error(`Outcome ${o.id} names domain ${o.domainId}, which is missing`);
      return found;
    },
    indicators: async (o, _, ctx) => (await ctx.loaders.hub.indicatorsByOutcome.load(o.id)).filter(visible(ctx)),
  } satisfies OutcomeResolvers,
  Indicator: {
    id: (i) => toGlobalId('Indicator', i.id),
    outcome: async (i, _, ctx) => {
      const found = await ctx.loaders.hub.outcomeById.load(i.outcomeId);
      if (!found) throw new Error(`Indicator ${i.id} names outcome ${i.outcomeId}, which is missing`);
      return found;
    },
    suppressionThreshold: (i, _, ctx) => i.suppressionThreshold ?? ctx.policy.smallNumberThreshold,
    metadata: (i, _, ctx) => metadataOf(i, ctx.policy.smallNumberThreshold),
    rate: (i) => {
      const declared = rateDeclarationOf(i);
      if (!declared) return null;
      const { cohort } = declared;
      return { ...declared, cohortBasis: cohort?.basis ?? null, cohortAgeBand: cohort?.ageBand ?? null, cohortSex: cohort?.sex ?? null };
    },
    series: async (i, args, ctx) => {
      const range = requirePeriodRange(args.from, args.to);
      return loadSeries(ctx.loaders, i, await requireKnownArea(ctx, args.area), viewerFor(ctx), range);
    },
  } satisfies IndicatorResolvers,
  IndicatorValue: {
    periodKind: (v) => periodOf(v.period).kind,
    periodStart: (v) => `${periodOf(v.period).start}-01`,
    periodEnd: (v) => lastDayOf(periodOf(v.period)),
    suppressed: (v) => v.withheld !== null,
    // As the source states it: "95.0" says one decimal place was measured, which 95 does not.
    value: (v) => v.value,
    target: (v) => v.target?.target ?? null,
    synthetic: (v) => valueIsSynthetic(v),
    targetSynthetic: (v) => v.target?.synthetic === true,
    confidenceInterval: (v) => intervalOf(v.indicator.unit, v.value, v.numerator, v.denominator),
    comparators: (v, _, ctx) => comparatorsOf(ctx.loaders, v),
    rag: (v) => {
      if (v.withheld !== null) return { status: null, reason: v.withheld, threshold: null, synthetic: valueIsSynthetic(v) };
      const judged = judgedValue(rateDeclarationOf(v.indicator), periodOf(v.period), v.value);
      const rag = assessRag(
        judged.value,
        v.target ? { target: v.target.target, amberTolerance: v.target.amber_tolerance } : null,
        v.indicator.polarity,
      );
      return {
        ...rag,
        reason: judged.note && v.target ? `${judged.note} ${rag.reason}` : rag.reason,
        synthetic: valueIsSynthetic(v) || v.target?.synthetic === true,
      };
    },
    rate: (v, _, ctx) => {
      const declared = rateDeclarationOf(v.indicator);
      return declared && rateOf(ctx.loaders, declared, v.areaCode, periodOf(v.period), v.value, v.withheld);
    },
  } satisfies IndicatorValueResolvers,
  IndicatorSeries: {
    latest: (s) => s.latest,
    previous: (s) => s.previous,
    trend: (s) => {
      const [latest, previous] = [s.latest, s.previous];
      if (latest?.withheld || previous?.withheld) return 'WITHHELD';
      // Judged per day where declared: a short month is not an improvement.
      const judged = (v: IndicatorValueModel | null) => v && judgedValue(rateDeclarationOf(s.indicator), periodOf(v.period), v.value).value;
      return trendOf(judged(latest), judged(previous), s.indicator.polarity);
    },
    includesSynthetic: (s) => s.includesSynthetic,
    collectionEnded: (s, _, ctx) => metadataOf(s.indicator, ctx.policy.smallNumberThreshold).collectionEnded,
    // Months add up only for a count over the month (a declared per-day rate says the values are such counts).
    totals: (s, args) => (rateDeclarationOf(s.indicator)?.perDay ? periodTotals(s.values, args.kind) : []),
    rolledUpFrom: (s) => s.rolledUpFrom,
  } satisfies IndicatorSeriesResolvers,
};
