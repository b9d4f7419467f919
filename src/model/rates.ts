import type { SourceLoaders } from '../loaders';
import { areaDenominator, type Cohort, type DenominatorModel } from './denominators';
import { lastDayOf, parsePeriod, type Period } from './periods';

/**
 * Rates an indicator declares beside its raw values: per day (a count over a month divided
 * by the days in it, so February is not flattered by being short) and per 100,000 of a named
 * cohort. A rate names its denominator; where the hub holds no population of the declared
 * cohort the rate is null with the reason, never computed on another cohort under the
 * declared one's name.
 */

export interface RateDeclaration {
  /** Values are counts accumulated over their period (delayed days in a month). */
  perDay: boolean;
  /** Per this many people of the cohort; null: no population rate. */
  per: number | null;
  cohort: (Cohort & { basis: DenominatorModel['basis'] }) | null;
  /** RAG and trend compare rates per day, not totals over periods of different lengths. */
  judgedPerDay: boolean;
  definition: string;
}

/**
 * National measures whose definition includes a rate, by the measuring partner's code.
 * The registry's indicator table has no columns for a rate yet (ingestion declares its
 * columns, and that layer is being rewritten); until it does, the definitions live here,
 * each with its source.
 */
const DECLARED: Record<string, RateDeclaration> = {
  'DTOC-DELAYED-DAYS-TOTAL': {
    perDay: true,
    per: 100_000,
    cohort: { basis: 'RESIDENT', ageBand: '18+', sex: 'ALL' },
    judgedPerDay: true,
    definition:
      'Better Care Fund national metric (NHS England, 2017–19): average delayed days per day per 100,000 population aged 18+ (ONS mid-year estimate).',
  },
};

export const rateDeclarationOf = (indicator: { sourceCode: string }): RateDeclaration | null => DECLARED[indicator.sourceCode] ?? null;

export const daysIn = (period: Period): number =>
  Math.round((Date.parse(lastDayOf(period)) - Date.parse(`${period.start}-01`)) / 86_400_000) + 1;

/** Days in the financial year a period falls in (365 or 366). */
const daysInYear = (period: Period): number => daysIn(parsePeriod(period.financialYear)!);

export interface RateModel {
  days: number;
  perDay: string | null;
  per: number | null;
  perPopulation: string | null;
  denominator: DenominatorModel | null;
  /** Why a declared rate is null; null when every declared rate is given. */
  reason: string | null;
}

const perDayOf = (value: string, days: number): number => Number(value) / days;

/** A value's declared rates for one area, or why they cannot be given. */
export async function rateOf(
  loaders: SourceLoaders,
  declaration: RateDeclaration,
  areaCode: string,
  period: Period,
  value: string | null,
  withheld: string | null,
): Promise<RateModel> {
  const days = daysIn(period);
  const empty = { days, perDay: null, per: declaration.per, perPopulation: null, denominator: null };
  if (withheld) return { ...empty, reason: withheld };
  if (value === null) return { ...empty, reason: 'No value is recorded for this period.' };
  const perDay = declaration.perDay ? perDayOf(value, days) : Number(value);
  const shown = { ...empty, perDay: declaration.perDay ? perDay.toFixed(2) : null };
  if (declaration.per === null || declaration.cohort === null) return { ...shown, reason: null };
  const { basis, ageBand, sex } = declaration.cohort;
  const denominator = await areaDenominator(loaders, areaCode, basis, period.financialYear, { ageBand, sex });
  if (!denominator) {
    return {
      ...shown,
      reason:
        `The hub holds no ${basis.toLowerCase().replace('_', '-')} population aged ${ageBand} for ${areaCode} ` +
        `(ages are by district, county, region and England from the ONS mid-year estimates; wards and localities have all ages only), ` +
        `so the rate per ${declaration.per.toLocaleString('en-GB')} is not given.`,
    };
  }
  return {
    ...shown,
    perPopulation: denominator.population === 0 ? null : ((perDay * declaration.per) / denominator.population).toFixed(2),
    denominator,
    reason: null,
  };
}

/**
 * The value RAG and trend judge for an indicator judged per day: the rate per day scaled to
 * an average month of its year, so it stays in the unit of a monthly target (a 28-day
 * February's 290 days is 10.36 a day, 315.06 in an average month), with the reason to say so.
 */
export function judgedValue(
  declaration: RateDeclaration | null,
  period: Period,
  value: string | null,
): { value: string | null; note: string | null } {
  if (!declaration?.judgedPerDay || value === null || period.kind !== 'MONTH') return { value, note: null };
  const days = daysIn(period);
  const perDay = perDayOf(value, days);
  const averageMonth = (perDay * daysInYear(period)) / 12;
  const judged = averageMonth.toFixed(2);
  return {
    value: judged,
    note: `Judged per day: ${value} in ${days} days is ${perDay.toFixed(2)} a day, ${judged} in an average month of ${period.financialYear}.`,
  };
}
