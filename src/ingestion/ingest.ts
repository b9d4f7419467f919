import { createWriteStream, statSync, type WriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import type { SourceName } from '../config/config';
import { linkUnlinkedRecords } from '../crosswalk/link';
import type { Databases } from '../db/databases';
import { ExtractError, readExtract, type ReadStats, type Rejection } from './readExtract';
import { findTableSpec, TABLE_SPECS, type TableSpec } from './tables';

/**
 * Loads one partner extract into its source database: stream, validate, COPY into a
 * staging table, merge. All in one transaction: a bad extract leaves nothing behind, unless
 * `skipInvalid` is set, when the good rows go in and every bad one goes to a rejects file.
 * Every run, good or bad, is recorded in the hub's `ingest_run` table.
 */

export interface IngestOptions {
  source: SourceName;
  table: string;
  file: string;
  /** Load the good rows and write the bad ones to `rejectsFile`, instead of refusing the extract. */
  skipInvalid?: boolean;
  /** The extract is the partner's whole table: rows missing from it are marked withdrawn. */
  full?: boolean;
  /** Where rejected rows go (default: `<file>.rejects.csv`). */
  rejectsFile?: string;
  /** Who ran the load, for the run record (default: the OS user). */
  runBy?: string;
  onProgress?: (progress: { bytesRead: number; totalBytes: number; rowsRead: number }) => void;
}

export interface IngestResult {
  runId: string;
  source: SourceName;
  table: string;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
  rejected: number;
  rejectsFile: string | null;
  completeness: number | null;
  validity: number | null;
  checksum: string;
}

/** The extract was refused: nothing was loaded. Carries the first rejected rows. */
export class IngestRejectedError extends Error {
  constructor(
    readonly file: string,
    readonly rejected: number,
    readonly examples: Rejection[],
    readonly rejectsFile: string,
  ) {
    super(
      `${file}: ${rejected} row(s) failed validation, so nothing was loaded (use --skip-invalid to load the good rows). ` +
        `First: ${examples.map((r) => `line ${r.line}: ${r.reason}`).join(' | ')}. All rejected rows: ${rejectsFile}`,
    );
    this.name = 'IngestRejectedError';
  }
}

export function resolveTableSpec(source: string, table: string): TableSpec {
  if (!(source in TABLE_SPECS)) {
    throw new ExtractError(table, `unknown source "${source}": expected one of ${Object.keys(TABLE_SPECS).join(', ')}`);
  }
  const spec = findTableSpec(source as SourceName, table);
  if (!spec) {
    const known = TABLE_SPECS[source as SourceName].map((t) => t.table).join(', ');
    throw new ExtractError(table, `unknown table "${table}" for source ${source}: expected one of ${known}`);
  }
  return spec;
}

// TypeORM's PostgreSQL driver keeps its pg.Pool as `master`; COPY needs a raw client from it.
const poolOf = (dataSource: DataSource): pg.Pool => (dataSource.driver as unknown as { master: pg.Pool }).master;

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Writes rejected rows to a CSV file, created on the first rejection only. */
class RejectsWriter {
  private out: ReturnType<typeof stringify> | null = null;
  private finished: Promise<void> = Promise.resolve();
  readonly examples: Rejection[] = [];

  constructor(readonly path: string) {}

  write(rejection: Rejection): void {
    if (this.examples.length < 5) this.examples.push(rejection);
    if (!this.out) {
      const file: WriteStream = createWriteStream(this.path);
      this.out = stringify({ header: true, columns: ['line', 'reason', 'record'] });
      this.out.pipe(file);
      this.finished = new Promise<void>((resolve, reject) => {
        file.once('finish', resolve);
        file.once('error', reject);
      });
    }
    this.out.write([rejection.line, rejection.reason, rejection.cells.join(',')]);
  }

  /** Safe to call more than once. */
  async close(): Promise<void> {
    if (this.out && !this.out.writableEnded) this.out.end();
    await this.finished;
  }
}

interface MergeCounts {
  inserted: number;
  updated: number;
  withdrawn: number;
}

/** Staging rows → target: new rows inserted, changed rows updated (bumping `updated_at`), unchanged rows untouched. */
async function merge(client: pg.PoolClient, spec: TableSpec, stage: string, full: boolean): Promise<MergeCounts> {
  const columns = spec.columns.map((c) => quoteIdent(c.name));
  const keys = spec.key.map(quoteIdent);
  const nonKeys = spec.columns.filter((c) => !spec.key.includes(c.name)).map((c) => quoteIdent(c.name));
  const target = quoteIdent(spec.table);
  if (spec.beforeMerge) await client.query(spec.beforeMerge.replace('{stage}', stage));

  const sets = nonKeys.map((c) => `${c} = EXCLUDED.${c}`);
  if (spec.tracksChanges) sets.push('updated_at = now()');
  if (spec.withdrawable) sets.push('withdrawn_at = NULL');
  const changed = [
    nonKeys.length ? `(${nonKeys.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM (${nonKeys.map((c) => `EXCLUDED.${c}`).join(', ')})` : '',
    spec.withdrawable ? 't.withdrawn_at IS NOT NULL' : '',
  ].filter(Boolean);
  const onConflict =
    changed.length === 0 ? 'DO NOTHING' : `DO UPDATE SET ${sets.join(', ')} WHERE ${changed.join(' OR ')}`;
  const [counts] = (
    await client.query<{ inserted: number; updated: number }>(
      `WITH merged AS (
         INSERT INTO ${target} AS t (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM ${stage}
         ON CONFLICT (${keys.join(', ')}) ${onConflict}
         RETURNING (xmax = 0) AS inserted)
       SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM merged`,
    )
  ).rows;

  let withdrawn = 0;
  if (full) {
    const result = await client.query(
      `UPDATE ${target} AS t SET withdrawn_at = now(), updated_at = now()
        WHERE t.withdrawn_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM ${stage} s WHERE ${keys.map((k) => `s.${k} = t.${k}`).join(' AND ')})`,
    );
    withdrawn = result.rowCount ?? 0;
  }
  if (spec.afterMerge) await client.query(spec.afterMerge);
  return { inserted: counts?.inserted ?? 0, updated: counts?.updated ?? 0, withdrawn };
}

/** Streams the file into a temporary staging table with COPY. */
async function stageRows(
  client: pg.PoolClient,
  spec: TableSpec,
  options: IngestOptions,
  rejects: RejectsWriter,
): Promise<{ stage: string; stats: ReadStats }> {
  const stage = quoteIdent(`stage_${spec.table}`);
  await client.query(`CREATE TEMP TABLE ${stage} (LIKE ${quoteIdent(spec.table)} INCLUDING DEFAULTS) ON COMMIT DROP`);
  const totalBytes = statSync(options.file).size;
  const reader = readExtract(spec, options.file, (r) => rejects.write(r), (bytesRead) =>
    options.onProgress?.({ bytesRead, totalBytes, rowsRead: reader.stats.rowsRead }),
  );
  const copy = client.query(
    copyFrom(`COPY ${stage} (${spec.columns.map((c) => quoteIdent(c.name)).join(', ')}) FROM STDIN WITH (FORMAT csv)`),
  );
  try {
    await pipeline(...reader.streams, stringify(), copy);
  } catch (error) {
    // csv-parse's errors (codes CSV_*) are about the file; anything else is not.
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('CSV_')) {
      throw new ExtractError(options.file, `${(error as Error).message} (the file may be truncated or not CSV)`);
    }
    throw error;
  }
  return { stage, stats: reader.stats };
}

interface RunRecord {
  spec: TableSpec;
  options: IngestOptions;
  startedAt: Date;
  checksum: string;
  stats: ReadStats | null;
  counts: MergeCounts | null;
  error: string | null;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1e6) / 1e6);

async function recordRun(hub: DataSource, run: RunRecord): Promise<string> {
  const stats = run.stats;
  const counts = run.counts;
  const rowsRead = stats?.rowsRead ?? 0;
  const loaded = counts ? counts.inserted + counts.updated : 0;
  const rejected = stats?.rejected ?? 0;
  const [row] = await hub.query<{ id: string }[]>(
    `INSERT INTO ingest_run (source, table_name, file_name, checksum, mode, skip_invalid, status, error, rows_read,
       inserted, updated, unchanged, withdrawn, rejected, completeness, validity, run_by, started_at, finished_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18, now()) RETURNING id`,
    [
      run.spec.source, run.spec.table, path.basename(run.options.file), run.checksum, run.options.full ? 'FULL' : 'DELTA',
      Boolean(run.options.skipInvalid), run.error ? 'FAILED' : 'SUCCEEDED', run.error, rowsRead,
      counts?.inserted ?? 0, counts?.updated ?? 0, counts ? rowsRead - rejected - loaded : 0, counts?.withdrawn ?? 0, rejected,
      stats ? ratio(stats.requiredFilled, stats.requiredCells) : null, stats ? ratio(rowsRead - rejected, rowsRead) : null,
      run.options.runBy ?? os.userInfo().username, run.startedAt,
    ],
  );
  return row!.id;
}

export async function ingestExtract(databases: Databases, options: IngestOptions): Promise<IngestResult> {
  const spec = resolveTableSpec(options.source, options.table);
  if (options.full && !spec.withdrawable) {
    throw new ExtractError(options.file, `--full is for partner source tables; ${spec.source}.${spec.table} rows are never withdrawn`);
  }
  const startedAt = new Date();
  const rejects = new RejectsWriter(options.rejectsFile ?? `${options.file}.rejects.csv`);
  const client = await poolOf(databases[spec.source]).connect();
  // Destroying a connection mid-COPY makes pg emit 'error' on it; the failure is already thrown.
  const ignore = () => undefined;
  client.on('error', ignore);
  let stats: ReadStats | null = null;
  let counts: MergeCounts;
  let failed = false;
  let copying = false;
  try {
    await client.query('BEGIN');
    // The pool's statement timeout protects API queries; a large load is one long COPY.
    await client.query('SET LOCAL statement_timeout = 0');
    copying = true;
    const staged = await stageRows(client, spec, options, rejects);
    copying = false;
    stats = staged.stats;
    await rejects.close();
    if (stats.rejected > 0 && !options.skipInvalid) {
      throw new IngestRejectedError(options.file, stats.rejected, rejects.examples, rejects.path);
    }
    counts = await merge(client, spec, staged.stage, Boolean(options.full));
    await client.query('COMMIT');
  } catch (error) {
    failed = true;
    // After a failed COPY the connection may still be in COPY mode, where ROLLBACK would wait
    // for ever; destroying the connection rolls the transaction back on the server.
    if (!copying) await client.query('ROLLBACK').catch(() => undefined);
    await rejects.close().catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    const checksum = stats?.checksum() ?? '';
    await recordRun(databases.hub, { spec, options, startedAt, checksum, stats, counts: null, error: message });
    throw error;
  } finally {
    // A connection that failed is not given back to the pool.
    client.release(failed);
    client.off('error', ignore);
  }
  const checksum = stats.checksum();
  const runId = await recordRun(databases.hub, { spec, options, startedAt, checksum, stats, counts, error: null });
  await linkUnlinkedRecords(databases, { source: spec.source, table: spec.table });
  const loaded = counts.inserted + counts.updated;
  return {
    runId,
    source: spec.source,
    table: spec.table,
    rowsRead: stats.rowsRead,
    ...counts,
    unchanged: stats.rowsRead - stats.rejected - loaded,
    rejected: stats.rejected,
    rejectsFile: stats.rejected > 0 ? rejects.path : null,
    completeness: ratio(stats.requiredFilled, stats.requiredCells),
    validity: ratio(stats.rowsRead - stats.rejected, stats.rowsRead),
    checksum,
  };
}
