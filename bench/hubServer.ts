import type { Databases } from '../src/db/databases';
import { loadConfig } from '../src/config/config';
import { createLogger } from '../src/observability/logger';
import { limitHeapGrowth } from '../src/server/heapGrowth';
import { DEFAULT_PROTECTION, type HttpServerOptions } from '../src/server/http';

/** How the benchmark runs the hub: the same options for each hub it runs (bench/run.ts, bench/hubChild.ts). */

/** Connections per database for the hub, the naive hub and the floor alike: the hub's default DB_POOL_MAX. */
export const POOL = 10;

/**
 * The hub's own protections, except two that would refuse the benchmark itself: the
 * per-caller rate limit (all load comes from 127.0.0.1) and the query-cost limit, which
 * Q1 and Q2 exceed as specified (their costs are measured and reported).
 */
// One client sends every request, so no operation is costly (src/server/senderTurns.ts): the
// benchmark measures the engine, not one sender's share of it.
export const BENCH_PROTECTION = {
  ...DEFAULT_PROTECTION,
  maxCost: 100_000_000,
  requestsPerMinute: 1_000_000_000,
  costly: { ...DEFAULT_PROTECTION.costly, cost: 100_000_000 },
};

export function hubOptions(databases: Databases, protection: typeof BENCH_PROTECTION): HttpServerOptions {
  const config = loadConfig();
  return {
    databases,
    limits: { defaultPageSize: 20, maxPageSize: 100 },
    logger: createLogger('silent'),
    host: '127.0.0.1',
    port: 0,
    exposeStatementCounts: true,
    protection,
    // As `npm start` runs it: new requests wait while the heap is over its default budget, and
    // a verified API key is remembered for a few seconds.
    admission: config.admission,
    apiKeyCacheSeconds: config.apiKeyCacheSeconds,
  };
}

/** The process-wide setting `npm start` makes (src/main.ts), for each benchmark process that runs a hub. */
export const tuneProcessAsNpmStart = (): void => limitHeapGrowth(loadConfig().heapGrowingPercent);
