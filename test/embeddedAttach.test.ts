import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { attachToRunningEmbedded, EmbeddedPortTaken } from '../src/db/embeddedPostgres';
import { startPartnerPostgres, type PartnerPostgres } from './support/partnerPostgres';

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

it('finds nothing to attach to for a folder with no server, on a port where nothing listens', async () => {
  const empty = mkdtempSync(path.join(os.tmpdir(), 'hub-no-server-'));
  try {
    expect(await attachToRunningEmbedded(1, empty)).toBeNull();
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

describe("a hub's server with every connection slot taken (a command beside a busy hub)", () => {
  let partner: PartnerPostgres;
  const held: Client[] = [];

  beforeAll(async () => {
    partner = await startPartnerPostgres({ maxConnections: 6 });
  }, 120_000);
  afterAll(async () => {
    await Promise.all(held.map((c) => c.end()));
    await partner?.close();
  }, 60_000);

  /** Takes connections until the server refuses one ("too many clients"). */
  async function takeEverySlot(): Promise<void> {
    for (;;) {
      const client = new Client({ connectionString: partner.urlFor('postgres') });
      try {
        await client.connect();
      } catch (error) {
        expect((error as { code?: string }).code).toBe('53300');
        return;
      }
      held.push(client);
    }
  }

  it('is found by its postmaster.pid, not by a connection, and a command fails clearly when no slot comes free', async () => {
    await takeEverySlot();
    // Port 1: the folder's postmaster.pid names the server's own port.
    await expect(attachToRunningEmbedded(1, partner.dataDir, 500)).rejects.toThrow(
      /^The hub's embedded PostgreSQL for .* runs \(pid \d+, port \d+\) but gave this command no connection within 1 s: every slot is in use .*a second server is never started/,
    );
  }, 60_000);

  it('waits for a slot, then attaches to the running server', async () => {
    await takeEverySlot();
    const attaching = attachToRunningEmbedded(1, partner.dataDir, 30_000);
    await held.pop()!.end();
    const attached = await attaching;
    expect(attached!.urlFor('x')).toBe(partner.urlFor('x'));
  }, 60_000);
});
