import { issueApiKey, revokeApiKey } from '../src/auth/apiKeys';
import type { Databases } from '../src/db/databases';
import type { Operation, OperationKey } from '../scripts/scale/queries';
import type { BenchRequest } from './driver';

/**
 * Who the benchmark calls as: an ANALYST key for each organisation an operation's key
 * calls as (Q3 is partner detail), issued before the runs and revoked after them. Shared by
 * bench/run.ts and bench/soak.ts.
 */

export type CallerTokens = Map<string, { id: string; token: string }>;

export async function issueCallerKeys(hub: Databases['hub'], keys: readonly OperationKey[], label: string): Promise<CallerTokens> {
  const tokens: CallerTokens = new Map();
  for (const organisationId of new Set(keys.map((k) => k.callerOrganisationId).filter((id): id is string => id !== null))) {
    tokens.set(organisationId, await issueApiKey(hub, { organisationId, role: 'ANALYST', label, expiresInDays: 1 }));
  }
  return tokens;
}

export async function revokeCallerKeys(hub: Databases['hub'], tokens: CallerTokens): Promise<void> {
  for (const { id } of tokens.values()) await revokeApiKey(hub, id);
}

/** An operation's requests, one per key, each with its caller's key when it has one. */
export const benchRequests = (op: Operation, keys: readonly OperationKey[], tokens: CallerTokens): BenchRequest[] =>
  keys.map((k): BenchRequest => ({
    body: JSON.stringify({ query: op.query, variables: k.variables }),
    headers: k.callerOrganisationId ? { 'x-api-key': tokens.get(k.callerOrganisationId)!.token } : {},
  }));
