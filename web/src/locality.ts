import { BUDGET, LOCALITY, PLANS, RAG_SUMMARY, keyRefused, run, savedKey } from './api';
import type { BudgetData, Comparator, LocalityData, PlansData, RagSummaryData, Series } from './api';
import {
  budgetChart,
  chartFigure,
  ragMixChart,
  seriesChart,
  seriesPoints,
  type BudgetBar,
  type BudgetYear,
  type RagBar,
  type SeriesPoint,
} from './charts';
import { el, section } from './dom';
import { csvLink } from './download';
import { coverage, describeArea, type Area } from './levels';
import { drawMap } from './map';
import { partialNotice, problem, show } from './page';
import { formatValue, money, provenance, ragBadge, sourceNames, synthetic, syntheticMark } from './widgets';

/**
 * A locality's page (`/localities/<code>`): its map, every indicator covering it as a chart
 * (its own and its council's, CCG's and region's, labelled by level), the delivery plan's RAG
 * mix over time, its hubs, estates and services, and, with a partner key, its budget as
 * planned-vs-actual bars by year and per head.
 */

type Locality = NonNullable<LocalityData['locality']>;

export async function localityPage(code: string): Promise<void> {
  const { data, errors } = await run<LocalityData>(LOCALITY, { code });
  const locality = data.locality;
  if (!locality) {
    show(
      el('h1', {}, 'No such locality'),
      el('p', {}, `The hub knows no locality with the code ${code}. `, el('a', { href: '/' }, 'Choose one.')),
    );
    return;
  }
  document.title = `${locality.name} · locality dashboard`;
  const facts = el(
    'p',
    { class: 'facts' },
    `${locality.code} · ${locality.partnership?.name ?? 'no partnership'} · council: ${locality.council?.name ?? 'unknown'} · population ${locality.population?.toLocaleString('en-GB') ?? 'not recorded'} · ${locality.wards ? `${locality.wards.totalCount} wards` : 'wards unavailable'}`,
  );
  const partners = locality.partners.nodes.length
    ? el('p', { class: 'facts' }, `Partners: ${locality.partners.nodes.map((p) => p.name).join(', ')}`)
    : null;
  const mapSection = section('map', 'Wards, hubs and estates', el('p', {}, 'Drawing the map…'));
  const indicators = section('indicators', 'Indicators', el('p', {}, 'Loading the indicators…'));
  show(
    el(
      'nav',
      { 'aria-label': 'Breadcrumb', class: 'crumbs' },
      el('a', { href: '/' }, 'All localities'),
      ' · ',
      el('a', { href: `/compare?codes=${encodeURIComponent(locality.code)}` }, 'Compare with others'),
      ' · ',
      el('button', { type: 'button', class: 'link', id: 'print' }, 'Print a one-page briefing'),
    ),
    el('h1', {}, locality.name),
    facts,
    partners,
    partialNotice(errors),
    indicators,
    await budgetSection(locality.code),
    plansPlaceholder(locality),
    mapSection,
    hubsSection(locality),
    estatesSection(locality),
    servicesSection(locality),
  );
  document.getElementById('print')!.addEventListener('click', () => window.print());
  await fillIndicators(indicators, locality);
  await fillMap(mapSection, locality);
  if (locality.partnership) await fillPlans(locality.partnership.id);
}

async function fillMap(mapSection: HTMLElement, locality: Locality): Promise<void> {
  const places = [
    ...locality.hubs.nodes.map((h) => ({ kind: 'hub' as const, name: h.name, postcode: h.postcode, wardGss: h.ward?.gssCode ?? null })),
    ...locality.estates.nodes.map((e) => ({
      kind: 'estate' as const,
      name: e.name,
      postcode: e.postcode,
      wardGss: e.ward?.gssCode ?? null,
    })),
  ];
  try {
    mapSection.replaceChildren(
      mapSection.firstChild!,
      await drawMap(locality.placeGssCode, locality.wards?.nodes ?? [], places),
      wardList(locality),
    );
  } catch (error) {
    mapSection.replaceChildren(mapSection.firstChild!, problem(error), wardList(locality));
  }
}

async function fillIndicators(target: HTMLElement, locality: Locality): Promise<void> {
  const heading = target.firstChild!;
  let found: Awaited<ReturnType<typeof coverage>>;
  try {
    found = await coverage(locality);
  } catch (error) {
    target.replaceChildren(heading, problem(error));
    return;
  }
  const notice = partialNotice(found.errors);
  const absent = found.notMeasured.length
    ? el(
        'details',
        { class: 'not-measured' },
        el('summary', {}, `Levels with nothing more to show (${found.notMeasured.length})`),
        el('ul', {}, ...found.notMeasured.map((t) => el('li', {}, t))),
      )
    : null;
  if (found.measured.length === 0) {
    target.replaceChildren(
      heading,
      notice ?? '',
      el('p', {}, 'No indicator is measured for this locality or any area covering it.'),
      absent ?? '',
    );
    return;
  }
  target.replaceChildren(
    heading,
    ...(notice ? [notice] : []),
    el('p', {}, 'Each indicator measured for this locality or an area covering it, labelled by level.'),
    ...found.measured.map(({ area, series }, i) => indicatorCard(series, area, i)),
    ...(absent ? [absent] : []),
  );
}

function levelOf(series: Series, area: Area): string {
  return `${describeArea(area)}${series.rolledUpFrom ? `, summed from ${series.rolledUpFrom.length} parts` : ''}`;
}

/** England's value of the latest period, and how the area compares with it (Fingertips' convention). */
function englandComparator(comparators: readonly Comparator[], unit: string, period: string): string {
  const england = comparators.find((c) => c.areaCode === 'E92000001') ?? comparators[0];
  if (!england) return 'England: the hub holds no value of this measure for the period.';
  const value =
    england.value === null ? 'not recorded' : `${Number(england.value).toLocaleString('en-GB')}${unit.startsWith('percent') ? '%' : ''}`;
  return `${england.areaName} in ${period}: ${value} · ${england.comparison.toLowerCase().replaceAll('_', ' ')} — ${england.comparisonNote}`;
}

function indicatorCard(series: Series, area: Area, index: number): HTMLElement {
  const { indicator, latest, previous } = series;
  const points = seriesPoints(series);
  const level = levelOf(series, area);
  const withheld = points.filter((p) => p.state === 'withheld').length;
  const bound = (p: SeriesPoint, n: number | null) => (n === null ? '' : String(n));
  const columns = [
    { label: 'Period', value: (p: SeriesPoint) => p.period },
    { label: 'Value', value: (p: SeriesPoint) => (p.value === null ? p.state : String(p.value)) },
    { label: '95% CI lower', value: (p: SeriesPoint) => bound(p, p.lower) },
    { label: '95% CI upper', value: (p: SeriesPoint) => bound(p, p.upper) },
    { label: 'Target', value: (p: SeriesPoint) => (p.target === null ? 'no target' : String(p.target)) },
    { label: 'RAG', value: (p: SeriesPoint) => p.rag ?? 'none' },
    { label: 'Reason', value: (p: SeriesPoint) => p.reason },
  ];
  return el(
    'article',
    { class: 'indicator card', 'data-area': series.areaCode, 'data-level': area.level },
    el(
      'h3',
      {},
      indicator.name,
      ' ',
      series.includesSynthetic ? synthetic('includes synthetic', 'A value or target of this series was generated for the demo') : '',
    ),
    el('p', { class: 'level' }, level),
    el(
      'p',
      { class: 'latest' },
      'Latest: ',
      el('strong', {}, latest ? `${formatValue(latest, indicator.unit)} (${latest.period})` : 'none'),
      latest?.suppressed ? el('span', { class: 'badge withheld' }, 'small number withheld') : '',
      latest?.synthetic ? synthetic() : '',
      ` · target ${latest?.target ?? 'none'}`,
      latest?.targetSynthetic ? synthetic('synthetic target', 'The target was generated for the demo, not set by the partnership') : '',
      ' · ',
      ragBadge(latest?.rag?.status),
      latest?.rag?.synthetic ? synthetic('not a real assessment', 'The value or target judged was generated for the demo') : '',
    ),
    el('p', { class: 'reason' }, latest?.rag?.reason ?? ''),
    el(
      'p',
      { class: 'comparator' },
      latest ? englandComparator(latest.comparators, indicator.unit, latest.period) : 'England: no latest value to compare.',
    ),
    el(
      'p',
      { class: 'comparator' },
      `Compared with ${previous ? `${previous.period}: ${formatValue(previous, indicator.unit)}` : 'the period before: none recorded'} · trend ${series.trend.toLowerCase().replaceAll('_', ' ')}`,
    ),
    chartFigure({
      id: `chart-indicator-${index}`,
      title: `${indicator.name} — ${level}, by period (${indicator.unit})`,
      chart: seriesChart(series, points),
      columns,
      rows: points,
      fileName: `indicator-${series.areaCode}-${index + 1}.csv`,
      notes: [
        `Line: the value; dashed: the target${points.some((p) => p.amberEdge !== null) ? '; shaded: amber tolerance' : ''}${points.some((p) => p.lower !== null) ? '; bars: 95% confidence intervals' : ''}.${withheld ? ` ${withheld} value(s) withheld to protect small numbers are marked ▽ on the axis, not drawn as zero.` : ''}`,
      ],
    }),
    csvLink(
      'indicator-values',
      { indicator: indicator.id, area: series.areaCode },
      `Download ${indicator.name} (${area.level}: ${area.name}) values as CSV`,
    ),
    provenance([...indicator.sources, ...(latest?.sources ?? [])]),
  );
}

/** The wards as text; null when the council's register (their source) did not answer. */
function wardList(locality: Locality): HTMLElement {
  if (!locality.wards) return el('p', {}, "The wards are unavailable: the council's register did not answer (see above).");
  const list = el('ul', { class: 'wards' });
  for (const w of locality.wards.nodes)
    list.append(el('li', {}, `${w.name} (${w.gssCode})${w.population ? `, ${w.population.toLocaleString('en-GB')} people` : ''}`));
  return el('details', {}, el('summary', {}, `The ${locality.wards.totalCount} wards`), list);
}

function hubsSection(locality: Locality): HTMLElement {
  if (locality.hubs.nodes.length === 0) return section('hubs', 'Hubs', el('p', {}, "No hub is recorded in this locality's wards."));
  const list = el('ul', { class: 'cards' });
  for (const hub of locality.hubs.nodes) {
    const services = el('ul', {});
    for (const s of hub.services.nodes)
      services.append(
        el('li', {}, `${s.name} · ${s.careSetting.toLowerCase().replaceAll('_', ' ')} · ${s.provider?.name ?? 'provider not recorded'}`),
      );
    list.append(
      el(
        'li',
        { class: 'card hub' },
        el('h3', {}, hub.name, ' ', syntheticMark(hub.sources) ?? ''),
        el(
          'p',
          {},
          `${hub.kinds.map((k) => k.toLowerCase().replaceAll('_', ' ')).join(', ')} · ${hub.status.toLowerCase()}${hub.openedText ? ` · ${hub.openedText}` : ''}${hub.postcode ? ` · ${hub.postcode}` : ''}`,
        ),
        hub.services.totalCount > 0
          ? el('details', {}, el('summary', {}, `Services at this hub (${hub.services.totalCount})`), services)
          : el('p', {}, 'No services recorded at this hub.'),
        provenance(hub.sources),
      ),
    );
  }
  return section('hubs', `Hubs (${locality.hubs.totalCount})`, list);
}

function estatesSection(locality: Locality): HTMLElement {
  if (locality.estates.nodes.length === 0) return section('estates', 'Estates', el('p', {}, 'No estate is recorded in this locality.'));
  const list = el('ul', { class: 'cards' });
  for (const estate of locality.estates.nodes) {
    const codes = [estate.uprn ? `UPRN ${estate.uprn}` : '', ...estate.odsSiteCodes.map((c) => `ODS site ${c}`)].filter(Boolean).join(', ');
    list.append(
      el(
        'li',
        { class: 'card estate' },
        el('h3', {}, estate.name, ' ', syntheticMark(estate.sources) ?? ''),
        el(
          'p',
          {},
          [
            estate.currentUse,
            estate.status?.toLowerCase().replaceAll('_', ' '),
            estate.owner?.name ?? estate.ownerName,
            estate.postcode,
            codes,
          ]
            .filter(Boolean)
            .join(' · '),
        ),
        el(
          'p',
          { class: 'source-count' },
          `Known to ${sourceNames(estate.sources).length} source(s): ${sourceNames(estate.sources).join(' and ')}`,
        ),
        provenance(estate.sources),
      ),
    );
  }
  return section('estates', `Estates (${locality.estates.totalCount})`, list);
}

function servicesSection(locality: Locality): HTMLElement {
  const bySetting = new Map<string, typeof locality.services.nodes>();
  for (const s of locality.services.nodes) bySetting.set(s.careSetting, [...(bySetting.get(s.careSetting) ?? []), s]);
  const groups = el('div', {});
  for (const [setting, services] of [...bySetting].sort(([a], [b]) => a.localeCompare(b))) {
    const list = el('ul', {});
    for (const s of services)
      list.append(
        el(
          'li',
          {},
          s.name,
          ` · ${s.provider?.name ?? s.providerCode ?? 'provider not recorded'}`,
          s.hub ? ` · at ${s.hub.name}` : '',
          ' ',
          syntheticMark(s.sources) ?? '',
          provenance(s.sources),
        ),
      );
    groups.append(el('h3', {}, `${setting.toLowerCase().replaceAll('_', ' ')} (${services.length})`), list);
  }
  const shown =
    locality.services.nodes.length < locality.services.totalCount
      ? el('p', {}, `The first ${locality.services.nodes.length} of ${locality.services.totalCount} services.`)
      : null;
  if (locality.services.totalCount === 0)
    return section('services', 'Services by setting and provider', el('p', {}, 'No service is recorded in this locality.'));
  return section('services', `Services by setting and provider (${locality.services.totalCount})`, shown ?? el('span', {}), groups);
}

function plansPlaceholder(locality: Locality): HTMLElement {
  return section('plans', 'Delivery plan', el('p', {}, locality.partnership ? 'Loading the plan…' : 'This locality has no partnership.'));
}

const RAG_KEYS = [
  ['red', 'Red'],
  ['amber', 'Amber'],
  ['green', 'Green'],
  ['notRecorded', 'Not recorded'],
] as const;

async function fillPlans(partnershipId: string): Promise<void> {
  const target = document.getElementById('plans')!;
  const { data, errors } = await run<PlansData>(PLANS, { partnershipId });
  // Null when the council's plan tracker did not answer; the hub then says so in its errors.
  const plans = (data.node && 'deliveryPlans' in data.node ? data.node.deliveryPlans : []) ?? [];
  const heading = target.firstChild!;
  if (errors.length > 0 && plans.length === 0) {
    target.replaceChildren(heading, partialNotice(errors)!);
    return;
  }
  if (plans.length === 0) {
    target.replaceChildren(heading, el('p', {}, 'No delivery plan is recorded for this partnership.'));
    return;
  }
  const blocks: HTMLElement[] = [];
  for (const [index, plan] of plans.entries()) {
    const periods = [...new Set(plan.actions.nodes.flatMap((a) => a.statusHistory.map((s) => s.period)))].sort();
    const summaries = await Promise.all(
      periods.map((period) =>
        run<RagSummaryData>(RAG_SUMMARY, { planId: plan.id, period, previous: '', withPrevious: false }).then((a) => ({
          period,
          counts: a.data.deliveryPlan?.now,
        })),
      ),
    );
    const bars: RagBar[] = summaries.flatMap(({ period, counts }) =>
      counts ? RAG_KEYS.map(([key, status]) => ({ period, status, count: counts[key] })) : [],
    );
    blocks.push(
      el(
        'div',
        { class: 'plan' },
        el('h3', {}, plan.title),
        periods.length === 0
          ? el('p', {}, 'No status is recorded for any period.')
          : chartFigure({
              id: `chart-plan-${index}`,
              title: `${plan.title}: actions by RAG in each reporting period`,
              chart: ragMixChart(bars),
              columns: [
                { label: 'Period', value: (b: RagBar) => b.period },
                { label: 'RAG', value: (b: RagBar) => b.status },
                { label: 'Actions', value: (b: RagBar) => String(b.count) },
              ],
              rows: bars,
              fileName: `plan-rag-${index + 1}.csv`,
            }),
        provenance(plan.sources),
      ),
    );
  }
  target.replaceChildren(heading, ...blocks);
}

type Budget = NonNullable<BudgetData['byYear']>;
type Group = Budget['groups'][number];
type Figures = Group['figures'];

const yearOf = (g: Group) => g.key.financialYear ?? 'year not recorded';

/** Why a group has no actual: not reported is not zero. */
function noActual(f: Figures): string {
  return `not available: none of its ${f.lines} line(s) has an actual recorded yet`;
}

function perHead(f: Figures, which: 'planned' | 'actual'): string {
  if (!f.perHead) return `not available: ${perHeadReason(f)}`;
  const amount = f.perHead[which];
  return amount === null ? noActual(f) : money(amount);
}

/** The hub's reason when it gives one; otherwise what its schema says a missing per-head figure means. */
function perHeadReason(f: Figures): string {
  return f.perHeadReason ?? 'the hub holds no population estimate for this locality';
}

function denominator(f: Figures): string {
  const d = f.perHead?.denominator;
  if (!d) return `not available: ${perHeadReason(f)}`;
  return `${d.population.toLocaleString('en-GB')} ${d.basis === 'RESIDENT' ? 'resident' : 'GP-registered'} population, estimate of ${d.referenceDate}${d.matchesYear === false ? ' (not within this year: the nearest held)' : ''}`;
}

/** Planned, and actual where recorded, for each year: the bars drawn. */
function barsOf(groups: readonly Group[], amount: (f: Figures, which: 'planned' | 'actual') => string | null): BudgetBar[] {
  return groups.flatMap((g) =>
    (['planned', 'actual'] as const).flatMap((measure) => {
      const value = amount(g.figures, measure);
      return value === null ? [] : [{ year: yearOf(g), measure, amount: Number(value) }];
    }),
  );
}

function spendChart(code: string, spend: readonly Group[]): HTMLElement {
  const years: BudgetYear[] = spend.map((g) => ({ year: yearOf(g), variance: g.figures.variance }));
  return chartFigure({
    id: 'chart-budget',
    title: 'Planned and actual spend (allocations) by financial year, with the variance',
    chart: budgetChart(
      barsOf(spend, (f, which) => f[which]),
      years,
    ),
    columns: [
      { label: 'Financial year', value: yearOf },
      { label: 'Planned', value: (g: Group) => money(g.figures.planned) },
      { label: 'Actual', value: (g: Group) => (g.figures.actual === null ? noActual(g.figures) : money(g.figures.actual)) },
      { label: 'Variance', value: (g: Group) => (g.figures.variance === null ? noActual(g.figures) : money(g.figures.variance)) },
      { label: 'Lines', value: (g: Group) => String(g.figures.lines) },
      { label: 'Lines without an actual', value: (g: Group) => String(g.figures.linesWithoutActual) },
    ],
    rows: spend,
    fileName: `budget-${code}-by-year.csv`,
    notes: [
      'Above each year: actual minus planned (red: over plan; green: under).',
      ...spend
        .filter((g) => g.figures.actual === null)
        .map(
          (g) =>
            `${yearOf(g)}: no actual is drawn because none of its ${g.figures.lines} line(s) has one recorded yet (not reported, not zero).`,
        ),
      ...spend
        .filter((g) => g.figures.linesWithoutActual > 0 && g.figures.actual !== null)
        .map(
          (g) => `${yearOf(g)}: ${g.figures.linesWithoutActual} of ${g.figures.lines} line(s) have no actual yet and add nothing to it.`,
        ),
    ],
  });
}

/** The populations divided by, each named once (the table says, year by year, which and how near in date). */
function populationsOf(spend: readonly Group[]): string {
  const named = spend.flatMap((g) => {
    const d = g.figures.perHead?.denominator;
    return d
      ? [
          `${d.population.toLocaleString('en-GB')} ${d.basis === 'RESIDENT' ? 'resident' : 'GP-registered'} population (estimate of ${d.referenceDate})`,
        ]
      : [];
  });
  return [...new Set(named)].join('; ') || 'no population the hub holds';
}

function perHeadChart(code: string, spend: readonly Group[]): HTMLElement {
  const bars = barsOf(spend, (f, which) => f.perHead?.[which] ?? null);
  const nearest = spend.filter((g) => g.figures.perHead?.denominator.matchesYear === false).map(yearOf);
  return chartFigure({
    id: 'chart-budget-per-head',
    title: `Planned and actual spend per head by financial year, per head of the ${populationsOf(spend)}`,
    chart: bars.length ? budgetChart(bars, [], '£ per head') : el('p', {}, 'No per-head figure is available (see the table).'),
    columns: [
      { label: 'Financial year', value: yearOf },
      { label: 'Planned per head', value: (g: Group) => perHead(g.figures, 'planned') },
      { label: 'Actual per head', value: (g: Group) => perHead(g.figures, 'actual') },
      { label: 'Per head of', value: (g: Group) => denominator(g.figures) },
    ],
    rows: spend,
    fileName: `budget-${code}-per-head.csv`,
    notes: nearest.length ? [`${nearest.join(', ')}: the hub holds no estimate dated within the year, so the nearest held is used.`] : [],
  });
}

async function budgetSection(code: string): Promise<HTMLElement> {
  const refusedNote = () =>
    section(
      'budget',
      'Budget',
      el('p', {}, 'The key given was not accepted (see the message beside the key box): budgets are shown to partners only.'),
    );
  if (!savedKey()) {
    return section(
      'budget',
      'Budget',
      el('p', {}, "Budgets are shared between partners: enter a partner API key above to see this locality's planned and actual spend."),
    );
  }
  if (keyRefused()) return refusedNote();
  try {
    const { data, errors } = await run<BudgetData>(BUDGET, { code });
    if (keyRefused()) return refusedNote();
    if (!data.byYear) return section('budget', 'Budget', el('p', {}, errors[0]?.message ?? 'No budget is visible to this key.'));
    return budgetFigures(code, data, data.byYear);
  } catch (error) {
    return section('budget', 'Budget', problem(error));
  }
}

function budgetFigures(code: string, data: BudgetData, byYear: Budget): HTMLElement {
  const groups = byYear.groups;
  if (groups.length === 0)
    return section('budget', 'Budget', el('p', {}, 'No ledger line of a fund this key can see is for this locality.'));
  const spend = groups.filter((g) => g.key.lineKind === 'ALLOCATION');
  const partners = [
    ...new Set((data.byPartner?.groups ?? []).map((g) => g.key.partner?.name ?? g.key.partnerCode ?? 'partner not recorded')),
  ];
  const generated = byYear.includesSynthetic
    ? el(
        'p',
        {},
        synthetic(),
        ` ${groups.reduce((n, g) => n + g.figures.syntheticLines, 0)} of ${groups.reduce((n, g) => n + g.figures.lines, 0)} ledger lines summed here were generated for the demo, not recorded: these figures are not real.`,
      )
    : null;
  return section(
    'budget',
    'Budget',
    el('p', {}, `Ledger lines for this locality come from: ${partners.join(', ') || 'no partner'}.`),
    generated,
    el(
      'p',
      { class: 'reason' },
      'Spend (allocations) only: income into the funds and spend out of them are kept apart, since adding them would count the money twice.',
    ),
    ...(spend.length
      ? [spendChart(code, spend), perHeadChart(code, spend)]
      : [el('p', {}, 'No allocation (spend) line is recorded for this locality.')]),
    el(
      'p',
      {},
      csvLink(
        'budget',
        { groupBy: 'FINANCIAL_YEAR,PARTNER,SCHEME', localityCode: code },
        "Download the locality's budget by year, partner and scheme as CSV",
      ),
    ),
  );
}
