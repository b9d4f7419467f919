import type { SourceName } from '../src/config/config';
import { openDefaultDatabases } from '../src/db/databases';
import { setLoaderMode } from '../src/loaders/batch';
import { startHttpServer } from '../src/server/http';
import { BENCH_PROTECTION, hubOptions, POOL, tuneProcessAsNpmStart } from './hubServer';

/**
 * The naive hub: the hub with its DataLoaders off (`setLoaderMode('naive')`: one statement
 * per key, no cache), in a child process of bench/run.ts. Loader mode is chosen once per
 * process, and a naive request can run for minutes: in its own process it can be stopped
 * (killed) at the end of a run without touching the batched hub, and the memory it grows
 * does not carry into the benchmark's later runs.
 */

export interface NaiveStart {
  urls: Record<SourceName, string>;
  statementTimeoutMs: number;
}

async function start(message: NaiveStart): Promise<string> {
  setLoaderMode('naive');
  tuneProcessAsNpmStart();
  const databases = await openDefaultDatabases(message.urls, { poolMax: POOL, statementTimeoutMs: message.statementTimeoutMs });
  const hub = await startHttpServer(hubOptions(databases, BENCH_PROTECTION));
  return hub.url;
}

if (require.main === module) {
  // Never outlive the benchmark, even one that crashed without stopping this process.
  process.once('disconnect', () => process.exit(0));
  process.once('message', (message: NaiveStart) => {
    start(message).then(
      (url) => process.send!({ ok: true, url }),
      (error: unknown) => process.send!({ ok: false, error: String(error) }),
    );
  });
}
