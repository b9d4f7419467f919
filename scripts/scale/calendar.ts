/**
 * The reporting calendar of the synthetic programmes: five financial years, 2020/21 to
 * 2024/25, written the way partners write periods (a financial year `2020/21`, a quarter
 * `2020/21 Q3`, a month `2020-07`; see src/model/periods.ts).
 */

export const FIRST_YEAR = 2020;
export const YEARS = 5;

export const financialYear = (startYear: number): string => `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;

export const FINANCIAL_YEARS: readonly string[] = Array.from({ length: YEARS }, (_, i) => financialYear(FIRST_YEAR + i));

export interface Month {
  /** `YYYY-MM`. */
  period: string;
  financialYear: string;
  /** 0 for April of the first year. */
  index: number;
  /** The first day of the next month (UTC): when a month's figure can first be recorded. */
  closes: Date;
}

export const MONTHS: readonly Month[] = Array.from({ length: YEARS * 12 }, (_, index) => {
  const year = FIRST_YEAR + Math.floor((index + 3) / 12);
  const month = ((index + 3) % 12) + 1;
  return {
    period: `${year}-${String(month).padStart(2, '0')}`,
    financialYear: financialYear(FIRST_YEAR + Math.floor(index / 12)),
    index,
    closes: new Date(Date.UTC(year, month, 1)),
  };
});

export interface Quarter {
  /** `YYYY/YY Qn`. */
  period: string;
  index: number;
  closes: Date;
}

export const QUARTERS: readonly Quarter[] = Array.from({ length: YEARS * 4 }, (_, index) => ({
  period: `${financialYear(FIRST_YEAR + Math.floor(index / 4))} Q${(index % 4) + 1}`,
  index,
  closes: MONTHS[index * 3 + 2]!.closes,
}));

/** The last quarter of the calendar: the period Q1's action RAG summary reports. */
export const LATEST_QUARTER = QUARTERS[QUARTERS.length - 1]!.period;

/** The end of a financial year (31 March), as a date. */
export const yearEnd = (year: string): string => `${Number(year.slice(0, 4)) + 1}-03-31`;

/** An instant a number of whole seconds after `from`. */
export const after = (from: Date, seconds: number): Date => new Date(from.getTime() + seconds * 1000);
