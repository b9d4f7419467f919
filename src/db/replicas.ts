import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { systemClock, type Clock } from '../clock';
import { mergeReadAfter, type Lsn, type ReadAfter } from './lsn';
import type { ReplicaPosition } from './replicaPosition';
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
 *   another hub process behind a balancer does not know; docs/deployment.md), and
 * - a request carrying a read-after token (src/db/lsn.ts: what a write through any hub process
 *   answers with) reads a source's standby only once it has replayed the token's position,
 *   waiting for that up to `READ_AFTER_WAIT_MS`, else the primary.
 *
 * And a standby further behind than `REPLICA_MAX_LAG_MS` when last measured (src/db/replicaPosition.ts)
 * is not read at all until it catches up. A replica that fails (refused, frozen, cancelled by recovery) is not an outage: its own
 * guard and circuit breaker send the reads to the primary until it answers again.
 */

export type ReadRole = 'primary' | 'replica';

export interface ReadReplica {
  readonly pool: pg.Pool;
  readonly guard: SourceGuard;
  /** How far it has replayed its primary, as last seen. */
  readonly position: ReplicaPosition;
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

/** How a process reads its replicas: the lag it accepts and how long a token's read waits for a standby. */
export interface ReplicaReads {
  /** The sources each caller wrote to lately (null: only a request's own writes count). */
  recent: RecentWrites | null;
  /** A standby lagging further than this is not read (0: no bound). */
  maxLagMs: number;
  /** How long a read with a token waits for the standby to replay it before reading the primary. */
  readAfterWaitMs: number;
}

/** Where one request's reads go: a source's replica, unless the request (or lately its caller) wrote to it, or it is too far behind. */
export interface ReadRouting {
  /** Whether the source's reads go to its primary rather than to `replica` (decided once per request, the token's wait included). */
  readsPrimary(source: string, replica: ReadReplica): boolean | Promise<boolean>;
  /** A write to the source was tried: its reads go to the primary from now on; `lsn`, the primary's position after it. */
  wrote(source: string, lsn: Lsn | null): void;
  /** The token to answer with, when the request wrote: the one it came with, and the positions of its writes. */
  readAfter(): ReadAfter | null;
  /** Whether the request came with a read-after token. */
  readonly carriesToken: boolean;
}

/** Every read on the primary: for what must not read stale rows (the API-key check). */
export const PRIMARY_READS: ReadRouting = {
  readsPrimary: () => true,
  wrote: () => undefined,
  readAfter: () => null,
  carriesToken: false,
};

/** The routing of one caller's request. A class: every request makes one, and most never ask it anything. */
class RequestRouting implements ReadRouting {
  readonly #onPrimary: Set<string>;
  /** Each source's verdict, once asked (most requests read no replicated source: made then). */
  #decided: Map<string, boolean | Promise<boolean>> | null = null;
  #written: Map<string, Lsn> | null = null;

  constructor(
    private readonly reads: ReplicaReads | null,
    private readonly subject: string | null,
    private readonly token: ReadAfter | null,
  ) {
    this.#onPrimary = new Set(reads?.recent && subject ? reads.recent.writtenBy(subject) : []);
  }

  get carriesToken(): boolean {
    return this.token !== null;
  }

  readsPrimary(source: string, replica: ReadReplica): boolean | Promise<boolean> {
    if (this.#onPrimary.has(source)) return true;
    this.#decided ??= new Map();
    let decided = this.#decided.get(source);
    if (decided === undefined) this.#decided.set(source, (decided = this.#decide(source, replica)));
    return decided;
  }

  #decide(source: string, { position }: ReadReplica): boolean | Promise<boolean> {
    if (position.beyond(this.reads?.maxLagMs ?? 0)) return true;
    const lsn = this.token?.get(source);
    if (lsn === undefined || position.hasReplayed(lsn)) return false;
    return position.waitFor(lsn, this.reads?.readAfterWaitMs ?? 0).then((replayed) => !replayed);
  }

  wrote(source: string, lsn: Lsn | null): void {
    this.#onPrimary.add(source);
    if (this.subject) this.reads?.recent?.note(this.subject, source);
    if (lsn !== null) this.#written = mergeReadAfter(this.#written ?? new Map(), new Map([[source, lsn]]));
  }

  readAfter(): ReadAfter | null {
    if (!this.#written) return null;
    return this.token ? mergeReadAfter(this.token, this.#written) : this.#written;
  }
}

/** The routing of one caller's request: the sources it wrote to lately start on the primary, a token's wait for their standby. */
export function readRoutingFor(reads: ReplicaReads | null, subject: string | null, token: ReadAfter | null = null): ReadRouting {
  return new RequestRouting(reads, subject, token);
}
