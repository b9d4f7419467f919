import type { OperationResult, RatioRow, RunResult } from './types';

/**
 * The hub's numbers divided by another server's, run by run at the same connection count:
 * the floor's (what the answer costs at least) and the naive hub's (the hub with its
 * DataLoaders off). Null where either side has no value.
 */

const divide = (a: number | null, b: number | null): number | null => (a === null || b === null || !b ? null : a / b);

/** The most statements one answer cost, one request at a time (from the answer checks). */
function statementsOf(
  op: Pick<OperationResult, 'verification' | 'naiveCheck'>,
  target: 'hub' | 'cached' | 'floor' | 'naive',
): number | null {
  if (target === 'cached') return null; // a cached answer costs none; a miss costs the hub's
  const counts =
    target === 'hub'
      ? op.verification.hubStatements
      : target === 'floor'
        ? op.verification.floorStatements
        : (op.naiveCheck?.statements ?? []);
  return counts.length ? Math.max(...counts) : null;
}

export function ratiosOf(
  op: Pick<OperationResult, 'verification' | 'naiveCheck'>,
  runs: readonly RunResult[],
  other: 'floor' | 'naive',
  mine: 'hub' | 'cached' = 'hub',
): RatioRow[] {
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
          statements: divide(statementsOf(op, mine), statementsOf(op, other)),
        },
      ];
    });
}
