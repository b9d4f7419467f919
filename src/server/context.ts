import { randomUUID } from 'node:crypto';
import { PUBLIC_CALLER, type Caller } from '../auth/caller';
import type { PageLimits } from '../graphql/connection';
import { partnersOf, type Databases } from '../db/databases';
import { sqlForRequest, StatementLog, type SqlBySource } from '../db/sql';
import type { ReadAfter } from '../db/lsn';
import { readRoutingFor, type ReadRouting, type ReplicaReads } from '../db/replicas';
import { createLoaders, type Loaders } from '../loaders';
import type { Logger } from '../observability/logger';

/** What every resolver receives. Made fresh per request, so loaders never share a cache across callers. */
export interface HubContext {
  requestId: string;
  /** For writes, which need their own transaction; reads go through `sql` and the loaders. */
  databases: Databases;
  caller: Caller;
  /** Who the request is counted against for rate limits and costly operations' turns (src/server/protection.ts). */
  sender: string;
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

export interface ContextDeps {
  databases: Databases;
  limits: PageLimits;
  logger: Logger;
  requestId?: string;
  caller?: Caller;
  /** Absent outside HTTP (the CLIs), where the caller's subject stands for it. */
  sender?: string;
  policy?: Policy;
  /** The request's statement log, when statements were made before the context (authentication). */
  statements?: StatementLog;
  /** How replicas are read (the sources the caller wrote to lately, the lag bound); none: only the request's own writes send its reads to a primary. */
  replicaReads?: ReplicaReads | null;
  /** The read-after token the request came with (`x-hub-read-after`). */
  readAfter?: ReadAfter | null;
}

/**
 * A class so that the request's logger can be made when first used (an error, an outage):
 * most requests log nothing but the access log's line, and a child logger is dear. The
 * getter is on the prototype because Apollo Server copies the context's own properties
 * for each operation (`Object.assign` onto an object of the same prototype), which would
 * call a getter of the object's own.
 */
class RequestContext implements HubContext {
  readonly requestId: string;
  readonly databases: Databases;
  readonly caller: Caller;
  readonly sender: string;
  readonly policy: Policy;
  readonly loaders: Loaders;
  readonly sql: SqlBySource;
  readonly reads: ReadRouting;
  readonly statements: StatementLog;
  readonly limits: PageLimits;
  private readonly serverLogger: Logger;
  /** Who the request's log lines name: the caller given, or anonymous. */
  private readonly loggedCaller: string;
  private requestLogger: Logger | undefined = undefined;

  constructor(deps: ContextDeps) {
    this.statements = deps.statements ?? new StatementLog();
    this.caller = deps.caller ?? PUBLIC_CALLER;
    this.sender = deps.sender ?? `caller:${this.caller.subject}`;
    this.reads = readRoutingFor(
      deps.replicaReads ?? null,
      this.caller.role === 'PUBLIC' ? null : this.caller.subject,
      deps.readAfter ?? null,
    );
    this.sql = sqlForRequest(deps.databases, this.statements, this.reads);
    this.requestId = deps.requestId ?? randomUUID();
    this.databases = deps.databases;
    this.policy = deps.policy ?? DEFAULT_POLICY;
    this.loaders = createLoaders(this.sql, partnersOf(deps.databases));
    this.limits = deps.limits;
    this.serverLogger = deps.logger;
    this.loggedCaller = deps.caller?.subject ?? 'anonymous';
  }

  get logger(): Logger {
    return (this.requestLogger ??= this.serverLogger.child({ requestId: this.requestId, caller: this.loggedCaller }));
  }
}

export function createContext(deps: ContextDeps): HubContext {
  return new RequestContext(deps);
}
