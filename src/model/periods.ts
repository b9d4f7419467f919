import { isCalendarDate } from '../calendarDate';
import { PERIOD_PATTERN } from '../ingestion/columns';
import { badUserInput } from '../server/errors';

/**
 * Reporting periods as partners write them: a financial year `2014/15` (April–March), a
 * quarter of one `2014/15 Q3`, or a month `2014-07`. Each is an interval of whole months, and
 * periods are compared as intervals: a range, a target or a summary period holds a period
 * when it contains it (a year holds its quarters and months), never by first month alone.
 * They sort by when they start, a shorter period before a longer one that starts with it.
 */

export type PeriodKind = 'YEAR' | 'QUARTER' | 'MONTH';

/** Shared between callers (parsed once per text), so read-only. */
export interface Period {
  readonly text: string;
  readonly kind: PeriodKind;
  /** First month, `YYYY-MM`. */
  readonly start: string;
  /** Last month, `YYYY-MM`. */
  readonly end: string;
  /** Months since year 0 of the first and last month (inclusive): the interval compared. */
  readonly first: number;
  readonly last: number;
  /** The financial year the period falls in, `YYYY/YY`. */
  readonly financialYear: string;
}

const MONTHS: Record<PeriodKind, number> = { MONTH: 1, QUARTER: 3, YEAR: 12 };

const monthIndex = (year: number, month: number): number => year * 12 + (month - 1);
const monthText = (index: number): string => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

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

function interval(text: string, kind: PeriodKind, first: number): Period {
  const last = first + MONTHS[kind] - 1;
  const year = Math.floor(first / 12);
  return { text, kind, first, last, start: monthText(first), end: monthText(last), financialYear: financialYearOf(year, (first % 12) + 1) };
}

function parseUncached(text: string): Period | null {
  if (!PERIOD_PATTERN.test(text)) return null;
  if (text.includes('-')) {
    const [year, month] = text.split('-').map(Number) as [number, number];
    return interval(text, 'MONTH', monthIndex(year, month));
  }
  const year = Number(text.slice(0, 4));
  if ((year + 1) % 100 !== Number(text.slice(5, 7))) return null;
  const quarter = text.length > 7 ? Number(text.slice(-1)) : 0;
  // A financial year starts in April; its quarters follow three months apart.
  const first = monthIndex(year, 4) + (quarter === 0 ? 0 : (quarter - 1) * 3);
  return interval(text, quarter === 0 ? 'YEAR' : 'QUARTER', first);
}

/** The period of a kind that holds a month index (e.g. the quarter July 2017 falls in). */
export function periodOfKind(kind: PeriodKind, month: number): Period {
  const year = Math.floor(month / 12);
  const calendarMonth = (month % 12) + 1;
  if (kind === 'MONTH') return parsePeriod(monthText(month))!;
  const fy = financialYearOf(year, calendarMonth);
  if (kind === 'YEAR') return parsePeriod(fy)!;
  const quarter = Math.floor((month - monthIndex(Number(fy.slice(0, 4)), 4)) / 3) + 1;
  return parsePeriod(`${fy} Q${quarter}`)!;
}

/** Whether `outer` holds every month of `inner`. */
export const contains = (outer: Period, inner: Period): boolean => outer.first <= inner.first && inner.last <= outer.last;

/** Whether `p` lies wholly within the range `from`..`to` (each bound optional, inclusive). */
export const withinRange = (p: Period, from: Period | null, to: Period | null): boolean =>
  (from === null || from.first <= p.first) && (to === null || p.last <= to.last);

/** The period that ends just before `p` starts, of the same kind (e.g. 2017/18 Q4 before 2018/19 Q1). */
export const previousOf = (p: Period): Period => periodOfKind(p.kind, p.first - 1);

/** The last day of a period, `YYYY-MM-DD`. */
export const lastDayOf = (p: Period): string => {
  const next = p.last + 1;
  const day = new Date(Date.UTC(Math.floor(next / 12), next % 12, 0));
  return day.toISOString().slice(0, 10);
};

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

/** A `from`/`to` pair of period arguments; refused when `from` starts after `to` ends. */
export function requirePeriodRange(
  from: string | null | undefined,
  to: string | null | undefined,
): { from: Period | null; to: Period | null } {
  const start = from == null ? null : requirePeriod(from, 'from');
  const end = to == null ? null : requirePeriod(to, 'to');
  if (start && end && start.first > end.last) {
    throw badUserInput('to', `The period range is inverted: "from" (${start.text}) starts after "to" (${end.text}) ends.`);
  }
  return { from: start, to: end };
}

/** A financial-year argument (`YYYY/YY`, consecutive years), or a clear error naming it. */
export function requireFinancialYear(text: string, argumentName: string): string {
  const period = parsePeriod(text.trim());
  if (!period || period.kind !== 'YEAR') {
    throw badUserInput(argumentName, `"${text}" is not a financial year: write it YYYY/YY with consecutive years, e.g. 2014/15.`);
  }
  return period.text;
}

/** A date argument (`YYYY-MM-DD`, a real day), or a clear error naming it. */
export function requireDate(text: string, argumentName: string): string {
  const date = text.trim();
  if (!isCalendarDate(date)) {
    throw badUserInput(argumentName, `"${text}" is not a date: write it YYYY-MM-DD, e.g. 2015-03-31.`);
  }
  return date;
}
