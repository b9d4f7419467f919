import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/db/embeddedPostgres';
import { createLogger } from '../../src/observability/logger';
import { freePort } from './freePort';

declare global {
  // Shared with globalTeardown only (Jest runs both in the parent process).
  var __HUB_TEST_POSTGRES__: { server: EmbeddedServer; dataDir: string } | undefined;
}

/** Starts one real PostgreSQL for the run; test files read its admin URL from the environment. */
export default async function globalSetup(): Promise<void> {
  // Every temporary folder of the run (test files', partner servers', browsers') goes under
  // one, which globalTeardown removes: the workers inherit TMPDIR, and os.tmpdir() reads it.
  const runDir = mkdtempSync(path.join(os.tmpdir(), 'hub-test-run-'));
  process.env.HUB_TEST_RUN_DIR = runDir;
  process.env.TMPDIR = runDir;
  const dataDir = mkdtempSync(path.join(runDir, 'hub-test-pg-'));
  const port = await freePort();
  const server = await startEmbeddedPostgres({ dataDir, port, logger: createLogger('warn'), durability: 'disposable' });
  globalThis.__HUB_TEST_POSTGRES__ = { server, dataDir };
  process.env.HUB_TEST_PG_ADMIN_URL = server.urlFor('postgres');
  process.env.HUB_TEST_PG_DATA_DIR = dataDir;
}
