import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { validatorFor, type CellResult } from './columns';
import { csvRecords, type CsvBatch } from './csvRecords';
import type { SourceTableSpec as TableSpec } from './sourceTables';

/**
 * Streams an extract file and validates it row by row against its table's declared columns.
 * Valid rows leave as COPY text in the table's declared column order (NULL for an empty cell
 * or a column the file does not carry); rejected rows are handed to `onReject` with their
 * line number and reason.
 */

export class ExtractError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'ExtractError';
  }
}

export interface Rejection {
  line: number;
  reason: string;
  cells: string[];
}

/** Big enough that each chunk becomes one COPY message of hundreds of rows. */
const READ_CHUNK_BYTES = 256 * 1024;

export interface ReadStats {
  bytesRead: number;
  /** Whether any byte read so far was NUL: only then are cells searched for one (PostgreSQL cannot store it). */
  sawNul: boolean;
  rowsRead: number;
  rejected: number;
  /** Required cells that were filled, over all rows read (for the completeness measure). */
  requiredFilled: number;
  requiredCells: number;
  checksum(): string;
}

/** The columns the header names, checked against the table: unknown, duplicate or missing required columns stop the load. */
export function checkHeader(spec: TableSpec, header: string[], file: string): string[] {
  const declared = new Set(spec.columns.map((c) => c.name));
  const unknown = header.filter((name) => !declared.has(name));
  const duplicates = header.filter((name, i) => header.indexOf(name) !== i);
  const missing = spec.columns.filter((c) => c.required && !header.includes(c.name)).map((c) => c.name);
  const problems = [
    unknown.length ? `unknown column(s) ${unknown.join(', ')}` : '',
    duplicates.length ? `duplicate column(s) ${duplicates.join(', ')}` : '',
    missing.length ? `missing required column(s) ${missing.join(', ')}` : '',
  ].filter(Boolean);
  if (problems.length > 0) {
    throw new ExtractError(
      file,
      `wrong header for ${spec.source}.${spec.table}: ${problems.join('; ')}. Expected columns: ${spec.columns.map((c) => c.name).join(', ')}`,
    );
  }
  return header;
}

/** COPY's text format: backslash, tab and line breaks escaped; NULL is `\N`. */
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIALS = /[\\\t\n\r]/g;
// Testing first: a replace with a callback costs more than the test even when nothing matches.
const copyText = (value: string): string => (COPY_SPECIAL.test(value) ? value.replace(COPY_SPECIALS, (c) => COPY_ESCAPES[c]!) : value);

/**
 * A column's validator remembering its answers for values that repeat (codes, statuses, types):
 * validators are pure, and a lookup is cheaper than a schema parse. A column whose values do
 * not repeat (names, keys) stops remembering after a first sample.
 */
function remembering(validate: (cell: string) => CellResult): (cell: string) => CellResult {
  const SAMPLE = 10_000;
  const LIMIT = 4_096;
  let known: Map<string, CellResult> | null = new Map();
  let lookups = 0;
  let hits = 0;
  return (cell) => {
    if (known === null) return validate(cell);
    const found = known.get(cell);
    lookups += 1;
    if (found !== undefined) {
      hits += 1;
      return found;
    }
    const result = validate(cell);
    if (known.size < LIMIT) known.set(cell, result);
    if (lookups === SAMPLE && hits < SAMPLE / 2) known = null;
    return result;
  };
}

/**
 * A transform from batches of CSV records to COPY text (one buffer per batch, in the table's
 * declared column order), rejecting bad rows and duplicate keys. Nothing is allocated per
 * valid cell beyond what the validators return.
 */
function validateRows(spec: TableSpec, file: string, stats: ReadStats, onReject: (r: Rejection) => void): Transform {
  let header: string[] | null = null;
  let validators: ((cell: string) => CellResult)[] = [];
  let keyIndexes: number[] = [];
  /** For each declared column, the header position that holds it (-1: not in the file, so NULL). */
  let sourceOf: number[] = [];
  let required: number[] = [];
  let values: (string | null)[] = [];
  const firstLineOfKey = new Map<string, number>();

  const reject = (line: number, reason: string, cells: string[]) => {
    stats.rejected += 1;
    onReject({ line, reason, cells });
  };

  const start = (record: string[]) => {
    header = checkHeader(
      spec,
      record.map((h) => h.trim()),
      file,
    );
    const columns = header.map((name) => spec.columns.find((c) => c.name === name)!);
    validators = columns.map((c) => remembering(validatorFor(c)));
    keyIndexes = spec.key.map((k) => header!.indexOf(k));
    sourceOf = spec.columns.map((c) => header!.indexOf(c.name));
    required = columns.flatMap((c, i) => (c.required ? [i] : []));
    values = new Array<string | null>(header.length).fill(null);
  };

  /** The row as a line of COPY text, or null if it was rejected. */
  const row = (record: string[], line: number): string | null => {
    const width = header!.length;
    stats.rowsRead += 1;
    stats.requiredCells += required.length;
    for (const i of required) if ((record[i] ?? '') !== '') stats.requiredFilled += 1;
    if (record.length !== width) {
      reject(line, `has ${record.length} fields where the header has ${width} (a truncated or mis-quoted line?)`, record);
      return null;
    }
    let reasons: string[] | null = null;
    if (stats.sawNul) {
      for (let i = 0; i < width; i += 1) {
        if (record[i]!.includes('\u0000')) (reasons ??= []).push(`${header![i]} holds a NUL character, which PostgreSQL cannot store`);
      }
      if (reasons) {
        reject(
          line,
          reasons.join('; '),
          record.map((cell) => cell.replace(/\u0000/g, '\\0')),
        );
        return null;
      }
    }
    for (let i = 0; i < width; i += 1) {
      const result = validators[i]!(record[i]!);
      if (result.ok) values[i] = result.value;
      else (reasons ??= []).push(result.reason);
    }
    if (reasons) {
      reject(line, reasons.join('; '), record);
      return null;
    }
    const key = keyIndexes.length === 1 ? values[keyIndexes[0]!]! : JSON.stringify(keyIndexes.map((i) => values[i]));
    const first = firstLineOfKey.get(key);
    if (first !== undefined) {
      reject(line, `duplicate key ${spec.key.map((k, j) => `${k}=${values[keyIndexes[j]!]}`).join(', ')} (first at line ${first})`, record);
      return null;
    }
    firstLineOfKey.set(key, line);
    let text = '';
    for (let c = 0; c < sourceOf.length; c += 1) {
      const at = sourceOf[c]!;
      const value = at === -1 ? null : values[at]!;
      text += `${c === 0 ? '' : '\t'}${value === null ? '\\N' : copyText(value)}`;
    }
    return `${text}\n`;
  };

  return new Transform({
    writableObjectMode: true,
    transform({ records, lines }: CsvBatch, _encoding: BufferEncoding, done: TransformCallback) {
      let out = '';
      for (let r = 0; r < records.length; r += 1) {
        if (header === null) {
          try {
            start(records[r]!);
          } catch (error) {
            // Thrown here it would escape the pipeline; through the callback it ends the load.
            return done(error as Error);
          }
          continue;
        }
        out += row(records[r]!, lines[r]!) ?? '';
      }
      done(null, out === '' ? undefined : Buffer.from(out));
    },
    flush(done: TransformCallback) {
      if (header === null) return done(new ExtractError(file, 'the file is empty: expected a header row'));
      done();
    },
  });
}

export interface ExtractReader {
  stats: ReadStats;
  /** The file's bytes, counted and hashed, as rows of COPY text (`FORMAT text`) in the table's declared column order. */
  streams: [NodeJS.ReadableStream, Transform, Transform, Transform];
}

/** file → (bytes counted, hashed) → CSV records → valid rows as COPY text. */
export function readExtract(
  spec: TableSpec,
  file: string,
  onReject: (r: Rejection) => void,
  onBytes: (bytesRead: number) => void = () => undefined,
): ExtractReader {
  const hash = createHash('sha256');
  let digest: string | null = null;
  const stats: ReadStats = {
    bytesRead: 0,
    sawNul: false,
    rowsRead: 0,
    rejected: 0,
    requiredFilled: 0,
    requiredCells: 0,
    checksum: () => (digest ??= hash.digest('hex')),
  };
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      stats.bytesRead += chunk.length;
      // Before the CSV parser sees this chunk, so its rows are searched.
      if (!stats.sawNul && chunk.includes(0)) stats.sawNul = true;
      onBytes(stats.bytesRead);
      done(null, chunk);
    },
  });
  return {
    stats,
    streams: [createReadStream(file, { highWaterMark: READ_CHUNK_BYTES }), tap, csvRecords(), validateRows(spec, file, stats, onReject)],
  };
}
