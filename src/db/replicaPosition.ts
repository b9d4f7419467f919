import { setTimeout as delay } from 'node:timers/promises';
import type { Lsn } from './lsn';

/**
 * How far a read replica (a streaming standby) has replayed its primary, as this process
 * last saw it. Fed by /health/ready's background probes (src/server/health.ts: the primary's
 * flushed WAL position, then the standby's replay position, every HEALTH_REFRESH_MS) and by
 * the waits of requests that carry a read-after token. Read on a request's path at no cost.
 *
 * The lag is measured by this process's own clock, never by comparing two servers' clocks:
 * the primary's position is sampled now and then, and the standby's lag is how long ago the
 * primary was last at a position the standby has since replayed (0 when it has replayed the
 * latest sample). An idle primary makes no lag, however long ago it last wrote; a standby
 * whose replay stopped, or that lost its primary, lags by as long as the primary has moved on.
 */

/** A standby's replay is asked for this often while requests wait for it (PostgreSQL has no "tell me when"). */
const POLL_MS = 10;
/** Samples of the primary's position kept: lag beyond this is reported as at least this. */
const KEEP_SAMPLES_MS = 10 * 60_000;

interface Sample {
  /** performance.now() when the position was asked for (the primary was there or further on when it answered). */
  at: number;
  lsn: Lsn;
}

interface Waiter {
  lsn: Lsn;
  /** Settles the wait: whether the position was replayed in time. */
  resolve(replayed: boolean): void;
}

export class ReplicaPosition {
  /** The primary's flushed WAL positions, oldest first, one per position (the latest time it was seen there). */
  readonly #primary: Sample[] = [];
  /** The standby's replay position, as last asked; null: not a standby (or never asked). */
  #replayed: Sample | null = null;
  #observedAt = -Infinity;
  #lagMs: number | null = null;
  readonly #waiters = new Set<Waiter>();
  #polling = false;

  /** `replay` asks the replica for its replay position now (null: the server is not a standby). */
  constructor(
    private readonly replay: () => Promise<Lsn | null>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The primary's flushed WAL position, asked for at `at`. */
  notePrimary(at: number, lsn: Lsn): void {
    const last = this.#primary.at(-1);
    if (last && last.lsn === lsn) last.at = Math.max(last.at, at);
    else if (!last || last.lsn < lsn) this.#primary.push({ at, lsn });
    // Behind its own past: another server answers at the primary's address now; its history starts here.
    else this.#primary.splice(0, this.#primary.length, { at, lsn });
    while (this.#primary.length > 1 && this.#primary[0]!.at < at - KEEP_SAMPLES_MS) this.#primary.shift();
  }

  /** The replica's replay position, asked for at `at` (null: it is not a standby). An older answer than the last is ignored. */
  noteReplay(at: number, lsn: Lsn | null): void {
    if (at < this.#observedAt) return;
    this.#observedAt = at;
    this.#replayed = lsn === null ? null : { at, lsn };
    this.#lagMs = this.#measure();
  }

  #measure(): number | null {
    const replayed = this.#replayed;
    const latest = this.#primary.at(-1);
    if (!replayed || !latest) return null;
    if (replayed.lsn >= latest.lsn) return 0;
    // The latest time the primary was at a position the standby has replayed.
    const reached = this.#primary.findLast((s) => s.lsn <= replayed.lsn) ?? this.#primary[0]!;
    return Math.max(0, replayed.at - reached.at);
  }

  /** The lag as last measured, in milliseconds; null when not measured (not a standby, or no position of the primary yet). */
  get lagMs(): number | null {
    return this.#lagMs;
  }

  /** Further behind than `maxLagMs` when last measured (0: no bound). */
  beyond(maxLagMs: number): boolean {
    return maxLagMs > 0 && this.#lagMs !== null && this.#lagMs > maxLagMs;
  }

  hasReplayed(lsn: Lsn): boolean {
    return this.#replayed !== null && this.#replayed.lsn >= lsn;
  }

  /**
   * Whether the standby replays `lsn` within `withinMs`: true at once if it is known to have,
   * else its replay position is asked for every few milliseconds (one poll serving every
   * waiting request) until it has or the time is up. False for a server that is not a
   * standby, or that fails to answer.
   */
  async waitFor(lsn: Lsn, withinMs: number): Promise<boolean> {
    if (this.hasReplayed(lsn)) return true;
    if (withinMs <= 0) return false;
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        lsn,
        resolve: (replayed) => {
          clearTimeout(timer);
          this.#waiters.delete(waiter);
          resolve(replayed);
        },
      };
      // The wait's own deadline, whatever the poll in flight is doing (a frozen replica answers it only at its read deadline).
      const timer = setTimeout(() => waiter.resolve(false), withinMs);
      this.#waiters.add(waiter);
      if (!this.#polling) void this.#poll();
    });
  }

  async #poll(): Promise<void> {
    this.#polling = true;
    try {
      while (this.#waiters.size > 0) {
        this.noteReplay(this.now(), await this.replay());
        for (const waiter of this.#waiters) {
          if (this.hasReplayed(waiter.lsn)) waiter.resolve(true);
          else if (this.#replayed === null) waiter.resolve(false);
        }
        if (this.#waiters.size > 0) await delay(POLL_MS);
      }
    } catch {
      // The replica did not answer (its guard counted the failure): every waiter reads the primary.
      for (const waiter of this.#waiters) waiter.resolve(false);
    } finally {
      this.#polling = false;
    }
  }
}
