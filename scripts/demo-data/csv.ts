/**
 * RFC 4180 CSV reading and writing for the demo-data scripts, on top of `csv-parse/sync` and
 * `csv-stringify/sync`.
 *
 * Reader: quoted fields containing commas, doubled quotes ("") and line breaks, CRLF or LF
 * record separators, an optional UTF-8 BOM and a missing final newline; completely empty lines
 * are skipped; a record whose field count differs from the header is an error.
 * Writer: quotes a field only when it contains a comma, a double quote, CR or LF (RFC 4180
 * §2.6/2.7); records are separated by LF and the file ends with LF. `null`/`undefined` are
 * written as an empty cell (NULL); booleans as `true`/`false`; numbers with `String()`.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

export type Row = Record<string, string>;

/** Parse CSV text into an array of records (arrays of fields). */
export function parseCsvRecords(text: string): string[][] {
  return parse(text, {
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true, // field counts are checked against the header by parseCsv
  }) as string[][];
}

export interface CsvTable {
  header: string[];
  rows: Row[];
}

/** Parse CSV text with a header row into objects keyed by column name. */
export function parseCsv(text: string, where = 'CSV'): CsvTable {
  let records: string[][];
  try {
    records = parseCsvRecords(text);
  } catch (e) {
    throw new Error(`${where}: ${(e as Error).message}`);
  }
  const header = records[0];
  if (!header) throw new Error(`${where}: empty file`);
  const rows: Row[] = [];
  for (let r = 1; r < records.length; r++) {
    const rec = records[r] as string[];
    if (rec.length !== header.length) {
      throw new Error(`${where}: record ${r + 1} has ${rec.length} fields, header has ${header.length}`);
    }
    const row: Row = {};
    header.forEach((h, k) => {
      row[h] = rec[k] as string;
    });
    rows.push(row);
  }
  return { header, rows };
}

export function readCsv(file: string): CsvTable {
  return parseCsv(fs.readFileSync(file, 'utf8'), file);
}

export type Cell = string | number | boolean | null | undefined;

const STRINGIFY_OPTIONS = {
  delimiter: ',',
  quote: '"',
  escape: '"',
  record_delimiter: '\n',
  quote_record_delimiter: true, // quote a field containing CR or LF, not only the record delimiter
  eof: true,
  quoted: false,
  quoted_empty: false,
  escape_formulas: false,
  cast: {
    boolean: (v: boolean) => (v ? 'true' : 'false'),
    number: (v: number) => String(v),
  },
} as const;

/** Serialise rows to CSV with exactly the given columns, in that order (header row first). */
export function stringifyCsv(columns: readonly string[], rows: readonly Record<string, Cell>[]): string {
  const records: Cell[][] = [[...columns]];
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!columns.includes(key)) throw new Error(`stringifyCsv: unexpected column ${key}`);
    }
    records.push(columns.map((c) => row[c]));
  }
  return stringify(records, { ...STRINGIFY_OPTIONS, cast: { ...STRINGIFY_OPTIONS.cast } });
}
