/**
 * The CCG and the trusts place their rows by postcode only; the hub knows which ward each
 * postcode lies in. To find a partner's rows in a set of wards, the hub sends the area as
 * one text value of `postcode<TAB>ward` lines and the partner's database joins on it.
 * One text value, not an array: a locality page covers ~80,000 postcodes, and `= ANY` of an
 * array that size took about a second to plan (docs/benchmarks.md, "Changes made for this size") while
 * `string_to_table` is planned as a hash join in a millisecond and costs Node no array
 * serialisation.
 */

/** `postcode<TAB>ward` lines joined by newlines, as built by the hub's `postcodeLinesByWard`. */
export type PostcodeArea = string;

/** Every row found in an area carries the ward it was placed in. */
export type Placed<R> = R & { placed_in_ward: string };

/**
 * Up to this many postcodes (a locality has about 800), the partner's postcode index is
 * probed once per postcode; beyond it, one hash join over the whole table is cheaper. The
 * planner cannot choose by itself: it takes `string_to_table` for 1,000 rows whatever the
 * area, and prefers the hash even then. Measured at England scale (docs/benchmarks.md):
 * one locality 5–8 ms by hash, under 1 ms by index; a page of 100 localities 47 ms by hash,
 * 156 ms by index.
 */
export const MAX_POSTCODES_TO_PROBE = 2_000;

function isSmall(area: PostcodeArea): boolean {
  let lines = 1;
  for (let at = area.indexOf('\n'); at !== -1; at = area.indexOf('\n', at + 1)) {
    if (++lines > MAX_POSTCODES_TO_PROBE) return false;
  }
  return true;
}

/** SQL selecting `<alias>.*` plus `placed_in_ward` from `table` rows whose postcode is in the area ($1). */
export function inAreaSql(table: string, alias: string, area: PostcodeArea): string {
  // The array is built inside the statement, so the planner sees a short list and probes the index.
  const probe = isSmall(area) ? `AND ${alias}.postcode = ANY (ARRAY(SELECT postcode FROM area))` : '';
  return `WITH area AS (
      SELECT split_part(line, E'\\t', 1) AS postcode, split_part(line, E'\\t', 2) AS ward_gss
      FROM string_to_table($1::text, E'\\n') AS line
    )
    SELECT area.ward_gss AS placed_in_ward, ${alias}.*
    FROM ${table} ${alias} JOIN area ON area.postcode = ${alias}.postcode
    WHERE ${alias}.withdrawn_at IS NULL ${probe}`;
}
