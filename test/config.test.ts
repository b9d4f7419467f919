import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../src/config/config';

describe('configuration', () => {
  test("defaults run the demo's sources, each partner's system apart, on the embedded PostgreSQL", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, host: '127.0.0.1', loadDemoData: true, maxPageSize: 100, exposeStatementCounts: true });
    expect(config.sources[0]).toEqual({ id: 'hub', kind: 'hub-registry', organisations: [] });
    expect(config.sources.every((s) => s.url === undefined)).toBe(true);
    const councils = config.sources.filter((s) => s.kind === 'council-registers');
    expect(councils.find((s) => s.id === 'thurrock-council')?.organisations).toEqual(['E06000034']);
    expect(councils.length).toBeGreaterThan(1);
  });

  test('any of the four URL variables runs the four default sources, as deployments before sources files did', () => {
    const config = loadConfig({ TRUST_DATABASE_URL: 'postgres://trust.example/sites' });
    expect(config).toMatchObject({
      sources: [
        { id: 'hub', kind: 'hub-registry', organisations: [] },
        { id: 'ccg', kind: 'ccg-primary-care', organisations: [] },
        { id: 'council', kind: 'council-registers', organisations: [] },
        { id: 'trust', kind: 'trust-sites', organisations: [], url: 'postgres://trust.example/sites' },
      ],
      loadDemoData: true,
      maxPageSize: 100,
      exposeStatementCounts: true,
    });
  });

  test('production hides statement counts unless asked', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).exposeStatementCounts).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', EXPOSE_SQL_STATEMENT_COUNTS: 'true' }).exposeStatementCounts).toBe(true);
  });

  test('every bad setting is reported at once, by name', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', CCG_DATABASE_URL: 'mysql://x', LOAD_DEMO_DATA: 'maybe' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT:/m);
    expect(problems).toMatch(/^CCG_DATABASE_URL: must be a postgres/m);
    expect(problems).toMatch(/^LOAD_DEMO_DATA:/m);
  });

  test('admission by memory: megabytes and seconds from the environment, bad values named', () => {
    expect(loadConfig({}).admission).toEqual({ heapBudgetBytes: 160 * 1024 * 1024, maxWaitMs: 30_000 });
    expect(loadConfig({ ADMISSION_HEAP_MB: '0', ADMISSION_WAIT_SECONDS: '5' }).admission).toEqual({ heapBudgetBytes: 0, maxWaitMs: 5000 });
    expect(() => loadConfig({ ADMISSION_HEAP_MB: '-1' })).toThrow(/ADMISSION_HEAP_MB/);
    expect(() => loadConfig({ ADMISSION_WAIT_SECONDS: '0' })).toThrow(/ADMISSION_WAIT_SECONDS/);
  });

  test("heap growth: 75% past the live heap by default, 0 for V8's own policy, nonsense refused", () => {
    expect(loadConfig({}).heapGrowingPercent).toBe(75);
    expect(loadConfig({ HEAP_GROWING_PERCENT: '0' }).heapGrowingPercent).toBe(0);
    expect(() => loadConfig({ HEAP_GROWING_PERCENT: 'lots' })).toThrow(/HEAP_GROWING_PERCENT/);
  });

  test('API keys are remembered for 5 s by default, 0 turns it off, more than 5 minutes is refused', () => {
    expect(loadConfig({}).apiKeyCacheSeconds).toBe(5);
    expect(loadConfig({ API_KEY_CACHE_SECONDS: '0' }).apiKeyCacheSeconds).toBe(0);
    expect(() => loadConfig({ API_KEY_CACHE_SECONDS: '301' })).toThrow(/API_KEY_CACHE_SECONDS/);
  });

  test('a default page size above the maximum is refused', () => {
    expect(() => loadConfig({ DEFAULT_PAGE_SIZE: '50', MAX_PAGE_SIZE: '10' })).toThrow(
      /DEFAULT_PAGE_SIZE \(50\) exceeds MAX_PAGE_SIZE \(10\)/,
    );
  });
});

test('an empty number is an error, not a silent 0', () => {
  expect(() => loadConfig({ PORT: '' })).toThrow(/PORT: must be a whole number/);
  expect(() => loadConfig({ DB_STATEMENT_TIMEOUT_MS: ' ' })).toThrow(/DB_STATEMENT_TIMEOUT_MS/);
});

test("the embedded PostgreSQL's data is the package's .data wherever the hub starts from; a relative HUB_DATA_DIR is from there", () => {
  const root = path.resolve(__dirname, '..');
  const started = process.cwd();
  const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'hub-cwd-'));
  process.chdir(elsewhere);
  try {
    expect(loadConfig({}).dataDir).toBe(path.join(root, '.data'));
    expect(loadConfig({ HUB_DATA_DIR: 'pgdata' }).dataDir).toBe(path.join(process.cwd(), 'pgdata'));
  } finally {
    process.chdir(started);
  }
});

test('production never loads demo data unless asked', () => {
  expect(loadConfig({ NODE_ENV: 'production' }).loadDemoData).toBe(false);
  expect(loadConfig({ NODE_ENV: 'production', LOAD_DEMO_DATA: 'true' }).loadDemoData).toBe(true);
});

describe('the sources file (SOURCES_FILE)', () => {
  const write = (content: unknown): string => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-sources-'));
    const file = path.join(dir, 'sources.json');
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };

  test("gives a source its own URL, pool and limits; the others keep the environment's", () => {
    const file = write({
      sources: [
        { id: 'hub', kind: 'hub-registry' },
        {
          id: 'trust',
          kind: 'trust-sites',
          url: 'postgres://trust.example/sites',
          poolMax: 3,
          connectTimeoutMs: 800,
          statementTimeoutMs: 4000,
          queryTimeoutMs: 2000,
        },
      ],
    });
    const config = loadConfig({ SOURCES_FILE: file });
    expect(config.sources.map((s) => [s.id, s.kind, s.url])).toEqual([
      ['hub', 'hub-registry', undefined],
      ['trust', 'trust-sites', 'postgres://trust.example/sites'],
    ]);
    expect(config.sources[1]).toMatchObject({ poolMax: 3, connectTimeoutMs: 800, statementTimeoutMs: 4000, queryTimeoutMs: 2000 });
  });

  test('reports every problem in the file and the environment at once, with where it is', () => {
    const file = write({
      sources: [
        { id: 'Trust', kind: 'trust-sites', url: 'mysql://x' },
        { id: 'leisure', kind: 'leisure-centres' },
        { id: 'ccg', kind: 'ccg-primary-care', poolMax: 0, colour: 'blue' },
        { id: 'leisure', kind: 'trust-sites' },
      ],
    });
    let error: unknown;
    try {
      loadConfig({ SOURCES_FILE: file, PORT: 'eighty' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT:/m);
    expect(problems).toMatch(/sources\.0\.id: must be lower-case letters/);
    expect(problems).toMatch(/sources\.0\.url: must be a postgres/);
    expect(problems).toMatch(
      /sources\.1\.kind: "leisure-centres" is not a kind the hub knows \(ccg-primary-care, council-registers, trust-sites, voluntary-directory\)/,
    );
    expect(problems).toMatch(/sources\.2\.poolMax:/);
    expect(problems).toMatch(/sources\.2: Unrecognized key.*colour/);
    expect(problems).toMatch(/sources\.3\.id: "leisure" is declared twice/);
    expect(problems).toMatch(/the hub's registry \(id "hub", kind "hub-registry"\) is missing/);
  });

  test('a URL from both the file and the environment, or an unreadable file, is refused', () => {
    const file = write({
      sources: [
        { id: 'hub', kind: 'hub-registry' },
        { id: 'council', kind: 'council-registers', url: 'postgres://a/b' },
      ],
    });
    expect(() => loadConfig({ SOURCES_FILE: file, COUNCIL_DATABASE_URL: 'postgres://c/d' })).toThrow(
      /COUNCIL_DATABASE_URL is set beside SOURCES_FILE: give the URL in the file/,
    );
    expect(() => loadConfig({ SOURCES_FILE: write('{ not json') })).toThrow(/SOURCES_FILE: cannot read .* as JSON/);
  });

  test('a read replica (readUrl) is a postgres URL beside its primary’s, never alone', () => {
    const replicated = write({
      sources: [
        { id: 'hub', kind: 'hub-registry' },
        { id: 'trust', kind: 'trust-sites', url: 'postgres://trust.example/sites', readUrl: 'postgres://trust-replica.example/sites' },
      ],
    });
    expect(loadConfig({ SOURCES_FILE: replicated }).sources[1]).toMatchObject({ readUrl: 'postgres://trust-replica.example/sites' });
    const wrong = write({
      sources: [
        { id: 'hub', kind: 'hub-registry', readUrl: 'postgres://hub-replica/hub' },
        { id: 'trust', kind: 'trust-sites', url: 'postgres://trust.example/sites', readUrl: 'http://replica' },
      ],
    });
    let error: unknown;
    try {
      loadConfig({ SOURCES_FILE: wrong, TRUST_READ_DATABASE_URL: 'postgres://r/s' });
    } catch (caught) {
      error = caught;
    }
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/sources\.0\.readUrl: readUrl needs the primary's url beside it/);
    expect(problems).toMatch(/sources\.1\.readUrl: must be a postgres/);
    expect(problems).toMatch(/TRUST_READ_DATABASE_URL is set beside SOURCES_FILE/);
  });
});

test("without a sources file, <SOURCE>_READ_DATABASE_URL gives a default source's replica, only beside its primary's URL", () => {
  const config = loadConfig({ TRUST_DATABASE_URL: 'postgres://t/s', TRUST_READ_DATABASE_URL: 'postgres://t-replica/s' });
  expect(config.sources.find((s) => s.id === 'trust')).toMatchObject({ url: 'postgres://t/s', readUrl: 'postgres://t-replica/s' });
  expect(config.sources.filter((s) => s.readUrl)).toHaveLength(1);
  expect(config.readYourWritesMs).toBe(5000);
  expect(() => loadConfig({ HUB_READ_DATABASE_URL: 'postgres://h-replica/h' })).toThrow(
    /HUB_READ_DATABASE_URL is set without HUB_DATABASE_URL/,
  );
});

test('the replica lag bound: 30 s by default, 0 turns it off, under twice the health probes’ interval is refused', () => {
  expect(loadConfig({})).toMatchObject({ replicaMaxLagMs: 30_000, readAfterWaitMs: 250 });
  expect(loadConfig({ REPLICA_MAX_LAG_MS: '0' }).replicaMaxLagMs).toBe(0);
  expect(loadConfig({ REPLICA_MAX_LAG_MS: '1000', HEALTH_REFRESH_MS: '500' }).replicaMaxLagMs).toBe(1000);
  expect(() => loadConfig({ REPLICA_MAX_LAG_MS: '1000', HEALTH_REFRESH_MS: '600' })).toThrow(
    /REPLICA_MAX_LAG_MS \(1000\) is under twice HEALTH_REFRESH_MS \(600\)/,
  );
  expect(() => loadConfig({ READ_AFTER_WAIT_MS: '-1' })).toThrow(/READ_AFTER_WAIT_MS/);
});
