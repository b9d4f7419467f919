import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse/sync';
import { poolOf } from '../src/db/databases';
import { csvRecords, type CsvBatch } from '../src/ingestion/csvRecords';
import { IngestMergeError, IngestRejectedError, ingestExtract, type IngestOptions } from '../src/ingestion/ingest';
import { beginBulk } from '../src/ingestion/pgClients';
import { ExtractError } from '../src/ingestion/readExtract';
import { countExtractFiles, FIXTURES_DIR, startTestHub, type TestHub } from './support/testHub';

/** Loading partner extracts: validated, all-or-nothing, idempotent, recorded, and visible through the API. */

let hub: TestHub;
let dir: string;
beforeAll(async () => {
  hub = await startTestHub({ as: { organisationId: null, role: 'ADMIN' } });
  dir = mkdtempSync(path.join(os.tmpdir(), 'hub-ingest-'));
});
afterAll(async () => {
  await hub.stop();
});

const SITE_HEADER = 'site_code,trust_ods,name,address,postcode,site_type,status';
let fileCounter = 0;

function extract(lines: string[], name = 'site.csv'): string {
  fileCounter += 1;
  const file = path.join(dir, `${fileCounter}-${name}`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const ingestSites = (file: string, options: Partial<IngestOptions> = {}) =>
  ingestExtract(hub.databases, { source: 'trust', table: 'site', file, runBy: 'test', ...options });

async function siteCount(): Promise<number> {
  const [row] = await hub.databases.trust.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM site`);
  return row!.n;
}

async function rejection(promise: Promise<unknown>): Promise<IngestRejectedError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(IngestRejectedError);
  return error as IngestRejectedError;
}

const rejectsOf = (file: string): { line: string; reason: string }[] => parse(readFileSync(file, 'utf8'), { columns: true });

describe('bad extracts are refused whole, with reasons by line', () => {
  test('wrong code formats and bad dates', async () => {
    const before = await siteCount();
    const file = extract([
      SITE_HEADER,
      'ZNEW1,RAT,GOOD NEW SITE,,ZA1 1AA,Clinic,IN_USE',
      'ZBAD,RAT,SITE CODE TOO SHORT,,ZA1 1AA,Clinic,IN_USE',
      'ZNEW2,RATT,TRUST CODE TOO LONG,,za1 1aa,Clinic,IN_USE',
      'ZNEW3,RAT,UNKNOWN STATUS,,ZA1 1AA,Clinic,DEMOLISHED',
    ]);
    const error = await rejection(ingestSites(file));
    expect(error.rejected).toBe(3);
    expect(error.message).toContain('nothing was loaded');
    const rejects = rejectsOf(error.rejectsFile);
    expect(rejects.map((r) => r.line)).toEqual(['3', '4', '5']);
    expect(rejects[0]!.reason).toBe('site_code "ZBAD" must be a 5-character ODS site code (e.g. RDDH1)');
    expect(rejects[1]!.reason).toContain('trust_ods "RATT" must be a 3-character ODS organisation code');
    expect(rejects[1]!.reason).toContain('postcode "za1 1aa" must be a UK postcode');
    expect(rejects[2]!.reason).toContain('status "DEMOLISHED" must be one of IN_USE');
    // The good row did not go in either: one transaction.
    expect(await siteCount()).toBe(before);
  });

  test('dates that are not real or not ISO', async () => {
    const file = extract(
      [
        'ods_code,name,ccg_code,pcn_code,postcode,status,open_date,close_date',
        'Z90101,Practice,07G,,ZA1 1AA,A,2019-02-30,',
        'Z90102,Practice,07G,,ZA1 1AA,A,31/03/2019,',
      ],
      'practice.csv',
    );
    const error = await rejection(ingestExtract(hub.databases, { source: 'ccg', table: 'practice', file }));
    expect(rejectsOf(error.rejectsFile).map((r) => r.reason)).toEqual([
      'open_date "2019-02-30" is not a real calendar date',
      'open_date "31/03/2019" must be a date written YYYY-MM-DD',
    ]);
  });

  test('duplicate keys name the first line', async () => {
    const error = await rejection(ingestSites(extract([SITE_HEADER, 'ZDUP1,RAT,ONE,,ZA1 1AA,,IN_USE', 'ZDUP1,RAT,TWO,,ZA1 1AA,,IN_USE'])));
    expect(rejectsOf(error.rejectsFile)).toEqual([
      { line: '3', reason: 'duplicate key site_code=ZDUP1 (first at line 2)', record: 'ZDUP1,RAT,TWO,,ZA1 1AA,,IN_USE' },
    ]);
  });

  test('a truncated file: a short last line is rejected, an unclosed quote stops the load', async () => {
    const short = await rejection(ingestSites(extract([SITE_HEADER, 'ZCUT1,RAT,FINE,,ZA1 1AA,,IN_USE', 'ZCUT2,RAT,CUT'])));
    expect(rejectsOf(short.rejectsFile)[0]!.reason).toContain('has 3 fields where the header has 7');

    const file = path.join(dir, 'unclosed.csv');
    writeFileSync(file, `${SITE_HEADER}\nZCUT3,RAT,"NEVER CLOSED,,ZA1 1AA`);
    const before = await siteCount();
    await expect(ingestSites(file)).rejects.toThrow(/Quote Not Closed.*may be truncated/i);
    expect(await siteCount()).toBe(before);
  });

  test('a wrong header names the unknown and missing columns', async () => {
    const file = extract(['site,trust_ods,name,colour', 'ZH001,RAT,X,red']);
    const error = await ingestSites(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExtractError);
    expect((error as Error).message).toMatch(/unknown column\(s\) site, colour; missing required column\(s\) site_code, status/);
  });

  test('an empty file, an unknown table, and --full on the registry are clear errors', async () => {
    await expect(ingestSites(extract([]))).rejects.toThrow(/the file is empty: expected a header row/);
    await expect(ingestExtract(hub.databases, { source: 'trust', table: 'wards', file: extract([SITE_HEADER]) })).rejects.toThrow(
      /unknown table "wards" for source trust \(trust-sites\): expected one of site, service_line/,
    );
    await expect(
      ingestExtract(hub.databases, { source: 'hub', table: 'partnership', file: extract(['id,name']), full: true }),
    ).rejects.toThrow(/--full is for partner source tables/);
  });

  test('a refused load is recorded as a FAILED run, with its rejects and validity', async () => {
    const file = extract([
      SITE_HEADER,
      'ZRUN1,RAT,GOOD,,ZA1 1AA,,IN_USE',
      'ZBAD,RAT,BAD CODE,,ZA1 1AA,,IN_USE',
      'ZRUN2,RATT,BAD TRUST,,ZA1 1AA,,IN_USE',
      'ZRUN3,RAT,BAD STATUS,,ZA1 1AA,,DEMOLISHED',
    ]);
    await rejection(ingestSites(file));
    const { body } = await hub.gql<{
      ingestRuns: { nodes: { fileName: string; status: string; rejected: number; error: string | null; validity: number | null }[] };
    }>(`{ ingestRuns(source: "trust", table: "site", first: 100) { nodes { fileName status rejected error validity } } }`);
    const mine = body.data!.ingestRuns.nodes.filter((r) => r.fileName === path.basename(file));
    expect(mine).toEqual([
      {
        fileName: path.basename(file),
        status: 'FAILED',
        rejected: 3,
        validity: 0.25,
        error: expect.stringContaining('3 row(s) failed validation'),
      },
    ]);
  });
});

describe('--skip-invalid', () => {
  test('loads the good rows and writes every rejected row to the rejects file', async () => {
    const rejectsFile = path.join(dir, 'skip.rejects.csv');
    const before = await siteCount();
    const result = await ingestSites(
      extract([SITE_HEADER, 'ZSKP1,RAT,GOOD ONE,,ZA1 1AA,,IN_USE', 'BAD,RAT,BAD,,ZA1 1AA,,IN_USE', 'ZSKP2,RAT,GOOD TWO,,ZB1 1BB,,IN_USE']),
      { skipInvalid: true, rejectsFile },
    );
    expect(result).toMatchObject({ rowsRead: 3, inserted: 2, rejected: 1, rejectsFile, validity: 0.666667 });
    expect(await siteCount()).toBe(before + 2);
    expect(rejectsOf(rejectsFile)).toEqual([
      { line: '3', reason: 'site_code "BAD" must be a 5-character ODS site code (e.g. RDDH1)', record: 'BAD,RAT,BAD,,ZA1 1AA,,IN_USE' },
    ]);
  });

  test('a clean load writes no rejects file', async () => {
    const file = extract([SITE_HEADER, 'ZCLN1,RAT,CLEAN,,ZA1 1AA,,IN_USE']);
    await ingestSites(file, { skipInvalid: true });
    expect(existsSync(`${file}.rejects.csv`)).toBe(false);
  });
});

describe('idempotent loads and change tracking', () => {
  const query = `{ locality(code: "FIX-C") { estates { nodes { name status sources { source nativeKey lastChangedAt } } } } }`;
  type Estates = {
    locality: {
      estates: { nodes: { name: string; status: string; sources: { source: string; nativeKey: string; lastChangedAt: string }[] }[] };
    };
  };
  const trustSite = async (key: string) => {
    const { body } = await hub.gql<Estates>(query);
    const estate = body.data!.locality.estates.nodes.find((e) => e.sources.some((s) => s.nativeKey === key));
    return { estate, changedAt: estate?.sources.find((s) => s.nativeKey === key)?.lastChangedAt };
  };
  // Each test loads a site of its own beside a fixture one.
  const lines = (key: string) => [
    SITE_HEADER,
    `${key},R1L,IDEMPOTENT CLINIC,,ZC1 1CC,Clinic,IN_USE`,
    'ZR1L1,R1L,FIXTURE CLINIC C,4 TEST ROAD,ZC1 1CC,Mental health,IN_USE',
  ];

  test('loading the same extract twice changes nothing', async () => {
    const first = await ingestSites(extract(lines('ZIDM1')));
    const before = await trustSite('ZIDM1');
    // Row versions: a row updated, or even locked, gets a new xmin or an xmax.
    const versions = async () => ({
      sites: await hub.databases.trust.query(`SELECT site_code, xmin::text, xmax::text FROM site ORDER BY site_code`),
      links: await hub.databases.hub.query(
        `SELECT native_key, xmin::text, xmax::text FROM source_link ORDER BY kind, source, native_table, native_key`,
      ),
      entities: await hub.databases.hub.query(`SELECT kind, id, xmin::text, xmax::text FROM shared_entity ORDER BY kind, id`),
    });
    const written = await versions();
    const second = await ingestSites(extract(lines('ZIDM1')));
    expect(first).toMatchObject({ inserted: 1, updated: 0, unchanged: 1 });
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, checksum: first.checksum });
    expect((await trustSite('ZIDM1')).changedAt).toBe(before.changedAt);
    expect(await versions()).toEqual(written);
  });

  test('a changed row updates in place and its provenance shows the new last-changed time', async () => {
    await ingestSites(extract(lines('ZIDM2')));
    const before = await trustSite('ZIDM2');
    const result = await ingestSites(extract([SITE_HEADER, 'ZIDM2,R1L,IDEMPOTENT CLINIC,,ZC1 1CC,Clinic,SURPLUS']));
    expect(result).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    const after = await trustSite('ZIDM2');
    expect(after.estate?.status).toBe('SURPLUS');
    expect(Date.parse(after.changedAt!)).toBeGreaterThan(Date.parse(before.changedAt!));
  });

  test('--full marks rows missing from the extract withdrawn, never deletes them; a later load brings them back', async () => {
    const [{ n: total }] = (await hub.databases.trust.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM site`)) as [{ n: number }];
    // A new site and a fixture one: every other site is missing from it.
    const result = await ingestSites(extract(lines('ZIDM3')), { full: true });
    expect(result).toMatchObject({ inserted: 1, withdrawn: total - 1 });
    expect(await siteCount()).toBe(total + 1); // nothing deleted
    const { body } = await hub.gql<{ locality: { estates: { nodes: { odsSiteCodes: string[] }[] } } }>(
      `{ locality(code: "FIX-A") { estates { nodes { odsSiteCodes } } } }`,
    );
    expect(body.data!.locality.estates.nodes.flatMap((e) => e.odsSiteCodes)).toEqual([]);
    const back = await ingestSites(extract([SITE_HEADER, 'ZRAT1,RAT,FIXTURE HEALTH CENTRE A,1 TEST ROAD,ZA1 1AA,Community,IN_USE']));
    expect(back).toMatchObject({ updated: 1 });
    expect((await trustSite('ZR1L1')).estate).toBeDefined();
  });
});

describe('one transaction across the partner and the hub', () => {
  const LINES = 'service_line_id,trust_ods,name,care_setting,site_code,cohort,days_of_operation';
  const links = async (keys: string[]) =>
    (
      await hub.databases.hub.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM source_link WHERE source = 'trust' AND native_table = 'service_line' AND native_key = ANY($1)`,
        [keys],
      )
    )[0]!.n;

  test('rows the database refuses (a site that does not exist) leave neither partner rows nor crosswalk rows', async () => {
    const file = extract(
      [LINES, 'ZSL-NO-1,RAT,Good line,COMMUNITY,ZRAT1,,', 'ZSL-NO-2,RAT,Line at no site,COMMUNITY,ZNONE,,'],
      'service_line.csv',
    );
    const error = await ingestExtract(hub.databases, { source: 'trust', table: 'service_line', file, runBy: 'test' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IngestMergeError);
    expect((error as Error).message).toMatch(
      /could not be merged into trust\.service_line, so nothing was loaded: .*Key \(site_code\)=\(ZNONE\) is not present/,
    );
    const [row] = await hub.databases.trust.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM service_line WHERE service_line_id IN ('ZSL-NO-1', 'ZSL-NO-2')`,
    );
    expect(row!.n).toBe(0);
    expect(await links(['ZSL-NO-1', 'ZSL-NO-2'])).toBe(0);
    const [entities] = await hub.databases.hub.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM shared_entity WHERE id LIKE 'trust.service_line.ZSL-NO-%'`,
    );
    expect(entities!.n).toBe(0);
    const [run] = await hub.databases.hub.query<{ status: string; error: string }[]>(
      `SELECT status, error FROM ingest_run WHERE file_name = $1`,
      [path.basename(file)],
    );
    expect(run).toMatchObject({ status: 'FAILED', error: expect.stringContaining('ZNONE') });
  });

  test('the same rows, corrected, go in with their links', async () => {
    const file = extract(
      [LINES, 'ZSL-OK-1,RAT,Good line,COMMUNITY,ZRAT1,,', 'ZSL-BAD-1,RAT,Line at a site now,COMMUNITY,ZRAT1,,'],
      'service_line.csv',
    );
    const result = await ingestExtract(hub.databases, { source: 'trust', table: 'service_line', file, runBy: 'test' });
    expect(result).toMatchObject({ inserted: 2 });
    expect(await links(['ZSL-OK-1', 'ZSL-BAD-1'])).toBe(2);
  });
});

describe('CSV as partners write it', () => {
  test('quoted fields, CRLF line ends and a byte-order mark load as written; line numbers count the lines of the file', async () => {
    const file = path.join(dir, 'quoted.csv');
    const rows = [
      SITE_HEADER,
      '"ZQUO1",RAT,"CLINIC, WITH A COMMA",,ZA1 1AA,Clinic,IN_USE',
      'ZQUO2,RAT,"THE ""NEW"" CLINIC","2 TEST ROAD',
      'SECOND LINE",ZA1 1AA,,IN_USE',
      'ZQUO3,RAT,A TAB\tAND A BACKSLASH \\,,ZA1 1AA,,IN_USE',
      'BAD,RAT,BAD CODE,,ZA1 1AA,,IN_USE',
    ];
    writeFileSync(file, `\uFEFF${rows.join('\r\n')}\r\n`);
    const rejectsFile = path.join(dir, 'quoted.rejects.csv');
    const result = await ingestSites(file, { skipInvalid: true, rejectsFile });
    expect(result).toMatchObject({ rowsRead: 4, inserted: 3, rejected: 1 });
    expect(rejectsOf(rejectsFile).map((r) => r.line)).toEqual(['6']);
    const sites = await hub.databases.trust.query(
      `SELECT site_code, name, address FROM site WHERE site_code IN ('ZQUO1', 'ZQUO2', 'ZQUO3') ORDER BY site_code`,
    );
    expect(sites).toEqual([
      { site_code: 'ZQUO1', name: 'CLINIC, WITH A COMMA', address: null },
      { site_code: 'ZQUO2', name: 'THE "NEW" CLINIC', address: '2 TEST ROAD\r\nSECOND LINE' },
      { site_code: 'ZQUO3', name: 'A TAB\tAND A BACKSLASH \\', address: null },
    ]);
  });

  test('a stray quote stops the load, naming its line', async () => {
    const file = extract([SITE_HEADER, 'ZSTR1,RAT,FINE,,ZA1 1AA,,IN_USE', 'ZSTR2,RAT,HALF"QUOTED,,ZA1 1AA,,IN_USE']);
    await expect(ingestSites(file)).rejects.toThrow(/line 3: Invalid Opening Quote.*may be truncated or not CSV/);
  });

  test('records are split as csv-parse splits them, whatever the chunking', async () => {
    const read = async (input: Buffer, chunk: number) => {
      const records: string[][] = [];
      const chunks = Array.from({ length: Math.ceil(input.length / chunk) }, (_, i) => input.subarray(i * chunk, (i + 1) * chunk));
      const sink = new Writable({
        objectMode: true,
        write: (batch: CsvBatch, _encoding, done) => {
          records.push(...batch.records);
          done();
        },
      });
      return pipeline(Readable.from(chunks), csvRecords(), sink).then(
        () => records,
        (e: Error) => e.constructor.name,
      );
    };
    const expected = (input: Buffer) => {
      try {
        return parse(input, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
      } catch {
        return 'CsvSyntaxError';
      }
    };
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const pieces = ['a', 'é', ',', ',', '"', '""', '\n', '\r\n', '\r', ' ', ''];
    for (let n = 0; n < 600; n += 1) {
      const text = Array.from({ length: Math.floor(random() * 24) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const input = Buffer.from(random() < 0.2 ? `\uFEFF${text}` : text);
      expect({ text, records: await read(input, 1 + Math.floor(random() * 7)) }).toEqual({ text, records: expected(input) });
    }
  });
});

describe('runs and data quality through the API', () => {
  test('each run records source, file, checksum, counts, who and when; quality per table', async () => {
    const file = extract(
      ['gss_code,name,lad_gss,population', 'E05900009,New Ward,E06000034,', 'E05900004,Fixture Ward Four,E06000034,'],
      'ward.csv',
    );
    const result = await ingestExtract(hub.databases, { source: 'council', table: 'ward', file, runBy: 'analyst@thurrock' });
    const { body } = await hub.gql<{
      ingestRuns: { totalCount: number; nodes: Record<string, unknown>[] };
      dataQuality: Record<string, unknown>[];
    }>(
      `{ ingestRuns(source: "council", table: "ward") { totalCount nodes { id source table fileName checksum mode status rowsRead inserted updated unchanged rejected runBy completeness validity startedAt finishedAt } }
         dataQuality { source table completeness validity lastRun { fileName } } }`,
    );
    const last = body.data!.ingestRuns.nodes.at(-1)!;
    expect(last).toMatchObject({
      source: 'council',
      table: 'ward',
      fileName: path.basename(file),
      checksum: result.checksum,
      mode: 'DELTA',
      status: 'SUCCEEDED',
      rowsRead: 2,
      inserted: 1,
      unchanged: 1,
      rejected: 0,
      runBy: 'analyst@thurrock',
      completeness: 1,
      validity: 1,
    });
    expect(result.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(body.data!.dataQuality).toContainEqual({
      source: 'council',
      table: 'ward',
      completeness: 1,
      validity: 1,
      lastRun: { fileName: path.basename(file) },
    });
    const node = await hub.gql<{ node: { id: string } }>(`query($id: ID!) { node(id: $id) { id } }`, { id: last.id });
    expect(node.body.data!.node.id).toBe(last.id);
  });

  test('an unknown table filter is a clear error', async () => {
    const { body } = await hub.gql(`{ ingestRuns(table: "bananas") { totalCount } }`);
    expect(body.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'table' } });
  });

  test('the start-up load of the fixtures went through ingest with zero rejected rows', async () => {
    const [row] = await hub.databases.hub.query<{ runs: number; rejected: number; failed: number }[]>(
      `SELECT count(*)::int AS runs, sum(rejected)::int AS rejected, count(*) FILTER (WHERE status = 'FAILED')::int AS failed
         FROM ingest_run WHERE run_by = 'hub start-up (demo data)'`,
    );
    expect(row).toEqual({ runs: countExtractFiles(FIXTURES_DIR), rejected: 0, failed: 0 });
  });
});

test("bulk work plans foreign-key checks PostgreSQL's own way, not once per row as a partner's API pool does", async () => {
  const client = await poolOf(hub.databases.trust).connect();
  try {
    const setting = async () => (await client.query<{ plan_cache_mode: string }>('SHOW plan_cache_mode')).rows[0]!.plan_cache_mode;
    expect(await setting()).toBe('force_custom_plan');
    await beginBulk(client);
    expect(await setting()).toBe('auto');
    await client.query('ROLLBACK');
    expect(await setting()).toBe('force_custom_plan');
  } finally {
    client.release();
  }
});
