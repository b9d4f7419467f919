import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { SOURCE_NAMES, type SourceName } from '../src/config/config';
import { poolOf, type DefaultDatabases } from '../src/db/databases';

/**
 * Where a request's SQL time goes: wraps `query` of each connection a database's pg pool
 * hands out (the door every hub statement goes through, src/db/sourceGuard.ts) to time each statement, count the keys in its
 * first array parameter and the rows it returns. Off except while `profile()` runs, so the
 * timed runs are unaffected.
 */

export interface StatementStat {
  source: SourceName;
  statement: string;
  calls: number;
  totalMs: number;
  keys: number;
  rows: number;
}

const wrappedClients = new WeakSet<pg.PoolClient>();

const label = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
};

export class StatementProfiler {
  private enabled = false;
  private readonly stats = new Map<string, StatementStat>();

  install(databases: DefaultDatabases): void {
    for (const source of SOURCE_NAMES) {
      const pool = poolOf(databases[source]);
      const connect = pool.connect.bind(pool) as (callback?: unknown) => Promise<pg.PoolClient> | undefined;
      // The guard (src/db/sourceGuard.ts) takes a connection and sends the statement on it;
      // each connection handed out is wrapped once. TypeORM's callback form passes through.
      (pool as unknown as { connect: (callback?: unknown) => Promise<pg.PoolClient> | undefined }).connect = (callback) =>
        callback ? connect(callback) : wrap(connect()!);
      const wrap = async (connecting: Promise<pg.PoolClient>) => {
        const client = await connecting;
        if (!wrappedClients.has(client)) {
          wrappedClients.add(client);
          const original = client.query.bind(client) as (...args: unknown[]) => Promise<pg.QueryResult>;
          // The hub's reads use the one-config form; TypeORM's (text, values, callback) pass through.
          const wrapped = (...args: unknown[]) => {
            const config = args[0] as pg.QueryConfig;
            if (!this.enabled || args.length !== 1 || typeof config !== 'object') return original(...args);
            const started = performance.now();
            return original(config).then((result) => {
              this.record(source, config.text, config.values, result.rows, performance.now() - started);
              return result;
            });
          };
          (client as unknown as { query: typeof wrapped }).query = wrapped;
        }
        return client;
      };
    }
  }

  private record(source: SourceName, text: string, parameters: readonly unknown[] | undefined, rows: readonly unknown[], ms: number): void {
    const key = `${source}|${label(text)}`;
    const stat = this.stats.get(key) ?? { source, statement: label(text), calls: 0, totalMs: 0, keys: 0, rows: 0 };
    stat.calls += 1;
    stat.totalMs += ms;
    const first = parameters?.[0];
    stat.keys += Array.isArray(first) ? first.length : 0;
    stat.rows += rows.length;
    this.stats.set(key, stat);
  }

  /** Runs `work` with profiling on; returns per-statement totals, slowest first. */
  async profile(work: () => Promise<void>): Promise<StatementStat[]> {
    this.stats.clear();
    this.enabled = true;
    try {
      await work();
    } finally {
      this.enabled = false;
    }
    return [...this.stats.values()].sort((a, b) => b.totalMs - a.totalMs);
  }
}
