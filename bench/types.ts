import type { OperationId } from '../scripts/scale/queries';
import type { DriveResult } from './driver';
import type { ShapeId } from './peer/shapes';
import type { StatementStat } from './profile';
import type { NaiveCheck, Verification } from './verify';

/** The shape of bench/results.json. */

/** The hub; the hand-written SQL floor; the hub with its DataLoaders off. */
/** `cached` is the hub as `npm start` runs it, answering repeated public queries from its response cache. */
/** `peer` is PostGraphile V5 over the hub registry (bench/peer/). */
export type Target = 'hub' | 'cached' | 'floor' | 'naive' | 'peer';

export interface RunResult {
  operation: OperationId | ShapeId;
  target: Target;
  connections: number;
  seconds: number;
  /** Requests sent; `sent - responses` were still in flight when the run stopped. */
  sent: number;
  responses: number;
  requestsPerSecond: number;
  latencyMs: DriveResult['latencyMs'];
  non2xx: number;
  errors: number;
  timeouts: number;
  /** HTTP 200 answers carrying GraphQL errors. */
  graphqlErrors: number;
  /**
   * CPU time of the process serving (hub or floor; the load generator is a separate process),
   * from the start of the run until it was idle again (finishing the requests in flight when
   * the run stopped), divided by the requests sent.
   */
  nodeCpuMsPerRequest: number;
  /** CPU time of the embedded PostgreSQL, counted the same way; null when the databases are elsewhere. */
  postgresCpuMsPerRequest: number | null;
  /** Peak RSS of the serving process during the run and its drain, and RSS at the start of the run (V8 keeps what earlier runs grew). */
  peakRssMb: number;
  startRssMb: number;
  /** How long the server took to finish abandoned requests after the run. */
  drainMs: number;
  /**
   * Requests still running when the naive hub was stopped (killed) after the run and its
   * idle wait; their CPU until then is counted, so CPU per request is a lower bound. Always
   * 0 for the hub and the floor, which finish every request.
   */
  stoppedInFlight: number;
  /**
   * CPU used by everything else on the machine during the run and drain, as a share of all
   * cores (machine busy time minus this process, PostgreSQL and the load generator); null
   * where it cannot be read. Large values mean other work disturbed the run.
   */
  otherCpuShare: number | null;
  /** Statements per response as the responses reported them under load: total → responses. */
  statementsUnderLoad: Record<string, number>;
}

/** Hub ÷ another server at one connection count; null where either side has no value. */
export interface RatioRow {
  connections: number;
  requestsPerSecond: number | null;
  p50: number | null;
  p99: number | null;
  nodeCpuPerRequest: number | null;
  postgresCpuPerRequest: number | null;
  /** Statements per answer, one request at a time. */
  statements: number | null;
}

export interface OperationResult {
  id: OperationId;
  title: string;
  keys: number;
  verification: Verification;
  /** The naive hub's answers against the hub's; null when naive mode was not run. */
  naiveCheck: NaiveCheck | null;
  profile: { requests: number; statements: StatementStat[] };
  runs: RunResult[];
  /** Hub ÷ floor, hub ÷ naive hub and cached hub ÷ floor, run by run. */
  ratios: { floor: RatioRow[]; naive: RatioRow[]; cached: RatioRow[] };
}

/** The hub's and PostGraphile's answers to a shape, one request at a time, reduced to the same rows. */
export interface PeerCheck {
  checked: number;
  identical: number;
  firstDifference: string | null;
  hubStatements: number[];
  /** Statements PostGraphile sent to PostgreSQL for each answer (counted in its process). */
  peerStatements: number[];
  hubMs: number[];
  peerMs: number[];
}

export interface PeerShapeResult {
  id: ShapeId;
  title: string;
  keys: number;
  verification: PeerCheck;
  runs: RunResult[];
  /** Hub ÷ PostGraphile, run by run. */
  ratios: RatioRow[];
}

export interface BenchResults {
  generatedAt: string;
  machine: {
    os: string;
    cpuModel: string;
    cpus: number;
    totalMemoryGb: number;
    node: string;
    postgres: string;
    note: string;
  };
  settings: {
    durationSeconds: number;
    warmupSeconds: number;
    connections: number[];
    /** Connection counts the naive hub ran at (naive requests can take minutes). */
    naiveConnections: number[];
    /** Connection counts the cached hub ran at, and its response cache's lifetime. */
    cachedConnections: number[];
    responseCacheSeconds: number;
    /** How long a naive run's leftover requests may take before the naive hub is stopped. */
    naiveIdleLimitSeconds: number;
    keysPerOperation: number;
    hubPoolPerDatabase: number;
    floorPoolPerDatabase: number;
    /** The protection limits the hub ran with, and its default query-cost limit. */
    hubProtection: Record<string, number | Record<string, number>>;
    defaultMaxQueryCost: number;
  };
  /** Each operation's cost by the hub's cost limit (graphql-armor); null if it could not be read. */
  queryCosts: Record<string, number | null>;
  dataset: Record<string, number>;
  operations: OperationResult[];
  /** Hub ÷ PostGraphile on shapes both answer from the hub registry; null when not run (--peer none). */
  peer: { server: string; shapes: PeerShapeResult[] } | null;
  notAvailable: { id: string; title: string; reason: string }[];
  /** How the naive hub was run. */
  naiveMode: string;
}
