/**
 * 95% confidence intervals as Public Health England's Fingertips computes them: the Wilson
 * score interval for a proportion (Newcombe, Stat Med 1998;17:857–872, method 3) and Byar's
 * approximation to the exact Poisson interval for a count, scaled to a rate. Both are worked
 * from the numerator and denominator a reader is shown, so they reveal nothing more.
 */

/** The 97.5th percentile of the standard normal distribution (Fingertips' value). */
export const Z_95 = 1.959963984540054;

export interface Interval {
  lower: number;
  upper: number;
}

/** Wilson score interval for `x` of `n` as a proportion (0–1); null when there is no one to count. */
export function wilson(x: number, n: number, z = Z_95): Interval | null {
  if (n <= 0 || x < 0 || x > n) return null;
  const p = x / n;
  const centre = 2 * x + z * z;
  const spread = z * Math.sqrt(z * z + 4 * x * (1 - p));
  const scale = 2 * (n + z * z);
  return { lower: (centre - spread) / scale, upper: (centre + spread) / scale };
}

/** Byar's interval for an observed count, as a count. */
export function byarCount(observed: number, z = Z_95): Interval | null {
  if (observed < 0) return null;
  const lower = observed === 0 ? 0 : observed * (1 - 1 / (9 * observed) - z / (3 * Math.sqrt(observed))) ** 3;
  const o1 = observed + 1;
  const upper = o1 * (1 - 1 / (9 * o1) + z / (3 * Math.sqrt(o1))) ** 3;
  return { lower, upper };
}

/** Byar's interval for a rate: `count` events in a population of `denominator`, per `per`. */
export function byarRate(count: number, denominator: number, per: number, z = Z_95): Interval | null {
  const counted = denominator > 0 ? byarCount(count, z) : null;
  return counted && { lower: (counted.lower / denominator) * per, upper: (counted.upper / denominator) * per };
}

export interface IntervalModel {
  level: 95;
  lower: string;
  upper: string;
  method: 'WILSON_SCORE' | 'BYAR';
}

/** The rate an indicator's unit states ("per 100,000 population"), or null. */
const perOf = (unit: string): number | null => {
  const match = /per ([\d,]+)/i.exec(unit);
  return match ? Number(match[1]!.replace(/,/g, '')) : null;
};

/**
 * A value's 95% interval from the counts a reader is shown: Wilson for a percentage, Byar for
 * a rate per N; null without both counts or for another unit.
 */
export function intervalOf(unit: string, value: string | null, numerator: number | null, denominator: number | null): IntervalModel | null {
  if (value === null || numerator === null || denominator === null) return null;
  const places = Math.max(1, value.includes('.') ? value.split('.')[1]!.length : 0);
  const shown = (i: Interval | null, scale: number, method: IntervalModel['method']): IntervalModel | null =>
    i && { level: 95, lower: (i.lower * scale).toFixed(places), upper: (i.upper * scale).toFixed(places), method };
  if (/percent|%/i.test(unit)) return shown(wilson(numerator, denominator), 100, 'WILSON_SCORE');
  const per = perOf(unit);
  return per === null ? null : shown(byarRate(numerator, denominator, per), 1, 'BYAR');
}
