import type { Sql } from '../db/sql';
import { money, type Decimal } from './decimal';

/**
 * Money across partners' ledgers. Each source groups and sums its own `ledger_line` rows
 * in SQL; the hub adds the groups of all sources together in exact pence.
 */

export type BudgetDimension =
  | 'LOCALITY'
  | 'PLACE'
  | 'PARTNER'
  | 'FUND'
  | 'SCHEME'
  | 'SCHEME_TYPE'
  | 'AREA_OF_SPEND'
  | 'FUNDING_STREAM'
  | 'FINANCIAL_YEAR'
  | 'LINE_KIND';

/** Dimensions the hub derives from its registry (a locality's place, a scheme's classification), and what from. */
export const DERIVED_FROM: Partial<Record<BudgetDimension, BudgetDimension>> = {
  PLACE: 'LOCALITY',
  SCHEME_TYPE: 'SCHEME',
  AREA_OF_SPEND: 'SCHEME',
};

/** Dimensions a partner's ledger holds. */
type LedgerDimension = Exclude<BudgetDimension, 'PLACE' | 'SCHEME_TYPE' | 'AREA_OF_SPEND'>;

const SQL_COLUMNS: Record<LedgerDimension, string> = {
  LOCALITY: 'locality_code',
  PARTNER: 'org_code',
  FUND: 'fund_code',
  SCHEME: 'scheme_code',
  FINANCIAL_YEAR: 'financial_year',
  LINE_KIND: 'line_kind',
  FUNDING_STREAM: 'funding_stream',
};

export interface BudgetKeyModel {
  localityCode: string | null;
  placeCode?: string | null;
  schemeType?: string | null;
  areaOfSpend?: string | null;
  fundingStream?: string | null;
  partnerCode: string | null;
  fundCode: string | null;
  schemeCode: string | null;
  financialYear: string | null;
  lineKind: 'CONTRIBUTION' | 'ALLOCATION' | null;
}

export interface BudgetCriteria {
  fundCodes: string[] | null;
  fromYear: string | null;
  toYear: string | null;
  localityCode: string | null;
  lineKind: 'CONTRIBUTION' | 'ALLOCATION' | null;
  fundingStreams: string[] | null;
  /** Read the quarterly monitoring reported at the end of this quarter (`2018/19 Q3`); null: none. */
  quarter: string | null;
}

export interface Figures {
  planned: Decimal;
  /** Sum of the recorded actuals (lines without one add nothing: see linesWithoutActual). */
  actual: Decimal;
  lines: number;
  linesWithoutActual: number;
  /** From the quarterly monitoring of `criteria.quarter`, over the lines that have it (zero and none when not asked). */
  actualToDate: Decimal;
  forecastOutturn: Decimal;
  linesReported: number;
  /** The planned amounts of the lines that have the quarter's monitoring: what their forecast is set against. */
  plannedReported: Decimal;
  /** The financial years the lines are of (per head is per year: a figure over several years has none). */
  years: string[];
  /** Lines whose amounts were generated (demo data), not recorded. */
  syntheticLines: number;
}

export interface BudgetGroupModel {
  key: BudgetKeyModel;
  figures: Figures;
}

interface GroupRow {
  locality_code?: string | null;
  org_code?: string | null;
  fund_code?: string | null;
  scheme_code?: string | null;
  financial_year?: string | null;
  line_kind?: 'CONTRIBUTION' | 'ALLOCATION' | null;
  funding_stream?: string | null;
  planned: string;
  actual: string;
  lines: number;
  without_actual: number;
  actual_to_date: string;
  forecast_outturn: string;
  reported: number;
  planned_reported: string;
  years: string[];
  synthetic_lines: number;
}

/** One statement per source: its ledger grouped by the requested dimensions. */
export async function groupLedger(sql: Sql, groupBy: readonly BudgetDimension[], criteria: BudgetCriteria): Promise<BudgetGroupModel[]> {
  const columns = groupBy.filter((d): d is LedgerDimension => !DERIVED_FROM[d]).map((d) => SQL_COLUMNS[d]);
  const rows = await sql.query<GroupRow>(
    // The quarter's monitoring is joined only when asked for (one row per line and quarter at most).
    `SELECT ${[...columns, ''].join(', ')}
            sum(planned)::text AS planned, coalesce(sum(actual), 0)::text AS actual,
            count(*)::int AS lines, count(*) FILTER (WHERE actual IS NULL)::int AS without_actual,
            count(*) FILTER (WHERE l.synthetic)::int AS synthetic_lines,
            array_agg(DISTINCT financial_year ORDER BY financial_year) AS years,
            ${
              criteria.quarter === null
                ? `'0' AS actual_to_date, '0' AS forecast_outturn, 0 AS reported, '0' AS planned_reported`
                : `coalesce(sum(q.actual_to_date), 0)::text AS actual_to_date,
            coalesce(sum(q.forecast_outturn), 0)::text AS forecast_outturn, count(q.line_ref)::int AS reported,
            coalesce(sum(planned) FILTER (WHERE q.line_ref IS NOT NULL), 0)::text AS planned_reported`
            }
       FROM ledger_line l
       ${criteria.quarter === null ? '' : `LEFT JOIN ledger_quarter q ON q.line_ref = l.line_ref AND q.quarter = $7 AND q.withdrawn_at IS NULL`}
      WHERE l.withdrawn_at IS NULL
        AND ($1::text[] IS NULL OR fund_code = ANY($1))
        AND ($2::text IS NULL OR financial_year >= $2)
        AND ($3::text IS NULL OR financial_year <= $3)
        AND ($4::text IS NULL OR locality_code = $4)
        AND ($5::text IS NULL OR line_kind = $5)
        AND ($6::text[] IS NULL OR funding_stream = ANY($6))
      ${columns.length ? `GROUP BY ${columns.join(', ')}` : ''}`,
    [
      criteria.fundCodes,
      criteria.fromYear,
      criteria.toYear,
      criteria.localityCode,
      criteria.lineKind,
      criteria.fundingStreams,
      ...(criteria.quarter === null ? [] : [criteria.quarter]),
    ],
  );
  return rows
    .filter((r) => r.lines > 0)
    .map((r) => ({
      key: {
        localityCode: r.locality_code ?? null,
        partnerCode: r.org_code ?? null,
        fundCode: r.fund_code ?? null,
        schemeCode: r.scheme_code ?? null,
        financialYear: r.financial_year ?? null,
        lineKind: r.line_kind ?? null,
        ...(r.funding_stream !== undefined ? { fundingStream: r.funding_stream } : {}),
      },
      figures: {
        planned: money(r.planned),
        actual: money(r.actual),
        lines: r.lines,
        linesWithoutActual: r.without_actual,
        actualToDate: money(r.actual_to_date),
        forecastOutturn: money(r.forecast_outturn),
        linesReported: r.reported,
        plannedReported: money(r.planned_reported),
        years: r.years,
        syntheticLines: r.synthetic_lines,
      },
    }));
}

export const emptyFigures = (): Figures => ({
  planned: money('0'),
  actual: money('0'),
  lines: 0,
  linesWithoutActual: 0,
  actualToDate: money('0'),
  forecastOutturn: money('0'),
  linesReported: 0,
  plannedReported: money('0'),
  years: [],
  syntheticLines: 0,
});

export const addFigures = (a: Figures, b: Figures): Figures => ({
  planned: a.planned.plus(b.planned),
  actual: a.actual.plus(b.actual),
  lines: a.lines + b.lines,
  linesWithoutActual: a.linesWithoutActual + b.linesWithoutActual,
  actualToDate: a.actualToDate.plus(b.actualToDate),
  forecastOutturn: a.forecastOutturn.plus(b.forecastOutturn),
  linesReported: a.linesReported + b.linesReported,
  plannedReported: a.plannedReported.plus(b.plannedReported),
  years: [...new Set([...a.years, ...b.years])].sort(),
  syntheticLines: a.syntheticLines + b.syntheticLines,
});

/** Regroups by a derived key (a locality's place, a scheme's type), adding up groups that then share one. */
export function regroup(groups: BudgetGroupModel[], keyOf: (key: BudgetKeyModel) => BudgetKeyModel): BudgetGroupModel[] {
  return combineGroups([groups.map((g) => ({ key: keyOf(g.key), figures: g.figures }))]);
}

/** Adds the groups of every source with the same key, in key order. */
export function combineGroups(perSource: BudgetGroupModel[][]): BudgetGroupModel[] {
  const byKey = new Map<string, BudgetGroupModel>();
  for (const group of perSource.flat()) {
    const key = JSON.stringify(group.key);
    const existing = byKey.get(key);
    byKey.set(key, existing ? { key: group.key, figures: addFigures(existing.figures, group.figures) } : group);
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, group]) => group);
}
