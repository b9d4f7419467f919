import { Writable } from 'node:stream';
import pino from 'pino';
import { openConfiguredDatabases, loadExtractsIfEmpty } from '../src/runtime';
import { createTestDatabases, FIXTURES_DIR, testConfig } from './support/testHub';
import { createLogger } from '../src/observability/logger';
import { countExtractFiles } from './support/testHub';

/** `npm start` on empty sources: one summary line for the demo load, not a line per extract (those are debug). */
test('loading the extracts logs one line at info, naming how many extracts and rows', async () => {
  const created = await createTestDatabases();
  const config = testConfig(created.urls, { DB_POOL_MAX: '2' });
  const opened = await openConfiguredDatabases(config, createLogger('silent'));
  const lines: { level: number; msg: string; extracts?: number; rows?: number }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as (typeof lines)[number]);
      done();
    },
  });
  try {
    await loadExtractsIfEmpty(opened.databases, FIXTURES_DIR, pino({ level: 'info' }, sink));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, extracts: countExtractFiles(FIXTURES_DIR) });
    expect(lines[0]!.rows).toBeGreaterThan(0);
    expect(lines[0]!.msg).toMatch(/^loaded \d+ extracts \(\d+ rows\) into empty sources$/);
  } finally {
    await opened.close();
    await created.drop();
  }
});
