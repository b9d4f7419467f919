import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { DataSource, QueryRunner } from 'typeorm';

/**
 * Making requests overlap for certain, instead of firing them together and hoping: a table
 * held under an exclusive lock keeps whichever request reads it waiting in PostgreSQL until
 * the test lets go, and PostgreSQL and Node report who is waiting and what has arrived.
 */

/** Holds an ACCESS EXCLUSIVE lock on a table until `release`; every read of it waits meanwhile. */
export async function holdTable(database: DataSource, table: string): Promise<{ release(): Promise<void> }> {
  const runner: QueryRunner = database.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  await runner.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  return {
    release: async () => {
      await runner.commitTransaction();
      await runner.release();
    },
  };
}

/** How many statements in this database are waiting for a lock (those starting with `prefix`, when given). */
export async function lockWaiters(database: DataSource, prefix = ''): Promise<number> {
  const [row] = await database.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock' AND starts_with(query, $1)`,
    [prefix],
  );
  return row!.n;
}

/** Polls a condition (not a clock): resolves once it holds; fails the test if it never does within `limitMs`. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, limitMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > limitMs) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Counts the HTTP requests a server in this process has begun to receive at a URL's port (Node's own diagnostics channel). */
export function countArrivals(url: string): { readonly count: number; stop(): void } {
  const port = Number(new URL(url).port);
  let count = 0;
  const onStart = (message: unknown) => {
    const { request } = message as { request: IncomingMessage };
    if (request.socket.localPort === port) count += 1;
  };
  subscribe('http.server.request.start', onStart);
  return {
    get count() {
      return count;
    },
    stop: () => unsubscribe('http.server.request.start', onStart),
  };
}
