import type { Sql } from '../db/sql';
import { money, type Decimal } from './decimal';

/**
 * Money across partners' ledgers. Each source groups and sums its own `ledger_line` rows
 * in SQL; the hub adds the groups of all sources together in exact pence.
 */

export type BudgetDimension = 'LOCALITY' | 'PARTNER' | 'FUND' | 'SCHEME' | 'FINANCIAL_YEAR' | 'LINE_KIND';

export const DIMENSION_COLUMNS: Record<BudgetDimension, keyof BudgetKeyModel> = {
  LOCALITY: 'localityCode',
  PARTNER: 'partnerCode',
  FUND: 'fundCode',
  SCHEME: 'schemeCode',
  FINANCIAL_YEAR: 'financialYear',
  LINE_KIND: 'lineKind',
};

const SQL_COLUMNS: Record<BudgetDimension, string> = {
  LOCALITY: 'locality_code',
  PARTNER: 'org_code',
  FUND: 'fund_code',
  SCHEME: 'scheme_code',
  FINANCIAL_YEAR: 'financial_year',
  LINE_KIND: 'line_kind',
};

export interface BudgetKeyModel {
  localityCode: string | null;
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
}

export interface Figures {
  planned: Decimal;
  actual: Decimal;
  lines: number;
  linesWithoutActual: number;
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
  planned: string;
  actual: string;
  lines: number;
  without_actual: number;
  synthetic_lines: number;
}

/** One statement per source: its ledger grouped by the requested dimensions. */
export async function groupLedger(sql: Sql, groupBy: readonly BudgetDimension[], criteria: BudgetCriteria): Promise<BudgetGroupModel[]> {
  const columns = groupBy.map((d) => SQL_COLUMNS[d]);
  const rows = await sql.query<GroupRow>(
    `SELECT ${[...columns, ''].join(', ')}
            sum(planned)::text AS planned, coalesce(sum(actual), 0)::text AS actual,
            count(*)::int AS lines, count(*) FILTER (WHERE actual IS NULL)::int AS without_actual,
            count(*) FILTER (WHERE synthetic)::int AS synthetic_lines
       FROM ledger_line
      WHERE withdrawn_at IS NULL
        AND ($1::text[] IS NULL OR fund_code = ANY($1))
        AND ($2::text IS NULL OR financial_year >= $2)
        AND ($3::text IS NULL OR financial_year <= $3)
        AND ($4::text IS NULL OR locality_code = $4)
        AND ($5::text IS NULL OR line_kind = $5)
      ${columns.length ? `GROUP BY ${columns.join(', ')}` : ''}`,
    [criteria.fundCodes, criteria.fromYear, criteria.toYear, criteria.localityCode, criteria.lineKind],
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
      },
      figures: { planned: money(r.planned), actual: money(r.actual), lines: r.lines, linesWithoutActual: r.without_actual, syntheticLines: r.synthetic_lines },
    }));
}

export const emptyFigures = (): Figures => ({ planned: money('0'), actual: money('0'), lines: 0, linesWithoutActual: 0, syntheticLines: 0 });

export const addFigures = (a: Figures, b: Figures): Figures => ({
  planned: a.planned.plus(b.planned),
  actual: a.actual.plus(b.actual),
  lines: a.lines + b.lines,
  linesWithoutActual: a.linesWithoutActual + b.linesWithoutActual,
  syntheticLines: a.syntheticLines + b.syntheticLines,
});

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
