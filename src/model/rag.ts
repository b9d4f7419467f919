import { value as decimal, type Decimal } from './decimal';
import { comparePeriods, contains, lastDayOf, parsePeriod, requireDate, requirePeriod, type Period } from './periods';
import { badUserInput } from '../server/errors';

/**
 * RAG status of an indicator value against its declared target: green at or better than
 * the target, amber when worse by no more than the tolerance, red beyond it. The reason
 * says which, in numbers, so a dashboard can show why.
 */

export type Polarity = 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';
export type RagStatus = 'RED' | 'AMBER' | 'GREEN';

export interface Target {
  target: string;
  amberTolerance: string;
}

export interface RagAssessment {
  status: RagStatus | null;
  reason: string;
  threshold: string | null;
}

const show = (d: Decimal): string => d.toPlainString();

function threshold(polarity: Polarity, target: Decimal, amberLimit: Decimal): string {
  return polarity === 'LOWER_IS_BETTER'
    ? `green ≤ ${show(target)}; amber ≤ ${show(amberLimit)}; red > ${show(amberLimit)}`
    : `green ≥ ${show(target)}; amber ≥ ${show(amberLimit)}; red < ${show(amberLimit)}`;
}

export function assessRag(valueText: string | null, target: Target | null, polarity: Polarity): RagAssessment {
  if (!target) return { status: null, reason: 'No target is set for this area and period.', threshold: null };
  const goal = decimal(target.target);
  const tolerance = decimal(target.amberTolerance);
  const lowerIsBetter = polarity === 'LOWER_IS_BETTER';
  const amberLimit = lowerIsBetter ? goal.plus(tolerance) : goal.minus(tolerance);
  const rule = threshold(polarity, goal, amberLimit);
  if (valueText === null) return { status: null, reason: 'No value is recorded for this period.', threshold: rule };

  const v = decimal(valueText);
  const worseBy = lowerIsBetter ? v.minus(goal) : goal.minus(v);
  const direction = lowerIsBetter ? 'above' : 'below';
  if (worseBy.compare(decimal('0')) <= 0) {
    return {
      status: 'GREEN',
      reason: `${show(v)} meets the target of ${show(goal)} (${lowerIsBetter ? 'lower' : 'higher'} is better).`,
      threshold: rule,
    };
  }
  const gap = `${show(v)} is ${show(worseBy)} ${direction} the target of ${show(goal)}`;
  if (worseBy.compare(tolerance) <= 0) {
    return { status: 'AMBER', reason: `${gap}, within the amber tolerance of ${show(tolerance)}.`, threshold: rule };
  }
  return { status: 'RED', reason: `${gap}, beyond the amber tolerance of ${show(tolerance)}.`, threshold: rule };
}

export type Trend = 'IMPROVING' | 'WORSENING' | 'NO_CHANGE' | 'NOT_ENOUGH_DATA';

export function trendOf(latest: string | null | undefined, previous: string | null | undefined, polarity: Polarity): Trend {
  if (latest == null || previous == null) return 'NOT_ENOUGH_DATA';
  const change = decimal(latest).compare(decimal(previous));
  if (change === 0) return 'NO_CHANGE';
  const better = polarity === 'LOWER_IS_BETTER' ? change < 0 : change > 0;
  return better ? 'IMPROVING' : 'WORSENING';
}

interface RecordedStatus {
  period: string;
  rag: 'RED' | 'AMBER' | 'GREEN';
}

export interface RagCounts {
  red: number;
  amber: number;
  green: number;
  notRecorded: number;
  total: number;
}

/**
 * Counts a plan's actions by status in a period or as at a date. In a period, an action
 * counts with its latest status recorded for a period within it (a year's summary sees the
 * statuses recorded by quarter); as at a date, with its latest status for a period that had
 * ended by then (a status is reported when its period closes).
 */
export function ragCounter(periodText: string | null | undefined, asAtText: string | null | undefined) {
  if ((periodText == null) === (asAtText == null)) {
    throw badUserInput(periodText == null ? 'period' : 'asAt', 'Give either "period" or "asAt" (a date, YYYY-MM-DD), not both or neither.');
  }
  const period = periodText == null ? null : requirePeriod(periodText, 'period');
  const asAt = asAtText == null ? null : requireDate(asAtText, 'asAt');
  const applies = period ? (p: Period) => contains(period, p) : (p: Period) => lastDayOf(p) <= asAt!;
  const count = (statusesByAction: RecordedStatus[][]): RagCounts => {
    const counts = { red: 0, amber: 0, green: 0, notRecorded: 0, total: statusesByAction.length };
    for (const statuses of statusesByAction) {
      const latest = statuses
        .filter((s) => {
          const p = parsePeriod(s.period);
          return p !== null && applies(p);
        })
        .sort((a, b) => comparePeriods(a.period, b.period))
        .at(-1);
      if (!latest) counts.notRecorded += 1;
      else counts[latest.rag.toLowerCase() as 'red' | 'amber' | 'green'] += 1;
    }
    return counts;
  };
  return { period: period?.text ?? null, asAt, count };
}
