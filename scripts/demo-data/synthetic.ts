/**
 * SYNTHETIC demo values — generated, not real. Nothing here comes from a seed or from the
 * reference data except the keys the rows hang on (locality codes, GSS codes, organisation
 * codes, the fund and scheme ids) and, for the DToC targets, the real monthly figures the
 * targets are scaled from. Every generated row is recognisable: its key starts with `SYNTH-`, or it
 * is in a file that PROVENANCE.md lists as wholly synthetic.
 *
 * The generator is a fixed-seed PRNG (mulberry32), one seed per strand, so the output is the same
 * on every run. Money is generated in whole pence and split with the largest-remainder method so
 * that contributions and allocations reconcile to the penny.
 */
import type { IndicatorFact, OutcomeFact } from './documents';

/** mulberry32: a small deterministic 32-bit PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SEEDS = { indicatorValues: 20170401, indicatorTargets: 20170402, dtocTargets: 20140401, ledger: 20150401 } as const;

const uniform = (rnd: () => number, lo: number, hi: number) => lo + (hi - lo) * rnd();
const intBetween = (rnd: () => number, lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
/** Fixed-point text with the given decimals (no exponent, no trailing-zero trimming). */
const fixed = (x: number, dp: number) => x.toFixed(dp);
const pounds = (pence: number) => `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;

// ---------------------------------------------------------------------------------------
// Outcome and indicator definitions (hub)
// ---------------------------------------------------------------------------------------

export const SYNTH_OUTCOME: OutcomeFact = {
  id: 'SYNTH-OUTCOME-0001',
  domainId: 'se-essex-health-and-wellbeing',
  name: 'Synthetic demo outcome: people stay independent after reablement',
  description:
    'SYNTHETIC (demo only): no seed defines this outcome. It carries the synthetic locality-level indicator SYNTH-IND-0001, whose values and targets are generated.',
};

export const SYNTH_INDICATOR: IndicatorFact = {
  id: 'SYNTH-IND-0001',
  outcomeId: SYNTH_OUTCOME.id,
  name: 'Synthetic demo indicator: people still at home 91 days after discharge into reablement (%) — generated values, not real',
  unit: 'percent of people',
  polarity: 'HIGHER_IS_BETTER',
  measuredBy: 'ccg-primary-care',
  sourceCode: 'SYNTH-REABLEMENT-91D',
  countsPeople: true,
  published: true,
  periodicity: 'QUARTER',
};

// ---------------------------------------------------------------------------------------
// ccg/indicator_value.csv: SYNTH-REABLEMENT-91D per locality and quarter
// ---------------------------------------------------------------------------------------

export const SYNTH_QUARTERS = ['2017/18', '2018/19'].flatMap((fy) => [1, 2, 3, 4].map((q) => `${fy} Q${q}`));

/**
 * Denominator range (people discharged into reablement per quarter) per locality code: a
 * made-up scale, small for Purbeck so that some numerators fall below 5 (disclosure-control tests).
 */
const DENOMINATOR_RANGE: Record<string, [number, number]> = {
  'PUR-PURBECK': [3, 9],
  'SEE-CASTLE-POINT': [25, 45],
  'SEE-ROCHFORD': [20, 40],
  'SEE-SOUTHEND-ON-SEA': [60, 95],
  'THR-ASOP': [15, 30],
  'THR-GRAYS': [25, 45],
  'THR-STANFORD-LE-HOPE': [15, 30],
  'THR-TILBURY-CHADWELL': [15, 35],
};

export interface SynthValueRow {
  indicator_code: string;
  area_code: string;
  period: string;
  value: string;
  numerator: number;
  denominator: number;
}

export function synthIndicatorValues(localityCodes: readonly string[]): SynthValueRow[] {
  const rnd = mulberry32(SEEDS.indicatorValues);
  const rows: SynthValueRow[] = [];
  for (const area of [...localityCodes].sort()) {
    const range = DENOMINATOR_RANGE[area];
    if (!range) throw new Error(`synthetic: no denominator range for locality ${area}`);
    for (const period of SYNTH_QUARTERS) {
      const denominator = intBetween(rnd, range[0], range[1]);
      const numerator = Math.min(denominator, Math.round(denominator * uniform(rnd, 0.7, 0.95)));
      rows.push({
        indicator_code: SYNTH_INDICATOR.sourceCode,
        area_code: area,
        period,
        value: fixed((numerator / denominator) * 100, 1),
        numerator,
        denominator,
      });
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------
// hub/indicator_target.csv (wholly synthetic)
// ---------------------------------------------------------------------------------------

export interface TargetRow {
  indicator_id: string;
  area_code: string;
  period: string;
  target: string;
  amber_tolerance: string;
}

/** Targets for SYNTH-IND-0001: per locality and financial year, 78–88 %, amber tolerance 5 points. */
export function synthIndicatorTargets(localityCodes: readonly string[]): TargetRow[] {
  const rnd = mulberry32(SEEDS.indicatorTargets);
  const rows: TargetRow[] = [];
  for (const area of [...localityCodes].sort()) {
    for (const period of ['2017/18', '2018/19']) {
      rows.push({
        indicator_id: SYNTH_INDICATOR.id,
        area_code: area,
        period,
        target: fixed(uniform(rnd, 78, 88), 1),
        amber_tolerance: '5.0',
      });
    }
  }
  return rows;
}

export const DTOC_TARGET_YEARS = ['2014/15', '2015/16', '2016/17', '2017/18', '2018/19', '2019/20'];

/** `2014/15` → the months 2014-04 … 2015-03. */
export function monthsOf(fy: string): string[] {
  const y = Number(fy.slice(0, 4));
  return [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3].map((m) => `${m >= 4 ? y : y + 1}-${String(m).padStart(2, '0')}`);
}
export function previousYear(fy: string): string {
  const y = Number(fy.slice(0, 4)) - 1;
  return `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
}

/**
 * SYNTHETIC DToC targets (delayed days per month) per local authority and financial year: the
 * real mean monthly total of the PREVIOUS financial year (from the reference file), times a
 * generated factor between 0.85 and 0.97 (a made-up "reduce delays" ambition), rounded to whole
 * days; amber tolerance = 10 % of the target, rounded to whole days.
 */
export function dtocTargets(
  indicatorId: string,
  areas: readonly string[],
  monthly: (gss: string, month: string) => number | undefined,
): TargetRow[] {
  const rnd = mulberry32(SEEDS.dtocTargets);
  const rows: TargetRow[] = [];
  for (const gss of [...areas].sort()) {
    for (const fy of DTOC_TARGET_YEARS) {
      const prev = monthsOf(previousYear(fy)).map((m) => monthly(gss, m));
      if (prev.some((v) => v === undefined)) throw new Error(`synthetic: DToC ${gss} lacks a month of ${previousYear(fy)}`);
      const mean = (prev as number[]).reduce((s, v) => s + v, 0) / prev.length;
      const target = Math.round(mean * uniform(rnd, 0.85, 0.97));
      rows.push({
        indicator_id: indicatorId,
        area_code: gss,
        period: fy,
        target: String(target),
        amber_tolerance: String(Math.round(target * 0.1)),
      });
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------
// ccg/ledger_line.csv and council/ledger_line.csv (wholly synthetic)
// ---------------------------------------------------------------------------------------

export const LEDGER_YEARS = ['2015/16', '2016/17', '2017/18', '2018/19'];

export interface LedgerRow {
  line_ref: string;
  org_code: string;
  fund_code: string;
  scheme_code: string | null;
  financial_year: string;
  locality_code: string | null;
  service_ref: string | null;
  line_kind: 'CONTRIBUTION' | 'ALLOCATION';
  planned: string;
  actual: string;
  funding_stream: LedgerPartner['fundingStream'];
}

/** Split `total` pence in proportion to `weights`, largest remainder first (ties by position). */
export function splitPence(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((s, v) => s + v, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    out[i] = (out[i] as number) + 1;
    left -= 1;
  }
  return out;
}

export interface LedgerPartner {
  /** ledger file and line_ref prefix */
  source: 'ccg' | 'council';
  prefix: string;
  orgCode: string;
  /** planned annual contribution range, pounds */
  contribution: [number, number];
  /** The BCF funding stream its contributions pay in and its allocations are paid from (a demo assumption). */
  fundingStream: 'NHS_MINIMUM' | 'LA_ADDITIONAL';
}

/**
 * The BCF return's classification of the demo's schemes: the seeds name the schemes but not
 * their scheme type or area of spend, so these are the demo's own reading (synthetic).
 */
export const SCHEME_CLASSIFICATION: Record<string, { schemeType: string; areaOfSpend: string }> = {
  'thurrock-bcf-collins-house-interim-beds': { schemeType: 'Bed-based intermediate care services', areaOfSpend: 'SOCIAL_CARE' },
  'thurrock-bcf-frailty-pathway': { schemeType: 'Integrated care planning and navigation', areaOfSpend: 'COMMUNITY_HEALTH' },
  'thurrock-bcf-local-area-coordination': { schemeType: 'Prevention / early intervention', areaOfSpend: 'SOCIAL_CARE' },
};

export const LEDGER_PARTNERS: LedgerPartner[] = [
  { source: 'ccg', prefix: 'SYNTH-CCG', orgCode: '07G', contribution: [8_000_000, 10_000_000], fundingStream: 'NHS_MINIMUM' },
  { source: 'council', prefix: 'SYNTH-THR', orgCode: 'E06000034', contribution: [1_500_000, 2_500_000], fundingStream: 'LA_ADDITIONAL' },
];

/**
 * Per partner and financial year: one CONTRIBUTION line (planned; actual = planned × 0.98–1.02),
 * and one ALLOCATION line per scheme × Thurrock locality, splitting the planned contribution by
 * generated weights and the actual contribution by the same weights perturbed by ±15 %. So, per
 * partner and year, the allocations add up exactly to the contribution, planned and actual, and
 * the fund's allocations equal its contributions.
 */
export function synthLedger(
  fundId: string,
  schemes: readonly { id: string; councilServiceRef: string | null }[],
  thurrockLocalityCodes: readonly string[],
): Record<'ccg' | 'council', LedgerRow[]> {
  const rnd = mulberry32(SEEDS.ledger);
  const out: Record<'ccg' | 'council', LedgerRow[]> = { ccg: [], council: [] };
  const schemeList = [...schemes].sort((a, b) => (a.id < b.id ? -1 : 1));
  const localities = [...thurrockLocalityCodes].sort();
  for (const p of LEDGER_PARTNERS) {
    let n = 0;
    const ref = () => `${p.prefix}-${String(++n).padStart(4, '0')}`;
    for (const fy of LEDGER_YEARS) {
      const plannedPence = Math.round(uniform(rnd, p.contribution[0], p.contribution[1])) * 100 + intBetween(rnd, 0, 99);
      const actualPence = Math.round(plannedPence * uniform(rnd, 0.98, 1.02));
      out[p.source].push({
        line_ref: ref(),
        org_code: p.orgCode,
        fund_code: fundId,
        scheme_code: null,
        financial_year: fy,
        locality_code: null,
        service_ref: null,
        line_kind: 'CONTRIBUTION',
        planned: pounds(plannedPence),
        actual: pounds(actualPence),
        funding_stream: p.fundingStream,
      });
      const cells = schemeList.flatMap((s) => localities.map((l) => ({ s, l })));
      const weights = cells.map(() => uniform(rnd, 0.5, 1.5));
      const actualWeights = weights.map((w) => w * uniform(rnd, 0.85, 1.15));
      const planned = splitPence(plannedPence, weights);
      const actual = splitPence(actualPence, actualWeights);
      cells.forEach(({ s, l }, i) => {
        out[p.source].push({
          line_ref: ref(),
          org_code: p.orgCode,
          fund_code: fundId,
          scheme_code: s.id,
          financial_year: fy,
          locality_code: l,
          service_ref: p.source === 'council' ? s.councilServiceRef : null,
          line_kind: 'ALLOCATION',
          planned: pounds(planned[i] as number),
          actual: pounds(actual[i] as number),
          funding_stream: p.fundingStream,
        });
      });
    }
  }
  return out;
}
