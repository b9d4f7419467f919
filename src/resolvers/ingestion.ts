import { forbidden } from '../auth/caller';
import { sourcesReadable } from '../auth/policy';
import type { QueryResolvers } from '../generated/graphql';
import { toGlobalId } from '../graphql/globalId';
import { tablesOfKind } from '../ingestion/sourceTables';
import type { IngestRunModel } from '../model/types';
import { badUserInput } from '../server/errors';
import type { HubContext } from '../server/context';
import { mapConnection, sqlPage } from './paging';

export interface IngestRunRow {
  id: string;
  source: string;
  table_name: string;
  file_name: string;
  checksum: string;
  mode: 'DELTA' | 'FULL';
  skip_invalid: boolean;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABANDONED';
  error: string | null;
  rows_read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
  rejected: number;
  completeness: string | null;
  validity: string | null;
  run_by: string;
  started_at: Date;
  finished_at: Date | null;
}

const toNumber = (value: string | null): number | null => (value === null ? null : Number(value));

export function toIngestRun(row: IngestRunRow): IngestRunModel {
  return {
    id: row.id,
    source: row.source,
    table: row.table_name,
    fileName: row.file_name,
    checksum: row.checksum,
    mode: row.mode,
    skipInvalid: row.skip_invalid,
    status: row.status,
    error: row.error,
    rowsRead: row.rows_read,
    inserted: row.inserted,
    updated: row.updated,
    unchanged: row.unchanged,
    withdrawn: row.withdrawn,
    rejected: row.rejected,
    completeness: toNumber(row.completeness),
    validity: toNumber(row.validity),
    runBy: row.run_by,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

/** Every table of the configured sources' kinds. */
const knownTables = (ctx: HubContext): Set<string> =>
  new Set([...(tablesOfKind('hub-registry') ?? []), ...ctx.loaders.partners.flatMap((p) => p.kind.tables)].map((s) => s.table));

const ingestRuns: NonNullable<QueryResolvers['ingestRuns']> = async (_, args, ctx, info) => {
  const known = knownTables(ctx);
  if (args.table != null && !known.has(args.table)) {
    throw badUserInput('table', `Unknown table "${args.table}": expected one of ${[...known].sort().join(', ')}.`);
  }
  const sources = ['hub', ...ctx.loaders.partners.map((p) => p.id)];
  if (args.source != null && !sources.includes(args.source)) {
    throw badUserInput('source', `Unknown source "${args.source}": expected one of ${sources.join(', ')}.`);
  }
  // Only the loads of sources whose holders share their ingest records with the caller, in the statement, so counts and pages agree.
  const readable = sourcesReadable(ctx, 'INGEST_RECORDS');
  if (args.source != null && !readable.includes(args.source))
    throw forbidden(
      `The ingest records of "${args.source}" are not shared with you by its partnership's data-sharing agreement.`,
      'source',
    );
  const params: unknown[] = [args.source != null ? [args.source] : readable];
  const conditions: string[] = ['source = ANY($1)'];
  if (args.table != null) {
    params.push(args.table);
    conditions.push(`table_name = $${params.length}`);
  }
  const page = await sqlPage<IngestRunRow & Record<string, unknown>>(
    ctx.sql.hub,
    { from: 'ingest_run', key: 'id', where: conditions.join(' AND '), params },
    args,
    ctx.limits,
    info,
  );
  return mapConnection(page, (rows) => rows.map(toIngestRun));
};

const dataQuality = async (_: unknown, __: unknown, ctx: HubContext) => {
  const rows = await ctx.sql.hub.query<IngestRunRow>(
    `SELECT DISTINCT ON (source, table_name) * FROM ingest_run
      WHERE status = 'SUCCEEDED' AND source = ANY($1) ORDER BY source, table_name, started_at DESC, id DESC`,
    [sourcesReadable(ctx, 'INGEST_RECORDS')],
  );
  return rows.map(toIngestRun).map((run) => ({
    source: run.source,
    table: run.table,
    completeness: run.completeness,
    validity: run.validity,
    lastRun: run,
  }));
};

export const ingestionResolvers = {
  Query: { ingestRuns, dataQuality },
  IngestRun: { id: (run: IngestRunModel) => toGlobalId('IngestRun', run.id) },
};
