import { existsSync } from 'node:fs';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import { markAbandonedRuns } from './ingestion/runLiveness';
import type { HubConfig } from './config/config';
import { HUB_SOURCE_ID } from './config/sources';
import { linkUnlinkedRecords } from './crosswalk/link';
import { closeDatabases, databaseOf, openDatabases, partnersOf, poolOf, type Databases, type OpenableSource } from './db/databases';
import { inTurns } from './db/inTurns';
import { attachToRunningEmbedded, startEmbeddedPostgres, type EmbeddedServer } from './db/embeddedPostgres';
import { ingestExtract } from './ingestion/ingest';
import { HUB_TABLES, type TableSpec } from './ingestion/tables';
import { setLoaderMode } from './loaders/batch';
import type { Clock } from './clock';
import type { Logger } from './observability/logger';
import { connectRedis, type SharedRedis } from './cache/redis';
import { startHttpServer, type HttpServerOptions, type RunningHttpServer } from './server/http';
import { readAllowList } from './server/persistedOperations';
import { PACKAGE_ROOT } from './packageRoot';

/** The demo dataset shipped with the hub: real places and organisations, see data/demo/PROVENANCE.md. */
export const DEMO_DATA_DIR = path.join(PACKAGE_ROOT, 'data/demo');

// Today's four sources keep the database names they had before sources were configurable.
const EMBEDDED_NAMES: Record<string, string> = {
  hub: 'hub_registry',
  ccg: 'ccg_primary_care',
  council: 'council_registers',
  trust: 'trust_sites',
};

/** A source's database on the embedded PostgreSQL. */
export const embeddedDatabaseName = (source: string): string => EMBEDDED_NAMES[source] ?? `source_${source.replace(/-/g, '_')}`;

/** Each source's extract tables, in load order: the hub's registry first. */
export function tablesBySource(databases: Databases): [string, readonly TableSpec[]][] {
  return [[HUB_SOURCE_ID, HUB_TABLES], ...partnersOf(databases).map((p): [string, readonly TableSpec[]] => [p.id, p.kind.tables])];
}

/** Whether a source holds no row at all (a source may have nothing in its first table: a county keeps no wards). */
async function isEmpty(databases: Databases, source: string, tables: readonly TableSpec[]): Promise<boolean> {
  const any = tables.map((t) => `EXISTS (SELECT 1 FROM ${t.table})`).join(' OR ');
  const [row] = await databaseOf(databases, source).query<{ any: boolean }[]>(`SELECT ${any} AS any`);
  return !row?.any;
}

/**
 * Loads a folder of extracts (`<source>/<file>.csv`) into every database that is still
 * empty, through the same `ingest` path partners use, refusing any extract with a bad row.
 * Then brings the identity crosswalk up to date.
 */
export async function loadExtractsIfEmpty(databases: Databases, folder: string, logger: Logger): Promise<void> {
  const bySource = tablesBySource(databases);
  const files = bySource.flatMap(([source, tables]) => tables.filter((t) => existsSync(path.join(folder, source, t.file))));
  // One line per extract is for debugging; a person starting the hub sees a bar, then one summary line.
  const bar =
    process.stderr.isTTY && logger.isLevelEnabled('info')
      ? new SingleBar({ format: ' loading the demo data {bar} {value}/{total} extracts', hideCursor: true, stream: process.stderr })
      : null;
  const loaded = { extracts: 0, rows: 0 };
  const load = async ([source, tables]: [string, readonly TableSpec[]]) => {
    if (!(await isEmpty(databases, source, tables))) return;
    for (const spec of tables) {
      const file = path.join(folder, source, spec.file);
      if (!existsSync(file)) continue;
      const result = await ingestExtract(databases, { source, table: spec.table, file, runBy: 'hub start-up (demo data)' });
      logger.debug({ source, table: spec.table, inserted: result.inserted, rejected: result.rejected }, 'loaded extract');
      loaded.extracts += 1;
      loaded.rows += result.inserted;
      bar?.update(loaded.extracts);
    }
  };
  bar?.start(files.length, 0);
  try {
    // The registry first (the crosswalk's explicit links), then the partners a few at a time.
    const [registry, ...partners] = bySource;
    await load(registry!);
    const failure = (await inTurns(partners, 4, load)).find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure) throw failure.reason;
  } finally {
    bar?.stop();
  }
  const linked = await linkUnlinkedRecords(databases);
  if (loaded.extracts > 0)
    logger.info({ ...loaded, linked }, `loaded ${loaded.extracts} extracts (${loaded.rows} rows) into empty sources`);
}

export interface Hub {
  url: string;
  databases: Databases;
  stop(): Promise<void>;
}

export interface OpenedDatabases {
  databases: Databases;
  close(): Promise<void>;
}

/**
 * The configured sources' databases: a URL where one is set, otherwise a database on the
 * embedded PostgreSQL (attached to if a running hub already started it). Migrated to the latest.
 */
export async function openConfiguredDatabases(config: HubConfig, logger: Logger): Promise<OpenedDatabases> {
  let embedded: EmbeddedServer | null = null;
  const sources: OpenableSource[] = [];
  try {
    for (const source of config.sources) {
      if (source.url) {
        sources.push({ ...source, url: source.url });
        continue;
      }
      embedded ??=
        (await attachToRunningEmbedded(config.embeddedPort, config.dataDir)) ??
        (await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPort, logger }));
      await embedded.ensureDatabase(embeddedDatabaseName(source.id));
      sources.push({ ...source, url: embedded.urlFor(embeddedDatabaseName(source.id)) });
    }
    const databases = await openDatabases(sources, {
      poolMax: config.poolMax,
      statementTimeoutMs: config.statementTimeoutMs,
      limits: config.sourceLimits,
      startWaitMs: config.sourceStartWaitMs,
      logger,
      budget: config.connectionBudget,
    });
    return {
      databases,
      close: async () => {
        await closeDatabases(databases);
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/**
 * What a configuration cannot say, for tests and benchmarks: the wiring is otherwise the
 * one `npm start` uses.
 */
export interface StartOptions {
  /** Extracts to load into empty databases in place of the demo data (when the config loads data). */
  dataFolder?: string;
  /** The clock the caches and rate limits read (the system's by default). */
  clock?: Clock;
  /** Heap in use as admission reads it (V8's by default). */
  heapUsed?: () => number;
}

/** Data at start: the demo (or given) extracts into empty databases, else only the crosswalk brought up to date. */
export async function prepareData(config: HubConfig, databases: Databases, logger: Logger, dataFolder = DEMO_DATA_DIR): Promise<void> {
  await markAbandonedRuns(poolOf(databases.hub), logger);
  if (config.loadDemoData) await loadExtractsIfEmpty(databases, dataFolder, logger);
  else await linkUnlinkedRecords(databases);
}

/** The HTTP server's options, every one from the config: a setting dropped here is a setting `npm start` ignores. */
export function httpOptionsFor(config: HubConfig, databases: Databases, logger: Logger, options: StartOptions = {}): HttpServerOptions {
  return {
    databases,
    limits: { defaultPageSize: config.defaultPageSize, maxPageSize: config.maxPageSize },
    logger,
    host: config.host,
    port: config.port,
    exposeStatementCounts: config.exposeStatementCounts,
    responseCacheSeconds: config.responseCacheSeconds,
    readYourWritesMs: config.readYourWritesMs,
    replicaMaxLagMs: config.replicaMaxLagMs,
    readAfterWaitMs: config.readAfterWaitMs,
    apiKeyCacheSeconds: config.apiKeyCacheSeconds,
    admission: { ...config.admission, ...(options.heapUsed ? { heapUsed: options.heapUsed } : {}) },
    introspection: config.introspection,
    explorer: config.explorer,
    corsOrigins: config.corsOrigins,
    trustProxy: config.trustProxy,
    protection: config.protection,
    bodyLimitBytes: config.bodyLimitBytes,
    jwt: config.jwt,
    allowedOperations: config.persistedOperationsFile ? readAllowList(config.persistedOperationsFile) : null,
    policy: { smallNumberThreshold: config.smallNumberThreshold },
    clock: options.clock,
    subgraph: config.subgraph,
    subgraphSecret: config.subgraphSecret,
    healthRefreshMs: config.healthRefreshMs,
    metricsAccess: config.metricsAccess,
  };
}

/** Starts everything `npm start` runs: databases (embedded where no URL is set), data, HTTP. A failed start closes what it opened. */
export async function startHub(config: HubConfig, logger: Logger, options: StartOptions = {}): Promise<Hub> {
  const opened = await openConfiguredDatabases(config, logger);
  const { databases } = opened;
  let http: RunningHttpServer | undefined;
  let redis: SharedRedis | null = null;
  const stop = async () => {
    await http?.close();
    await redis?.close();
    await opened.close();
  };
  try {
    if (config.redis) redis = await connectRedis(config.redis.url, config.redis.keyPrefix, config.redis.timeoutMs, logger);
    await prepareData(config, databases, logger, options.dataFolder);
    setLoaderMode(config.loaderMode);
    if (config.loaderMode === 'naive') logger.warn('LOADER_MODE=naive: DataLoaders are off (benchmark reference only)');
    http = await startHttpServer({ ...httpOptionsFor(config, databases, logger, options), redis });
    return { url: http.url, databases, stop };
  } catch (error) {
    await stop().catch((stopError: unknown) => logger.error({ err: stopError }, 'clean-up after failed start failed'));
    throw error;
  }
}
