import type { OperationResult, RatioRow, RunResult, Target } from './types';

/**
 * The hub's numbers divided by another server's, run by run at the same connection count:
 * the floor's (what the answer costs at least), the naive hub's (the hub with its
 * DataLoaders off) and PostGraphile's (bench/peer/). Null where either side has no value.
 */

const divide = (a: number | null, b: number | null): number | null => (a === null || b === null || !b ? null : a / b);

/** The most statements one answer cost, one request at a time (from the answer checks); null when unknown. */
export type StatementsOf = (target: Target) => number | null;

const most = (counts: readonly number[] | undefined): number | null => (counts?.length ? Math.max(...counts) : null);

/** Statements per answer for Q1–Q5: the hub's and the floor's from the floor check, the naive hub's from its own. */
export const operationStatements =
  (op: Pick<OperationResult, 'verification' | 'naiveCheck'>): StatementsOf =>
  (target) => {
    if (target === 'hub') return most(op.verification.hubStatements);
    if (target === 'floor') return most(op.verification.floorStatements);
    if (target === 'naive') return most(op.naiveCheck?.statements);
    return null; // a cached answer costs none; a miss costs the hub's
  };

export function ratiosOf(statements: StatementsOf, runs: readonly RunResult[], other: Target, mine: Target = 'hub'): RatioRow[] {
  return runs
    .filter((r) => r.target === mine)
    .flatMap((hub) => {
      const them = runs.find((r) => r.target === other && r.connections === hub.connections);
      if (!them) return [];
      return [
        {
          connections: hub.connections,
          requestsPerSecond: divide(hub.requestsPerSecond, them.requestsPerSecond),
          p50: divide(hub.latencyMs.p50, them.latencyMs.p50),
          p99: divide(hub.latencyMs.p99, them.latencyMs.p99),
          nodeCpuPerRequest: divide(hub.nodeCpuMsPerRequest, them.nodeCpuMsPerRequest),
          postgresCpuPerRequest: divide(hub.postgresCpuMsPerRequest, them.postgresCpuMsPerRequest),
          statements: divide(statements(mine), statements(other)),
        },
      ];
    });
}
