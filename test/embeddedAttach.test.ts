import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { attachToRunningEmbedded, EmbeddedPortTaken } from '../src/db/embeddedPostgres';

/**
 * A second checkout must not be served the first one's databases: the hub attaches to an
 * embedded PostgreSQL on its port only if that server keeps its cluster in this data folder.
 * The run's own server (test/support/globalSetup.ts) plays the running hub's.
 */
const port = Number(new URL(process.env.HUB_TEST_PG_ADMIN_URL!).port);
const ownDataDir = process.env.HUB_TEST_PG_DATA_DIR!;

it('attaches to the server started for this data folder', async () => {
  const attached = await attachToRunningEmbedded(port, ownDataDir);
  expect(attached).not.toBeNull();
  expect(attached!.urlFor('x')).toContain(`:${port}/x`);
});

it('refuses a server started for another data folder, naming both folders and the setting to change', async () => {
  const other = mkdtempSync(path.join(os.tmpdir(), 'hub-other-checkout-'));
  try {
    const attempt = attachToRunningEmbedded(port, other);
    await expect(attempt).rejects.toBeInstanceOf(EmbeddedPortTaken);
    await expect(attempt).rejects.toThrow(
      new RegExp(`Port ${port} serves the embedded PostgreSQL of another data folder .*${path.basename(ownDataDir)}.*EMBEDDED_PG_PORT`),
    );
  } finally {
    rmSync(other, { recursive: true, force: true });
  }
});

it('finds nothing to attach to on a port where nothing listens', async () => {
  expect(await attachToRunningEmbedded(1, ownDataDir)).toBeNull();
});
