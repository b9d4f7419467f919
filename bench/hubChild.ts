import type { SourceName } from '../src/config/config';
import { openDefaultDatabases } from '../src/db/databases';
import { setLoaderMode, type LoaderMode } from '../src/loaders/batch';
import { startHttpServer } from '../src/server/http';
import { serveChild } from './childServer';
import { BENCH_PROTECTION, hubOptions, POOL, tuneProcessAsNpmStart } from './hubServer';

/**
 * A hub the benchmark times, in a child process of bench/run.ts (`ChildServer`), so that its
 * CPU and peak RSS are its own, as `npm start`'s would be: the hub (batched), the hub as
 * `npm start` runs it (its public response cache on), and the naive hub (DataLoaders off:
 * one statement per key, no cache). Loader mode is chosen once per process, and a naive
 * request can run for minutes: in its own process it can be stopped (killed) at the end of
 * a run without touching the others, and the memory it grows does not carry into later runs.
 */

export interface HubStart {
  urls: Record<SourceName, string>;
  statementTimeoutMs: number;
  loaderMode: LoaderMode;
  /** The public response cache's lifetime, or undefined for none (every answer computed). */
  responseCacheSeconds?: number;
}

async function start(message: HubStart): Promise<string> {
  setLoaderMode(message.loaderMode);
  tuneProcessAsNpmStart();
  const databases = await openDefaultDatabases(message.urls, { poolMax: POOL, statementTimeoutMs: message.statementTimeoutMs });
  const hub = await startHttpServer({ ...hubOptions(databases, BENCH_PROTECTION), responseCacheSeconds: message.responseCacheSeconds });
  return hub.url;
}

if (require.main === module) serveChild(start);
