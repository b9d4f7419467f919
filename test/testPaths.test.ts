import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { PREREQUISITES } from '../scripts/test/prerequisites';
import { environment, runScript } from './support/processes';
import { asAdmin, databaseUrl, templatesFor } from './support/templates';
import { FIXTURES_DIR, startTestHub, testConfig } from './support/testHub';

/**
 * The ways into the test suite the README gives: the quick path, the full suite's Debian
 * prerequisites, and the template databases that keep the full suite from migrating and
 * loading the same data for every file.
 */

const ROOT = path.resolve(__dirname, '..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const SCRIPTS = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** Every test file, relative to the package, e.g. `test/security/owasp.test.ts`. */
const TEST_FILES = readdirSync(path.join(ROOT, 'test'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => `test/${f}`);

test('npm run test:quick names test files that exist, docs and access among them, and no browser, container or build test', () => {
  const patterns = SCRIPTS['test:quick']!.split(' ').filter((word) => word.startsWith('test/'));
  const matched = patterns.map((pattern) => [pattern, TEST_FILES.filter((file) => file.startsWith(pattern))] as const);
  expect(matched.filter(([, files]) => files.length === 0).map(([pattern]) => pattern)).toEqual([]);
  const quick = matched.flatMap(([, files]) => files);
  expect(quick).toEqual(expect.arrayContaining(['test/docsExamples.test.ts', 'test/access.test.ts']));
  expect(quick.filter((file) => /browser|container|compose|firstHour/i.test(file))).toEqual([]);
});

test("the full suite's prerequisites are the README's, and npm test checks them with the script it names before jest", async () => {
  const paragraph = /`npm test` needs, besides Node and npm,[\s\S]*?\n\n/.exec(README)![0];
  const named = [...paragraph.matchAll(/`([a-z0-9-]+)` \(/g)].map((m) => m[1]);
  expect(named).toEqual(PREREQUISITES.map((p) => p.package));
  expect(paragraph).toContain('`npm run test:prerequisites` (`scripts/test/prerequisites.ts`');
  expect(SCRIPTS['test:prerequisites']).toBe('tsx scripts/test/prerequisites.ts');
  expect(SCRIPTS.test).toMatch(/&& npm run test:prerequisites && jest --ci$/);
  // This suite runs on them; with all of them there, the script only says so (it installs nothing).
  expect(PREREQUISITES.filter((p) => !existsSync(p.file)).map((p) => p.package)).toEqual([]);
  const result = await runScript('test/prerequisites.ts', [], environment(null));
  expect([result.code, result.stderr]).toEqual([0, '']);
  const lines = result.stdout.trim().split('\n');
  expect(lines.map((line) => /^(have|missing) +(\S+) +for /.exec(line)?.slice(1))).toEqual(PREREQUISITES.map((p) => ['have', p.package]));
});

describe('template databases', () => {
  /** The shared data's ingest runs, as a hub's registry records them: when and what. */
  async function loadRuns(hub: Awaited<ReturnType<typeof startTestHub>>): Promise<string[]> {
    const runs = await hub.databases.hub.query<{ run: string }[]>(
      `SELECT concat_ws(' ', source, table_name, status, started_at::text) AS run FROM ingest_run ORDER BY started_at, source, table_name`,
    );
    return runs.map((r) => r.run);
  }

  test("two hubs on the fixtures are copies of one load: the same runs, at the same times, each hub's own databases", async () => {
    const [first, second] = [await startTestHub(), await startTestHub()];
    try {
      const runs = await loadRuns(first);
      expect(runs.length).toBeGreaterThan(0);
      expect(await loadRuns(second)).toEqual(runs);
      // Copies, not one database: a change in one is not in the other.
      await first.databases.hub.query(`DELETE FROM ingest_run`);
      expect(await loadRuns(second)).toEqual(runs);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  test('changed data makes a template of its own; templates other code made are dropped as stale', async () => {
    const stale = `tpl_00000000_stale_${process.pid}`;
    await asAdmin(async (client) => {
      await client.query(`CREATE DATABASE "${stale}" IS_TEMPLATE true`);
    });
    const changed = mkdtempSync(path.join(os.tmpdir(), 'hub-changed-fixtures-'));
    cpSync(FIXTURES_DIR, changed, { recursive: true });
    const wards = path.join(changed, 'council/ward.csv');
    writeFileSync(wards, readFileSync(wards, 'utf8').replace('Fixture Ward One', 'Fixture Ward One (renamed)'));
    const config = testConfig({
      hub: 'postgres://unused/hub',
      ccg: 'postgres://unused/ccg',
      council: 'postgres://unused/council',
      trust: 'postgres://unused/trust',
    });
    const fixtures = await templatesFor(config, FIXTURES_DIR);
    const ours = await templatesFor(config, changed);
    try {
      expect(Object.keys(ours)).toEqual(Object.keys(fixtures));
      for (const source of Object.keys(ours)) expect(ours[source]).not.toBe(fixtures[source]);
      const present = await asAdmin(async (client) =>
        (await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datistemplate')).rows.map((r) => r.datname),
      );
      expect(present).toEqual(expect.arrayContaining([...Object.values(fixtures), ...Object.values(ours)]));
      expect(present).not.toContain(stale);
      // The new template holds the changed data (no other file knows of it, so reading it holds up no copy).
      const council = new Client({ connectionString: databaseUrl(ours.council!) });
      await council.connect();
      try {
        const { rows } = await council.query<{ name: string }>(`SELECT name FROM ward WHERE gss_code = 'E05900001'`);
        expect(rows).toEqual([{ name: 'Fixture Ward One (renamed)' }]);
      } finally {
        await council.end();
      }
    } finally {
      await asAdmin(async (client) => {
        for (const name of Object.values(ours)) {
          await client.query(`ALTER DATABASE "${name}" IS_TEMPLATE false`);
          await client.query(`DROP DATABASE "${name}"`);
        }
      });
    }
  });
});
