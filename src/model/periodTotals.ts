import type { IndicatorValueModel } from './indicators';
import { parsePeriod } from './periods';

/**
 * Totals of a monthly series over the periods analysts use: financial years (April–March),
 * calendar years and calendar quarters, each saying how many of its months are reported
 * (9 of 12 is a total of nine months, not a year's). Only for a measure whose monthly values
 * add up (a count over the month, such as delayed days); a withheld month leaves the total
 * unreported, never summed without it.
 */

export type TotalKind = 'FINANCIAL_YEAR' | 'CALENDAR_YEAR' | 'CALENDAR_QUARTER';

export interface PeriodTotalModel {
  kind: TotalKind;
  /** '2019/20', '2019', '2019 Q3'. */
  period: string;
  /** Exact decimal as text; null when a month in it is withheld. */
  total: string | null;
  monthsReported: number;
  monthsInPeriod: number;
  complete: boolean;
}

const keyOf = (kind: TotalKind, month: string): string => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  if (kind === 'FINANCIAL_YEAR') return parsePeriod(month)!.financialYear;
  if (kind === 'CALENDAR_YEAR') return String(year);
  return `${year} Q${Math.floor((m - 1) / 3) + 1}`;
};

const MONTHS: Record<TotalKind, number> = { FINANCIAL_YEAR: 12, CALENDAR_YEAR: 12, CALENDAR_QUARTER: 3 };

/** Sums decimal texts exactly (at the largest number of places among them). */
function sum(values: string[]): string {
  const places = Math.max(0, ...values.map((v) => (v.includes('.') ? v.split('.')[1]!.length : 0)));
  const units = values.reduce((acc, v) => {
    const [whole, fraction = ''] = v.replace('-', '').split('.');
    const n = BigInt(`${whole}${fraction.padEnd(places, '0')}`);
    return acc + (v.startsWith('-') ? -n : n);
  }, 0n);
  const digits = (units < 0n ? -units : units).toString().padStart(places + 1, '0');
  const text = places > 0 ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
  return `${units < 0n ? '-' : ''}${text}`;
}

export function periodTotals(values: readonly IndicatorValueModel[], kind: TotalKind): PeriodTotalModel[] {
  const groups = new Map<string, IndicatorValueModel[]>();
  for (const v of values) {
    if (parsePeriod(v.period)?.kind !== 'MONTH') continue;
    const key = keyOf(kind, v.period);
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  return [...groups.entries()].map(([period, months]) => {
    const reported = months.filter((m) => m.value !== null || m.withheld !== null);
    const withheld = months.some((m) => m.withheld !== null);
    return {
      kind,
      period,
      total: withheld || reported.length === 0 ? null : sum(reported.map((m) => m.value!)),
      monthsReported: reported.length,
      monthsInPeriod: MONTHS[kind],
      complete: reported.length === MONTHS[kind],
    };
  });
}
