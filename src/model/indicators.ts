import type { SourceLoaders } from '../loaders';
import { lastChanged, seriesKey, type IndicatorValueRow } from '../sources/shared/measures';
import { indicatorInAreaKey, targetKey, type IndicatorModel, type TargetRow } from '../sources/hub/outcomeLoaders';
import { loadPresent } from '../loaders/batch';
import { comparePeriods, parsePeriod } from './periods';
import type { Provenance } from './types';

/**
 * An indicator's values for one area, read from the partner source that measures it, with
 * the targets the partnership set in the hub's registry. A value takes the target of its
 * own period or, failing that, of the financial year it falls in.
 */

export interface IndicatorValueModel {
  indicator: IndicatorModel;
  areaCode: string;
  period: string;
  value: string | null;
  numerator: number | null;
  denominator: number | null;
  target: TargetRow | null;
  sources: Provenance[];
}

const SOURCE_SYSTEM = { ccg: 'CCG', council: 'COUNCIL', trust: 'TRUST' } as const;

function targetFor(targets: TargetRow[], period: string): TargetRow | null {
  const exact = targets.find((t) => t.period === period);
  if (exact) return exact;
  const year = parsePeriod(period)?.financialYear;
  return targets.find((t) => t.period === year) ?? null;
}

const valueModel = (indicator: IndicatorModel, areaCode: string, targets: TargetRow[]) => (r: IndicatorValueRow): IndicatorValueModel => ({
  indicator,
  areaCode,
  period: r.period,
  value: r.value,
  numerator: r.numerator,
  denominator: r.denominator,
  target: targetFor(targets, r.period),
  sources: [
    {
      source: SOURCE_SYSTEM[indicator.measuredBy],
      table: 'indicator_value',
      nativeKey: `${r.indicator_code}/${r.area_code}/${r.period}`,
      lastChangedAt: lastChanged(r),
      synthetic: r.synthetic,
    },
  ],
});

/**
 * A series keeps its rows in period order and builds value models only when asked: a
 * dashboard shows each series' latest two of sixty months, and building all of them (with
 * targets and provenance) was a large share of its CPU.
 */
export class IndicatorSeriesModel {
  #values: IndicatorValueModel[] | undefined;
  readonly #toModel: (row: IndicatorValueRow) => IndicatorValueModel;

  constructor(
    readonly indicator: IndicatorModel,
    readonly areaCode: string,
    private readonly rows: readonly IndicatorValueRow[],
    private readonly targets: TargetRow[],
  ) {
    this.#toModel = valueModel(indicator, areaCode, targets);
  }

  /** Any value generated, or any target it is judged against (demo data). */
  get includesSynthetic(): boolean {
    return this.rows.some((r) => r.synthetic || targetFor(this.targets, r.period)?.synthetic === true);
  }

  get values(): IndicatorValueModel[] {
    return (this.#values ??= this.rows.map(this.#toModel));
  }

  /** The value `n` places from the end (1: the latest), or null. */
  fromEnd(n: number): IndicatorValueModel | null {
    const row = this.rows[this.rows.length - n];
    return row ? this.#toModel(row) : null;
  }
}

export async function loadSeries(
  loaders: SourceLoaders,
  indicator: IndicatorModel,
  areaCode: string,
  range: { from?: string | null; to?: string | null } = {},
): Promise<IndicatorSeriesModel> {
  const [rows, targets] = await Promise.all([
    loaders[indicator.measuredBy].valuesBySeries.load(seriesKey(indicator.sourceCode, areaCode)),
    loaders.hub.targetsBySeries.load(targetKey(indicator.id, areaCode)),
  ]);
  const inRange = rows
    .filter((r) => (range.from == null || comparePeriods(r.period, range.from) >= 0) && (range.to == null || comparePeriods(r.period, range.to) <= 0))
    .sort((a, b) => comparePeriods(a.period, b.period));
  return new IndicatorSeriesModel(indicator, areaCode, inRange, targets);
}

const MEASURING_SOURCES = ['ccg', 'council', 'trust'] as const;

/**
 * Every indicator with values for an area, in indicator id order: each measuring source is
 * asked once for the area's values, and only the indicators those values belong to are
 * read from the registry (a national framework holds thousands; a locality has a few dozen).
 */
export async function seriesForArea(
  loaders: SourceLoaders,
  areaCode: string,
  visible: (indicator: IndicatorModel) => boolean,
): Promise<IndicatorSeriesModel[]> {
  const keys = await Promise.all(
    MEASURING_SOURCES.map(async (source) => {
      const codes = await loaders[source].indicatorCodesByArea.load(areaCode);
      return codes.map((code) => indicatorInAreaKey(source, code, areaCode));
    }),
  );
  const indicators = (await loadPresent(loaders.hub.indicatorInArea, keys.flat()))
    .filter(visible)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return Promise.all(indicators.map((indicator) => loadSeries(loaders, indicator, areaCode)));
}
