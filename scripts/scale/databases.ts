import path from 'node:path';
import { loadConfig, SOURCE_NAMES, type SourceName } from '../../src/config/config';
import { closeDatabases, openDefaultDatabases, type DefaultDatabases } from '../../src/db/databases';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/db/embeddedPostgres';
import type { Logger } from '../../src/observability/logger';

/**
 * The scale databases, found the way `npm start` finds the hub's (src/runtime.ts): a
 * database whose `*_DATABASE_URL` is set is used as given; the others live on an embedded
 * PostgreSQL. That embedded server has its own data folder (`.data-scale`) and port, and
 * its own database names, so the scale dataset never touches the demo's `.data`.
 */

export const SCALE_DATABASE_NAMES: Record<SourceName, string> = {
  hub: 'scale_hub',
  ccg: 'scale_ccg',
  council: 'scale_council',
  trust: 'scale_trust',
};

export const DEFAULT_SCALE_DATA_DIR = '.data-scale';
/** Neither the demo's 54329 nor bench/ingest-extract.ts's 54339: all three can run side by side. */
export const DEFAULT_SCALE_PG_PORT = 54349;

export interface ScaleDatabaseOptions {
  dataDir: string;
  port: number;
  poolMax: number;
  /** 0 turns the statement timeout off (the generator's COPY of a million rows needs it). */
  statementTimeoutMs: number;
  logger: Logger;
}

export interface ScaleDatabases {
  databases: DefaultDatabases;
  urls: Record<SourceName, string>;
  /** The embedded server's data folder, or null when every database has a URL. */
  embeddedDataDir: string | null;
  close(): Promise<void>;
}

async function resolveUrls(options: ScaleDatabaseOptions, started: { server?: EmbeddedServer }): Promise<Record<SourceName, string>> {
  const given = loadConfig().sources;
  const urls = {} as Record<SourceName, string>;
  for (const source of SOURCE_NAMES) {
    const url = given.find((s) => s.id === source)?.url;
    if (url) {
      urls[source] = url;
      continue;
    }
    started.server ??= await startEmbeddedPostgres({ dataDir: path.resolve(options.dataDir), port: options.port, logger: options.logger });
    await started.server.ensureDatabase(SCALE_DATABASE_NAMES[source]);
    urls[source] = started.server.urlFor(SCALE_DATABASE_NAMES[source]);
  }
  return urls;
}

/** Connects to (and migrates) the four scale databases, starting the embedded server if needed. */
export async function openScaleDatabases(options: ScaleDatabaseOptions): Promise<ScaleDatabases> {
  const started: { server?: EmbeddedServer } = {};
  try {
    const urls = await resolveUrls(options, started);
    const databases = await openDefaultDatabases(urls, { poolMax: options.poolMax, statementTimeoutMs: options.statementTimeoutMs });
    return {
      databases,
      urls,
      embeddedDataDir: started.server ? path.resolve(options.dataDir) : null,
      close: async () => {
        await closeDatabases(databases);
        await started.server?.stop();
      },
    };
  } catch (error) {
    await started.server?.stop().catch(() => undefined);
    throw error;
  }
}
