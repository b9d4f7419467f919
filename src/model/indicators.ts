import type { SourceLoaders } from '../loaders';
import { lastChanged, seriesKey, type IndicatorValueRow } from '../sources/shared/measures';
import { indicatorInAreaKey, targetKey, type IndicatorModel, type TargetRow } from '../sources/hub/outcomeLoaders';
import { loadPresent } from '../loaders/batch';
import { comparePeriods, contains, parsePeriod, previousOf, withinRange, type Period, type PeriodKind } from './periods';
import { cellKey, publish, ruleFor, scaleOf, withheldCells, type Cell, type Viewer } from './disclosure';
import { areasWithin, partsOf } from './areas';
import type { Provenance } from './types';

/**
 * An indicator's values for one area, read from the partner source that measures it, with
 * the targets the partnership set in the hub's registry, and the disclosure control the
 * caller is under already applied (`withheld` says why a value is not shown).
 */

export interface IndicatorValueModel {
  indicator: IndicatorModel;
  areaCode: string;
  period: string;
  value: string | null;
  numerator: number | null;
  denominator: number | null;
  /** Why the numbers are withheld from this caller, or null when they are shown. */
  withheld: string | null;
  target: TargetRow | null;
  /** What a reader must know of how the value was made (e.g. summed over a later map); empty for a measured value. */
  flags: ValueFlag[];
  sources: Provenance[];
}

export type ValueFlag = 'SUMMED_OVER_LATER_MAP' | 'GAP_BEFORE';

/** The narrowest target whose period contains the value's (its own, its quarter's, its year's). */
function targetFor(targets: TargetRow[], period: Period): TargetRow | null {
  let best: { row: TargetRow; months: number } | null = null;
  for (const row of targets) {
    const p = parsePeriod(row.period);
    if (!p || !contains(p, period)) continue;
    const months = p.last - p.first;
    if (!best || months < best.months) best = { row, months };
  }
  return best?.row ?? null;
}

interface ParsedRow {
  row: IndicatorValueRow;
  period: Period;
  /** For a value the hub rolled up from the areas within: the values it summed. */
  parts?: IndicatorValueRow[];
  /** Rolled up over parts some of which were not yet parts then (the PCN map of 2022 for 2017/18). */
  laterMap?: boolean;
}

const parsed = (rows: readonly IndicatorValueRow[]): ParsedRow[] =>
  rows.flatMap((row) => {
    const period = parsePeriod(row.period);
    return period ? [{ row, period }] : [];
  });

/**
 * A series keeps its rows in period order and builds value models only when asked: a
 * dashboard shows each series' latest two of sixty months, and building all of them (with
 * targets and provenance) was a large share of its CPU.
 */
export class IndicatorSeriesModel {
  #values: IndicatorValueModel[] | undefined;
  /** The areas summed, one level down, when the source does not measure the area itself; null when it does. */
  rolledUpFrom: string[] | null = null;

  constructor(
    readonly indicator: IndicatorModel,
    readonly areaCode: string,
    private readonly rows: readonly ParsedRow[],
    private readonly targets: TargetRow[],
    private readonly withheld: ReadonlyMap<string, string>,
    private readonly publishRow: (
      row: IndicatorValueRow,
      period: Period,
    ) => Pick<IndicatorValueModel, 'value' | 'numerator' | 'denominator'>,
  ) {}

  /** Any value generated, or any target it is judged against (demo data). */
  get includesSynthetic(): boolean {
    return this.rows.some(
      ({ row, period, parts }) => (parts ?? [row]).some((r) => r.synthetic) || targetFor(this.targets, period)?.synthetic === true,
    );
  }

  get values(): IndicatorValueModel[] {
    return (this.#values ??= this.rows.map((r) => this.toModel(r)));
  }

  /** The kind of period latest/previous compare: the declared one, else the shortest present. */
  get periodicity(): PeriodKind | null {
    if (this.indicator.periodicity) return this.indicator.periodicity;
    const kinds = new Set(this.rows.map((r) => r.period.kind));
    return (['MONTH', 'QUARTER', 'YEAR'] as const).find((k) => kinds.has(k)) ?? null;
  }

  /** The latest value of the series' periodicity. */
  get latest(): IndicatorValueModel | null {
    const kind = this.periodicity;
    const row = this.rows.findLast((r) => r.period.kind === kind);
    return row ? this.toModel(row) : null;
  }

  /** The value of the period just before the latest (a gap gives null, not an older period). */
  get previous(): IndicatorValueModel | null {
    const latest = this.latest;
    if (!latest) return null;
    const before = previousOf(parsePeriod(latest.period)!).text;
    const row = this.rows.find((r) => r.period.text === before);
    return row ? this.toModel(row) : null;
  }

  #periods: Set<string> | undefined;

  /** A gap: the period just before has no value though an earlier one of the same kind has. */
  private gapBefore(period: Period): boolean {
    const periods = (this.#periods ??= new Set(this.rows.map((r) => r.period.text)));
    if (periods.has(previousOf(period).text)) return false;
    return this.rows.some((r) => r.period.kind === period.kind && r.period.last < period.first);
  }

  private toModel({ row, period, parts, laterMap }: ParsedRow): IndicatorValueModel {
    const withheld = this.withheld.get(cellKey({ areaCode: this.areaCode, period })) ?? null;
    const shown = withheld ? { value: null, numerator: null, denominator: null } : this.publishRow(row, period);
    return {
      indicator: this.indicator,
      areaCode: this.areaCode,
      period: row.period,
      ...shown,
      withheld,
      target: targetFor(this.targets, period),
      flags: [...(laterMap ? (['SUMMED_OVER_LATER_MAP'] as const) : []), ...(this.gapBefore(period) ? (['GAP_BEFORE'] as const) : [])],
      sources: (parts ?? [row]).map((r) => ({
        source: r.source,
        kind: this.indicator.measuredBy,
        table: 'indicator_value',
        nativeKey: `${r.indicator_code}/${r.area_code}/${r.period}`,
        lastChangedAt: lastChanged(r),
        synthetic: r.synthetic,
      })),
    };
  }
}

const toCell =
  (areaCode: string) =>
  ({ row, period }: ParsedRow): Cell => ({
    areaCode,
    period,
    value: row.value,
    numerator: row.numerator,
    denominator: row.denominator,
  });

/**
 * The cells of the series withheld from this viewer: its own small counts, and any total
 * (a longer period, or this area over the areas within it) that would give one back.
 */
async function withheldFor(loaders: SourceLoaders, indicator: IndicatorModel, areaCode: string, rows: ParsedRow[], viewer: Viewer) {
  if (!indicator.countsPeople || (await viewer.seesRaw(areaCode))) return new Map<string, string>();
  const { codes, within } = await areasWithin(loaders, areaCode);
  const inner = await Promise.all(
    codes.map(async (code) =>
      parsed(await loaders.measuresOf(indicator.measuredBy).valuesBySeries.load(seriesKey(indicator.sourceCode, code))).map(toCell(code)),
    ),
  );
  return withheldCells([...rows.map(toCell(areaCode)), ...inner.flat()], indicator.unit, ruleFor(indicator, viewer), within);
}

/** The first day a body existed, as the structures record it; null where they do not say (or do not hold it). */
async function startOf(loaders: SourceLoaders, code: string): Promise<string | null> {
  const rows = (await loaders.hub.structuresByCode.load(code)).filter((r) => r.code === code);
  if (rows.length === 0 || rows.some((r) => r.valid_from === null)) return null;
  return rows.map((r) => r.valid_from!).sort()[0]!;
}

/** The first day a part was a part of an area: the later of its link's start and its own. */
async function partStartOf(loaders: SourceLoaders, areaCode: string, part: string): Promise<string | null> {
  const links = (await loaders.hub.linksByParent.load(areaCode)).filter((l) => l.child_code === part);
  const linkStart = links.length === 0 || links.some((l) => l.valid_from === null) ? null : links.map((l) => l.valid_from!).sort()[0]!;
  const own = await startOf(loaders, part);
  return (
    [linkStart, own]
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1) ?? null
  );
}

/**
 * An area's values where its source measures only the areas within it (a place's localities,
 * a PCN's, a sub-ICB location's PCNs, an ICB's sub-ICB locations, a county's districts),
 * rolled up level by level: counts summed and the rate recomputed from them (never rates
 * averaged), for each period every part reports with its numerator and denominator. A part
 * with no value for a period (a member outside the demo's areas) leaves that period out, so
 * no total passes for the whole without it. An indicator without counts is not rolled up.
 * No period before the area itself existed is given (a PCN before July 2019); a period
 * before a part was a part (a CCG's 2017/18 over the PCN map of 2022) is given flagged.
 */
async function rolledUp(loaders: SourceLoaders, indicator: IndicatorModel, areaCode: string, depth = 0): Promise<ParsedRow[]> {
  const parts = depth < 8 ? await partsOf(loaders, areaCode) : [];
  if (parts.length === 0) return [];
  const [series, partStarts, ownStart] = await Promise.all([
    Promise.all(
      parts.map(async (part) => {
        const rows = await loaders.measuresOf(indicator.measuredBy).valuesBySeries.load(seriesKey(indicator.sourceCode, part));
        return rows.length > 0 ? parsed(rows) : rolledUp(loaders, indicator, part, depth + 1);
      }),
    ),
    Promise.all(parts.map((part) => partStartOf(loaders, areaCode, part))),
    depth === 0 ? startOf(loaders, areaCode) : Promise.resolve(null),
  ]);
  const latestPartStart =
    partStarts
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1) ?? null;
  const byPeriod = new Map<string, ParsedRow[]>();
  for (const row of series.flat()) byPeriod.set(row.row.period, [...(byPeriod.get(row.row.period) ?? []), row]);
  const scale = scaleOf(indicator.unit);
  return [...byPeriod.entries()].flatMap(([text, partRows]) => {
    const period = parsePeriod(text);
    const counts = partRows.map((p) => p.row);
    if (!period || partRows.length < parts.length || counts.some((p) => p.numerator === null || p.denominator === null)) return [];
    const firstDay = `${period.start}-01`;
    if (ownStart !== null && firstDay < ownStart) return [];
    const numerator = counts.reduce((sum, p) => sum + p.numerator!, 0);
    const denominator = counts.reduce((sum, p) => sum + p.denominator!, 0);
    const places = Math.max(0, ...counts.map((p) => (p.value?.includes('.') ? p.value.split('.')[1]!.length : 0)));
    const value = denominator === 0 ? null : ((numerator * scale) / denominator).toFixed(places);
    const updated = counts
      .map((p) => p.updated_at)
      .sort()
      .at(-1)!;
    const row = {
      // Provenance is given per part (the measured values); the sum has no one source.
      source: counts[0]!.source,
      indicator_code: indicator.sourceCode,
      area_code: areaCode,
      period: text,
      value,
      numerator,
      denominator,
      updated_at: updated,
      synthetic: counts.some((p) => p.synthetic),
    };
    const laterMap = (latestPartStart !== null && firstDay < latestPartStart) || partRows.some((p) => p.laterMap === true);
    // Provenance is the measured values at the bottom, however many levels were summed.
    return [{ row, period, parts: partRows.flatMap((p) => p.parts ?? [p.row]), laterMap }];
  });
}

export async function loadSeries(
  loaders: SourceLoaders,
  indicator: IndicatorModel,
  areaCode: string,
  viewer: Viewer,
  range: { from?: Period | null; to?: Period | null } = {},
): Promise<IndicatorSeriesModel> {
  const [rows, targets] = await Promise.all([
    loaders.measuresOf(indicator.measuredBy).valuesBySeries.load(seriesKey(indicator.sourceCode, areaCode)),
    loaders.hub.targetsBySeries.load(targetKey(indicator.id, areaCode)),
  ]);
  const all = rows.length > 0 ? parsed(rows) : await rolledUp(loaders, indicator, areaCode);
  const rolledUpFrom = rows.length > 0 ? null : await partsOf(loaders, areaCode);
  const withheld = await withheldFor(loaders, indicator, areaCode, all, viewer);
  const rule = ruleFor(indicator, viewer);
  // Rounding is disclosure control too: whoever reads the raw numbers reads them exact.
  const exact = !indicator.countsPeople || (await viewer.seesRaw(areaCode));
  const publishRow = (row: IndicatorValueRow, period: Period) =>
    exact ? row : publish(toCell(areaCode)({ row, period }), indicator.unit, rule);
  const inRange = all
    .filter((r) => withinRange(r.period, range.from ?? null, range.to ?? null))
    .sort((a, b) => comparePeriods(a.row.period, b.row.period));
  const series = new IndicatorSeriesModel(indicator, areaCode, inRange, targets, withheld, publishRow);
  series.rolledUpFrom = rolledUpFrom && rolledUpFrom.length > 0 ? rolledUpFrom : null;
  return series;
}

/**
 * Every indicator with values for an area, in indicator id order: each measuring source is
 * asked once for the area's values, and only the indicators those values belong to are
 * read from the registry (a national framework holds thousands; a locality has a few dozen).
 */
export async function seriesForArea(
  loaders: SourceLoaders,
  areaCode: string,
  visible: (indicator: IndicatorModel) => boolean,
  viewer: Viewer,
): Promise<IndicatorSeriesModel[]> {
  const keys = await Promise.all(
    // Each measuring source once; the registry keys an indicator by the kind that measures it.
    loaders.partners.map(async ({ kind, adapter }) => {
      const codes = adapter.measures ? await adapter.measures(loaders).indicatorCodesByArea.load(areaCode) : [];
      return codes.map((code) => indicatorInAreaKey(kind.id, code, areaCode));
    }),
  );
  const indicators = (await loadPresent(loaders.hub.indicatorInArea, keys.flat()))
    .filter(visible)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return Promise.all(indicators.map((indicator) => loadSeries(loaders, indicator, areaCode, viewer)));
}
