import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { parse, type Info } from 'csv-parse';
import { validatorFor, type CellResult } from './columns';
import type { TableSpec } from './tables';

/**
 * Streams an extract file and validates it row by row against its table's declared columns.
 * Valid rows leave as arrays of cell values in the table's declared column order (null for
 * an empty cell or a column the file does not carry); rejected rows are handed to
 * `onReject` with their line number and reason.
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

export interface ReadStats {
  bytesRead: number;
  rowsRead: number;
  rejected: number;
  /** Required cells that were filled, over all rows read (for the completeness measure). */
  requiredFilled: number;
  requiredCells: number;
  checksum(): string;
}

interface ParsedRecord {
  record: string[];
  info: Info;
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

/** A transform from parsed CSV records to valid rows, rejecting bad ones and duplicate keys. */
function validateRows(spec: TableSpec, file: string, stats: ReadStats, onReject: (r: Rejection) => void): Transform {
  let header: string[] | null = null;
  let validators: ((cell: string) => CellResult)[] = [];
  let keyIndexes: number[] = [];
  let declaredIndexOf: number[] = [];
  let requiredIndexes: number[] = [];
  const firstLineOfKey = new Map<string, number>();

  const reject = (line: number, reason: string, cells: string[]) => {
    stats.rejected += 1;
    onReject({ line, reason, cells });
  };

  return new Transform({
    objectMode: true,
    transform({ record, info }: ParsedRecord, _encoding: BufferEncoding, done: TransformCallback) {
      if (header === null) {
        try {
          header = checkHeader(spec, record.map((h) => h.trim()), file);
        } catch (error) {
          // Thrown here it would escape the pipeline; through the callback it ends the load.
          return done(error as Error);
        }
        const columns = header.map((name) => spec.columns.find((c) => c.name === name)!);
        validators = columns.map(validatorFor);
        keyIndexes = spec.key.map((k) => header!.indexOf(k));
        declaredIndexOf = header.map((name) => spec.columns.findIndex((c) => c.name === name));
        requiredIndexes = columns.flatMap((c, i) => (c.required ? [i] : []));
        return done();
      }
      stats.rowsRead += 1;
      stats.requiredCells += requiredIndexes.length;
      stats.requiredFilled += requiredIndexes.filter((i) => (record[i] ?? '') !== '').length;
      if (record.length !== header.length) {
        reject(info.lines, `has ${record.length} fields where the header has ${header.length} (a truncated or mis-quoted line?)`, record);
        return done();
      }
      const values: (string | null)[] = [];
      const reasons: string[] = [];
      for (let i = 0; i < record.length; i += 1) {
        const result = validators[i]!(record[i]!);
        if (result.ok) values.push(result.value);
        else reasons.push(result.reason);
      }
      if (reasons.length > 0) {
        reject(info.lines, reasons.join('; '), record);
        return done();
      }
      const key = JSON.stringify(keyIndexes.map((i) => values[i]));
      const first = firstLineOfKey.get(key);
      if (first !== undefined) {
        reject(info.lines, `duplicate key ${spec.key.map((k, j) => `${k}=${values[keyIndexes[j]!]}`).join(', ')} (first at line ${first})`, record);
        return done();
      }
      firstLineOfKey.set(key, info.lines);
      const row: (string | null)[] = new Array<string | null>(spec.columns.length).fill(null);
      values.forEach((value, i) => {
        row[declaredIndexOf[i]!] = value;
      });
      done(null, row);
    },
    flush(done: TransformCallback) {
      if (header === null) return done(new ExtractError(file, 'the file is empty: expected a header row'));
      done();
    },
  });
}

export interface ExtractReader {
  stats: ReadStats;
  streams: [NodeJS.ReadableStream, Transform, Transform, Transform];
}

/** file → (bytes counted, hashed) → CSV records → valid rows. */
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
      onBytes(stats.bytesRead);
      done(null, chunk);
    },
  });
  const parser = parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true });
  return { stats, streams: [createReadStream(file), tap, parser, validateRows(spec, file, stats, onReject)] };
}
