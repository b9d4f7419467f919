import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { metrics } from '../observability/metrics';
import { traceStatement } from '../observability/tracing';
import { SourceUnavailableError } from '../server/errors';
import { databaseOf, poolOf, sourceIdsOf, type Databases } from './databases';
import { readRoutingFor, replicaOf, type ReadReplica, type ReadRole, type ReadRouting } from './replicas';
import { markRows } from './rowSource';
import { guardOf, type SourceGuard } from './sourceGuard';

/**
 * Every SQL statement the hub sends goes through a `Sql` handle made for one request, so
 * the request can count its statements per source. The count must not grow with the rows
 * a request returns; tests and the benchmark read it.
 */

export interface Sql {
  /** The configured source's id. */
  readonly source: string;
  query<Row>(text: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface StatementRecord {
  source: string;
  text: string;
  /** Where it was answered: the source's primary, or its read replica (src/db/replicas.ts). */
  role: ReadRole;
}

export class StatementLog {
  readonly statements: StatementRecord[] = [];
  /** The sources that failed this request, first failure each: the partial answer's errors. */
  readonly outages = new Map<string, SourceUnavailableError>();

  recordOutage(error: SourceUnavailableError): void {
    if (!this.outages.has(error.sourceId)) this.outages.set(error.sourceId, error);
  }

  record(source: string, text: string, role: ReadRole = 'primary'): StatementRecord {
    const record = { source, text, role };
    this.statements.push(record);
    return record;
  }

  /** Where each source asked was read, e.g. `hub=primary, trust=replica` (`primary+replica`: both). */
  readFrom(): string {
    const roles = new Map<string, Set<ReadRole>>();
    for (const s of this.statements) roles.set(s.source, (roles.get(s.source) ?? new Set<ReadRole>()).add(s.role));
    return [...roles].map(([source, used]) => `${source}=${[...used].sort().join('+')}`).join(', ');
  }

  get total(): number {
    return this.statements.length;
  }

  /** Statements per source, every given source listed (0 when it was not asked). */
  countBySource(sources: readonly string[]): Record<string, number> {
    const counts: Record<string, number> = Object.fromEntries(sources.map((source) => [source, 0]));
    for (const s of this.statements) counts[s.source] = (counts[s.source] ?? 0) + 1;
    return counts;
  }
}

/** One request's statement handles, by source id. */
export type SqlBySource = { readonly hub: Sql } & { readonly [source: string]: Sql | undefined };

/**
 * Reads are sent as named prepared statements, so each pooled connection parses and
 * analyses a statement's text once, not on every request (for a dashboard's statements,
 * about a quarter of PostgreSQL's CPU). The pools run with `plan_cache_mode` set to
 * `force_custom_plan` (see databases.ts), so every execution is still planned for its own
 * keys. Statement texts are fixed by the code (values always travel as parameters), so the
 * names, and what each connection keeps prepared, are a bounded set; past
 * `MAX_PREPARED_TEXTS` distinct texts a process stops naming new ones rather than grow.
 */
const MAX_PREPARED_TEXTS = 2_000;
const statementNames = new Map<string, string>();

function statementName(text: string): string | undefined {
  const known = statementNames.get(text);
  if (known !== undefined || statementNames.size >= MAX_PREPARED_TEXTS) return known;
  const name = `hub_${createHash('sha1').update(text).digest('hex')}`;
  statementNames.set(text, name);
  return name;
}

/**
 * Whether a replica's failure sends the read to the primary: the replica is unavailable (its
 * own guard's verdict), or it cancelled the read because replaying the primary's changes
 * needed the rows (SQLSTATE 40001, "conflict with recovery").
 */
const fallsBack = (error: unknown): boolean =>
  error instanceof SourceUnavailableError || (error as { code?: unknown } | null)?.code === '40001';

/** What a source's statements are sent through. */
interface SourceRoute {
  readonly source: string;
  readonly pool: pg.Pool;
  readonly guard: SourceGuard;
  readonly replica: ReadReplica | undefined;
}

function routeOf(databases: Databases, source: string): SourceRoute {
  const database = databaseOf(databases, source);
  return { source, pool: poolOf(database), guard: guardOf(database), replica: replicaOf(database) };
}

/** The statement's count and duration for /metrics (a plain observe: a timer would be a closure per statement). */
function observeStatement(source: string, role: ReadRole, seconds: number): void {
  metrics.statements.inc({ source, role });
  metrics.statementSeconds.observe({ source, role }, seconds);
}

/** A named prepared statement (its deadline is the guard's: src/db/sourceGuard.ts). */
const statement = (text: string, params: readonly unknown[]): pg.QueryConfig => ({ name: statementName(text), text, values: [...params] });

/**
 * One source's handle for one request. A class, its work in methods: a request makes one
 * per source whether it sends a statement or not, so making one must cost no closures.
 */
class RequestSql implements Sql {
  constructor(
    private readonly route: SourceRoute,
    private readonly log: StatementLog,
    private readonly routing: ReadRouting,
  ) {}

  get source(): string {
    return this.route.source;
  }

  async query<Row>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
    const { source, replica } = this.route;
    // A source that failed this request is not asked again by it: the request is answered
    // within one read's deadline, not one for each of its reads of a frozen partner.
    const failed = this.log.outages.get(source);
    if (failed) throw failed;
    // Awaited only for a source with a replica: a read-after token may wait for the standby (src/db/replicas.ts).
    const onReplica = replica !== undefined && !(await this.routing.readsPrimary(source, replica));
    const record = this.log.record(source, text, onReplica ? 'replica' : 'primary');
    const started = performance.now();
    try {
      const result = await traceStatement(this.log, source, () => this.send(record, text, params));
      markRows(result.rows as object[], source);
      return result.rows as Row[];
    } catch (error) {
      if (error instanceof SourceUnavailableError) this.log.recordOutage(error);
      throw error;
    } finally {
      observeStatement(source, record.role, (performance.now() - started) / 1000);
    }
  }

  /** The source's read replica when the request may read it, the primary otherwise or when the replica fails. */
  private async send(record: StatementRecord, text: string, params: readonly unknown[]): Promise<pg.QueryResult> {
    const { pool, guard, replica } = this.route;
    if (record.role === 'replica' && replica) {
      try {
        return await replica.guard.query(replica.pool, statement(text, params));
      } catch (error) {
        if (!fallsBack(error)) throw error;
        record.role = 'primary';
      }
    }
    return guard.query(pool, statement(text, params));
  }
}

/**
 * One request's statement handles. A source's reads go to its read replica when it has one,
 * unless `routing` says otherwise (the request or lately its caller wrote to it, the replica
 * lags too far or has not replayed the request's token); a replica that fails hands the read
 * to the primary.
 */
export function sqlForRequest(databases: Databases, log: StatementLog, routing: ReadRouting = readRoutingFor(null, null)): SqlBySource {
  const handles: Record<string, Sql> = {};
  for (const source of sourceIdsOf(databases)) handles[source] = new RequestSql(routeOf(databases, source), log, routing);
  return handles as SqlBySource; // sourceIdsOf always lists the hub's registry
}

/** One source's statement handle, or a clear error naming the sources there are. */
export function sqlOf(sql: SqlBySource, source: string): Sql {
  const found = sql[source];
  if (!found) throw new Error(`No source "${source}" is configured`);
  return found;
}
