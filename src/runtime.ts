import { existsSync } from 'node:fs';
import path from 'node:path';
import { SOURCE_NAMES, type HubConfig, type SourceName } from './config/config';
import { linkUnlinkedRecords } from './crosswalk/link';
import { closeDatabases, openDatabases, type Databases } from './db/databases';
import { attachToRunningEmbedded, startEmbeddedPostgres, type EmbeddedServer } from './db/embeddedPostgres';
import { ingestExtract } from './ingestion/ingest';
import { TABLE_SPECS } from './ingestion/tables';
import { setLoaderMode } from './loaders/batch';
import type { Logger } from './observability/logger';
import { connectRedis, type SharedRedis } from './cache/redis';
import { startHttpServer, type RunningHttpServer } from './server/http';
import { readAllowList } from './server/persistedOperations';

/** The demo dataset shipped with the hub: real places and organisations, see data/demo/PROVENANCE.md. */
export const DEMO_DATA_DIR = path.resolve(__dirname, '../data/demo');

/** Embedded database names, one per source. */
export const EMBEDDED_DATABASES: Record<SourceName, string> = {
  hub: 'hub_registry',
  ccg: 'ccg_primary_care',
  council: 'council_registers',
  trust: 'trust_sites',
};

async function isEmpty(databases: Databases, source: SourceName): Promise<boolean> {
  const first = TABLE_SPECS[source][0]!.table;
  const [row] = await databases[source].query<{ any: boolean }[]>(`SELECT EXISTS (SELECT 1 FROM ${first}) AS any`);
  return !row?.any;
}

/**
 * Loads a folder of extracts (`<source>/<file>.csv`) into every database that is still
 * empty, through the same `ingest` path partners use, refusing any extract with a bad row.
 * Then brings the identity crosswalk up to date.
 */
export async function loadExtractsIfEmpty(databases: Databases, folder: string, logger: Logger): Promise<void> {
  for (const source of SOURCE_NAMES) {
    if (!(await isEmpty(databases, source))) continue;
    for (const spec of TABLE_SPECS[source]) {
      const file = path.join(folder, source, spec.file);
      if (!existsSync(file)) continue;
      const result = await ingestExtract(databases, { source, table: spec.table, file, runBy: 'hub start-up (demo data)' });
      logger.info({ source, table: spec.table, inserted: result.inserted, rejected: result.rejected }, 'loaded extract');
    }
  }
  const linked = await linkUnlinkedRecords(databases);
  if (linked > 0) logger.info({ linked }, 'linked new partner records into the identity crosswalk');
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
 * The four databases as configured: a URL where one is set, otherwise the embedded
 * PostgreSQL (attached to if a running hub already started it). Migrated to the latest.
 */
export async function openConfiguredDatabases(config: HubConfig, logger: Logger): Promise<OpenedDatabases> {
  let embedded: EmbeddedServer | null = null;
  const urls = {} as Record<SourceName, string>;
  try {
    for (const source of SOURCE_NAMES) {
      const given = config.databaseUrls[source];
      if (given) {
        urls[source] = given;
        continue;
      }
      embedded ??=
        (await attachToRunningEmbedded(config.embeddedPort)) ??
        (await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPort, logger }));
      await embedded.ensureDatabase(EMBEDDED_DATABASES[source]);
      urls[source] = embedded.urlFor(EMBEDDED_DATABASES[source]);
    }
    const databases = await openDatabases(urls, { poolMax: config.poolMax, statementTimeoutMs: config.statementTimeoutMs });
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

/** Starts everything `npm start` runs: databases (embedded where no URL is set), data, HTTP. */
export async function startHub(config: HubConfig, logger: Logger): Promise<Hub> {
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
    if (config.redis) redis = await connectRedis(config.redis.url, config.redis.keyPrefix, logger);
    if (config.loadDemoData) await loadExtractsIfEmpty(databases, DEMO_DATA_DIR, logger);
    else await linkUnlinkedRecords(databases);
    setLoaderMode(config.loaderMode);
    if (config.loaderMode === 'naive') logger.warn('LOADER_MODE=naive: DataLoaders are off (benchmark reference only)');
    http = await startHttpServer({
      databases,
      limits: { defaultPageSize: config.defaultPageSize, maxPageSize: config.maxPageSize },
      logger,
      host: config.host,
      port: config.port,
      exposeStatementCounts: config.exposeStatementCounts,
      responseCacheSeconds: config.responseCacheSeconds,
      apiKeyCacheSeconds: config.apiKeyCacheSeconds,
      admission: config.admission,
      introspection: config.introspection,
      protection: config.protection,
      bodyLimitBytes: config.bodyLimitBytes,
      jwt: config.jwt,
      allowedOperations: config.persistedOperationsFile ? readAllowList(config.persistedOperationsFile) : null,
      policy: { smallNumberThreshold: config.smallNumberThreshold },
      redis,
      subgraph: config.subgraph,
    });
    return { url: http.url, databases, stop };
  } catch (error) {
    await stop().catch((stopError: unknown) => logger.error({ err: stopError }, 'clean-up after failed start failed'));
    throw error;
  }
}
