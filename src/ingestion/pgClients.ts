import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

/** Raw connections for bulk work (COPY, long transactions) beside TypeORM's query API. */

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Opens a transaction for bulk work: no statement timeout (the pool's protects API queries;
 * a large load is a few long statements), memory enough that joining a million staged
 * rows to their table hashes in memory rather than in batches on disk, and PostgreSQL's
 * own plan caching back. The pools force a custom plan per execution for the API's
 * batched reads (databases.ts), and that applies to the plans of foreign-key checks too:
 * each inserted crosswalk link's check was planned afresh, which doubled the time to
 * link a million new rows (36 → 74 s).
 */
export async function beginBulk(client: pg.ClientBase): Promise<void> {
  await client.query('BEGIN');
  await client.query(`SET LOCAL statement_timeout = 0; SET LOCAL work_mem = '64MB'; SET LOCAL plan_cache_mode = auto`);
}

/** COPY text out of one connection's query straight into another's table: keys move between databases without Node holding them. */
export async function copyBetween(from: pg.ClientBase, query: string, to: pg.ClientBase, table: string): Promise<number> {
  const sink = to.query(copyFrom(`COPY ${table} FROM STDIN`));
  await pipeline(from.query(copyTo(`COPY (${query}) TO STDOUT`)) as Readable, sink);
  return sink.rowCount;
}
