import { after, FINANCIAL_YEARS, MONTHS } from './calendar';
import { SYNTHETIC } from './names';
import type { Programme } from './programme';
import { Rng } from './random';
import type { RowObject } from './tables';

/**
 * Each partnership's outcomes framework in the hub's registry (four domains, two outcomes
 * each, about 20 indicators spread over the CCG, the council and the trust sources), yearly
 * targets per locality, and the monthly values the measuring partner records for each of
 * its localities over the five years (about 1.5 million rows at full size). The values are
 * produced row by row while they are copied: a series is drawn from its own seeded stream,
 * so its targets (built in memory) and its values (streamed) agree.
 */

export type MeasuringSource = 'ccg' | 'council' | 'trust';

/** The kind of system each of the scale dataset's measuring sources is (the registry names the kind). */
const MEASURING_KIND: Record<MeasuringSource, string> = { ccg: 'ccg-primary-care', council: 'council-registers', trust: 'trust-sites' };

interface Shape {
  kind: 'percent' | 'rate' | 'count';
  /** Typical level and how far a locality's own level is from it (±). */
  level: number;
  spread: number;
  /** Month-to-month noise (±) and the yearly step a target asks for. */
  noise: number;
  step: number;
  tolerance: number;
  /** Percentages of people: the monthly denominator's range (small ones get suppressed for the public). */
  people?: [number, number];
}

interface Template {
  code: string;
  name: string;
  unit: string;
  polarity: 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';
  by: MeasuringSource;
  /** Domain (0–3) and outcome within it (0–1). */
  outcome: [number, number];
  shape: Shape;
  countsPeople: boolean;
  published: boolean;
  /** Monitoring-only indicators have no targets (their RAG is null, "no target"). */
  targets: boolean;
}

const HIGHER = 'HIGHER_IS_BETTER' as const;
const LOWER = 'LOWER_IS_BETTER' as const;

const pct = (level: number, spread: number, people?: [number, number]): Shape => ({
  kind: 'percent',
  level,
  spread,
  noise: 2.5,
  step: 0.8,
  tolerance: 2.5,
  ...(people ? { people } : {}),
});

const t = (
  code: string,
  name: string,
  unit: string,
  polarity: Template['polarity'],
  by: MeasuringSource,
  outcome: [number, number],
  shape: Shape,
  extra: Partial<Template> = {},
): Template => ({
  code,
  name,
  unit,
  polarity,
  by,
  outcome,
  shape,
  countsPeople: shape.people !== undefined,
  published: true,
  targets: true,
  ...extra,
});

/** The national-style metrics every synthetic framework draws from (names are prefixed "Synthetic"). */
const TEMPLATES: readonly Template[] = [
  t('EMERG-ADM-65', 'emergency admissions, aged 65 and over, per 100,000', 'admissions per 100,000 population', LOWER, 'ccg', [0, 0], {
    kind: 'rate',
    level: 180,
    spread: 40,
    noise: 15,
    step: 4,
    tolerance: 10,
  }),
  t('GP-APPT-2WK', 'GP appointments within two weeks (%)', 'percent of appointments', HIGHER, 'ccg', [1, 0], pct(84, 6)),
  t(
    'DIABETES-8CP',
    'people with diabetes receiving all eight care processes (%)',
    'percent of people',
    HIGHER,
    'ccg',
    [0, 1],
    pct(55, 10, [60, 240]),
  ),
  t(
    'SOCIAL-PRESCRIBING',
    'social prescribing referrals',
    'referrals per month',
    HIGHER,
    'ccg',
    [2, 1],
    { kind: 'count', level: 45, spread: 20, noise: 10, step: 3, tolerance: 6 },
    { countsPeople: true },
  ),
  t('CANCER-2WW', 'urgent cancer referrals seen within two weeks (%)', 'percent of people', HIGHER, 'ccg', [1, 0], pct(90, 5, [20, 90])),
  t('FLU-VACC-65', 'flu vaccination uptake, aged 65 and over (%)', 'percent of people', HIGHER, 'ccg', [0, 1], pct(72, 7, [300, 900])),
  t(
    'ADMISSION-AVOIDANCE',
    'admissions avoided by the rapid response team',
    'admissions per month',
    HIGHER,
    'ccg',
    [3, 0],
    { kind: 'count', level: 30, spread: 12, noise: 8, step: 2, tolerance: 5 },
    { targets: false },
  ),
  t(
    'REABLEMENT-91D',
    'people still at home 91 days after reablement (%)',
    'percent of people',
    HIGHER,
    'council',
    [2, 0],
    pct(82, 6, [4, 30]),
  ),
  t('DTOC-DAYS', 'delayed transfer of care days', 'delayed days per month', LOWER, 'council', [1, 1], {
    kind: 'count',
    level: 260,
    spread: 90,
    noise: 45,
    step: 12,
    tolerance: 30,
  }),
  t(
    'CARE-HOME-ADM',
    'permanent admissions to care homes, aged 65 and over, per 100,000',
    'admissions per 100,000 population',
    LOWER,
    'council',
    [2, 0],
    { kind: 'rate', level: 55, spread: 15, noise: 8, step: 2, tolerance: 5 },
  ),
  t('CARERS-ASSESSED', 'carers assessed in the year (%)', 'percent of people', HIGHER, 'council', [2, 1], pct(38, 10, [15, 80])),
  t('DIRECT-PAYMENTS', 'adults receiving direct payments (%)', 'percent of people', HIGHER, 'council', [2, 1], pct(27, 7, [40, 160])),
  t('SAFEGUARDING-28D', 'safeguarding enquiries closed within 28 days (%)', 'percent of enquiries', HIGHER, 'council', [1, 1], pct(70, 12)),
  t(
    'HOMECARE-HOURS',
    'unmet home care hours',
    'hours per month',
    LOWER,
    'council',
    [3, 1],
    { kind: 'count', level: 400, spread: 180, noise: 80, step: 20, tolerance: 60 },
    { published: false },
  ),
  t('AE-4HR', 'A&E attendances seen within four hours (%)', 'percent of attendances', HIGHER, 'trust', [1, 0], pct(78, 8)),
  t('LOS-7DAY', 'inpatients staying seven days or more (%)', 'percent of inpatients', LOWER, 'trust', [1, 1], pct(46, 8)),
  t('READMIT-30D', 'emergency readmissions within 30 days (%)', 'percent of people', LOWER, 'trust', [0, 0], pct(13, 3, [40, 160])),
  t('DISCHARGE-NOON', 'discharges before noon (%)', 'percent of discharges', HIGHER, 'trust', [3, 0], pct(24, 6)),
  t(
    'CMHT-7DAY',
    'mental health follow-up within seven days of discharge (%)',
    'percent of people',
    HIGHER,
    'trust',
    [0, 1],
    pct(88, 6, [6, 40]),
  ),
  t(
    'FALLS-ADM-65',
    'emergency admissions for falls, aged 65 and over',
    'admissions per month',
    LOWER,
    'trust',
    [0, 0],
    { kind: 'count', level: 18, spread: 8, noise: 5, step: 1, tolerance: 3 },
    { countsPeople: true },
  ),
  t('STAFF-VACANCY', 'community nursing vacancy rate (%)', 'percent of posts', LOWER, 'trust', [3, 1], pct(11, 4), { published: false }),
];

const DOMAINS = [
  { name: 'Health and wellbeing', description: 'population health, prevention and healthy lives' },
  { name: 'Care quality and experience', description: 'timely, safe and joined-up care' },
  { name: 'Independence', description: 'people living at home for longer, with support that fits' },
  { name: 'Sustainability', description: 'a workforce and system that can last' },
] as const;

const OUTCOMES: readonly (readonly [string, string])[] = [
  ['people live longer in good health', 'long-term conditions are well managed'],
  ['people get care when they need it', 'people leave hospital without delay'],
  ['people stay independent after illness', 'carers are supported'],
  ['care is delivered in the right place', 'the workforce is stable'],
];

export interface IndicatorRef {
  id: string;
  template: Template;
  sourceCode: string;
}

export interface Framework {
  indicators: IndicatorRef[];
}

const domainId = (p: Programme, d: number) => `${p.idPrefix}-domain-${d + 1}`;
const outcomeId = (p: Programme, d: number, o: number) => `${p.idPrefix}-outcome-${d + 1}${o + 1}`;

/** The partnership's domains, outcomes and indicators (about 19 of the 21 templates; each partnership picks its own). */
export function addFramework(p: Programme, out: Record<'hub.outcome_domain' | 'hub.outcome' | 'hub.indicator', RowObject[]>): Framework {
  const rng = new Rng(p.seed, `framework:${p.council.no}`);
  DOMAINS.forEach((domain, d) => {
    out['hub.outcome_domain'].push({
      id: domainId(p, d),
      partnership_id: p.council.partnershipId,
      name: `${SYNTHETIC} ${domain.name}`,
      description: `Synthetic domain: ${domain.description}.`,
      position: d + 1,
      updated_at: rng.instant2024(),
    });
    OUTCOMES[d]!.forEach((name, o) => {
      out['hub.outcome'].push({
        id: outcomeId(p, d, o),
        domain_id: domainId(p, d),
        name: `${SYNTHETIC} outcome: ${name}`,
        description: null,
        updated_at: rng.instant2024(),
      });
    });
  });
  const indicators = TEMPLATES.filter(() => rng.chance(0.9)).map((template): IndicatorRef => ({
    id: `${p.idPrefix}-indicator-${template.code.toLowerCase()}`,
    template,
    sourceCode: `SYN-${p.code}-${template.code}`,
  }));
  for (const i of indicators) {
    const tp = i.template;
    out['hub.indicator'].push({
      id: i.id,
      outcome_id: outcomeId(p, ...tp.outcome),
      name: `${SYNTHETIC} ${tp.name}`,
      unit: tp.unit,
      polarity: tp.polarity,
      measured_by: MEASURING_KIND[tp.by],
      source_code: i.sourceCode,
      counts_people: tp.countsPeople,
      published: tp.published,
      updated_at: rng.instant2024(),
    });
  }
  return { indicators };
}

/** A locality's series of one indicator: its own level and drift, drawn first from the series' stream. */
interface Series {
  rng: Rng;
  base: number;
  slope: number;
  season: number;
}

function openSeries(seed: number, localityNo: number, indicator: IndicatorRef): Series {
  const rng = new Rng(seed, `series:${localityNo}:${indicator.id}`);
  const s = indicator.template.shape;
  return {
    rng,
    base: s.level + s.spread * (2 * rng.float() - 1),
    slope: (s.step / 12) * (2 * rng.float() - 1),
    season: s.noise * rng.float(),
  };
}

const better = (tp: Template): number => (tp.polarity === HIGHER ? 1 : -1);
const round1 = (x: number): string => (Math.round(x * 10) / 10).toFixed(1);
const clampFor = (s: Shape, x: number): number => (s.kind === 'percent' ? Math.min(99.5, Math.max(0.5, x)) : Math.max(0, x));

/** Yearly targets for each locality: the locality's level, a step better each year, with the template's amber tolerance. */
export function addTargets(p: Programme, framework: Framework, out: RowObject[]): void {
  const rng = new Rng(p.seed, `targets:${p.council.no}`);
  for (const locality of p.localities) {
    for (const indicator of framework.indicators.filter((i) => i.template.targets)) {
      const series = openSeries(p.seed, locality.no, indicator);
      const s = indicator.template.shape;
      FINANCIAL_YEARS.forEach((year, y) => {
        const goal = clampFor(s, series.base + better(indicator.template) * s.step * (y + 1) * 0.5);
        out.push({
          indicator_id: indicator.id,
          area_code: locality.code,
          period: year,
          target: s.kind === 'count' ? String(Math.round(goal)) : round1(goal),
          amber_tolerance: round1(s.tolerance),
          updated_at: rng.instant2024(),
        });
      });
    }
  }
}

function valueRow(indicator: IndicatorRef, areaCode: string, series: Series, monthIndex: number): RowObject {
  const { rng } = series;
  const month = MONTHS[monthIndex]!;
  const s = indicator.template.shape;
  const level = clampFor(
    s,
    series.base + series.slope * monthIndex + series.season * Math.sin((2 * Math.PI * monthIndex) / 12) + s.noise * (2 * rng.float() - 1),
  );
  const recorded = rng.float() >= 0.015;
  const updated_at = after(month.closes, rng.int(2 * 86_400, 20 * 86_400));
  const row: RowObject = {
    indicator_code: indicator.sourceCode,
    area_code: areaCode,
    period: month.period,
    value: null,
    numerator: null,
    denominator: null,
    updated_at,
  };
  if (!recorded) return row;
  if (s.people) {
    const denominator = rng.int(s.people[0], s.people[1]);
    const numerator = Math.min(denominator, Math.round((denominator * level) / 100));
    return { ...row, value: round1((100 * numerator) / denominator), numerator, denominator };
  }
  if (s.kind === 'count') {
    const count = Math.round(level);
    return { ...row, value: String(count), numerator: indicator.template.countsPeople ? count : null };
  }
  return { ...row, value: round1(level) };
}

export interface MeasuredArea {
  localityNo: number;
  areaCode: string;
  indicators: IndicatorRef[];
}

/** Rows of one source's `indicator_value`: every month of every series it measures. */
export function* indicatorValueRows(seed: number, areas: readonly MeasuredArea[], source: MeasuringSource): Iterable<RowObject> {
  for (const area of areas) {
    for (const indicator of area.indicators) {
      if (indicator.template.by !== source) continue;
      const series = openSeries(seed, area.localityNo, indicator);
      for (let m = 0; m < MONTHS.length; m++) yield valueRow(indicator, area.areaCode, series, m);
    }
  }
}

export const indicatorValueCount = (areas: readonly MeasuredArea[], source: MeasuringSource): number =>
  areas.reduce((n, a) => n + a.indicators.filter((i) => i.template.by === source).length * MONTHS.length, 0);
