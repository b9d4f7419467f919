import { plain, units } from './decimal';
import type { FloorDb } from './db';
import { globalId, type Source } from './model';
import { primaryReason } from '../../src/model/disclosure';
import { parsePeriod, previousOf } from '../../src/model/periods';

/**
 * The outcome and plan parts of Q1 by hand: SQL fragments that ride in Q1's existing
 * statements (each partner source returns the area's two latest values per indicator it
 * measures; the council adds the partnership's plans with their RAG counts; the hub adds
 * the indicators' definitions and the area's targets), and the hub's rules (src/model/
 * periods.ts, indicators.ts, rag.ts, src/resolvers/outcomes.ts and plans.ts) in Node.
 */

/** The hub's period order (`periodSortKey`): first month, then month < quarter < year; other text as written. */
const PERIOD_KEY = (p: string) => `CASE
  WHEN ${p} ~ '^\\d{4}-(0[1-9]|1[0-2])$' THEN ${p} || '#0'
  WHEN ${p} ~ '^\\d{4}/\\d{2}( Q[1-4])?$' AND (substr(${p}, 1, 4)::int + 1) % 100 = substr(${p}, 6, 2)::int THEN
    CASE WHEN length(${p}) = 7 THEN substr(${p}, 1, 4) || '-04#2'
         WHEN right(${p}, 1) = '4' THEN (substr(${p}, 1, 4)::int + 1)::text || '-01#1'
         ELSE substr(${p}, 1, 4) || '-' || lpad(((right(${p}, 1)::int - 1) * 3 + 4)::text, 2, '0') || '#1' END
  ELSE ${p} END`;

/** Select-list item `'indicators'`: the latest two values of each series this source measures for area `$n`. */
export const latestValuesSql = (db: FloorDb, source: Source, n: number): string => `
  'indicators', coalesce((SELECT json_agg(json_build_object('code', v.indicator_code, 'period', v.period, 'value', v.value::text,
                              'numerator', v.numerator, 'denominator', v.denominator, 'rank', v.rank))
                            FROM (SELECT v.*, row_number() OVER (PARTITION BY v.indicator_code ORDER BY ${PERIOD_KEY('v.period')} COLLATE "C" DESC) AS rank
                                    FROM indicator_value v WHERE v.area_code = $${n} ${db.active(source, 'indicator_value', 'v')}) v
                           WHERE v.rank <= 2), '[]')`;

/** Select-list item `'plans'` (council): partnership `$p`'s plans with how many actions have each status in period `$q`. */
export const planSummarySql = (db: FloorDb, p: number, q: number): string => `
  'plans', coalesce((SELECT json_agg(json_build_object('ref', st.strategy_ref, 'title', st.title, 'red', c.red, 'amber', c.amber,
                          'green', c.green, 'total', c.total) ORDER BY st.strategy_ref)
                       FROM plan_strategy st
                       CROSS JOIN LATERAL (
                         SELECT count(s.rag) FILTER (WHERE s.rag = 'R') AS red, count(s.rag) FILTER (WHERE s.rag = 'A') AS amber,
                                count(s.rag) FILTER (WHERE s.rag = 'G') AS green, count(a.action_ref) AS total
                           FROM plan_objective o
                           JOIN plan_action a ON a.objective_ref = o.objective_ref ${db.active('council', 'plan_action', 'a')}
                           LEFT JOIN action_status s ON s.action_ref = a.action_ref AND s.period = $${q} ${db.active('council', 'action_status', 's')}
                          WHERE o.strategy_ref = st.strategy_ref ${db.active('council', 'plan_objective', 'o')}) c
                      WHERE st.partnership_code = $${p} ${db.active('council', 'plan_strategy', 'st')}), '[]')`;

/**
 * Select-list items `indicators` and `targets` (hub) for the series found: `$n` measuring
 * sources, `$n+1` their codes, `$n+2` the area. Unpublished indicators are for partners;
 * Q1 is asked anonymously.
 */
export const definitionsSql = (n: number): string => `
  coalesce((SELECT json_agg(json_build_object('id', i.id, 'name', i.name, 'unit', i.unit, 'polarity', i.polarity,
                     'measured_by', i.measured_by, 'source_code', i.source_code, 'counts_people', i.counts_people) ORDER BY i.id)
              FROM indicator i JOIN unnest($${n}::text[], $${n + 1}::text[]) AS k(measured_by, source_code) USING (measured_by, source_code)
             WHERE i.published), '[]') AS indicators,
  coalesce((SELECT json_agg(json_build_object('indicator', t.indicator_id, 'period', t.period, 'target', t.target::text,
                     'tolerance', t.amber_tolerance::text))
              FROM indicator_target t
              JOIN indicator i ON i.id = t.indicator_id
              JOIN unnest($${n}::text[], $${n + 1}::text[]) AS k(measured_by, source_code) USING (measured_by, source_code)
             WHERE t.area_code = $${n + 2}), '[]') AS targets`;

export interface ValueRow {
  code: string;
  period: string;
  value: string | null;
  numerator: number | null;
  denominator: number | null;
  rank: number;
}

export interface Definition {
  id: string;
  name: string;
  unit: string;
  polarity: 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';
  measured_by: string;
  source_code: string;
  counts_people: boolean;
}

export interface TargetRow {
  indicator: string;
  period: string;
  target: string;
  tolerance: string;
}

export interface PlanRow {
  ref: string;
  title: string;
  red: number;
  amber: number;
  green: number;
  total: number;
}

// The registry names the kind of system that measures an indicator; the floor reads one source of each.
const KIND_OF = { ccg: 'ccg-primary-care', council: 'council-registers', trust: 'trust-sites' } as const;
const SOURCE_OF_KIND: Record<string, Source> = { 'ccg-primary-care': 'ccg', 'council-registers': 'council', 'trust-sites': 'trust' };

/** The measured series (kind, code) the values name, for the hub's definitions statement. */
export function seriesFound(values: Record<Source, ValueRow[]>): { sources: string[]; codes: string[] } {
  const pairs = (Object.entries(values) as [Source, ValueRow[]][]).flatMap(([source, rows]) =>
    [...new Set(rows.map((r) => r.code))].map((code) => [source, code] as const),
  );
  return { sources: pairs.map((p) => KIND_OF[p[0]]), codes: pairs.map((p) => p[1]) };
}

const SCALE = 6;
/** Values counting fewer people are withheld from the public (the hub's default policy). */
const SMALL_NUMBER_THRESHOLD = 5;

const financialYearOf = (period: string): string | null => {
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (month) {
    const first = Number(month[2]) >= 4 ? Number(month[1]) : Number(month[1]) - 1;
    return `${first}/${String((first + 1) % 100).padStart(2, '0')}`;
  }
  const year = /^(\d{4})\/(\d{2})( Q[1-4])?$/.exec(period);
  return year && (Number(year[1]) + 1) % 100 === Number(year[2]) ? period.slice(0, 7) : null;
};

function targetFor(targets: readonly TargetRow[], period: string): TargetRow | null {
  const year = financialYearOf(period);
  return targets.find((t) => t.period === period) ?? targets.find((t) => t.period === year) ?? null;
}

/** The hub's RAG rule: green at or better than the target, amber within the tolerance, red beyond. */
function rag(value: string | null, target: TargetRow | null, lowerIsBetter: boolean): { status: string | null; reason: string } {
  if (!target) return { status: null, reason: 'No target is set for this area and period.' };
  if (value === null) return { status: null, reason: 'No value is recorded for this period.' };
  const [v, goal, tolerance] = [units(value, SCALE), units(target.target, SCALE), units(target.tolerance, SCALE)];
  const worseBy = lowerIsBetter ? v - goal : goal - v;
  const show = (x: bigint) => plain(x, SCALE);
  if (worseBy <= 0n)
    return { status: 'GREEN', reason: `${show(v)} meets the target of ${show(goal)} (${lowerIsBetter ? 'lower' : 'higher'} is better).` };
  const gap = `${show(v)} is ${show(worseBy)} ${lowerIsBetter ? 'above' : 'below'} the target of ${show(goal)}`;
  return worseBy <= tolerance
    ? { status: 'AMBER', reason: `${gap}, within the amber tolerance of ${show(tolerance)}.` }
    : { status: 'RED', reason: `${gap}, beyond the amber tolerance of ${show(tolerance)}.` };
}

function trend(
  latest: ValueRow | undefined,
  previous: ValueRow | undefined,
  lowerIsBetter: boolean,
  withheld: (r: ValueRow) => string | null,
): string {
  if ((latest && withheld(latest)) || (previous && withheld(previous))) return 'WITHHELD';
  if (latest?.value == null || previous?.value == null) return 'NOT_ENOUGH_DATA';
  const change = units(latest.value, SCALE) - units(previous.value, SCALE);
  if (change === 0n) return 'NO_CHANGE';
  return (lowerIsBetter ? change < 0n : change > 0n) ? 'IMPROVING' : 'WORSENING';
}

/** `Locality.indicators` as Q1 asks for it: every published indicator with values here, in id order. */
export function indicatorSeries(values: Record<Source, ValueRow[]>, definitions: readonly Definition[], targets: readonly TargetRow[]) {
  return definitions.flatMap((d) => {
    const rows = (values[SOURCE_OF_KIND[d.measured_by]!] ?? []).filter((r) => r.code === d.source_code);
    const latest = rows.find((r) => r.rank === 1);
    if (!latest) return [];
    const lowerIsBetter = d.polarity === 'LOWER_IS_BETTER';
    const target = targetFor(
      targets.filter((t) => t.indicator === d.id),
      latest.period,
    );
    // The hub's primary rule (src/model/disclosure.ts); the scale data's series are monthly, at one level, so no total holds another.
    const withheld = (r: ValueRow) =>
      d.counts_people
        ? primaryReason(
            { areaCode: '', period: parsePeriod(r.period)!, value: r.value, numerator: r.numerator, denominator: r.denominator },
            d.unit,
            { threshold: SMALL_NUMBER_THRESHOLD, roundingBase: null },
          )
        : null;
    const reason = withheld(latest);
    const suppressed = reason !== null;
    // Previous is the period just before the latest, or none.
    const before = rows.find((r) => r.rank === 2);
    const previous = before && before.period === previousOf(parsePeriod(latest.period)!).text ? before : undefined;
    return [
      {
        indicator: { id: globalId('Indicator', d.id), name: d.name, unit: d.unit },
        latest: {
          period: latest.period,
          value: suppressed || latest.value === null ? null : plain(units(latest.value, SCALE), SCALE),
          target: target ? plain(units(target.target, SCALE), SCALE) : null,
          rag: reason ? { status: null, reason } : rag(latest.value, target, lowerIsBetter),
        },
        trend: trend(latest, previous, lowerIsBetter, withheld),
      },
    ];
  });
}

/** `Partnership.deliveryPlans` with `ragSummary(period:)`, as Q1 asks for them. */
export const deliveryPlans = (plans: readonly PlanRow[], period: string) =>
  plans.map((p) => ({
    id: globalId('DeliveryPlan', p.ref),
    title: p.title,
    ragSummary: { period, red: p.red, amber: p.amber, green: p.green, total: p.total, notRecorded: p.total - p.red - p.amber - p.green },
  }));
