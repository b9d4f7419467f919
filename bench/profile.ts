import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { SOURCE_NAMES, type SourceName } from '../src/config/config';
import { poolOf, type DefaultDatabases } from '../src/db/databases';

/**
 * Where a request's SQL time goes: wraps each database's pg pool `query` (the door every
 * hub statement goes through, src/db/sql.ts) to time each statement, count the keys in its
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

type PoolQuery = (config: pg.QueryConfig) => Promise<pg.QueryResult>;

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
      const original = pool.query.bind(pool) as PoolQuery;
      // pg overloads `query`; the hub only ever calls the one-config form.
      const wrapped: PoolQuery = async (config) => {
        if (!this.enabled) return original(config);
        const started = performance.now();
        const result = await original(config);
        this.record(source, config.text, config.values, result.rows, performance.now() - started);
        return result;
      };
      (pool as unknown as { query: PoolQuery }).query = wrapped;
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
