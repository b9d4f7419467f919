import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { SOURCE_NAMES } from '../../src/config/config';
import { addExplicitLinks, linkUnlinkedRecords } from '../../src/crosswalk/link';
import type { Databases, DefaultDatabases } from '../../src/db/databases';
import { beginBulk } from '../../src/ingestion/pgClients';
import { copyTable } from './copy';
import { buildDataset, DEFAULT_POSTCODES_PER_WARD, type TableData } from './dataset';
import { SYNTHETIC } from './names';
import type { HubPattern } from './locality';
import { CROSSWALK_SPECS, NAME_PROBES, TABLE_SPECS } from './tables';

/**
 * Loads the synthetic dataset into four migrated databases: checks they hold nothing but
 * synthetic rows, truncates every table (idempotent), copies each source's tables in
 * dependency order in one transaction, adds the explicit two-register ESTATE links, runs
 * the hub's own link step for everything else, and refreshes planner statistics.
 */

export interface GenerateOptions {
  localities: number;
  seed: number;
  postcodesPerWard?: number;
  /** `cycle` (default): 1–2 hubs per locality in a fixed cycle of shapes; `both`: every locality has one of each kind. */
  hubPattern?: HubPattern;
  /** Truncate even if a database holds rows whose names are not synthetic. */
  force?: boolean;
  onProgress?: (event: ProgressEvent) => void;
}

export interface ProgressEvent {
  phase: 'copy' | 'link' | 'analyze';
  /** `<source>.<table>` being copied, or what is being done. */
  step: string;
  rowsDone: number;
  rowsTotal: number;
}

export interface GenerateSummary {
  localities: number;
  seed: number;
  rows: Record<string, number>;
  explicitLinks: number;
  implicitLinks: number;
  totalRows: number;
  elapsedMs: number;
}

async function withClient<T>(dataSource: DataSource, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as PoolClient;
  try {
    return await work(client);
  } finally {
    await runner.release();
  }
}

/** Refuses to truncate a database that holds anything the generator did not write. */
async function assertOnlySynthetic(databases: DefaultDatabases): Promise<void> {
  for (const probe of NAME_PROBES) {
    const found = await databases[probe.source].query<{ name: string }[]>(
      `SELECT name FROM "${probe.table}" WHERE name NOT LIKE $1 LIMIT 1`,
      [`${SYNTHETIC} %`],
    );
    if (found.length > 0) {
      throw new Error(
        `${probe.source}.${probe.table} holds "${found[0]!.name}", which is not synthetic: refusing to truncate it. ` +
          'Point the *_DATABASE_URL variables at databases meant for the scale dataset (or unset them), or pass --force.',
      );
    }
  }
}

async function truncateEverything(client: PoolClient): Promise<void> {
  const { rows } = await client.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`,
  );
  if (rows.length === 0) return;
  await client.query(`TRUNCATE ${rows.map((r) => client.escapeIdentifier(r.tablename)).join(', ')} RESTART IDENTITY CASCADE`);
}

async function loadSource(
  dataSource: DataSource,
  tables: readonly TableData[],
  onRows: (step: string, rows: number) => void,
): Promise<void> {
  await withClient(dataSource, async (client) => {
    // The hub's bulk transaction: no timeout, and foreign-key checks planned once, not per row.
    await beginBulk(client);
    try {
      await truncateEverything(client);
      for (const table of tables) {
        await copyTable(client, table, (rows) => onRows(`${table.spec.source}.${table.spec.table}`, rows));
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}

/** Planner statistics for the tables just written (not the whole database: the catalogs need none). */
async function analyzeAll(databases: DefaultDatabases): Promise<void> {
  for (const source of SOURCE_NAMES) {
    const tables = [...TABLE_SPECS, ...CROSSWALK_SPECS].filter((spec) => spec.source === source).map((spec) => spec.table);
    await withClient(databases[source], async (client) => {
      await client.query('SET statement_timeout = 0');
      await client.query(`ANALYZE ${tables.map((t) => client.escapeIdentifier(t)).join(', ')}`);
      await client.query('RESET statement_timeout');
    });
  }
}

function checkOptions(options: GenerateOptions): void {
  if (!Number.isInteger(options.localities) || options.localities < 1) throw new Error('localities must be a whole number of at least 1');
  if (!Number.isSafeInteger(options.seed)) throw new Error('seed must be a whole number');
  const ppw = options.postcodesPerWard;
  if (ppw !== undefined && (!Number.isInteger(ppw) || ppw < 1 || ppw > 3000)) throw new Error('postcodesPerWard must be 1…3000');
  if (options.hubPattern !== undefined && !['cycle', 'both'].includes(options.hubPattern))
    throw new Error('hubPattern must be "cycle" or "both"');
}

export async function generateScaleDataset(databases: DefaultDatabases, options: GenerateOptions): Promise<GenerateSummary> {
  checkOptions(options);
  const started = Date.now();
  const dataset = buildDataset({
    ...options,
    postcodesPerWard: options.postcodesPerWard ?? DEFAULT_POSTCODES_PER_WARD,
    hubPattern: options.hubPattern ?? 'cycle',
  });
  if (!options.force) await assertOnlySynthetic(databases);
  const rowsTotal = dataset.tables.reduce((sum, t) => sum + t.count, 0);
  let rowsDone = 0;
  const report = (phase: ProgressEvent['phase'], step: string) => options.onProgress?.({ phase, step, rowsDone, rowsTotal });
  const onRows = (step: string, rows: number) => {
    rowsDone += rows;
    report('copy', step);
  };
  for (const source of SOURCE_NAMES) {
    await loadSource(
      databases[source],
      dataset.tables.filter((t) => t.spec.source === source),
      onRows,
    );
  }
  report('link', 'crosswalk');
  await addExplicitLinks(databases, dataset.explicitLinks);
  const implicitLinks = await linkUnlinkedRecords(databases);
  report('analyze', 'ANALYZE');
  await analyzeAll(databases);
  return {
    localities: options.localities,
    seed: options.seed,
    rows: Object.fromEntries(dataset.tables.map((t) => [`${t.spec.source}.${t.spec.table}`, t.count])),
    explicitLinks: dataset.explicitLinks.length,
    implicitLinks,
    totalRows: rowsTotal,
    elapsedMs: Date.now() - started,
  };
}
