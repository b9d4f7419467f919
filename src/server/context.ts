import { randomUUID } from 'node:crypto';
import { PUBLIC_CALLER, type Caller } from '../auth/caller';
import type { PageLimits } from '../graphql/connection';
import { partnersOf, type Databases } from '../db/databases';
import { sqlForRequest, StatementLog, type SqlBySource } from '../db/sql';
import { readRoutingFor, type ReadRouting, type RecentWrites } from '../db/replicas';
import { createLoaders, type Loaders } from '../loaders';
import type { Logger } from '../observability/logger';

/** What every resolver receives. Made fresh per request, so loaders never share a cache across callers. */
export interface HubContext {
  requestId: string;
  /** For writes, which need their own transaction; reads go through `sql` and the loaders. */
  databases: Databases;
  caller: Caller;
  policy: Policy;
  loaders: Loaders;
  sql: SqlBySource;
  /** Where the request's reads go: a write to a source turns its reads to the primary (src/db/replicas.ts). */
  reads: ReadRouting;
  statements: StatementLog;
  limits: PageLimits;
  logger: Logger;
}

/** Disclosure rules: values counting fewer people than the threshold are withheld from the public. */
export interface Policy {
  smallNumberThreshold: number;
}

export const DEFAULT_POLICY: Policy = { smallNumberThreshold: 5 };

export function createContext(deps: {
  databases: Databases;
  limits: PageLimits;
  logger: Logger;
  requestId?: string;
  caller?: Caller;
  policy?: Policy;
  /** The request's statement log, when statements were made before the context (authentication). */
  statements?: StatementLog;
  /** The sources the caller wrote to lately; none: only the request's own writes send its reads to a primary. */
  recentWrites?: RecentWrites | null;
}): HubContext {
  const statements = deps.statements ?? new StatementLog();
  const caller = deps.caller ?? PUBLIC_CALLER;
  const reads = readRoutingFor(deps.recentWrites ?? null, caller.role === 'PUBLIC' ? null : caller.subject);
  const sql = sqlForRequest(deps.databases, statements, reads);
  const requestId = deps.requestId ?? randomUUID();
  let logger: Logger | undefined;
  return {
    requestId,
    databases: deps.databases,
    caller,
    policy: deps.policy ?? DEFAULT_POLICY,
    loaders: createLoaders(sql, partnersOf(deps.databases)),
    sql,
    reads,
    statements,
    limits: deps.limits,
    // Made when first used (an error, an outage): most requests log nothing but the access log's line.
    get logger() {
      return (logger ??= deps.logger.child({ requestId, caller: deps.caller?.subject ?? 'anonymous' }));
    },
  };
}
