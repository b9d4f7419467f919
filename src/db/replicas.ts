import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { systemClock, type Clock } from '../clock';
import type { SourceGuard } from './sourceGuard';

/**
 * Read replicas. A source may give a `readUrl` beside its `url` (src/config/sources.ts): a
 * streaming replica whose pool serves the requests' reads (src/db/sql.ts). Everything that
 * changes data or must see the latest row stays on the primary: writes, migrations, `ingest`,
 * the crosswalk link step, start-up, and the API-key check. A replica replays the primary's
 * changes a little late (replication lag), so:
 *
 * - a request that wrote to a source reads that source from the primary for the rest of the
 *   request (the mutation's answer shows the write), and
 * - so does the same caller's next requests for `READ_YOUR_WRITES_SECONDS` (in this process:
 *   another hub process behind a balancer does not know; docs/deployment.md).
 *
 * A replica that fails (refused, frozen, cancelled by recovery) is not an outage: its own
 * guard and circuit breaker send the reads to the primary until it answers again.
 */

export type ReadRole = 'primary' | 'replica';

export interface ReadReplica {
  readonly pool: pg.Pool;
  readonly guard: SourceGuard;
}

// One replica per opened primary, for the life of its pool, as the guards are kept.
const replicas = new WeakMap<DataSource, ReadReplica>();

export function setReplica(primary: DataSource, replica: ReadReplica): void {
  replicas.set(primary, replica);
}

/** The read replica `openDatabases` gave a source's primary, if the source has one. */
export const replicaOf = (primary: DataSource): ReadReplica | undefined => replicas.get(primary);

/**
 * The sources each caller wrote to lately, so that caller's next requests read them from the
 * primary. Kept in this process's memory: small (one entry per writer and source, dropped
 * once its window is over) and read once per request.
 */
export class RecentWrites {
  readonly #until = new Map<string, Map<string, number>>();

  constructor(
    readonly windowMs: number,
    private readonly clock: Clock = systemClock,
  ) {}

  note(subject: string, source: string): void {
    if (this.windowMs <= 0) return;
    if (this.#until.size > 10_000) this.#forgetExpired();
    const sources = this.#until.get(subject) ?? new Map<string, number>();
    sources.set(source, this.clock.now() + this.windowMs);
    this.#until.set(subject, sources);
  }

  /** The sources this caller wrote to within the window. */
  writtenBy(subject: string): string[] {
    const sources = this.#until.get(subject);
    if (!sources) return [];
    const now = this.clock.now();
    for (const [source, until] of sources) if (until <= now) sources.delete(source);
    if (sources.size === 0) this.#until.delete(subject);
    return [...sources.keys()];
  }

  #forgetExpired(): void {
    for (const subject of [...this.#until.keys()]) this.writtenBy(subject);
  }
}

/** Where one request's reads go: a source's replica, unless the request (or lately its caller) wrote to it. */
export interface ReadRouting {
  readsPrimary(source: string): boolean;
  /** A write to the source was tried: its reads go to the primary from now on. */
  wrote(source: string): void;
}

/** Every read on the primary: for what must not read stale rows (the API-key check). */
export const PRIMARY_READS: ReadRouting = { readsPrimary: () => true, wrote: () => undefined };

/** The routing of one caller's request: the sources it wrote to lately start on the primary. */
export function readRoutingFor(recent: RecentWrites | null, subject: string | null): ReadRouting {
  const onPrimary = new Set(recent && subject ? recent.writtenBy(subject) : []);
  return {
    readsPrimary: (source) => onPrimary.has(source),
    wrote: (source) => {
      onPrimary.add(source);
      if (subject) recent?.note(subject, source);
    },
  };
}
