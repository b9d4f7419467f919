import { createWriteStream, statSync, type WriteStream } from 'node:fs';
import os from 'node:os';
import { markAbandonedRuns, openHeldRun, type HeldRun } from './runLiveness';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type pg from 'pg';
import { DatabaseError } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { linkableTables, linkStagedKeys, linkUnlinkedRecords, stageLinkKeys, type LinkableTable } from '../crosswalk/link';
import { databaseOf, declaredSources, poolOf, type Databases } from '../db/databases';
import { CsvSyntaxError } from './csvRecords';
import { beginBulk, quoteIdent } from './pgClients';
import { ExtractError, readExtract, type ReadStats, type Rejection } from './readExtract';
import { resolveTableSpec, type SourceTableSpec } from './sourceTables';
import { metrics } from '../observability/metrics';

/**
 * Loads one partner extract into its source database: stream, validate, COPY into a
 * staging table, merge set-wise, and link the rows it added into the hub's crosswalk. All or
 * nothing: a bad extract leaves nothing behind, unless `skipInvalid` is set, when the good
 * rows go in and every bad one goes to a rejects file. Every run, good or bad, is recorded in
 * the hub's `ingest_run` table.
 */

export interface IngestOptions {
  source: string;
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
  /** Told the run's id once its RUNNING record exists (for a process that may be interrupted). */
  onRunStarted?: (runId: string) => void;
}

export interface IngestResult {
  runId: string;
  source: string;
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
  /** Seconds spent in each step, for tuning (merge and link run at the same time). */
  seconds: IngestTimings;
}

export interface IngestTimings {
  /** Read, validate and COPY into staging (Node and PostgreSQL working at once). */
  stage: number;
  /** Find the new and changed rows. */
  classify: number;
  merge: number;
  /** Move the new keys to the hub and link them. */
  link: number;
  commit: number;
  total: number;
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

/** PostgreSQL refused the valid rows (a foreign key, a check, or a key another writer added meanwhile): nothing was loaded. */
export class IngestMergeError extends Error {
  constructor(
    readonly file: string,
    spec: SourceTableSpec,
    override readonly cause: DatabaseError,
  ) {
    super(
      `${file}: the rows could not be merged into ${spec.source}.${spec.table}, so nothing was loaded: ` +
        `${cause.message}${cause.detail ? ` (${cause.detail})` : ''}`,
    );
    this.name = 'IngestMergeError';
  }
}

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

const DELTA = 'ingest_delta';

/** A table's columns quoted for SQL, and its non-key columns compared between two aliases. */
function shapeOf(spec: SourceTableSpec) {
  const columns = spec.columns.map((c) => quoteIdent(c.name));
  const keys = spec.key.map(quoteIdent);
  const nonKeys = spec.columns.filter((c) => !spec.key.includes(c.name)).map((c) => quoteIdent(c.name));
  return {
    target: quoteIdent(spec.table),
    columns,
    keys,
    nonKeys,
    sameKey: (a: string, b: string) => keys.map((k) => `${a}.${k} = ${b}.${k}`).join(' AND '),
  };
}

/** How many staged rows are new to the table, and how many differ from their row in it. */
interface Delta {
  fresh: number;
  changed: number;
}

/**
 * The staged rows that are new or differ from the table (or bring a withdrawn row back), in
 * a temporary table with `is_new`: one join of staging against the table, so an unchanged
 * extract costs that join and writes nothing.
 */
async function classify(client: pg.PoolClient, spec: SourceTableSpec, stage: string): Promise<Delta> {
  const { target, columns, keys, nonKeys, sameKey } = shapeOf(spec);
  const changed = [
    `t.${keys[0]} IS NULL`,
    nonKeys.length ? `(${nonKeys.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM (${nonKeys.map((c) => `s.${c}`).join(', ')})` : '',
    spec.withdrawable ? 't.withdrawn_at IS NOT NULL' : '',
  ].filter(Boolean);
  await client.query(
    `CREATE TEMP TABLE ${DELTA} ON COMMIT DROP AS
       SELECT ${columns.map((c) => `s.${c}`).join(', ')}, t.${keys[0]} IS NULL AS is_new
         FROM ${stage} AS s LEFT JOIN ${target} AS t ON ${sameKey('t', 's')}
        WHERE ${changed.join(' OR ')}`,
  );
  // Temporary tables get no statistics by themselves; the merge's joins need them.
  await client.query(`ANALYZE ${DELTA}`);
  const [row] = (
    await client.query<Delta>(
      `SELECT count(*) FILTER (WHERE is_new)::int AS fresh, count(*) FILTER (WHERE NOT is_new)::int AS changed FROM ${DELTA}`,
    )
  ).rows;
  return row ?? { fresh: 0, changed: 0 };
}

/**
 * The classified rows → the table: changed rows updated (bumping `updated_at`), new rows
 * inserted. A step with no rows is not sent: planned against a million-row table, even an
 * update from an empty delta could hash the table first (a second, in one measured run).
 */
async function merge(client: pg.PoolClient, spec: SourceTableSpec, stage: string, full: boolean, delta: Delta): Promise<MergeCounts> {
  const { target, columns, keys, nonKeys, sameKey } = shapeOf(spec);
  const changedSets = [
    ...nonKeys.map((c) => `${c} = d.${c}`),
    ...(spec.tracksChanges ? ['updated_at = now()'] : []),
    ...(spec.withdrawable ? ['withdrawn_at = NULL'] : []),
  ];
  let updated = 0;
  if (changedSets.length > 0 && delta.changed > 0) {
    const result = await client.query(
      `UPDATE ${target} AS t SET ${changedSets.join(', ')}
         FROM ${DELTA} AS d WHERE NOT d.is_new AND ${sameKey('t', 'd')}`,
    );
    updated = result.rowCount ?? 0;
  }

  // A plain insert in key order, so the primary key's B-tree fills from one side. `ON
  // CONFLICT` would cost a speculative insertion per row; a key another writer added since
  // the classification is a unique violation instead, and the load fails whole.
  let inserted = 0;
  if (delta.fresh > 0) {
    const result = await client.query(
      `INSERT INTO ${target} (${columns.join(', ')})
         SELECT ${columns.join(', ')} FROM ${DELTA} WHERE is_new ORDER BY ${keys.join(', ')}`,
    );
    inserted = result.rowCount ?? 0;
  }

  let withdrawn = 0;
  if (full) {
    const result = await client.query(
      `UPDATE ${target} AS t SET withdrawn_at = now(), updated_at = now()
        WHERE t.withdrawn_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM ${stage} s WHERE ${sameKey('s', 't')})`,
    );
    withdrawn = result.rowCount ?? 0;
  }
  if (spec.afterMerge) await client.query(spec.afterMerge);
  return { inserted, updated, withdrawn };
}

/** Streams the file into a temporary staging table with COPY. */
async function stageRows(
  client: pg.PoolClient,
  spec: SourceTableSpec,
  options: IngestOptions,
  rejects: RejectsWriter,
): Promise<{ stage: string; stats: ReadStats }> {
  const stage = quoteIdent(`stage_${spec.table}`);
  // The declared columns only, with the table's types: no `updated_at` default to compute per row.
  const columns = spec.columns.map((c) => quoteIdent(c.name)).join(', ');
  await client.query(`CREATE TEMP TABLE ${stage} ON COMMIT DROP AS SELECT ${columns} FROM ${quoteIdent(spec.table)} WITH NO DATA`);
  const totalBytes = statSync(options.file).size;
  const reader = readExtract(
    spec,
    options.file,
    (r) => rejects.write(r),
    (bytesRead) => options.onProgress?.({ bytesRead, totalBytes, rowsRead: reader.stats.rowsRead }),
  );
  const copy = client.query(copyFrom(`COPY ${stage} (${columns}) FROM STDIN`));
  try {
    await pipeline(...reader.streams, copy);
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      throw new ExtractError(options.file, `${error.message} (the file may be truncated or not CSV)`);
    }
    throw error;
  }
  return { stage, stats: reader.stats };
}

interface RunRecord {
  spec: SourceTableSpec;
  options: IngestOptions;
  startedAt: Date;
  checksum: string;
  stats: ReadStats | null;
  counts: MergeCounts | null;
  error: string | null;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1e6) / 1e6);

function countRun(source: string, counts: MergeCounts | null, rejected: number): void {
  metrics.ingestRows.inc({ source, result: 'inserted' }, counts?.inserted ?? 0);
  metrics.ingestRows.inc({ source, result: 'updated' }, counts?.updated ?? 0);
  metrics.ingestRows.inc({ source, result: 'rejected' }, rejected);
}

/**
 * The run's record is opened before anything is read, on its own connection and outside the
 * load's transactions, as RUNNING: a load that fails, or is interrupted, still leaves its
 * record, and one killed outright (SIGKILL, power loss) is found ABANDONED by the next start
 * or ingest (src/ingestion/runLiveness.ts), as the lock it held went with its process.
 */
async function openRun(hub: pg.Pool, spec: SourceTableSpec, options: IngestOptions, startedAt: Date): Promise<HeldRun> {
  return openHeldRun(
    hub,
    `INSERT INTO ingest_run (source, table_name, file_name, checksum, mode, skip_invalid, status, rows_read,
       inserted, updated, unchanged, withdrawn, rejected, run_by, started_at)
     VALUES ($1,$2,$3,'',$4,$5,'RUNNING',0,0,0,0,0,0,$6,$7) RETURNING id`,
    [
      spec.source,
      spec.table,
      path.basename(options.file),
      options.full ? 'FULL' : 'DELTA',
      Boolean(options.skipInvalid),
      options.runBy ?? os.userInfo().username,
      startedAt,
    ],
  );
}

/** The run's outcome into its record: in the hub's transaction when the load succeeds, on its own when it failed. */
async function recordRun(hub: pg.ClientBase | pg.Pool, runId: string, run: RunRecord): Promise<string> {
  const stats = run.stats;
  const counts = run.counts;
  const rowsRead = stats?.rowsRead ?? 0;
  const loaded = counts ? counts.inserted + counts.updated : 0;
  const rejected = stats?.rejected ?? 0;
  countRun(run.spec.source, counts, rejected);
  await hub.query(
    `UPDATE ingest_run SET checksum = $2, status = $3, error = $4, rows_read = $5, inserted = $6, updated = $7, unchanged = $8,
       withdrawn = $9, rejected = $10, completeness = $11, validity = $12, finished_at = now() WHERE id = $1`,
    [
      runId,
      run.checksum,
      run.error ? 'FAILED' : 'SUCCEEDED',
      run.error,
      rowsRead,
      counts?.inserted ?? 0,
      counts?.updated ?? 0,
      counts ? rowsRead - rejected - loaded : 0,
      counts?.withdrawn ?? 0,
      rejected,
      stats ? ratio(stats.requiredFilled, stats.requiredCells) : null,
      stats ? ratio(rowsRead - rejected, rowsRead) : null,
    ],
  );
  return runId;
}

/** For a process told to stop mid-load (SIGINT, SIGTERM): its run's record says so; its transactions roll back as it exits. */
export async function recordInterrupted(hub: pg.Pool, runId: string, signal: string): Promise<void> {
  await hub.query(`UPDATE ingest_run SET status = 'FAILED', error = $2, finished_at = now() WHERE id = $1 AND status = 'RUNNING'`, [
    runId,
    `interrupted by ${signal} before the load finished: nothing was committed`,
  ]);
}

const since = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;

/** Resolves to the promise's value and how long it took from `start`. */
const timed = <T>(start: bigint, promise: Promise<T>): Promise<[T, number]> => promise.then((value) => [value, since(start)]);

/** Waits for both (a failed one must not leave the other running on a connection about to close); throws the first failure. */
async function both<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [ra, rb] = await Promise.allSettled([a, b]);
  if (ra.status === 'rejected') throw ra.reason;
  if (rb.status === 'rejected') throw rb.reason;
  return [ra.value, rb.value];
}

const CROSSWALK_TABLE = 'source_link';

/**
 * Explicit links may name only records of the configured sources' record tables: a link to
 * a source the hub does not run (a typo, a source since removed) would never resolve.
 */
async function checkStagedLinks(hub: pg.PoolClient, stage: string, linkables: readonly LinkableTable[], file: string): Promise<void> {
  const { rows } = await hub.query<{ kind: string; source: string; native_table: string }>(
    `SELECT DISTINCT kind, source, native_table FROM ${stage} ORDER BY 2, 3, 1`,
  );
  const unknown = rows.filter((r) => !linkables.some((t) => t.kind === r.kind && t.source === r.source && t.table === r.native_table));
  if (unknown.length === 0) return;
  const named = unknown.map((r) => `${r.kind} ${r.source}.${r.native_table}`).join(', ');
  const known = [...new Set(linkables.map((t) => `${t.kind} ${t.source}.${t.table}`))].join(', ');
  throw new ExtractError(file, `links name records no configured source holds: ${named} (known: ${known}); nothing was loaded`);
}

/**
 * The staged rows into the table, and the new ones into the crosswalk: each database works on
 * its own part at the same time (the partner's merge, the hub's links).
 */
async function mergeAndLink(
  partner: pg.PoolClient,
  hub: pg.PoolClient,
  spec: SourceTableSpec,
  stage: string,
  options: IngestOptions,
  seconds: IngestTimings,
  linkables: readonly LinkableTable[],
): Promise<MergeCounts> {
  const linkable = linkables.find((t) => t.source === spec.source && t.table === spec.table);
  const full = Boolean(options.full);
  try {
    if (spec.table === CROSSWALK_TABLE) await checkStagedLinks(partner, stage, linkables, options.file);
    if (spec.beforeMerge) await partner.query(spec.beforeMerge.replace('{stage}', stage));
    let step = process.hrtime.bigint();
    const delta = await classify(partner, spec, stage);
    seconds.classify = since(step);
    step = process.hrtime.bigint();
    // A record placed by postcode is linked again when it changes: its postcode may have moved it.
    const placed = Boolean(linkable?.postcodeColumn) && delta.changed > 0;
    if (!linkable || (delta.fresh === 0 && !placed)) {
      const [counts, merged] = await timed(step, merge(partner, spec, stage, full, delta));
      seconds.merge = merged;
      return counts;
    }
    await stageLinkKeys(hub, partner, linkable, placed ? DELTA : `${DELTA} WHERE is_new`);
    const [[counts, merged], [, linked]] = await both(
      timed(step, merge(partner, spec, stage, full, delta)),
      timed(step, linkStagedKeys(hub, linkable)),
    );
    seconds.merge = merged;
    seconds.link = linked;
    return counts;
  } catch (error) {
    throw error instanceof DatabaseError ? new IngestMergeError(options.file, spec, error) : error;
  }
}

/**
 * Two transactions, one per database, committed together at the end: the partner's (staging,
 * merge) and the hub's (crosswalk links for the new rows, the run record). A failure before
 * the commits leaves neither. The partner's commits first: should the hub's then fail, the
 * rows are linked by the full link step instead.
 */
export async function ingestExtract(databases: Databases, options: IngestOptions): Promise<IngestResult> {
  const spec = resolveTableSpec(declaredSources(databases), options.source, options.table);
  const linkables = linkableTables(databases);
  if (options.full && !spec.withdrawable) {
    throw new ExtractError(options.file, `--full is for partner source tables; ${spec.source}.${spec.table} rows are never withdrawn`);
  }
  const startedAt = new Date();
  await markAbandonedRuns(poolOf(databases.hub));
  const held = await openRun(poolOf(databases.hub), spec, options, startedAt);
  const runId = held.id;
  options.onRunStarted?.(runId);
  const rejects = new RejectsWriter(options.rejectsFile ?? `${options.file}.rejects.csv`);
  const partner = await poolOf(databaseOf(databases, spec.source)).connect();
  // Destroying a connection mid-COPY makes pg emit 'error' on it; the failure is already thrown.
  const ignore = () => undefined;
  partner.on('error', ignore);
  let hub: pg.PoolClient | null = null;
  const started = process.hrtime.bigint();
  const seconds: IngestTimings = { stage: 0, classify: 0, merge: 0, link: 0, commit: 0, total: 0 };
  let stats: ReadStats | null = null;
  let partnerDone = false;
  let hubDone = false;
  try {
    await beginBulk(partner);
    const staged = await stageRows(partner, spec, options, rejects);
    seconds.stage = since(started);
    stats = staged.stats;
    await rejects.close();
    if (stats.rejected > 0 && !options.skipInvalid) {
      throw new IngestRejectedError(options.file, stats.rejected, rejects.examples, rejects.path);
    }
    // The hub's transaction opens only now: nothing of it waits open while the file streams.
    hub = await poolOf(databases.hub).connect();
    hub.on('error', ignore);
    await beginBulk(hub);
    const counts = await mergeAndLink(partner, hub, spec, staged.stage, options, seconds, linkables);
    const step = process.hrtime.bigint();
    const run: RunRecord = { spec, options, startedAt, checksum: stats.checksum(), stats, counts, error: null };
    await recordRun(hub, runId, run);
    await partner.query('COMMIT');
    partnerDone = true;
    hubDone = await hub.query('COMMIT').then(
      () => true,
      () => false,
    );
    if (!hubDone) {
      // The rows are in, but the hub's part went with its transaction: do it again without one.
      try {
        if (linkables.some((t) => t.source === spec.source && t.table === spec.table))
          await linkUnlinkedRecords(databases, { source: spec.source, table: spec.table });
        await recordRun(poolOf(databases.hub), runId, run);
      } catch (error) {
        throw new Error(
          `${options.file}: loaded into ${spec.source}.${spec.table}, but the hub could not link the new rows or record the run ` +
            `(${error instanceof Error ? error.message : String(error)}); the rows are linked at the hub's next start`,
        );
      }
    }
    seconds.commit = since(step);
    seconds.total = since(started);
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
      checksum: run.checksum,
      seconds,
    };
  } catch (error) {
    await rejects.close().catch(() => undefined);
    if (!partnerDone) {
      const message = error instanceof Error ? error.message : String(error);
      const checksum = stats?.checksum() ?? '';
      await recordRun(poolOf(databases.hub), runId, { spec, options, startedAt, checksum, stats, counts: null, error: message });
    }
    throw error;
  } finally {
    // A connection that failed (perhaps mid-COPY, where ROLLBACK would wait for ever) is
    // closed, not given back: the server rolls its transaction back.
    partner.release(!partnerDone);
    partner.off('error', ignore);
    hub?.release(!hubDone);
    hub?.off('error', ignore);
    await held.release();
  }
}
