import type { OperationId } from '../scripts/scale/queries';
import type { DriveResult } from './driver';
import type { StatementStat } from './profile';
import type { Verification } from './verify';

/** The shape of bench/results.json. */

export type Target = 'hub' | 'floor';

export interface RunResult {
  operation: OperationId;
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
   * CPU used by everything else on the machine during the run and drain, as a share of all
   * cores (machine busy time minus this process, PostgreSQL and the load generator); null
   * where it cannot be read. Large values mean other work disturbed the run.
   */
  otherCpuShare: number | null;
  /** Statements per response as the responses reported them under load: total → responses. */
  statementsUnderLoad: Record<string, number>;
}

export interface OperationResult {
  id: OperationId;
  title: string;
  keys: number;
  verification: Verification;
  profile: { requests: number; statements: StatementStat[] };
  runs: RunResult[];
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
    keysPerOperation: number;
    hubPoolPerDatabase: number;
    floorPoolPerDatabase: number;
    /** The protection limits the hub ran with, and its default query-cost limit. */
    hubProtection: Record<string, number>;
    defaultMaxQueryCost: number;
  };
  /** Each operation's cost by the hub's cost limit (graphql-armor); null if it could not be read. */
  queryCosts: Record<string, number | null>;
  dataset: Record<string, number>;
  operations: OperationResult[];
  notAvailable: { id: string; title: string; reason: string }[];
  naiveMode: string;
}
