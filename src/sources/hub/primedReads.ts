import { timestamptzFromText } from '../../db/databases';
import type { LocalityWardRow } from './rows';

/**
 * Rows read beside their parent in the parent's statement, to prime the loaders that
 * would read them separately (one round trip fewer). A row travels as JSON with its
 * `updated_at` as PostgreSQL's text, so it parses exactly as pg parses the column.
 */

/** SQL: the row of `alias` as one JSON object (`extra`: more `'key', value` pairs). */
export const rowJson = (alias: string, extra = ''): string =>
  `(to_jsonb(${alias}) || jsonb_build_object('updated_at', ${alias}.updated_at::text${extra}))`;

/** SQL: the rows of `from` (aliased `x`) matching `where`, as a JSON array in id order, `[]` for none. */
export const rowsJson = (from: string, where: string, extra = ''): string =>
  `coalesce((SELECT json_agg(${rowJson('x', extra)} ORDER BY x.id) FROM ${from} x WHERE ${where}), '[]')`;

export type JsonRow<R> = Omit<R, 'updated_at'> & { updated_at: string };

/** A row read by `rowJson`, as pg would have returned it. */
export const rowFromJson = <R extends { updated_at: Date }>(row: JsonRow<R>): R =>
  ({ ...row, updated_at: timestamptzFromText(row.updated_at) }) as unknown as R;

/** SQL: the ward codes of the locality `alias`, in the order `wardsByLocality` gives them. */
export const wardCodesOf = (alias: string): string =>
  `ARRAY(SELECT w.ward_gss FROM locality_ward w WHERE w.locality_id = ${alias}.id ORDER BY w.ward_gss)`;

/** `wardCodesOf`'s codes as `wardsByLocality`'s rows. */
export const wardRows = (localityId: string, codes: readonly string[]): LocalityWardRow[] =>
  codes.map((ward_gss) => ({ locality_id: localityId, ward_gss }));
