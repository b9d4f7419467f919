import { ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { migrations as ccgMigrations } from '../../migrations/ccg';
import { migrations as councilMigrations } from '../../migrations/council';
import { migrations as hubMigrations } from '../../migrations/hub';
import { migrations as trustMigrations } from '../../migrations/trust';
import { SOURCE_NAMES, type SourceName } from '../config/config';
import type { SourceSettings } from '../config/sources';
import type { Logger } from '../observability/logger';
import { DEFAULT_SOURCE_LIMITS, guardSource, isOutage, type SourceLimits } from './sourceGuard';

// Calendar dates stay 'YYYY-MM-DD' strings: turning them into JS Dates at local midnight
// shifts them across time zones. Money (numeric) and counts (int8) likewise stay strings.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

/** A timestamptz read as text (`updated_at::text`, in JSON or kept unparsed), parsed as pg parses one. */
export const timestamptzFromText = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ, 'text') as (text: string) => Date;

const MIGRATIONS: Record<SourceName, Function[]> = {
  hub: hubMigrations,
  ccg: ccgMigrations,
  council: councilMigrations,
  trust: trustMigrations,
};

export interface DatabaseOptions {
  poolMax: number;
  statementTimeoutMs: number;
  /** Connect and read limits and circuit breaker per source (default `DEFAULT_SOURCE_LIMITS`). */
  limits?: SourceLimits;
  /** How long to wait for a source that is not up yet (default: no waiting). */
  startWaitMs?: number;
  /** Told which source start-up is waiting for. */
  logger?: Logger;
  /** A source's own pool size and limits, where they differ from the above (SOURCES_FILE). */
  perSource?: Partial<Record<SourceName, Omit<SourceSettings, 'url'>>>;
}

/** One source's pool size, statement timeout and guard limits: its own settings over the shared ones. */
function settingsOf(source: SourceName, options: DatabaseOptions): { poolMax: number; statementTimeoutMs: number; limits: SourceLimits } {
  const own = options.perSource?.[source] ?? {};
  const shared = options.limits ?? DEFAULT_SOURCE_LIMITS;
  return {
    poolMax: own.poolMax ?? options.poolMax,
    statementTimeoutMs: own.statementTimeoutMs ?? options.statementTimeoutMs,
    limits: {
      ...shared,
      connectTimeoutMs: own.connectTimeoutMs ?? shared.connectTimeoutMs,
      queryTimeoutMs: own.queryTimeoutMs ?? shared.queryTimeoutMs,
    },
  };
}

export type Databases = Record<SourceName, DataSource>;

// TypeORM's PostgreSQL driver keeps its pg.Pool as `master` (typed `any`); the hub's reads
// (prepared statements) and bulk work (COPY, long transactions) use it directly.
export const poolOf = (dataSource: DataSource): pg.Pool => (dataSource.driver as unknown as { master: pg.Pool }).master;

function createDataSource(source: SourceName, url: string, options: DatabaseOptions): DataSource {
  const settings = settingsOf(source, options);
  return new DataSource({
    type: 'postgres',
    url,
    migrations: MIGRATIONS[source],
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: false,
    extra: {
      max: settings.poolMax,
      connectionTimeoutMillis: settings.limits.connectTimeoutMs,
      statement_timeout: settings.statementTimeoutMs,
      // The hub's reads are prepared statements (src/db/sql.ts) whose keys are arrays of any
      // length; a generic plan, made once for an unknown array, picked the wrong joins for
      // the service search (Q5 60 -> 150 ms). Custom plans keep each execution's own estimate.
      options: '-c plan_cache_mode=force_custom_plan',
      application_name: `integrated-care-hub:${source}`,
    },
  });
}

/**
 * Connects to one source, waiting for it (with growing pauses, naming it in the log) while
 * it refuses connections or is still starting, up to `startWaitMs`.
 */
async function connectWhenUp(source: SourceName, url: string, options: DatabaseOptions): Promise<DataSource> {
  const deadline = Date.now() + (options.startWaitMs ?? 0);
  const policy = retry(
    handleWhen((error) => isOutage(error) && Date.now() < deadline),
    { maxAttempts: Number.MAX_SAFE_INTEGER, backoff: new ExponentialBackoff({ initialDelay: 250, maxDelay: 5_000 }) },
  );
  policy.onRetry((event) => {
    const reason = 'error' in event && event.error instanceof Error ? event.error.message : 'no answer';
    options.logger?.warn(
      { source, reason, retryInMs: Math.round(event.delay), attempt: event.attempt },
      `waiting for source "${source}" to come up`,
    );
  });
  try {
    return await policy.execute(async () => {
      const dataSource = createDataSource(source, url, options);
      try {
        return await dataSource.initialize();
      } catch (error) {
        if (dataSource.isInitialized) await dataSource.destroy();
        throw error;
      }
    });
  } catch (error) {
    if (!isOutage(error)) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`Source "${source}" is not reachable (${detail}); waited ${Math.round((options.startWaitMs ?? 0) / 1000)} s.`, {
      cause: error,
    });
  }
}

/** Connects to all four databases and brings each to its latest migration. */
export async function openDatabases(urls: Record<SourceName, string>, options: DatabaseOptions): Promise<Databases> {
  const opened: Partial<Databases> = {};
  try {
    for (const source of SOURCE_NAMES) {
      const dataSource = await connectWhenUp(source, urls[source], options);
      guardSource(dataSource, source, settingsOf(source, options).limits, options.logger);
      opened[source] = dataSource;
      await dataSource.runMigrations({ transaction: 'each' });
    }
  } catch (error) {
    await Promise.all(Object.values(opened).map((ds) => ds.destroy()));
    throw error;
  }
  return opened as Databases;
}

export async function closeDatabases(databases: Databases): Promise<void> {
  await Promise.all(SOURCE_NAMES.map((source) => databases[source].destroy()));
}
