import { ConfigError, loadConfig } from '../src/config/config';

describe('configuration', () => {
  test('defaults run the hub on the embedded PostgreSQL', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      databaseUrls: { hub: undefined, ccg: undefined, council: undefined, trust: undefined },
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

  test('heap growth: 75% past the live heap by default, 0 for V8\'s own policy, nonsense refused', () => {
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
    expect(() => loadConfig({ DEFAULT_PAGE_SIZE: '50', MAX_PAGE_SIZE: '10' })).toThrow(/DEFAULT_PAGE_SIZE \(50\) exceeds MAX_PAGE_SIZE \(10\)/);
  });
});

test('an empty number is an error, not a silent 0', () => {
  expect(() => loadConfig({ PORT: '' })).toThrow(/PORT: must be a whole number/);
  expect(() => loadConfig({ DB_STATEMENT_TIMEOUT_MS: ' ' })).toThrow(/DB_STATEMENT_TIMEOUT_MS/);
});

test('production never loads demo data unless asked', () => {
  expect(loadConfig({ NODE_ENV: 'production' }).loadDemoData).toBe(false);
  expect(loadConfig({ NODE_ENV: 'production', LOAD_DEMO_DATA: 'true' }).loadDemoData).toBe(true);
});
