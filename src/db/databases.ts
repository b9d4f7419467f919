import { ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { migrations as hubMigrations } from '../../migrations/hub';
import {
  HUB_KIND_ID,
  HUB_SOURCE_ID,
  legacySources,
  SOURCE_NAMES,
  type SourceName,
  type SourceConfig,
  type SourceLimitsOverride,
} from '../config/sources';
import type { Logger } from '../observability/logger';
import { partnerSources, type PartnerSource } from '../sources/registry';
import { planPools, type ConnectionBudget } from './connectionBudget';
import { inTurns } from './inTurns';
import { parseLsn } from './lsn';
import { ReplicaPosition } from './replicaPosition';
import { replicaOf, setReplica, type ReadRole } from './replicas';
import { DEFAULT_SOURCE_LIMITS, guardSource, isOutage, SourceGuard, type SourceLimits } from './sourceGuard';

// Calendar dates stay 'YYYY-MM-DD' strings: turning them into JS Dates at local midnight
// shifts them across time zones. Money (numeric) and counts (int8) likewise stay strings.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

/** A timestamptz read as text (`updated_at::text`, in JSON or kept unparsed), parsed as pg parses one. */
export const timestamptzFromText = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ, 'text') as (text: string) => Date;

export interface DatabaseOptions {
  poolMax: number;
  statementTimeoutMs: number;
  /** Connect and read limits and circuit breaker per source (default `DEFAULT_SOURCE_LIMITS`). */
  limits?: SourceLimits;
  /** How long to wait for a source that is not up yet (default: no waiting). */
  startWaitMs?: number;
  /** Told which source start-up is waiting for. */
  logger?: Logger;
  /** Size pools to fit each server's max_connections (src/db/connectionBudget.ts); absent: as configured. */
  budget?: ConnectionBudget;
}

/** A source to open: its configuration with the URL settled (the embedded server's where none was given). */
export type OpenableSource = SourceConfig & {
  url: string;
  /** The read replica's pool size, when the budget set it. */ readPoolMax?: number;
};

/** One source's pool size, statement timeout and guard limits: its own settings over the shared ones. */
function settingsOf(
  own: SourceLimitsOverride,
  options: DatabaseOptions,
): { poolMax: number; statementTimeoutMs: number; limits: SourceLimits } {
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

/** The hub's registry and each partner source's database, by source id. */
export type Databases = { readonly hub: DataSource } & { readonly [source: string]: DataSource | undefined };

// The configured partner sources of a set of databases, for everything that iterates them.
const PARTNERS = new WeakMap<Databases, readonly PartnerSource[]>();

/** The partner sources these databases were opened for, in configured order. */
export const partnersOf = (databases: Databases): readonly PartnerSource[] => PARTNERS.get(databases) ?? [];

/** Every source id: the hub's registry first, then the partners in configured order. */
export const sourceIdsOf = (databases: Databases): string[] => [HUB_SOURCE_ID, ...partnersOf(databases).map((p) => p.id)];

/** Every source's id and kind, the hub's registry first. */
export const declaredSources = (databases: Databases): { id: string; kind: string }[] => [
  { id: HUB_SOURCE_ID, kind: HUB_KIND_ID },
  ...partnersOf(databases).map((p) => ({ id: p.id, kind: p.kind.id })),
];

/** One source's database, or a clear error naming the sources there are. */
export function databaseOf(databases: Databases, source: string): DataSource {
  const found = databases[source];
  if (!found) throw new Error(`No source "${source}" is configured (sources: ${sourceIdsOf(databases).join(', ')})`);
  return found;
}

/** The kind of a source: `hub-registry` or its partner kind's id. */
export const kindOf = (databases: Databases, source: string): string =>
  partnersOf(databases).find((p) => p.id === source)?.kind.id ?? HUB_KIND_ID;

// TypeORM's PostgreSQL driver keeps its pg.Pool as `master` (typed `any`); the hub's reads
// (prepared statements) and bulk work (COPY, long transactions) use it directly.
export const poolOf = (dataSource: DataSource): pg.Pool => (dataSource.driver as unknown as { master: pg.Pool }).master;

/** A source's pg.Pool settings, the same for its primary and its read replica. */
function poolSettings(source: OpenableSource, options: DatabaseOptions, role: ReadRole): pg.PoolConfig {
  const settings = settingsOf(source, options);
  return {
    max: role === 'replica' ? (source.readPoolMax ?? settings.poolMax) : settings.poolMax,
    // The pool's own limit on a wait in its queue and on a new connection: the read's deadline
    // (the guard gives a new connection the shorter DB_CONNECT_TIMEOUT_MS itself, src/db/sourceGuard.ts).
    connectionTimeoutMillis: Math.max(settings.limits.connectTimeoutMs, settings.limits.queryTimeoutMs),
    statement_timeout: settings.statementTimeoutMs,
    // The hub's reads are prepared statements (src/db/sql.ts) whose keys are arrays of any
    // length. In a partner's database a generic plan, made once for an unknown array, picked
    // the wrong joins for the service search (Q5 60 -> 150 ms), so each execution is planned
    // for its own keys. The registry's reads are lookups by key: PostgreSQL's own choice
    // (`auto`) keeps planning array lookups per execution and reuses the generic plan of a
    // single-key one (`queryByKeys`, src/loaders/batch.ts), 0.2–0.3 ms of planning a statement.
    options: `-c plan_cache_mode=${source.kind === HUB_KIND_ID ? 'auto' : 'force_custom_plan'}`,
    application_name: `integrated-care-hub:${source.id}${role === 'replica' ? ':replica' : ''}`.slice(0, 63),
  };
}

function createDataSource(source: OpenableSource, migrations: readonly Function[], options: DatabaseOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: source.url,
    migrations: [...migrations],
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: false,
    extra: poolSettings(source, options, 'primary'),
  });
}

/** How far a standby has replayed (null on a server that is not one). */
export const REPLAY_POSITION = 'SELECT pg_last_wal_replay_lsn()::text AS lsn';

/**
 * A source's read replica: a pool of its own (no TypeORM: nothing but reads goes there) and
 * a guard of its own. Not connected at start: a replica that is down is no reason not to start.
 */
function openReplica(primary: DataSource, source: OpenableSource & { readUrl: string }, kind: string, options: DatabaseOptions): void {
  const pool = new pg.Pool({ ...poolSettings(source, options, 'replica'), connectionString: source.readUrl });
  // An idle connection the replica drops (restart, failover) must not end the process.
  pool.on('error', (error) => options.logger?.warn({ source: source.id, err: error }, 'read replica dropped an idle connection'));
  const guard = new SourceGuard(source.id, kind, settingsOf(source, options).limits, options.logger, 'replica');
  const position = new ReplicaPosition(async () => {
    const { rows } = await guard.query(pool, { text: REPLAY_POSITION });
    const replayed = (rows[0] as { lsn: string | null } | undefined)?.lsn;
    return replayed ? parseLsn(replayed) : null;
  });
  setReplica(primary, { pool, guard, position });
}

/**
 * Connects to one source, waiting for it (with growing pauses, naming it in the log) while
 * it refuses connections or is still starting, up to `startWaitMs`.
 */
async function connectWhenUp(source: OpenableSource, migrations: readonly Function[], options: DatabaseOptions): Promise<DataSource> {
  const deadline = Date.now() + (options.startWaitMs ?? 0);
  const policy = retry(
    handleWhen((error) => isOutage(error) && Date.now() < deadline),
    { maxAttempts: Number.MAX_SAFE_INTEGER, backoff: new ExponentialBackoff({ initialDelay: 250, maxDelay: 5_000 }) },
  );
  policy.onRetry((event) => {
    const reason = 'error' in event && event.error instanceof Error ? event.error.message : 'no answer';
    options.logger?.warn(
      { source: source.id, reason, retryInMs: Math.round(event.delay), attempt: event.attempt },
      `waiting for source "${source.id}" to come up`,
    );
  });
  try {
    return await policy.execute(async () => {
      const dataSource = createDataSource(source, migrations, options);
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
    throw new Error(`Source "${source.id}" is not reachable (${detail}); waited ${Math.round((options.startWaitMs ?? 0) / 1000)} s.`, {
      cause: error,
    });
  }
}

const OPEN_AT_ONCE = 4;

/** The sources with each pool (primary and read replica) sized to fit its server's connections. */
async function withinBudget(
  sources: readonly OpenableSource[],
  options: DatabaseOptions,
  budget: ConnectionBudget,
): Promise<OpenableSource[]> {
  const demands = sources.flatMap((source) => {
    const wanted = settingsOf(source, options).poolMax;
    const primary = { key: source.id, url: source.url, wanted };
    return source.readUrl ? [primary, { key: `${source.id} replica`, url: source.readUrl, wanted }] : [primary];
  });
  const connectTimeoutMs = (options.limits ?? DEFAULT_SOURCE_LIMITS).connectTimeoutMs;
  const sizes = await planPools(demands, budget, connectTimeoutMs, options.logger);
  return sources.map((source) => ({ ...source, poolMax: sizes.get(source.id), readPoolMax: sizes.get(`${source.id} replica`) }));
}

/**
 * Connects to every configured source (the hub's registry first) and brings each to its
 * kind's latest migration.
 */
export async function openDatabases(configured: readonly OpenableSource[], options: DatabaseOptions): Promise<Databases> {
  const sources = options.budget ? await withinBudget(configured, options, options.budget) : configured;
  const partners = partnerSources(sources.filter((s) => s.id !== HUB_SOURCE_ID));
  const opened: Record<string, DataSource> = {};
  const open = async (source: OpenableSource) => {
    const kind = partners.find((p) => p.id === source.id)?.kind;
    const dataSource = await connectWhenUp(source, kind?.migrations ?? hubMigrations, options);
    guardSource(dataSource, source.id, kind?.id ?? HUB_KIND_ID, settingsOf(source, options).limits, options.logger);
    opened[source.id] = dataSource;
    if (source.readUrl) openReplica(dataSource, { ...source, readUrl: source.readUrl }, kind?.id ?? HUB_KIND_ID, options);
    await dataSource.runMigrations({ transaction: 'each' });
  };
  // A few at a time: a place's partners' databases open and migrate in a quarter of the
  // time, without a burst of connections at one server.
  const settled = await inTurns(sources, OPEN_AT_ONCE, open);
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) {
    await Promise.all(Object.values(opened).map(closeSource));
    throw failure.reason;
  }
  if (!opened[HUB_SOURCE_ID]) throw new Error(`The hub's registry (source "${HUB_SOURCE_ID}") is not configured`);
  const databases = opened as Databases; // the hub's registry checked just above
  PARTNERS.set(databases, partners);
  return databases;
}

/** The default sources' databases (no sources file): hub, ccg, council and trust, each surely there. */
export type DefaultDatabases = Databases & Record<SourceName, DataSource>;

/** The databases as the default sources', or an error naming the one missing (a sources file is in use). */
export function asDefaultDatabases(databases: Databases): DefaultDatabases {
  const missing = SOURCE_NAMES.filter((source) => !databases[source]);
  if (missing.length > 0) throw new Error(`Expected the default sources; missing ${missing.join(', ')} (is SOURCES_FILE set?)`);
  return databases as DefaultDatabases; // each default source checked just above
}

/** Opens the default sources at the given URLs: what the scale dataset, the benchmark and tools below the hub use. */
export async function openDefaultDatabases(urls: Record<SourceName, string>, options: DatabaseOptions): Promise<DefaultDatabases> {
  const sources = legacySources({}).map((s) => ({ ...s, url: urls[s.id as SourceName] }));
  return (await openDatabases(sources, options)) as DefaultDatabases; // every default source opened above
}

async function closeSource(primary: DataSource): Promise<void> {
  await Promise.all([primary.destroy(), replicaOf(primary)?.pool.end()]);
}

export async function closeDatabases(databases: Databases): Promise<void> {
  await Promise.all(sourceIdsOf(databases).map((source) => closeSource(databaseOf(databases, source))));
}
