import DataLoader from 'dataloader';
import pg from 'pg';
import type { Sql } from '../../db/sql';
import { batchOptions, compositeKey, groupByKeys, keyColumns, primeGroups } from '../../loaders/batch';

/**
 * Indicator measurements and ledger lines have the same native shape in every partner
 * source (`indicator_value`, `ledger_line`), so their rows and loaders are written once.
 */

export interface IndicatorValueRow {
  indicator_code: string;
  area_code: string;
  period: string;
  value: string | null;
  numerator: number | null;
  denominator: number | null;
  /** PostgreSQL's text for the timestamptz: a dashboard reads about 1,100 values and shows the provenance of a few, so each is parsed only when shown (`lastChanged`). */
  updated_at: string;
}

const parseTimestamptz = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ, 'text');

export const lastChanged = (row: IndicatorValueRow): Date => parseTimestamptz(row.updated_at) as Date;

export const seriesKey = (indicatorCode: string, areaCode: string): string => compositeKey(indicatorCode, areaCode);

const VALUE_COLUMNS = 'v.indicator_code, v.area_code, v.period, v.value::text AS value, v.numerator, v.denominator, v.updated_at::text AS updated_at';

/**
 * A source's indicator values by series (`seriesKey(indicator code, area code)`) and by
 * area. Reading an area's values primes its series, so a dashboard that finds which
 * indicators a locality has and then asks for each series reads the values once.
 */
export function measureLoaders(sql: Sql, source: string) {
  const valuesBySeries = new DataLoader<string, IndicatorValueRow[]>(
    async (keys) => {
      const rows = await sql.query<IndicatorValueRow>(
        `SELECT ${VALUE_COLUMNS}
           FROM indicator_value v
           JOIN unnest($1::text[], $2::text[]) AS k(indicator_code, area_code)
             ON v.indicator_code = k.indicator_code AND v.area_code = k.area_code
          WHERE v.withdrawn_at IS NULL`,
        keyColumns(keys),
      );
      return groupByKeys(keys, rows, (r) => seriesKey(r.indicator_code, r.area_code));
    },
    { name: `${source}.valuesBySeries`, ...batchOptions() },
  );
  const valuesByArea = new DataLoader<string, IndicatorValueRow[]>(
    async (areas) => {
      const rows = await sql.query<IndicatorValueRow>(
        `SELECT ${VALUE_COLUMNS} FROM indicator_value v WHERE v.area_code = ANY($1) AND v.withdrawn_at IS NULL`,
        [areas],
      );
      primeGroups(valuesBySeries, rows, (r) => seriesKey(r.indicator_code, r.area_code));
      return groupByKeys(areas, rows, (r) => r.area_code);
    },
    { name: `${source}.valuesByArea`, ...batchOptions() },
  );
  return { valuesBySeries, valuesByArea };
}
