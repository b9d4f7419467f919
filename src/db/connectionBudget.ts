import pg from 'pg';
import type { Logger } from '../observability/logger';

/**
 * The connection budget. Every source has a pool, and sources often share a server (the
 * demo's twenty on one embedded PostgreSQL; a partnership's partners on a few managed
 * servers). Pools sized alone add up past the server's `max_connections`, and a full server
 * refuses connections ("too many clients already"): healthy partners would be reported down.
 * So at start-up the hub asks each server its `max_connections` and reserved slots, keeps
 * `headroom` of them free for everything else (CLI commands, psql, backups), divides the rest
 * among the hub processes the operator declares, and shares each process's part among the
 * pools on that server: no pool larger than asked for, none under one connection.
 */

export interface ConnectionBudget {
  /** Hub processes (replicas behind a balancer) that open the same pools on the same servers. */
  hubProcesses: number;
  /** Connections each server keeps free for clients other than the hub's pools. */
  headroom: number;
}

/** One pool to be opened: which server it goes to and how large it would be on its own. */
export interface PoolDemand {
  key: string;
  url: string;
  wanted: number;
}

export interface ServerLimits {
  maxConnections: number;
  /** Slots only superusers (and pg_use_reserved_connections) may take. */
  reserved: number;
}

/** A server as host and port: two databases on it share its connections. */
export function serverOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}`;
}

export class ConnectionBudgetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionBudgetError';
  }
}

/** What one server allows, asked over a connection of its own. */
export async function askServer(url: string, connectTimeoutMs: number): Promise<ServerLimits> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs, query_timeout: connectTimeoutMs });
  await client.connect();
  try {
    const { rows } = await client.query<{ max: number; reserved: number }>(
      `SELECT current_setting('max_connections')::int AS max,
              current_setting('superuser_reserved_connections')::int
                + coalesce(current_setting('reserved_connections', true)::int, 0) AS reserved`,
    );
    return { maxConnections: rows[0]!.max, reserved: rows[0]!.reserved };
  } finally {
    await client.end();
  }
}

/** The connections one hub process may hold on a server. */
export const perProcess = (limits: ServerLimits, budget: ConnectionBudget): number =>
  Math.floor((limits.maxConnections - limits.reserved - budget.headroom) / budget.hubProcesses);

/**
 * Each pool's size on one server: the smallest demands are met in full, the rest share what
 * is left evenly (water-filling), so a pool asked small stays small and frees room for others.
 */
export function sharePools(demands: readonly PoolDemand[], available: number): Map<string, number> {
  const sizes = new Map<string, number>();
  let left = available;
  const ascending = [...demands].sort((a, b) => a.wanted - b.wanted);
  ascending.forEach((demand, index) => {
    const size = Math.min(demand.wanted, Math.floor(left / (ascending.length - index)));
    sizes.set(demand.key, size);
    left -= size;
  });
  return sizes;
}

/**
 * Every pool's size within its server's budget. A server that cannot be asked (not up yet:
 * start-up waits for it) keeps the sizes asked for, with a warning; a server too small for
 * one connection per pool is an error naming it and what to change.
 */
export async function planPools(
  demands: readonly PoolDemand[],
  budget: ConnectionBudget,
  connectTimeoutMs: number,
  logger?: Logger,
): Promise<Map<string, number>> {
  const byServer = new Map<string, PoolDemand[]>();
  for (const demand of demands) byServer.set(serverOf(demand.url), [...(byServer.get(serverOf(demand.url)) ?? []), demand]);
  const sizes = new Map<string, number>();
  await Promise.all(
    [...byServer].map(async ([server, pools]) => {
      let limits: ServerLimits;
      try {
        limits = await askServer(pools[0]!.url, connectTimeoutMs);
      } catch (error) {
        logger?.warn({ server, err: error }, 'could not ask the server its max_connections: its pools keep their configured sizes');
        for (const pool of pools) sizes.set(pool.key, pool.wanted);
        return;
      }
      const available = perProcess(limits, budget);
      if (available < pools.length) {
        throw new ConnectionBudgetError(
          `Server ${server} leaves ${Math.max(available, 0)} connections per hub process (max_connections ${limits.maxConnections}, ` +
            `${limits.reserved} reserved, DB_SERVER_HEADROOM ${budget.headroom}, HUB_PROCESSES ${budget.hubProcesses}): ` +
            `too few for its ${pools.length} pools, one connection each. Raise its max_connections or lower those settings.`,
        );
      }
      const shared = sharePools(pools, available);
      for (const [key, size] of shared) sizes.set(key, size);
      const cut = pools.filter((p) => shared.get(p.key)! < p.wanted);
      logger?.info(
        { server, maxConnections: limits.maxConnections, perProcess: available, pools: pools.length, cut: cut.length },
        cut.length > 0 ? 'pools cut to fit the server' : 'pools fit the server',
      );
    }),
  );
  return sizes;
}
