import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { TableData } from './dataset';
import type { Cell, RowObject } from './tables';

/**
 * Streams rows into a table with `COPY … FROM STDIN` (PostgreSQL's text format), in chunks
 * of a few thousand lines, with backpressure from the socket.
 */

const CHUNK_ROWS = 2000;

const escapeText = (text: string): string =>
  text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));

/** A text[] literal: every element double-quoted, with `"` and `\` escaped. */
const arrayLiteral = (items: readonly string[]): string =>
  `{${items.map((item) => `"${item.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;

export function encodeCell(value: Cell | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeText(value);
  return escapeText(arrayLiteral(value));
}

function encodeRow(row: RowObject, columns: readonly string[], table: string): string {
  for (const key of Object.keys(row)) {
    if (!columns.includes(key)) throw new Error(`Generator bug: column "${key}" is not in the column list of ${table}`);
  }
  return `${columns.map((column) => encodeCell(row[column])).join('\t')}\n`;
}

async function* chunks(table: TableData, onRows: (rows: number) => void): AsyncGenerator<string> {
  const { columns, table: name } = table.spec;
  let lines: string[] = [];
  for (const row of table.rows()) {
    lines.push(encodeRow(row, columns, name));
    if (lines.length >= CHUNK_ROWS) {
      yield lines.join('');
      onRows(lines.length);
      lines = [];
    }
  }
  if (lines.length > 0) {
    yield lines.join('');
    onRows(lines.length);
  }
}

/** Copies one table's rows; the client must be inside the caller's transaction. */
export async function copyTable(client: PoolClient, table: TableData, onRows: (rows: number) => void): Promise<void> {
  const columns = table.spec.columns.map((c) => client.escapeIdentifier(c)).join(', ');
  const sql = `COPY ${client.escapeIdentifier(table.spec.table)} (${columns}) FROM STDIN`;
  await pipeline(Readable.from(chunks(table, onRows)), client.query(copyFrom(sql)));
}
