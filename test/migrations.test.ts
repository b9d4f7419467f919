import { SOURCE_NAMES, type SourceName } from '../src/config/config';
import { closeDatabases, openDefaultDatabases, type Databases } from '../src/db/databases';
import { createLogger } from '../src/observability/logger';
import { startHub } from '../src/runtime';
import type { DataSource } from 'typeorm';
import { openFixtureDatabases, testConfig } from './support/testHub';

/**
 * Migrations on databases that hold data, as a deployment meets them: the newest ones
 * rolled back and applied again over the fixtures without losing a row, every one rolled
 * back to nothing, and the latest schema rebuilt from there.
 */

type Counts = Record<string, number>;

/** Rows per table (the migrations' own bookkeeping aside). */
async function rowCounts(database: DataSource): Promise<Counts> {
  const tables = await database.query<{ name: string }[]>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY 1`,
  );
  const counts: Counts = {};
  for (const { name } of tables) counts[name] = (await database.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${name}"`))[0]!.n;
  return counts;
}

const applied = async (database: DataSource) =>
  (await database.query<{ name: string }[]>(`SELECT name FROM schema_migrations ORDER BY id`)).map((m) => m.name);

async function undo(database: DataSource, times: number): Promise<void> {
  for (let i = 0; i < times; i += 1) await database.undoLastMigration({ transaction: 'each' });
}

let fixture: Awaited<ReturnType<typeof openFixtureDatabases>>;
beforeEach(async () => {
  fixture = await openFixtureDatabases();
});
afterEach(async () => {
  await fixture.close();
});

test('each source rolls its newest migration back over the fixtures and applies it again, every row kept', async () => {
  const latest = {} as Record<SourceName, string[]>;
  const older = {} as Record<SourceName, Counts>;
  for (const source of SOURCE_NAMES) {
    const database = fixture.databases[source];
    latest[source] = await applied(database);
    await undo(database, 1);
    expect(await applied(database)).toEqual(latest[source].slice(0, -1));
    older[source] = await rowCounts(database);
    expect(Object.values(older[source]).some((n) => n > 0)).toBe(true);
  }
  // What `npm start` does on an older database: open it, which migrates it to the latest.
  const reopened = await openDefaultDatabases(fixture.urls, { poolMax: 2, statementTimeoutMs: 10_000 });
  try {
    for (const source of SOURCE_NAMES) {
      expect(await applied(reopened[source])).toEqual(latest[source]);
      expect(await rowCounts(reopened[source])).toMatchObject(older[source]);
    }
  } finally {
    await closeDatabases(reopened);
  }
});

test('every migration rolls back over the fixtures to an empty schema, and the latest is built again from there', async () => {
  for (const source of SOURCE_NAMES) {
    const database = fixture.databases[source];
    await undo(database, (await applied(database)).length);
    expect(await applied(database)).toEqual([]);
    expect(await rowCounts(database)).toEqual({});
  }
  const config = testConfig(fixture.urls, { LOAD_DEMO_DATA: 'false', DB_POOL_MAX: '2' });
  const hub = await startHub(config, createLogger('silent'));
  try {
    const response = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ localities { totalCount } }' }),
    });
    expect(await response.json()).toMatchObject({ data: { localities: { totalCount: 0 } } });
  } finally {
    await hub.stop();
  }
});
