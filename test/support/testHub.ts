import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { loadConfig, SOURCE_NAMES, type HubConfig, type SourceName } from '../../src/config/config';
import type { DefaultDatabases } from '../../src/db/databases';
import { legacySources, type SourceLimitsOverride } from '../../src/config/sources';
import type { SourceLimits } from '../../src/db/sourceGuard';
import { createLogger } from '../../src/observability/logger';
import { DEMO_DATA_DIR, openConfiguredDatabases, prepareData, startHub, type Hub, type OpenedDatabases } from '../../src/runtime';
import { issueApiKey } from '../../src/auth/apiKeys';
import type { JwtSettings } from '../../src/auth/jwt';
import type { AdmissionOptions } from '../../src/server/admission';
import { TestClock } from './clock';
import { asAdmin, databaseUrl, templatesFor } from './templates';

export const FIXTURES_DIR = path.resolve(__dirname, '../fixtures');

/** Whose data each fixture source holds (its rows' council, CCG and trusts): what data-sharing agreements are about. */
// The council fixture also holds rows tests add for Southend (E06000033), as one council system serving two.
export const FIXTURE_HOLDERS: Record<string, string[]> = {
  council: ['E06000034', 'E06000033'],
  ccg: ['07G'],
  trust: ['RAT', 'R1L', 'RDD'],
};

/** A test hub's databases: the default sources, each surely there. */
export type TestDatabases = DefaultDatabases;

/** How many extract files (`<source>/<table>.csv`) a folder holds: one ingest run each. */
export function countExtractFiles(folder: string): number {
  const sources = readdirSync(folder, { withFileTypes: true }).filter((d) => d.isDirectory());
  return sources.reduce((n, source) => n + readdirSync(path.join(folder, source.name)).filter((f) => f.endsWith('.csv')).length, 0);
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: {
    data?: T | null;
    errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
    extensions?: { sqlStatements?: { total: number; bySource: Record<SourceName, number> } };
  };
}

export interface TestHub {
  url: string;
  databases: TestDatabases;
  urls: Record<SourceName, string>;
  /** The configuration the hub was started with. */
  config: HubConfig;
  /** The time the hub's caches read: advance it instead of sleeping. */
  clock: TestClock;
  /** Moves the clock past every cached answer's and verified key's lifetime, as if the hub had been left alone that long. */
  expireCaches(): void;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  post(body: string, headers?: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

let counter = 0;

/** A test file's databases, named but not yet made. */
interface PlannedDatabases {
  urls: Record<SourceName, string>;
  /** The extra sources' databases, by source id. */
  extraUrls: Record<string, string>;
  /** Makes them: each a copy of its source's template where one is given, otherwise empty. */
  create(templates?: Record<string, string>): Promise<void>;
  drop(): Promise<void>;
}

function planTestDatabases(extra: readonly string[]): PlannedDatabases {
  counter += 1;
  const prefix = `t${process.pid}_${counter}_${Date.now().toString(36)}`;
  const all = [...SOURCE_NAMES, ...extra];
  const nameOf = (source: string) => `${prefix}_${source.replace(/-/g, '_')}`;
  const made = Object.fromEntries(all.map((source) => [source, databaseUrl(nameOf(source))]));
  return {
    urls: Object.fromEntries(SOURCE_NAMES.map((s) => [s, made[s]!])) as Record<SourceName, string>,
    extraUrls: Object.fromEntries(extra.map((s) => [s, made[s]!])),
    create: (templates = {}) =>
      asAdmin(async (client) => {
        for (const source of all) {
          const template = templates[source];
          await client.query(`CREATE DATABASE "${nameOf(source)}"${template ? ` TEMPLATE "${template}"` : ''}`);
        }
      }),
    drop: () =>
      asAdmin(async (client) => {
        for (const source of all) await client.query(`DROP DATABASE IF EXISTS "${nameOf(source)}" WITH (FORCE)`);
      }),
  };
}

/** Fresh, empty databases for one test file (not migrated: the code under test does that). */
export async function createTestDatabases(extra: readonly string[] = []): Promise<Omit<PlannedDatabases, 'create'>> {
  const planned = planTestDatabases(extra);
  await planned.create();
  return planned;
}

/** The partner sources a folder of extracts declares (`sources.json`), or null when it declares none. */
function declaredSources(folder: string | undefined): ExtraSource[] | null {
  const file = folder ? path.join(folder, 'sources.json') : null;
  if (!file || !existsSync(file)) return null;
  const { sources } = JSON.parse(readFileSync(file, 'utf8')) as { sources: ExtraSource[] };
  return sources.filter((s) => s.id !== 'hub');
}

/**
 * A sources file, as an operator writes one: the hub's registry, the other default sources
 * (unless `only` the extra ones are wanted) at their URLs, then the extra ones.
 */
function sourcesFile(
  urls: Record<SourceName, string>,
  extra: readonly ExtraSource[],
  extraUrls: Record<string, string>,
  only = false,
  readUrls: Partial<Record<SourceName, string>> = {},
): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'hub-sources-')), 'sources.json');
  const defaults = legacySources({})
    .filter((s) => !only || s.id === 'hub')
    .map((s) => ({
      id: s.id,
      kind: s.kind,
      organisations: FIXTURE_HOLDERS[s.id] ?? [],
      url: urls[s.id as SourceName],
      readUrl: readUrls[s.id as SourceName],
    }));
  const added = extra.map((s) => ({ ...s, url: extraUrls[s.id] }));
  writeFileSync(file, JSON.stringify({ sources: [...defaults, ...added] }, null, 2));
  return file;
}

/** Fresh, migrated databases with the fixtures loaded, for tests below the HTTP layer (through the start-up's own database and data steps). */
export async function openFixtureDatabases(): Promise<{
  databases: TestDatabases;
  urls: Record<SourceName, string>;
  close(): Promise<void>;
}> {
  const created = planTestDatabases([]);
  const logger = createLogger('silent');
  const config = testConfig(created.urls, { DB_POOL_MAX: '2' });
  const templates = await templatesFor(config, FIXTURES_DIR);
  let opened: OpenedDatabases | undefined;
  try {
    await created.create(templates);
    opened = await openConfiguredDatabases(config, logger);
    await prepareData(config, opened.databases, logger, FIXTURES_DIR);
  } catch (error) {
    await opened?.close();
    await created.drop();
    throw error;
  }
  return {
    databases: opened.databases as TestDatabases, // the default sources' databases, opened above
    urls: created.urls,
    close: async () => {
      await opened.close();
      await created.drop();
    },
  };
}

/**
 * The configuration a test hub runs with: `loadConfig` over the environment `npm start` would
 * see, with only what a test must set (its databases, any port, no log noise) and the test's
 * own settings. Everything else, the caches included, is the production default.
 */
export function testConfig(urls: Record<SourceName, string>, env: Record<string, string | undefined> = {}): HubConfig {
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    HUB_DATABASE_URL: urls.hub,
    CCG_DATABASE_URL: urls.ccg,
    COUNCIL_DATABASE_URL: urls.council,
    TRUST_DATABASE_URL: urls.trust,
    ...env,
  });
  // The four variables name no holders; the fixtures' are declared as a sources file would.
  return { ...config, sources: config.sources.map((s) => ({ ...s, organisations: FIXTURE_HOLDERS[s.id] ?? s.organisations })) };
}

/** A source a test adds by configuration alone: what a sources file entry holds besides its URL. */
export interface ExtraSource {
  id: string;
  kind: string;
  organisations?: string[];
}

export interface TestHubOptions {
  /** Extracts loaded at start instead of the fixtures. */
  extracts?: string;
  maxPageSize?: number;
  requestsPerMinute?: number;
  introspection?: boolean;
  /** Send every request with an API key issued for this organisation and role (default: anonymous). */
  as?: { organisationId: string | null; role: 'ANALYST' | 'EDITOR' | 'ADMIN' };
  jwt?: JwtSettings;
  /** Written to a file and given as PERSISTED_OPERATIONS_FILE, as an operator would. */
  allowedOperations?: ReadonlySet<string>;
  responseCacheSeconds?: number;
  apiKeyCacheSeconds?: number;
  admission?: AdmissionOptions;
  /** Any other setting, as the environment variable `npm start` reads (e.g. `{ MAX_QUERY_COST: '100000000' }`). */
  env?: Record<string, string>;
  /** Sources kept elsewhere than the run's PostgreSQL (a partner on its own server). */
  urls?: Partial<Record<SourceName, string>>;
  /** Read replicas of default sources, given as `readUrl` in a sources file (SOURCES_FILE). */
  readUrls?: Partial<Record<SourceName, string>>;
  /** Connect and read limits and circuit breaker per source (default: the hub's). */
  sourceLimits?: SourceLimits;
  /** Sources beyond the default four, each on a database of its own, declared in a sources file (SOURCES_FILE). */
  extraSources?: readonly ExtraSource[];
  /** One source's own pool size and limits (as SOURCES_FILE sets them). */
  perSource?: Partial<Record<SourceName, SourceLimitsOverride>>;
}

/** The test's options as the environment variables an operator would set. */
function environmentFor(options: TestHubOptions): Record<string, string | undefined> {
  const text = (value: number | boolean | undefined) => (value === undefined ? undefined : String(value));
  return {
    MAX_PAGE_SIZE: text(options.maxPageSize),
    RATE_LIMIT_PER_MINUTE: text(options.requestsPerMinute),
    INTROSPECTION: text(options.introspection),
    RESPONSE_CACHE_SECONDS: text(options.responseCacheSeconds),
    API_KEY_CACHE_SECONDS: text(options.apiKeyCacheSeconds),
    ...(options.jwt
      ? { JWT_JWKS: JSON.stringify(options.jwt.jwks), JWT_ISSUER: options.jwt.issuer, JWT_AUDIENCE: options.jwt.audience }
      : {}),
    ...(options.allowedOperations ? { PERSISTED_OPERATIONS_FILE: allowListFile(options.allowedOperations) } : {}),
    ...options.env,
  };
}

function allowListFile(hashes: ReadonlySet<string>): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'hub-allow-list-')), 'operations.json');
  writeFileSync(file, JSON.stringify([...hashes]));
  return file;
}

/**
 * The jest worker's heap holds the test framework and every compiled module besides the hub,
 * so admission reads the heap this hub has added since it started: the production budget
 * then means what it means in a hub process of its own.
 */
function heapGrownSinceStart(): () => number {
  const baseline = getHeapStatistics().used_heap_size;
  return () => Math.max(0, getHeapStatistics().used_heap_size - baseline);
}

/** The data sets many files start on: worth a template each (support/templates.ts). */
const SHARED_DATA = [FIXTURES_DIR, DEMO_DATA_DIR];

/**
 * The folder whose loaded data the hub's databases may be copied from: one of the shared data
 * sets, when the hub would load it at start into databases all on the run's PostgreSQL.
 */
function sharedDataFolder(options: TestHubOptions, config: HubConfig): string | null {
  const folder = path.resolve(options.extracts ?? FIXTURES_DIR);
  const elsewhere = options.urls !== undefined || options.readUrls !== undefined;
  return config.loadDemoData && !elsewhere && SHARED_DATA.includes(folder) ? folder : null;
}

/**
 * A hub started by `startHub`, the function `npm start` runs, on fresh databases with the
 * fixtures (or the given extracts) loaded by its own start-up step, and production defaults
 * for everything a test does not set. `clock` moves the caches' time forward.
 */
export async function startTestHub(options: TestHubOptions = {}): Promise<TestHub> {
  // A folder of extracts that declares its sources (the demo's sources.json) runs on them.
  const declared = declaredSources(options.extracts);
  const extra = declared ?? options.extraSources ?? [];
  const created = planTestDatabases(extra.map((s) => s.id));
  const clock = new TestClock();
  const urls = { ...created.urls, ...options.urls };
  const base =
    extra.length > 0 || options.readUrls
      ? loadConfig({
          NODE_ENV: 'test',
          PORT: '0',
          LOG_LEVEL: 'silent',
          SOURCES_FILE: sourcesFile(urls, extra, created.extraUrls, declared !== null, options.readUrls),
          ...environmentFor(options),
        })
      : testConfig(urls, environmentFor(options));
  const config: HubConfig = {
    ...base,
    ...(options.admission
      ? { admission: { heapBudgetBytes: options.admission.heapBudgetBytes, maxWaitMs: options.admission.maxWaitMs } }
      : {}),
    ...(options.sourceLimits ? { sourceLimits: options.sourceLimits } : {}),
    ...(options.perSource ? { sources: base.sources.map((s) => ({ ...s, ...options.perSource?.[s.id as SourceName] })) } : {}),
  };
  const templates = await templatesFor(config, sharedDataFolder(options, config));
  let hub: Hub;
  try {
    await created.create(templates);
    hub = await startHub(config, createLogger('silent'), {
      dataFolder: options.extracts ?? FIXTURES_DIR,
      clock,
      heapUsed: options.admission?.heapUsed ?? heapGrownSinceStart(),
    });
  } catch (error) {
    await created.drop();
    throw error;
  }
  const databases = hub.databases as TestDatabases; // started on the default sources
  const key = options.as ? await issueApiKey(databases.hub, { ...options.as, label: 'test', expiresInDays: 1 }) : null;
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key.token } : {}), ...headers },
      body,
    });
  return {
    url: hub.url,
    databases,
    urls,
    config,
    clock,
    expireCaches: () => clock.advance(Math.max(config.responseCacheSeconds, config.apiKeyCacheSeconds) * 1000 + 1),
    post,
    gql: async (query, variables, headers) => {
      const response = await post(JSON.stringify({ query, variables }), headers);
      return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse['body'] } as never;
    },
    stop: async () => {
      await hub.stop();
      await created.drop();
    },
  };
}
