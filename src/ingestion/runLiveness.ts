import pg from 'pg';
import type { Logger } from '../observability/logger';

/**
 * Whether a RUNNING run is still running is for the hub's database to say, not for anyone's
 * guess: the process loading it holds a session lock on its record, on a connection of its
 * own outside the pools (so a load never waits for it), from the statement that writes the
 * record until the run ends. When the process dies (SIGKILL, a lost machine) or loses the
 * hub's database, its session ends and the lock with it; the next start or the next ingest
 * finds RUNNING records whose lock nobody holds and marks them ABANDONED.
 */

const LOCK_OF = (id: string) => `hashtextextended('ingest_run:' || ${id}, 0)`;

export interface HeldRun {
  id: string;
  release(): Promise<void>;
}

/** Writes the run's record (the INSERT given, returning `id`) and takes its lock in one statement: no moment RUNNING and unlocked. */
export async function openHeldRun(pool: pg.Pool, insert: string, params: unknown[]): Promise<HeldRun> {
  const client = new pg.Client(pool.options);
  // A lost connection ends the lock, which is what it should do; it must not also end the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `WITH run AS (${insert}) SELECT id::text AS id, pg_advisory_lock(${LOCK_OF('id::text')}) FROM run`,
      params,
    );
    const id = rows[0]!.id;
    return { id, release: () => client.end().catch(() => undefined) };
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
}

/** Marks every RUNNING run whose process is gone ABANDONED, saying so; a run another process still holds is left alone. */
export async function markAbandonedRuns(hub: pg.Pool, logger?: Logger): Promise<number> {
  const { rows } = await hub.query<{ id: string }>(
    `UPDATE ingest_run SET status = 'ABANDONED',
            error = 'the process loading it ended without recording its end (killed, or it lost the hub''s database); nothing of it was committed'
      WHERE status = 'RUNNING' AND pg_try_advisory_xact_lock(${LOCK_OF('id::text')}) RETURNING id`,
  );
  if (rows.length > 0) logger?.warn({ runs: rows.map((r) => r.id) }, 'marked ingest runs whose process is gone as ABANDONED');
  return rows.length;
}
