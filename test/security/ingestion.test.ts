import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IngestRejectedError, ingestExtract } from '../../src/ingestion/ingest';
import { poolOf } from '../../src/db/databases';
import { markAbandonedRuns } from '../../src/ingestion/runLiveness';
import { environment, start } from '../support/processes';
import { startTestHub, type TestHub } from '../support/testHub';

/**
 * Hostile extracts: a NUL byte in a cell is a rejected row with its line number, never a
 * crashed run; a load that is told to stop mid-way leaves a run record saying so, and
 * nothing of it in the partner's table.
 */

const HEADER = 'site_code,trust_ods,name,address,postcode,site_type,status';
let hub: TestHub;
let dir: string;

beforeAll(async () => {
  hub = await startTestHub();
  dir = mkdtempSync(path.join(os.tmpdir(), 'hub-hostile-'));
});
afterAll(async () => {
  await hub.stop();
});

const write = (name: string, lines: string[]) => {
  const file = path.join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
};
const siteCodes = async () =>
  (await hub.databases.trust.query<{ site_code: string }[]>(`SELECT site_code FROM site ORDER BY 1`)).map((r) => r.site_code);
const runOf = async (file: string) =>
  (
    await hub.databases.hub.query<{ status: string; error: string | null; finished_at: Date | null; rejected: number }[]>(
      `SELECT status, error, finished_at, rejected FROM ingest_run WHERE file_name = $1 ORDER BY started_at DESC LIMIT 1`,
      [path.basename(file)],
    )
  )[0];

const LINES = [HEADER, 'ZNUL1,RAT,GOOD SITE,,ZA1 1AA,Clinic,IN_USE', 'ZNUL2,RAT,BAD\u0000SITE,,ZA1 1AA,Clinic,IN_USE'];

test('a NUL in a cell refuses the extract, naming the line and column; the run is recorded as failed', async () => {
  const before = await siteCodes();
  const file = write('nul-strict.csv', LINES);
  const refused = await ingestExtract(hub.databases, { source: 'trust', table: 'site', file, runBy: 'test' }).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(IngestRejectedError);
  expect((refused as Error).message).toMatch(/line 3.*name holds a NUL character/);
  expect(await siteCodes()).toEqual(before);
  expect(await runOf(file)).toMatchObject({ status: 'FAILED', rejected: 1 });
});

test('with --skip-invalid the good rows load and the NUL row is rejected with its line number', async () => {
  const file = write('nul-skip.csv', LINES);
  const result = await ingestExtract(hub.databases, { source: 'trust', table: 'site', file, skipInvalid: true, runBy: 'test' });
  expect(result).toMatchObject({ rowsRead: 2, inserted: 1, rejected: 1 });
  expect(readFileSync(result.rejectsFile!, 'utf8')).toMatch(/3.*NUL/);
  expect(await siteCodes()).toContain('ZNUL1');
  expect(await siteCodes()).not.toContain('ZNUL2');
  expect(await runOf(file)).toMatchObject({ status: 'SUCCEEDED', rejected: 1 });
});

test('an ingest stopped by SIGTERM leaves a failed run record and nothing loaded', async () => {
  const rows = Array.from({ length: 200_000 }, (_, i) => `ZK${String(i).padStart(6, '0')},RAT,SITE ${i},,ZA1 1AA,Clinic,IN_USE`);
  const file = write('killed.csv', [HEADER, ...rows]);
  const before = await siteCodes();
  const ingest = start('cli/ingest.ts', ['--source', 'trust', '--table', 'site', file], environment(hub.urls));
  // As soon as its record says RUNNING, it is mid-load.
  for (let waited = 0; (await runOf(file))?.status !== 'RUNNING'; waited += 20) {
    if (waited > 30_000) throw new Error('the ingest never started');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  ingest.child.kill('SIGTERM');
  expect((await ingest.exited).code).toBe(143);
  const run = await runOf(file);
  expect(run).toMatchObject({ status: 'FAILED', error: expect.stringContaining('interrupted by SIGTERM') });
  expect(run!.finished_at).toBeInstanceOf(Date);
  expect(await siteCodes()).toEqual(before);
}, 60_000);

/** Whether nobody holds the run's lock (taken and given back at once, in one statement). */
const lockFree = async (id: string) =>
  (
    await hub.databases.hub.query<{ free: boolean }[]>(
      `SELECT pg_try_advisory_xact_lock(hashtextextended('ingest_run:' || $1, 0)) AS free`,
      [id],
    )
  )[0]!.free;

test('an ingest killed outright is RUNNING while its process lives and ABANDONED, saying why, once it is gone', async () => {
  const rows = Array.from({ length: 200_000 }, (_, i) => `ZA${String(i).padStart(6, '0')},RAT,SITE ${i},,ZA1 1AA,Clinic,IN_USE`);
  const file = write('abandoned.csv', [HEADER, ...rows]);
  const ingest = start('cli/ingest.ts', ['--source', 'trust', '--table', 'site', file], environment(hub.urls));
  for (let waited = 0; (await runOf(file))?.status !== 'RUNNING'; waited += 20) {
    if (waited > 30_000) throw new Error('the ingest never started');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // Alive: another process's check leaves it alone.
  await markAbandonedRuns(poolOf(hub.databases.hub));
  expect(await runOf(file)).toMatchObject({ status: 'RUNNING' });
  ingest.child.kill('SIGKILL');
  await ingest.exited;
  // Its session ends a moment after its process: wait until the hub's database has let its lock go.
  const [run] = await hub.databases.hub.query<{ id: string }[]>(`SELECT id::text AS id FROM ingest_run WHERE file_name = 'abandoned.csv'`);
  while (!(await lockFree(run!.id))) await new Promise((resolve) => setTimeout(resolve, 20));
  // The next ingest (or start) finds it: nobody holds its lock any more.
  const after = write('after.csv', [HEADER, 'ZAFT1,RAT,AFTER SITE,,ZA1 1AA,Clinic,IN_USE']);
  await ingestExtract(hub.databases, { source: 'trust', table: 'site', file: after, runBy: 'test' });
  expect(await runOf(file)).toMatchObject({ status: 'ABANDONED', error: expect.stringContaining('ended without recording its end') });
}, 60_000);
