import type { SourceLoaders } from '../loaders';
import type { ComparatorRow } from '../sources/hub/outcomeLoaders';
import { intervalOf } from './intervals';
import type { IndicatorValueModel } from './indicators';
import type { Polarity } from './rag';
import { parsePeriod } from './periods';
import { rateDeclarationOf, rateOf, type RateModel } from './rates';

/**
 * An area's value beside its comparators (England's, from the reference data the measure is
 * published in), judged by Fingertips' convention: the value's 95% confidence interval wholly
 * better than the comparator's value is BETTER, wholly worse WORSE, overlapping it SIMILAR
 * (HIGHER and LOWER for an indicator with no better direction). A value with no interval (a
 * count of bed-days, a withheld value) is NOT_COMPARED, with the reason.
 */

export type Comparison = 'BETTER' | 'SIMILAR' | 'WORSE' | 'HIGHER' | 'LOWER' | 'NOT_COMPARED';

export interface ComparatorModel {
  areaCode: string;
  areaName: string;
  value: string | null;
  rate: RateModel | null;
  comparison: Comparison;
  comparisonNote: string;
  source: string;
}

const CONVENTION = "Fingertips' convention: the value's 95% confidence interval against the comparator's value.";

/** The comparison of an interval with a comparator's value, by the indicator's polarity. */
export function compare(
  interval: { lower: string; upper: string } | null,
  comparator: string | null,
  polarity: Polarity | null,
): Comparison {
  if (!interval || comparator === null) return 'NOT_COMPARED';
  const value = Number(comparator);
  const side = Number(interval.upper) < value ? 'LOWER' : Number(interval.lower) > value ? 'HIGHER' : 'SIMILAR';
  if (side === 'SIMILAR' || polarity === null) return side;
  return (side === 'LOWER') === (polarity === 'LOWER_IS_BETTER') ? 'BETTER' : 'WORSE';
}

function noteOf(v: IndicatorValueModel, interval: unknown): string {
  if (v.withheld) return `Not compared: ${v.withheld}`;
  if (v.value === null) return 'Not compared: no value is recorded for this period.';
  if (!interval)
    return `Not compared: the value has no confidence interval (its unit, "${v.indicator.unit}", is not a proportion or a rate per N people), so no significance can be judged; the values are given side by side.`;
  return CONVENTION;
}

/** The comparators of one value, for its period. */
export async function comparatorsOf(loaders: SourceLoaders, v: IndicatorValueModel): Promise<ComparatorModel[]> {
  const rows = (await loaders.hub.comparatorsByIndicator.load(v.indicator.id)).filter((c: ComparatorRow) => c.period === v.period);
  const interval = v.withheld ? null : intervalOf(v.indicator.unit, v.value, v.numerator, v.denominator);
  const declared = rateDeclarationOf(v.indicator);
  const period = parsePeriod(v.period)!;
  return Promise.all(
    rows.map(async (c) => ({
      areaCode: c.area_code,
      areaName: c.area_name,
      value: c.value,
      rate: declared && (await rateOf(loaders, declared, c.area_code, period, c.value, null)),
      comparison: compare(interval, c.value, v.indicator.polarity),
      comparisonNote: noteOf(v, interval),
      source: c.source,
    })),
  );
}
