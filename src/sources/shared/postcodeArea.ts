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

/** SQL selecting `<alias>.*` plus `placed_in_ward` from `table` rows whose postcode is in the area ($1). */
export function inAreaSql(table: string, alias: string): string {
  return `WITH area AS (
      SELECT split_part(line, E'\\t', 1) AS postcode, split_part(line, E'\\t', 2) AS ward_gss
      FROM string_to_table($1::text, E'\\n') AS line
    )
    SELECT area.ward_gss AS placed_in_ward, ${alias}.*
    FROM ${table} ${alias} JOIN area ON area.postcode = ${alias}.postcode
    WHERE ${alias}.withdrawn_at IS NULL`;
}
