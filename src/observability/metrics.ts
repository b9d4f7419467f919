import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CircuitStatus } from '../db/sourceGuard';

/**
 * The hub's Prometheus metrics (prom-client), served at /metrics. One registry per process:
 * every hub started in the process (tests start several) counts into the same series, as a
 * scrape of one process should.
 */

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'hub_' });

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const metrics = {
  requests: new Counter({
    name: 'hub_graphql_requests_total',
    help: 'GraphQL requests by operation name and outcome (ok, error, partial).',
    labelNames: ['operation', 'outcome'] as const,
    registers: [registry],
  }),
  requestSeconds: new Histogram({
    name: 'hub_graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL request to sending its answer, by operation name.',
    labelNames: ['operation'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [registry],
  }),
  errors: new Counter({
    name: 'hub_graphql_errors_total',
    help: 'Errors in GraphQL answers by extensions.code.',
    labelNames: ['code'] as const,
    registers: [registry],
  }),
  statements: new Counter({
    name: 'hub_sql_statements_total',
    help: 'SQL statements sent for requests, by source database and role (primary, or its read replica).',
    labelNames: ['source', 'role'] as const,
    registers: [registry],
  }),
  statementSeconds: new Histogram({
    name: 'hub_sql_statement_duration_seconds',
    help: 'Time each request statement took, by source database and role (primary, or its read replica).',
    labelNames: ['source', 'role'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [registry],
  }),
  loaderBatchSize: new Histogram({
    name: 'hub_loader_batch_size',
    help: 'Keys per DataLoader batch.',
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
    registers: [registry],
  }),
  responseCache: new Counter({
    name: 'hub_response_cache_lookups_total',
    help: 'Public response cache lookups by result (hit, miss).',
    labelNames: ['result'] as const,
    registers: [registry],
  }),
  costlyOperations: new Gauge({
    name: 'hub_costly_operations',
    help: "Costly operations running or waiting for their sender's turn (src/server/senderTurns.ts), over all senders.",
    labelNames: ['state'] as const,
    registers: [registry],
  }),
  ingestRows: new Counter({
    name: 'hub_ingest_rows_total',
    help: 'Rows read by ingest runs, by source and result (inserted, updated, rejected).',
    labelNames: ['source', 'result'] as const,
    registers: [registry],
  }),
};

/** What a pool reports about itself (pg.Pool's counts), with its source's circuit (src/db/sourceGuard.ts). */
export interface PoolCounts {
  source: string;
  /** The source's primary, or its read replica (src/db/replicas.ts). */
  role: 'primary' | 'replica';
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  circuit?: CircuitStatus;
}

const CIRCUIT_STATES: readonly CircuitStatus[] = ['closed', 'half-open', 'open'];

const poolReaders = new Set<() => PoolCounts[]>();

/** Pools are read at scrape time; a hub adds its reader on start and removes it (the returned function) on stop. */
export function watchPools(read: () => PoolCounts[]): () => void {
  poolReaders.add(read);
  return () => poolReaders.delete(read);
}

new Gauge({
  name: 'hub_db_pool_connections',
  help: 'Connections per source pool, by state (in_use, idle, waiting clients).',
  labelNames: ['source', 'role', 'state'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const read of poolReaders) {
      for (const { source, role, ...counts } of read()) {
        this.inc({ source, role, state: 'in_use' }, counts.totalCount - counts.idleCount);
        this.inc({ source, role, state: 'idle' }, counts.idleCount);
        this.inc({ source, role, state: 'waiting' }, counts.waitingCount);
      }
    }
  },
});

new Gauge({
  name: 'hub_source_circuit_state',
  help: "Each source's circuit breaker (and its read replica's): 1 for its current state (closed, half-open, open), 0 for the others.",
  labelNames: ['source', 'role', 'state'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const read of poolReaders) {
      for (const { source, role, circuit } of read()) {
        if (!circuit) continue;
        for (const state of CIRCUIT_STATES) this.set({ source, role, state }, state === circuit ? 1 : 0);
      }
    }
  },
});
