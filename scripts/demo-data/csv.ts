/**
 * A small RFC 4180 CSV reader and writer (no third-party packages: `csv-parse` /
 * `csv-stringify` are not installed in this project).
 *
 * Reader: handles quoted fields containing commas, doubled quotes ("") and line breaks,
 * CRLF or LF record separators, an optional UTF-8 BOM and a missing final newline.
 * Writer: quotes a field only when it contains a comma, a double quote, CR or LF (RFC 4180
 * §2.6/2.7); records are separated by LF and the file ends with LF. `null`/`undefined`
 * are written as an empty cell (NULL).
 */
import fs from 'node:fs';

export type Row = Record<string, string>;

/** Parse CSV text into an array of records (arrays of fields). */
export function parseCsvRecords(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let inQuotes = false;
  let fieldStarted = false; // distinguishes "" (empty line) from a record with one empty field
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i] as string;
    if (inQuotes) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i += 1;
        continue;
      }
      field += c;
      i += 1;
      continue;
    }
    if (c === '"') {
      if (field.length > 0) {
        throw new Error(`CSV: unexpected quote inside an unquoted field at offset ${i}`);
      }
      inQuotes = true;
      fieldStarted = true;
      i += 1;
      continue;
    }
    if (c === ',') {
      record.push(field);
      field = '';
      fieldStarted = true;
      i += 1;
      continue;
    }
    if (c === '\r' || c === '\n') {
      if (fieldStarted || field.length > 0 || record.length > 0) {
        record.push(field);
        records.push(record);
      }
      record = [];
      field = '';
      fieldStarted = false;
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += c;
    fieldStarted = true;
    i += 1;
  }
  if (inQuotes) throw new Error('CSV: unterminated quoted field at end of input');
  if (fieldStarted || field.length > 0 || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

export interface CsvTable {
  header: string[];
  rows: Row[];
}

/** Parse CSV text with a header row into objects keyed by column name. */
export function parseCsv(text: string, where = 'CSV'): CsvTable {
  const records = parseCsvRecords(text);
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

function quoteField(value: Cell): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'string' ? value : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Serialise rows to CSV with exactly the given columns, in that order. */
export function stringifyCsv(columns: readonly string[], rows: readonly Record<string, Cell>[]): string {
  const lines = [columns.map(quoteField).join(',')];
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!columns.includes(key)) throw new Error(`stringifyCsv: unexpected column ${key}`);
    }
    lines.push(columns.map((c) => quoteField(row[c])).join(','));
  }
  return `${lines.join('\n')}\n`;
}
