import { PERIOD_PATTERN } from '../ingestion/columns';
import { badUserInput } from '../server/errors';

/**
 * Reporting periods as partners write them: a financial year `2014/15` (April–March), a
 * quarter of one `2014/15 Q3`, or a month `2014-07`. They sort by when they start, a longer
 * period after the shorter ones that start with it.
 */

export type PeriodKind = 'YEAR' | 'QUARTER' | 'MONTH';

/** Shared between callers (parsed once per text), so read-only. */
export interface Period {
  readonly text: string;
  readonly kind: PeriodKind;
  /** First month, `YYYY-MM`. */
  readonly start: string;
  /** The financial year the period falls in, `YYYY/YY`. */
  readonly financialYear: string;
}

const financialYearOf = (year: number, month: number): string => {
  const first = month >= 4 ? year : year - 1;
  return `${first}/${String((first + 1) % 100).padStart(2, '0')}`;
};

/**
 * Periods are parsed and compared on hot paths (a dashboard sorts about a thousand
 * indicator values), and the valid ones are few: ten years hold 170 of them. Each text is
 * worked out once; the memo is bounded so odd input cannot grow it.
 */
function memoByText<T>(compute: (text: string) => T): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    if (known.has(text)) return known.get(text)!;
    const value = compute(text);
    if (known.size >= 10_000) known.clear();
    known.set(text, value);
    return value;
  };
}

export const parsePeriod = memoByText(parseUncached);

function parseUncached(text: string): Period | null {
  if (!PERIOD_PATTERN.test(text)) return null;
  if (text.includes('-')) {
    const [year, month] = text.split('-').map(Number) as [number, number];
    return { text, kind: 'MONTH', start: text, financialYear: financialYearOf(year, month) };
  }
  const year = Number(text.slice(0, 4));
  if ((year + 1) % 100 !== Number(text.slice(5, 7))) return null;
  const quarter = text.length > 7 ? Number(text.slice(-1)) : 0;
  const startMonth = quarter === 0 ? 4 : ((quarter - 1) * 3 + 4 - 1) % 12 + 1;
  const startYear = quarter === 4 ? year + 1 : year;
  return {
    text,
    kind: quarter === 0 ? 'YEAR' : 'QUARTER',
    start: `${startYear}-${String(startMonth).padStart(2, '0')}`,
    financialYear: text.slice(0, 7),
  };
}

const RANK: Record<PeriodKind, number> = { MONTH: 0, QUARTER: 1, YEAR: 2 };

export const periodSortKey = (p: Period): string => `${p.start}#${RANK[p.kind]}`;

const sortKeyOf = memoByText((text) => {
  const period = parsePeriod(text);
  return period ? periodSortKey(period) : text;
});

export function comparePeriods(a: string, b: string): number {
  const ka = sortKeyOf(a);
  const kb = sortKeyOf(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** A period argument from a caller: a clear error naming the argument if it is not one. */
export function requirePeriod(text: string, argumentName: string): Period {
  const period = parsePeriod(text.trim());
  if (!period) {
    throw badUserInput(
      argumentName,
      `"${text}" is not a reporting period: write a financial year 2014/15, a quarter 2014/15 Q3, or a month 2014-07.`,
    );
  }
  return period;
}

/** A financial-year argument (`YYYY/YY`, consecutive years), or a clear error naming it. */
export function requireFinancialYear(text: string, argumentName: string): string {
  const period = parsePeriod(text.trim());
  if (!period || period.kind !== 'YEAR') {
    throw badUserInput(argumentName, `"${text}" is not a financial year: write it YYYY/YY with consecutive years, e.g. 2014/15.`);
  }
  return period.text;
}
