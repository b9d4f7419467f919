import {
  BrokenCircuitError,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  handleWhen,
  IsolatedCircuitError,
  TaskCancelledError,
} from 'cockatiel';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import type { Logger } from '../observability/logger';
import { ServerBusyError, SourceUnavailableError } from '../server/errors';

/**
 * Contains a partner system's failures to that partner. Every read the hub sends to a
 * source goes through the source's guard: one deadline for the whole read, timed by the
 * client itself (a frozen server never answers, so PostgreSQL's own statement_timeout cannot
 * help) and covering the wait for a pooled connection, the connect and the statement; and
 * a circuit breaker (cockatiel) that, after repeated failures, fails the source's reads at
 * once instead of letting each request wait, lets one read through after a cool-down, and
 * closes again when it answers. Failures become a `SourceUnavailableError` naming the
 * source, which the shared model turns into a partial answer (src/model/partial.ts).
 *
 * Waiting for one of the hub's own pooled connections is not the source's failure: it never
 * counts towards the circuit. The wait is bounded (a queue of `poolQueueMax` per pool and
 * the read's deadline) and ends as a `ServerBusyError` (SERVER_BUSY), unless the source
 * itself failed meanwhile.
 */

export interface SourceLimits {
  /** How long to wait for a new connection to the server (never longer than the read's deadline). */
  connectTimeoutMs: number;
  /** The whole read's deadline, measured by the hub: waiting for a pooled connection, connecting and the statement. */
  queryTimeoutMs: number;
  /** Consecutive failures that open the circuit. */
  failuresToOpen: number;
  /** How long an open circuit fails reads at once before one is let through as a probe. */
  coolDownMs: number;
  /** Reads that may wait for a connection of a full pool; more are answered SERVER_BUSY at once. */
  poolQueueMax: number;
}

export const DEFAULT_SOURCE_LIMITS: SourceLimits = {
  connectTimeoutMs: 3_000,
  queryTimeoutMs: 5_000,
  failuresToOpen: 3,
  coolDownMs: 5_000,
  poolQueueMax: 1_000,
};

export type CircuitStatus = 'closed' | 'open' | 'half-open';

// SQLSTATE classes and codes that mean the server, not the statement, is at fault:
// 08 connection exception, 53 insufficient resources, 57P01-57P03 shutting down or
// starting, 57014 cancelled (statement_timeout).
const OUTAGE_SQLSTATE = /^(08|53|57P0[1-3]$|57014$)/;
const OUTAGE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);
const OUTAGE_MESSAGE = /Connection terminated|Query read timeout|connection timeout|Client has encountered a connection error/i;
// pg-pool's words when a caller waited its whole connectionTimeoutMillis in the pool's queue.
const POOL_WAIT_MESSAGE = /timeout exceeded when trying to connect/;

const messageOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string'
    ? (error as { message: string }).message
    : String(error);

/**
 * Whether an error says the source is unreachable, slow or going down (rather than that a
 * statement is wrong). Read by shape, not `instanceof Error`: errors from Node's own sockets
 * may come from another realm (Jest's sandbox).
 */
export function isOutage(error: unknown): boolean {
  if (error instanceof TaskCancelledError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { code, errors } = error as { code?: unknown; errors?: unknown };
  if (typeof code === 'string' && (OUTAGE_ERRNO.has(code) || OUTAGE_SQLSTATE.test(code))) return true;
  if (Array.isArray(errors) && errors.some(isOutage)) return true; // AggregateError: every address refused
  return OUTAGE_MESSAGE.test(messageOf(error));
}

/** A read that ran out of time: the client's own deadline, or cockatiel's. */
const isDeadline = (error: unknown): boolean => error instanceof TaskCancelledError || /Query read timeout/.test(messageOf(error));

function reasonOf(error: unknown, limits: SourceLimits): string {
  if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError)
    return 'it failed repeatedly and is not being asked until it recovers';
  if (isDeadline(error)) return `it did not answer within ${limits.queryTimeoutMs} ms`;
  const code = (error as { code?: unknown }).code;
  if (code === 'ECONNREFUSED') return 'it refused the connection';
  if (/connection timeout/i.test(messageOf(error))) {
    return `no connection within ${limits.connectTimeoutMs} ms`;
  }
  return messageOf(error);
}

/** The read's deadline passed while connecting (the message reads as pg's own read timeout: an outage). */
class ReadDeadline extends Error {
  constructor() {
    super('Query read timeout: the read deadline passed while connecting');
    this.name = 'ReadDeadline';
  }
}

/** No connection within DB_CONNECT_TIMEOUT_MS (the message reads as pg's own connection timeout: an outage). */
class ConnectDeadline extends Error {
  constructor() {
    super('connection timeout: no connection within the connect limit');
    this.name = 'ConnectDeadline';
  }
}

/** A read that missed its deadline while its source answered other reads: load, not an outage (never matches `isOutage`). */
class AnsweredOthers extends Error {
  constructor(limitMs: number) {
    super(`it answered other reads meanwhile, but not this one within ${Math.round(limitMs)} ms`);
    this.name = 'AnsweredOthers';
  }
}

/** Settles with the promise's outcome, or with `'late'` once `deadline` (performance.now()) has passed. */
async function byDeadline<T>(promise: Promise<T>, deadline: number): Promise<T | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), Math.max(0, deadline - performance.now()))));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

export class SourceGuard {
  readonly #breaker: ReturnType<typeof circuitBreaker>;
  /** When the circuit last opened (Date.now(), as cockatiel times its cool-down). */
  #openedAt = 0;
  /** When the source last failed (performance.now()): a read that waited past it for a connection was waiting on the failing source. */
  #failedAt = Number.NEGATIVE_INFINITY;
  /**
   * When the source last answered a statement (performance.now()). A read that missed its
   * deadline while the source answered others was slowed by load (the hub's, or a lock in
   * the partner's database), not by an outage: a frozen or unreachable server answers none.
   */
  #answeredAt = Number.NEGATIVE_INFINITY;
  /** The last failure's reason, for /health/ready. */
  lastFailure: string | null = null;

  constructor(
    readonly source: string,
    readonly kind: string,
    readonly limits: SourceLimits,
    logger?: Logger,
    /** A source's read replica has a guard of its own (src/db/replicas.ts): its failures fall back to the primary. */
    readonly role: 'primary' | 'replica' = 'primary',
  ) {
    this.#breaker = circuitBreaker(handleWhen(isOutage), {
      halfOpenAfter: limits.coolDownMs,
      breaker: new ConsecutiveBreaker(limits.failuresToOpen),
    });
    // Each change of the circuit is logged once, not each failed read.
    const log = logger?.child({ source, kind: this.kind, ...(role === 'replica' ? { role } : {}) });
    const named = role === 'replica' ? `source "${source}"'s read replica` : `source "${source}"`;
    const then = role === 'replica' ? 'go to its primary' : 'fail at once';
    this.#breaker.onBreak((failure) => {
      this.#openedAt = Date.now();
      const reason = 'error' in failure ? reasonOf(failure.error, limits) : 'isolated';
      log?.error({ reason }, `${named} failed repeatedly: its reads now ${then} for ${limits.coolDownMs} ms`);
    });
    this.#breaker.onHalfOpen(() => log?.info(`${named}: trying one read after the cool-down`));
    this.#breaker.onReset(() => {
      this.lastFailure = null;
      log?.info(`${named} answers again`);
    });
  }

  get status(): CircuitStatus {
    switch (this.#breaker.state) {
      case CircuitState.Closed:
        return 'closed';
      case CircuitState.HalfOpen:
        return 'half-open';
      default:
        return 'open';
    }
  }

  /**
   * Sends one statement to the source on a connection of `pool`, all within the read's
   * deadline. An outage comes back as a `SourceUnavailableError`; no free connection in
   * time, as a `ServerBusyError`.
   */
  async query(pool: pg.Pool, config: pg.QueryConfig): Promise<pg.QueryResult> {
    const started = performance.now();
    const deadline = started + this.limits.queryTimeoutMs;
    // An open circuit answers at once, without taking a connection.
    if (this.status === 'open' && Date.now() - this.#openedAt < this.limits.coolDownMs) throw this.#unavailable(new BrokenCircuitError());
    const client = await this.#acquire(pool, started, deadline);
    let failure: unknown;
    try {
      const queryTimeout = Math.max(1, Math.round(deadline - performance.now()));
      return await this.#run(async () => {
        try {
          const result = await client.query({ ...config, query_timeout: queryTimeout } as pg.QueryConfig);
          this.#answeredAt = performance.now();
          return result;
        } catch (error) {
          // Thrown inside the breaker as no outage, so a source answering others is never counted down.
          if (isDeadline(error) && this.#answeredAt > started) throw new AnsweredOthers(this.limits.queryTimeoutMs);
          throw error;
        }
      });
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      // A connection that failed or timed out is discarded, not handed to the next read.
      client.release(failure === undefined ? undefined : (failure as Error));
    }
  }

  /** A connection of the pool, within the deadline: a wait in the pool's queue is the hub's, a failed connect the source's. */
  async #acquire(pool: pg.Pool, started: number, deadline: number): Promise<pg.PoolClient> {
    const queued = pool.idleCount === 0 && pool.totalCount >= (pool.options.max ?? 10);
    if (queued && pool.waitingCount >= this.limits.poolQueueMax)
      throw this.#busy(`${pool.waitingCount} reads are already waiting for one of its ${pool.totalCount} connections; it was not asked`);
    const connecting = pool.connect();
    // A new connection has its own, shorter limit; a wait in the queue lasts to the read's deadline.
    const connectBy = queued ? deadline : Math.min(deadline, started + this.limits.connectTimeoutMs);
    let outcome: pg.PoolClient | 'late';
    try {
      outcome = await byDeadline(connecting, connectBy);
    } catch (error) {
      if (POOL_WAIT_MESSAGE.test(messageOf(error))) throw this.#waitedTooLong(pool, started);
      if (!isOutage(error)) throw error;
      await this.#recordFailure(error);
      throw this.#unavailable(error);
    }
    if (outcome !== 'late') return outcome;
    // Whoever gets the connection later gives it straight back.
    connecting.then(
      (client) => client.release(),
      () => undefined,
    );
    if (queued) throw this.#waitedTooLong(pool, started);
    if (this.#answeredAt > started) throw this.#busy(new AnsweredOthers(connectBy - started).message);
    const error = connectBy < deadline ? new ConnectDeadline() : new ReadDeadline();
    await this.#recordFailure(error);
    throw this.#unavailable(error);
  }

  /** A wait for a pooled connection that ran out: the source's outage if it failed meanwhile, else the hub's load. */
  #waitedTooLong(pool: pg.Pool, started: number): Error {
    if (this.#failedAt >= started || this.status !== 'closed') return this.#unavailable(new ReadDeadline());
    return this.#busy(
      `no connection to it came free within ${this.limits.queryTimeoutMs} ms (all ${pool.totalCount} in use); it was not asked`,
    );
  }

  #busy(reason: string): ServerBusyError {
    return new ServerBusyError(this.source, reason);
  }

  /** Counts a failure that happened outside the breaker (a failed connect) towards opening it. */
  async #recordFailure(error: unknown): Promise<void> {
    this.#failedAt = performance.now();
    await this.#breaker.execute(() => Promise.reject(error)).catch(() => undefined);
  }

  #unavailable(error: unknown): SourceUnavailableError {
    const reason = reasonOf(error, this.limits);
    if (!(error instanceof BrokenCircuitError)) this.lastFailure = reason;
    return new SourceUnavailableError(this.source, this.kind, reason);
  }

  /** Runs one statement through the breaker; an outage comes back as a `SourceUnavailableError`. */
  async #run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await this.#breaker.execute(work);
    } catch (error) {
      if (error instanceof AnsweredOthers) throw this.#busy(error.message);
      if (!(error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError || isOutage(error))) throw error;
      if (!(error instanceof BrokenCircuitError)) this.#failedAt = performance.now();
      throw this.#unavailable(error);
    }
  }
}

// One guard per opened source, for the life of its pool: breaker state is the process's
// knowledge of the partner, shared by every request.
const guards = new WeakMap<DataSource, SourceGuard>();

export function guardSource(dataSource: DataSource, source: string, kind: string, limits: SourceLimits, logger?: Logger): SourceGuard {
  const guard = new SourceGuard(source, kind, limits, logger);
  guards.set(dataSource, guard);
  return guard;
}

/** The guard `openDatabases` gave a source's pool. */
export function guardOf(dataSource: DataSource): SourceGuard {
  const guard = guards.get(dataSource);
  if (!guard) throw new Error('This database was not opened by openDatabases (src/db/databases.ts): it has no guard');
  return guard;
}
