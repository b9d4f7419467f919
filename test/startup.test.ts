import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { closeDatabases, openDefaultDatabases } from '../src/db/databases';
import { createLogger } from '../src/observability/logger';
import { startHub } from '../src/runtime';
import { freePort } from './support/freePort';
import { holdTable, lockWaiters, until } from './support/overlap';
import { environment, run, start, type Running } from './support/processes';
import { createTestDatabases, testConfig } from './support/testHub';
import { Client } from 'pg';

/**
 * Every start here leaves the databases empty (LOAD_DEMO_DATA=false), whatever order the tests run in.
 *
 * `npm start` as an operator meets it: the process, its exit codes and messages, its health
 * endpoint, a clean stop on SIGTERM that lets requests in flight finish, and a failed start
 * that leaves nothing open behind it.
 */

let created: Awaited<ReturnType<typeof createTestDatabases>>;
beforeAll(async () => {
  created = await createTestDatabases();
});
afterAll(async () => {
  await created?.drop();
});

/** Connections still open to this test's databases (other than the one asking). */
async function connectionsTo(database: string): Promise<number> {
  const client = new Client({ connectionString: process.env.HUB_TEST_PG_ADMIN_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1`, [database]);
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

const canConnect = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

const databaseName = (url: string) => new URL(url).pathname.slice(1);

test('a configuration error exits 2 naming every bad setting, before anything starts', async () => {
  const result = await run('main.ts', [], environment(null, { PORT: 'eighty', MAX_PAGE_SIZE: '0' }));
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('Invalid configuration:');
  expect(result.stderr).toContain('PORT: must be a whole number');
  expect(result.stderr).toContain('MAX_PAGE_SIZE:');
  expect(result.stdout).toBe('');
});

test('a start that fails exits 1 with the reason', async () => {
  const result = await run(
    'main.ts',
    [],
    environment(created.urls, { PORT: '0', LOAD_DEMO_DATA: 'false', PERSISTED_OPERATIONS_FILE: '/nonexistent/operations.json' }),
  );
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^The hub failed to start: .*\/nonexistent\/operations\.json/m);
});

test('a start that fails after the databases opened closes them again', async () => {
  const config = testConfig(created.urls, { PERSISTED_OPERATIONS_FILE: '/nonexistent/operations.json', LOAD_DEMO_DATA: 'false' });
  await expect(startHub(config, createLogger('silent'))).rejects.toThrow(/operations\.json/);
  for (const url of Object.values(created.urls)) expect(await connectionsTo(databaseName(url))).toBe(0);
});

test('a start on the embedded PostgreSQL that fails exits 1 and stops the PostgreSQL it started', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-embedded-'));
  const port = await freePort();
  try {
    // No database URLs: `npm start`'s own default, the embedded server in HUB_DATA_DIR.
    const result = await run(
      'main.ts',
      [],
      environment(null, {
        PORT: '0',
        LOAD_DEMO_DATA: 'false',
        HUB_DATA_DIR: dataDir,
        EMBEDDED_PG_PORT: String(port),
        PERSISTED_OPERATIONS_FILE: '/nonexistent/operations.json',
      }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^The hub failed to start: .*\/nonexistent\/operations\.json/m);
    // It got as far as a running, migrated PostgreSQL, and stopped it: nothing answers on its port.
    expect(existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
    expect(await canConnect(port)).toBe(false);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('an allow-list file that is not a list of operations stops the start with the reason', async () => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'hub-allow-')), 'operations.json');
  writeFileSync(file, JSON.stringify({ operations: ['{ localities { totalCount } }'] }));
  const config = testConfig(created.urls, { PERSISTED_OPERATIONS_FILE: file, LOAD_DEMO_DATA: 'false' });
  await expect(startHub(config, createLogger('silent'))).rejects.toThrow(
    `${file} must be a JSON array of operation texts or SHA-256 digests`,
  );
});

/** `npm start` on the test's databases, once it has said where it serves. */
async function startMain(): Promise<{ hub: Running; url: string }> {
  // At info level the hub logs when it begins to shut down.
  const hub = start('main.ts', [], environment(created.urls, { PORT: '0', LOAD_DEMO_DATA: 'false', LOG_LEVEL: 'info' }));
  await until(() => /GraphQL at (\S+)/.test(hub.stdout) || hub.child.exitCode !== null, 'the hub to say it is ready', 60_000);
  const url = /GraphQL at (\S+)/.exec(hub.stdout)?.[1];
  if (!url) throw new Error(`The hub did not start: ${hub.stderr}`);
  return { hub, url };
}

const ask = (url: string, query: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });

describe('a running hub', () => {
  let running: Running | undefined;
  afterEach(() => {
    if (running?.child.exitCode === null) running.child.kill('SIGKILL');
  });

  test('says where it serves and answers GET /health and GraphQL', async () => {
    const { hub, url } = await startMain();
    running = hub;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    const health = await fetch(new URL('/health', url));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(await (await ask(url, '{ localities { totalCount } }')).json()).toMatchObject({ data: { localities: { totalCount: 0 } } });
  });

  test('on SIGTERM lets the request in flight finish, then exits 0 and lets go of its databases', async () => {
    const { hub, url } = await startMain();
    running = hub;
    const opened = await openDefaultDatabases(created.urls, { poolMax: 2, statementTimeoutMs: 30_000 });
    try {
      const held = await holdTable(opened.hub, 'locality');
      const inFlight = ask(url, '{ localities { nodes { code } } }');
      await until(async () => (await lockWaiters(opened.hub, 'SELECT l.*,')) === 1, 'the request to be in flight');
      hub.child.kill('SIGTERM');
      await until(() => hub.stdout.includes('shutting down'), 'the hub to begin shutting down');
      await held.release();
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ data: { localities: { nodes: [] } } });
      expect((await hub.exited).code).toBe(0);
    } finally {
      await closeDatabases(opened);
    }
    for (const databaseUrl of Object.values(created.urls)) expect(await connectionsTo(databaseName(databaseUrl))).toBe(0);
  });
});
