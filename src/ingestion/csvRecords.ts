import { StringDecoder } from 'node:string_decoder';
import { Transform, type TransformCallback } from 'node:stream';
import { parse as parseCsv } from 'csv-parse/sync';

/**
 * Splits an extract into CSV records (RFC 4180, as csv-parse reads it with `bom`,
 * `relax_column_count` and `skip_empty_lines`), each with the line it ends on.
 *
 * Why not csv-parse's stream alone: on a 1,000,000-row extract it takes about 9 s by itself
 * (16 s with the `info` needed for line numbers), more than the whole load may take. Most
 * lines of an extract hold no quote character, and such a line is its fields split on commas;
 * only those are split here. A record with a quote (or a stray CR/LF) is handed to
 * csv-parse, which stays the authority on quoting: one call per batch, so a file that
 * quotes every field costs what csv-parse costs, and a rare quoted name costs nothing.
 */

/** A batch of records in file order, with the line (1 = the header) each record ends on. */
export interface CsvBatch {
  records: string[][];
  lines: number[];
}

/** The file is not well-formed CSV at `line`. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

type RecordDelimiter = '\n' | '\r\n' | '\r';

const QUOTE = '"';

function countQuotes(text: string): number {
  let n = 0;
  for (let i = text.indexOf(QUOTE); i !== -1; i = text.indexOf(QUOTE, i + 1)) n += 1;
  return n;
}

/**
 * csv-parse's own choice: the first CR, LF or CRLF outside quotes delimits every record.
 * `undefined` while the text seen so far cannot tell.
 */
function discoverDelimiter(text: string, ended: boolean): RecordDelimiter | null | undefined {
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted && c === 10) return '\n';
    else if (!quoted && c === 13) {
      if (i + 1 < text.length) return text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
      return ended ? '\r' : undefined;
    }
  }
  return ended ? null : undefined;
}

interface Pending {
  /** The record's text so far, separators included. */
  text: string;
  quotes: number;
}

class CsvRecordSplitter {
  private decoder: StringDecoder | null = null;
  private head = Buffer.alloc(0);
  private rest = '';
  private delimiter: RecordDelimiter | null | undefined = undefined;
  private line = 0;
  private pending: Pending | null = null;

  /** Bytes in, complete records out. */
  write(chunk: Buffer, ended: boolean): CsvBatch {
    const text = this.decode(chunk, ended);
    if (text === null) return { records: [], lines: [] };
    return this.split(this.rest + text, ended);
  }

  /** csv-parse's `bom` option: a UTF-8 or UTF-16LE byte-order mark is skipped and sets the encoding. */
  private decode(chunk: Buffer, ended: boolean): string | null {
    if (this.decoder) return this.decoder.write(chunk) + (ended ? this.decoder.end() : '');
    this.head = Buffer.concat([this.head, chunk]);
    if (this.head.length < 3 && !ended) return null;
    let body = this.head;
    if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) {
      this.decoder = new StringDecoder('utf8');
      body = body.subarray(3);
    } else if (body[0] === 0xff && body[1] === 0xfe) {
      this.decoder = new StringDecoder('utf16le');
      body = body.subarray(2);
    } else {
      this.decoder = new StringDecoder('utf8');
    }
    this.head = Buffer.alloc(0);
    return this.decoder.write(body) + (ended ? this.decoder.end() : '');
  }

  private split(text: string, ended: boolean): CsvBatch {
    const batch: CsvBatch = { records: [], lines: [] };
    if (this.delimiter === undefined) {
      this.delimiter = discoverDelimiter(text, ended);
      if (this.delimiter === undefined) {
        this.rest = text;
        return batch;
      }
    }
    const delimiter = this.delimiter;
    // The character that ends a line. With CRLF a lone LF is part of a field, and with LF or
    // CRLF a lone CR is (csv-parse agrees), so only quotes need csv-parse.
    const separator = delimiter === '\r' ? '\r' : '\n';
    const quoted: { index: number; text: string; line: number }[] = [];
    let start = 0;
    for (;;) {
      const end = text.indexOf(separator, start);
      if (end === -1 && !(ended && start < text.length)) break;
      let record = text.slice(start, end === -1 ? text.length : end);
      start = end === -1 ? text.length : end + 1;
      this.line += 1;
      // With CRLF, a record ends only at a CR before the LF (or at the end of the file).
      const crlfOpen = delimiter === '\r\n' && end !== -1;
      if (this.pending) {
        this.pending.text += record;
        this.pending.quotes += countQuotes(record);
        record = this.pending.text;
      } else if (!record.includes(QUOTE) && !(crlfOpen && !record.endsWith('\r'))) {
        const body = crlfOpen ? record.slice(0, -1) : record;
        if (body !== '') {
          batch.records.push(body.split(','));
          batch.lines.push(this.line);
        }
        continue;
      } else {
        this.pending = { text: record, quotes: countQuotes(record) };
      }
      if (this.pending.quotes % 2 !== 0 || (crlfOpen && !record.endsWith('\r'))) {
        // The separator did not end the record, so it is part of a field.
        if (end !== -1) this.pending.text += separator;
        continue;
      }
      this.pending = null;
      if (crlfOpen) record = record.slice(0, -1);
      if (record === '') continue;
      quoted.push({ index: batch.records.length, text: record, line: this.line });
      batch.records.push([]);
      batch.lines.push(this.line);
    }
    this.rest = text.slice(start);
    if (ended && this.pending) {
      // The file ends inside a quoted field, or (with CRLF) after a lone LF: csv-parse decides.
      quoted.push({ index: batch.records.length, text: this.pending.text, line: this.line });
      batch.records.push([]);
      batch.lines.push(this.line);
    }
    if (quoted.length > 0) this.parseQuoted(quoted, batch);
    return batch;
  }

  /** Records that hold quotes, through csv-parse in one call; a failure is pinned to its line. */
  private parseQuoted(quoted: { index: number; text: string; line: number }[], batch: CsvBatch): void {
    const delimiter = this.delimiter ?? '\n';
    const options = { relax_column_count: true, record_delimiter: delimiter } as const;
    let parsed: string[][] | null = null;
    try {
      parsed = parseCsv(quoted.map((q) => q.text).join(delimiter), options) as string[][];
    } catch {
      // One of them is malformed: find which, below.
    }
    if (parsed?.length === quoted.length) {
      quoted.forEach((q, i) => {
        batch.records[q.index] = parsed[i]!;
      });
      return;
    }
    for (const q of quoted) {
      try {
        const [record, ...extra] = parseCsv(q.text, options) as string[][];
        if (!record || extra.length > 0) throw new Error('not one record');
        batch.records[q.index] = record;
      } catch (error) {
        // csv-parse counts lines within the one record it was given; the line is ours.
        const reason = error instanceof Error ? error.message.replace(/ (at|on) line \d+/g, '') : String(error);
        throw new CsvSyntaxError(q.line, reason);
      }
    }
  }
}

/** A stream from the file's bytes to batches of records (one batch per chunk read). */
export function csvRecords(): Transform {
  const splitter = new CsvRecordSplitter();
  const emit = (stream: Transform, batch: CsvBatch) => {
    if (batch.records.length > 0) stream.push(batch);
  };
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      try {
        emit(this, splitter.write(chunk, false));
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done: TransformCallback) {
      try {
        emit(this, splitter.write(Buffer.alloc(0), true));
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
}
