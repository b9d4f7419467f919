/**
 * Which configured source a row was read from. Several sources of one kind share row types
 * and mappers, and a request may read the same table from each; the statement handle
 * (src/db/sql.ts) marks every row it returns, so provenance names the source that said it
 * however the row travelled (primed, merged across sources). A symbol key, and not
 * enumerable: never in JSON, never a column name, never in a row compared or copied
 * field by field (a copy made with spread or rest carries it through `keepSource`).
 */
const SOURCE = Symbol('hub.source');

type Marked = { [SOURCE]?: string };

export function markRows(rows: readonly object[], source: string): void {
  for (const row of rows) Object.defineProperty(row, SOURCE, { value: source, enumerable: false });
}

/** `copy`, made from `row` field by field, marked with the source `row` was read from. */
export function keepSource<T extends object>(row: object, copy: T): T {
  markRows([copy], sourceOfRow(row));
  return copy;
}

export function sourceOfRow(row: object): string {
  const source = (row as Marked)[SOURCE];
  if (source === undefined) throw new Error('This row was not read through a source statement handle (src/db/sql.ts)');
  return source;
}
