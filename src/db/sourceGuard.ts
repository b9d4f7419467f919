import {
  BrokenCircuitError,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  handleWhen,
  IsolatedCircuitError,
  TaskCancelledError,
  timeout,
  TimeoutStrategy,
  wrap,
  type IPolicy,
} from 'cockatiel';
import type { DataSource } from 'typeorm';
import type { Logger } from '../observability/logger';
import { SourceUnavailableError } from '../server/errors';

/**
 * Contains a partner system's failures to that partner. Every read the hub sends to a
 * source goes through the source's guard: a time limit the client enforces itself (a
 * frozen server never answers, so PostgreSQL's own statement_timeout cannot help), and a
 * circuit breaker (cockatiel) that, after repeated failures, fails the source's reads at
 * once instead of letting each request wait, lets one read through after a cool-down, and
 * closes again when it answers. Failures become a `SourceUnavailableError` naming the
 * source, which the shared model turns into a partial answer (src/model/partial.ts).
 */

export interface SourceLimits {
  /** How long to wait for a connection (new, or free in the pool). */
  connectTimeoutMs: number;
  /** How long a read may take, measured by the hub (covers a server that stopped answering). */
  queryTimeoutMs: number;
  /** Consecutive failures that open the circuit. */
  failuresToOpen: number;
  /** How long an open circuit fails reads at once before one is let through as a probe. */
  coolDownMs: number;
}

export const DEFAULT_SOURCE_LIMITS: SourceLimits = { connectTimeoutMs: 3_000, queryTimeoutMs: 5_000, failuresToOpen: 3, coolDownMs: 5_000 };

export type CircuitStatus = 'closed' | 'open' | 'half-open';

// SQLSTATE classes and codes that mean the server, not the statement, is at fault:
// 08 connection exception, 53 insufficient resources, 57P01-57P03 shutting down or
// starting, 57014 cancelled (statement_timeout).
const OUTAGE_SQLSTATE = /^(08|53|57P0[1-3]$|57014$)/;
const OUTAGE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);
const OUTAGE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|connection timeout|Client has encountered a connection error/i;

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

function reasonOf(error: unknown, limits: SourceLimits): string {
  if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError)
    return 'it failed repeatedly and is not being asked until it recovers';
  if (error instanceof TaskCancelledError || /Query read timeout/.test(messageOf(error))) {
    return `it did not answer within ${limits.queryTimeoutMs} ms`;
  }
  const code = (error as { code?: unknown }).code;
  if (code === 'ECONNREFUSED') return 'it refused the connection';
  if (/timeout exceeded when trying to connect|connection timeout/i.test(messageOf(error))) {
    return `no connection within ${limits.connectTimeoutMs} ms`;
  }
  return messageOf(error);
}

export class SourceGuard {
  readonly #policy: IPolicy;
  readonly #breaker: ReturnType<typeof circuitBreaker>;
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
    // Aggressive: the caller is answered at the limit even if the driver is still waiting;
    // pg's own query_timeout (src/db/sql.ts) then discards that connection. No read listens
    // to the policy's AbortSignal, so it is not aborted after every answered read (that
    // built a DOMException per statement, 1.3% of the CPU of a page of 100 localities).
    const limit = timeout(limits.connectTimeoutMs + limits.queryTimeoutMs + 500, {
      strategy: TimeoutStrategy.Aggressive,
      abortOnReturn: false,
    });
    this.#policy = wrap(this.#breaker, limit);
    // Each change of the circuit is logged once, not each failed read.
    const log = logger?.child({ source, kind: this.kind, ...(role === 'replica' ? { role } : {}) });
    const named = role === 'replica' ? `source "${source}"'s read replica` : `source "${source}"`;
    const then = role === 'replica' ? 'go to its primary' : 'fail at once';
    this.#breaker.onBreak((failure) => {
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

  /** Runs one read against the source; an outage comes back as a `SourceUnavailableError`. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await this.#policy.execute(work);
    } catch (error) {
      if (!(error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError || isOutage(error))) throw error;
      const reason = reasonOf(error, this.limits);
      if (!(error instanceof BrokenCircuitError)) this.lastFailure = reason;
      throw new SourceUnavailableError(this.source, this.kind, reason);
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
