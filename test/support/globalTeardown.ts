import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const running = globalThis.__HUB_TEST_POSTGRES__;
  if (running) await running.server.stop();
  // The run's temporary folders (globalSetup), the test PostgreSQL's data among them.
  const runDir = process.env.HUB_TEST_RUN_DIR;
  if (runDir) rmSync(runDir, { recursive: true, force: true });
}
