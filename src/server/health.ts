import type { Request, Response } from 'express';
import { databaseOf, partnersOf, poolOf, REPLAY_POSITION, sourceIdsOf, type Databases } from '../db/databases';
import { parseLsn } from '../db/lsn';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { replicaOf, type ReadReplica } from '../db/replicas';
import { guardOf, type SourceGuard } from '../db/sourceGuard';
import { SourceUnavailableError } from './errors';
import type { SharedRedis } from '../cache/redis';

/**
 * `/health/live`: the process answers. `/health/ready`: what the hub last knew of each
 * source, Redis included, at no cost per request: each source is probed through its guard
 * in the background at a fixed rate (HEALTH_REFRESH_MS; a probe after a cool-down closes an
 * open circuit), and a circuit that opened since is shown at once. However often a balancer
 * or a stranger asks, the databases see one probe per source (and replica) per refresh.
 * Not ready only when the hub's own registry is down: without a partner the hub still
 * answers, partially. A source's read replica is probed after its primary, and never makes
 * the hub unready: while it is down its reads go to the primary. Nor does Redis: without it
 * the cache misses and rate limits count in this process. The two probes of a replicated
 * source are its replica's lag measurement (src/db/replicaPosition.ts): the primary's WAL
 * position, then how far the standby has replayed, in that order so that a standby a few
 * milliseconds behind is seen to have replayed what the primary had just before.
 */

export interface SourceHealth {
  kind: string;
  /** The organisations whose data the source holds, as configured (partner sources). */
  organisations?: readonly string[];
  /** `up` answered; `down` failed now; `open` failed repeatedly and is skipped until its cool-down ends. */
  state: 'up' | 'down' | 'open';
  latencyMs: number;
  reason?: string;
  /** The source's read replica, when it has one: down or open, its reads go to the primary. */
  replica?: ReplicaHealth;
}

export interface ReplicaHealth {
  state: SourceHealth['state'];
  latencyMs: number;
  reason?: string;
  /** Whether the server is a standby replaying a primary (false: the URL leads to a primary). */
  standby?: boolean;
  /** How far it has replayed its primary's WAL. */
  replayLsn?: string;
  /**
   * How long ago the primary was last at a position the standby has replayed, in seconds (0:
   * it has replayed the primary's position probed just before); null when not a standby or
   * the primary's position is not known.
   */
  lagSeconds?: number | null;
}

// The primary's position for its replica's lag: what it has flushed, which a standby can have.
// A "primary" that is itself a standby (cascading) has no flush position of its own.
const PRIMARY_POSITION = `SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()
  ELSE pg_current_wal_flush_lsn() END::text AS lsn`;

/** One probe through a guard: `up`, or why not (`open` when the circuit skips it). */
async function probed<T>(
  guard: SourceGuard,
  pool: pg.Pool,
  text: string,
): Promise<{ state: SourceHealth['state']; latencyMs: number; reason?: string; rows?: T[] }> {
  const started = performance.now();
  const latencyMs = () => Math.round(performance.now() - started);
  try {
    const result = await guard.query(pool, { text });
    return { state: 'up', latencyMs: latencyMs(), rows: result.rows as T[] };
  } catch (error) {
    const reason = error instanceof SourceUnavailableError ? error.reason : error instanceof Error ? error.message : String(error);
    return { state: guard.status === 'closed' ? 'down' : 'open', latencyMs: latencyMs(), reason };
  }
}

async function probeReplica(replica: ReadReplica): Promise<ReplicaHealth> {
  const at = performance.now();
  const { rows, ...health } = await probed<{ lsn: string | null }>(replica.guard, replica.pool, REPLAY_POSITION);
  const row = rows?.[0];
  if (!row) return health;
  replica.position.noteReplay(at, row.lsn === null ? null : parseLsn(row.lsn));
  const { lagMs } = replica.position;
  return {
    ...health,
    standby: row.lsn !== null,
    ...(row.lsn !== null ? { replayLsn: row.lsn } : {}),
    lagSeconds: lagMs === null ? null : Math.round(lagMs) / 1000,
  };
}

/** The primary's probe; for a source with a replica, its WAL position too, the first half of the replica's lag. */
async function probePrimary(database: DataSource, replica: ReadReplica | undefined): Promise<Omit<SourceHealth, 'kind'>> {
  const at = performance.now();
  const { rows, ...health } = await probed<{ lsn: string | null }>(
    guardOf(database),
    poolOf(database),
    replica ? PRIMARY_POSITION : 'SELECT 1',
  );
  const lsn = parseLsn(rows?.[0]?.lsn ?? '');
  if (replica && lsn !== null) replica.position.notePrimary(at, lsn);
  return health;
}

async function probe(databases: Databases, source: string): Promise<SourceHealth> {
  const database = databaseOf(databases, source);
  const replica = replicaOf(database);
  const organisations = partnersOf(databases).find((p) => p.id === source)?.organisations;
  const primary = await probePrimary(database, replica);
  const replicaHealth = replica ? await probeReplica(replica) : undefined;
  return {
    kind: guardOf(database).kind,
    ...(organisations ? { organisations } : {}),
    ...primary,
    ...(replicaHealth ? { replica: replicaHealth } : {}),
  };
}

export const live = (_req: Request, res: Response): void => {
  res.json({ status: 'live' });
};

/** Redis as /health/ready shows it: `down` when a command failed or passed its deadline lately. */
export interface RedisHealth {
  state: 'up' | 'down';
  latencyMs: number;
  reason?: string;
}

async function probeRedis(redis: SharedRedis): Promise<RedisHealth> {
  const started = performance.now();
  try {
    await redis.call((client) => client.ping());
    return { state: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      state: 'down',
      latencyMs: Math.round(performance.now() - started),
      reason: error instanceof Error ? error.message : String(error),
    };
  }
}

interface Snapshot {
  sources: Record<string, SourceHealth>;
  redis?: RedisHealth;
  checkedAt: number;
}

/** A last probe with its circuit as it is now: one opened since shows `open` at once. */
function circuitNow<H extends { state: SourceHealth['state']; reason?: string }>(guard: SourceGuard, health: H): H {
  if (guard.status === 'closed' || health.state === 'open') return health;
  return { ...health, state: 'open', reason: guard.lastFailure ?? health.reason };
}

function withCircuitNow(databases: Databases, source: string, health: SourceHealth): SourceHealth {
  const database = databaseOf(databases, source);
  const replica = replicaOf(database);
  const primary = circuitNow(guardOf(database), health);
  return replica && health.replica ? { ...primary, replica: circuitNow(replica.guard, health.replica) } : primary;
}

export interface HealthMonitor {
  ready(req: Request, res: Response): void;
  stop(): void;
}

/** Probes every source (and Redis) now and then every `refreshMs`, never two rounds at once. */
export async function monitorHealth(databases: Databases, redis: SharedRedis | null, refreshMs: number): Promise<HealthMonitor> {
  const round = async (): Promise<Snapshot> => {
    const [checked, redisHealth] = await Promise.all([
      Promise.all(sourceIdsOf(databases).map(async (source) => [source, await probe(databases, source)] as const)),
      redis ? probeRedis(redis) : undefined,
    ]);
    return { sources: Object.fromEntries(checked), ...(redisHealth ? { redis: redisHealth } : {}), checkedAt: Date.now() };
  };
  let last = await round();
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void round()
      .then((snapshot) => (last = snapshot))
      .finally(() => (running = false));
  }, refreshMs).unref();
  return {
    ready: (_req, res) => {
      const sources = Object.fromEntries(Object.entries(last.sources).map(([id, health]) => [id, withCircuitNow(databases, id, health)]));
      const isReady = sources.hub?.state === 'up';
      res.status(isReady ? 200 : 503).json({
        status: isReady ? 'ready' : 'not ready',
        sources,
        ...(last.redis ? { redis: redis?.state === 'down' ? { ...last.redis, state: 'down' } : last.redis } : {}),
        checkedSecondsAgo: Math.round((Date.now() - last.checkedAt) / 100) / 10,
      });
    },
    stop: () => clearInterval(timer),
  };
}
