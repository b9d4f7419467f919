/**
 * Ingestion benchmark: rows/s for a large synthetic extract through the full `ingest` path
 * (stream, validate, COPY into staging, merge, crosswalk links, run record), against two
 * references measured in the same run on the same file: a bare `COPY` of it into an
 * unconstrained table (the floor for any loader that validates and merges), and Node reading
 * and validating it with the rows sent nowhere (the floor of the loader's own work). Each
 * ingest reports its steps' seconds. The same file is loaded twice: into an empty table
 * (every row new), then, once the tables are vacuumed, again (every row unchanged).
 *
 *   npx tsx bench/ingest-extract.ts [--rows 1000000]
 *
 * Uses its own embedded PostgreSQL data folder (.data-bench) unless *_DATABASE_URL are set.
 */
import { createReadStream, createWriteStream, mkdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { loadConfig } from '../src/config/config';
import { legacySources } from '../src/config/sources';
import { asDefaultDatabases, poolOf, type DefaultDatabases } from '../src/db/databases';
import { ingestExtract, type IngestResult } from '../src/ingestion/ingest';
import { readExtract } from '../src/ingestion/readExtract';
import { resolveTableSpec } from '../src/ingestion/sourceTables';
import { createLogger } from '../src/observability/logger';
import { openConfiguredDatabases } from '../src/runtime';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Site code number n as 5 characters: deterministic and unique below 36^5. */
function siteCode(n: number): string {
  let code = '';
  for (let i = 0; i < 5; i += 1) {
    code = ALPHABET[n % 36] + code;
    n = Math.floor(n / 36);
  }
  return code;
}

async function writeExtract(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('site_code,trust_ods,name,address,postcode,site_type,status\n');
  for (let i = 0; i < rows; i += 1) {
    const line = `${siteCode(i)},R${siteCode(i % 1000).slice(3)},SYNTHETIC SITE ${i},${i} SYNTHETIC ROAD,ZA${i % 10} ${i % 10}AA,Clinic,IN_USE\n`;
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

async function bareCopy(pool: pg.Pool, file: string): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`CREATE TEMP TABLE bare_copy (a text, b text, c text, d text, e text, f text, g text) ON COMMIT DROP`);
    const started = process.hrtime.bigint();
    await pipeline(createReadStream(file), client.query(copyFrom(`COPY bare_copy FROM STDIN WITH (FORMAT csv, HEADER true)`)));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await client.query('ROLLBACK');
    return seconds;
  } finally {
    client.release();
  }
}

/** Node's own part alone: read, split, validate and encode the rows as COPY text, sent nowhere. */
async function readAndValidate(file: string): Promise<number> {
  const reader = readExtract(resolveTableSpec([{ id: 'trust', kind: 'trust-sites' }], 'trust', 'site'), file, () => undefined);
  const started = process.hrtime.bigint();
  await pipeline(...reader.streams, new Writable({ write: (_chunk, _encoding, done) => done() }));
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const round = (seconds: number): number => Math.round(seconds * 100) / 100;

function summary(result: IngestResult, seconds: number, rows: number) {
  return {
    seconds: round(seconds),
    rowsPerSecond: Math.round(rows / seconds),
    inserted: result.inserted,
    unchanged: result.unchanged,
    steps: Object.fromEntries(Object.entries(result.seconds as unknown as Record<string, number>).map(([step, s]) => [step, round(s)])),
  };
}

/** Empty trust sites and their crosswalk entries, so every run starts from the same state. */
async function reset(databases: DefaultDatabases): Promise<void> {
  await databases.trust.query('TRUNCATE site CASCADE');
  await databases.hub.query(`TRUNCATE source_link, shared_entity`);
}

/** Vacuums and analyses what the first load wrote, so the second measures the merge, not the first's aftermath. */
async function settle(databases: DefaultDatabases): Promise<void> {
  await databases.trust.query('VACUUM (ANALYZE) site');
  await databases.hub.query('VACUUM (ANALYZE) shared_entity, source_link');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' } } });
  const rows = Number(values.rows);
  if (!Number.isInteger(rows) || rows < 1 || rows > 36 ** 5) throw new Error(`--rows must be a whole number from 1 to ${36 ** 5}`);
  const env: Record<string, string | undefined> = {
    ...process.env,
    HUB_DATA_DIR: process.env.HUB_DATA_DIR ?? '.data-bench',
    EMBEDDED_PG_PORT: process.env.EMBEDDED_PG_PORT ?? '54339',
  };
  // The four default sources (a trust among them), not the demo's nineteen that `npm start` runs without a sources file.
  const config = env.SOURCES_FILE ? loadConfig(env) : { ...loadConfig(env), sources: legacySources(env) };
  const opened = await openConfiguredDatabases(config, createLogger('warn'));
  const databases = asDefaultDatabases(opened.databases);
  const workDir = path.resolve('.data-bench');
  mkdirSync(workDir, { recursive: true });
  const file = path.join(workDir, `sites-${rows}.csv`);
  try {
    await reset(databases);
    process.stdout.write(`writing a ${rows}-row extract ...\n`);
    await writeExtract(file, rows);
    const pool = poolOf(databases.trust);
    const loadAverage = os.loadavg().map((l) => Math.round(l * 100) / 100);
    const floorSeconds = await bareCopy(pool, file);
    const nodeSeconds = await readAndValidate(file);

    const started = process.hrtime.bigint();
    const first = await ingestExtract(databases, { source: 'trust', table: 'site', file, runBy: 'benchmark' });
    const firstSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    // A million fresh rows leave the tables to autovacuum, which would otherwise run beside
    // the second load and decide its figure; vacuumed first, it meets them as a load a day later would.
    await settle(databases);
    const againStarted = process.hrtime.bigint();
    const again = await ingestExtract(databases, { source: 'trust', table: 'site', file, runBy: 'benchmark' });
    const againSeconds = Number(process.hrtime.bigint() - againStarted) / 1e9;

    const result = {
      when: new Date().toISOString(),
      machine: {
        cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
      },
      // Other work on the machine when the run started (1, 5 and 15 minutes): the figures are only as quiet as it was.
      loadAverage,
      rows,
      fileMiB: Math.round((statSync(file).size / 2 ** 20) * 10) / 10,
      bareCopy: { seconds: round(floorSeconds), rowsPerSecond: Math.round(rows / floorSeconds) },
      readAndValidate: { seconds: round(nodeSeconds), rowsPerSecond: Math.round(rows / nodeSeconds) },
      ingestNew: summary(first, firstSeconds, rows),
      ingestUnchanged: summary(again, againSeconds, rows),
    };
    writeFileSync(path.resolve('bench/ingest-results.json'), `${JSON.stringify(result, null, 2)}\n`);
    const line = (label: string, r: { rowsPerSecond: number; steps?: Record<string, number> }) =>
      `${label.padEnd(18)} ${String(r.rowsPerSecond).padStart(7)} rows/s (${(r.rowsPerSecond / result.bareCopy.rowsPerSecond).toFixed(2)} × bare COPY)` +
      `${
        r.steps
          ? `  ${Object.entries(r.steps)
              .map(([step, s]) => `${step} ${s} s`)
              .join(', ')}`
          : ''
      }\n`;
    process.stdout.write(
      `load average at the start: ${loadAverage.join(', ')}\n` +
        line('bare COPY', result.bareCopy) +
        line('read + validate', result.readAndValidate) +
        line('ingest, all new', result.ingestNew) +
        line('ingest, unchanged', result.ingestUnchanged),
    );
  } finally {
    await reset(databases).catch(() => undefined);
    await opened.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
