import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { SOURCE_NAMES, type SourceName } from '../../src/config/config';
import { closeDatabases, openDatabases, type DatabaseOptions, type Databases } from '../../src/db/databases';
import type { SourceLimits } from '../../src/db/sourceGuard';
import { createLogger } from '../../src/observability/logger';
import { loadExtractsIfEmpty } from '../../src/runtime';
import { issueApiKey } from '../../src/auth/apiKeys';
import type { JwtSettings } from '../../src/auth/jwt';
import type { AdmissionOptions } from '../../src/server/admission';
import { DEFAULT_PROTECTION, startHttpServer, type RunningHttpServer } from '../../src/server/http';

export const FIXTURES_DIR = path.resolve(__dirname, '../fixtures');

/** How many extract files (`<source>/<table>.csv`) a folder holds: one ingest run each. */
export function countExtractFiles(folder: string): number {
  return SOURCE_NAMES.reduce(
    (n, source) => n + (existsSync(path.join(folder, source)) ? readdirSync(path.join(folder, source)).filter((f) => f.endsWith('.csv')).length : 0),
    0,
  );
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
  databases: Databases;
  urls: Record<SourceName, string>;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  post(body: string, headers?: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

let counter = 0;

function adminUrl(): string {
  const url = process.env.HUB_TEST_PG_ADMIN_URL;
  if (!url) throw new Error('HUB_TEST_PG_ADMIN_URL is not set: run the tests through jest (globalSetup starts PostgreSQL).');
  return url;
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Fresh databases for one test file, migrated for real. Extracts are loaded only if a folder is given. */
export async function createTestDatabases(): Promise<{ urls: Record<SourceName, string>; drop(): Promise<void> }> {
  counter += 1;
  const prefix = `t${process.pid}_${counter}_${Date.now().toString(36)}`;
  const urls = {} as Record<SourceName, string>;
  for (const source of SOURCE_NAMES) {
    const name = `${prefix}_${source}`;
    await admin(`CREATE DATABASE "${name}"`);
    const url = new URL(adminUrl());
    url.pathname = `/${name}`;
    urls[source] = url.toString();
  }
  return {
    urls,
    drop: async () => {
      for (const source of SOURCE_NAMES) await admin(`DROP DATABASE IF EXISTS "${prefix}_${source}" WITH (FORCE)`);
    },
  };
}

/** Fresh, migrated databases with the fixtures loaded, for tests below the HTTP layer. */
export async function openFixtureDatabases(): Promise<{ databases: Databases; close(): Promise<void> }> {
  const created = await createTestDatabases();
  const databases = await openDatabases(created.urls, { poolMax: 2, statementTimeoutMs: 10_000 });
  await loadExtractsIfEmpty(databases, FIXTURES_DIR, createLogger('silent'));
  return {
    databases,
    close: async () => {
      await closeDatabases(databases);
      await created.drop();
    },
  };
}

export async function startTestHub(
  options: {
    extracts?: string;
    maxPageSize?: number;
    requestsPerMinute?: number;
    introspection?: boolean;
    /** Send every request with an API key issued for this organisation and role (default: anonymous). */
    as?: { organisationId: string | null; role: 'ANALYST' | 'EDITOR' | 'ADMIN' };
    jwt?: JwtSettings;
    allowedOperations?: ReadonlySet<string>;
    responseCacheSeconds?: number;
    apiKeyCacheSeconds?: number;
    admission?: AdmissionOptions;
    /** Sources kept elsewhere than the run's PostgreSQL (a partner on its own server). */
    urls?: Partial<Record<SourceName, string>>;
    /** Connect and read limits and circuit breaker per source (default: the hub's). */
    sourceLimits?: SourceLimits;
    /** One source's own pool size and limits (as SOURCES_FILE sets them). */
    perSource?: DatabaseOptions['perSource'];
  } = {},
): Promise<TestHub> {
  const created = await createTestDatabases();
  const logger = createLogger('silent');
  const urls = { ...created.urls, ...options.urls };
  const databases = await openDatabases(urls, { poolMax: 5, statementTimeoutMs: 10_000, limits: options.sourceLimits, perSource: options.perSource });
  await loadExtractsIfEmpty(databases, options.extracts ?? FIXTURES_DIR, logger);
  const http: RunningHttpServer = await startHttpServer({
    databases,
    logger,
    limits: { defaultPageSize: 20, maxPageSize: options.maxPageSize ?? 100 },
    host: '127.0.0.1',
    port: 0,
    exposeStatementCounts: true,
    introspection: options.introspection ?? true,
    jwt: options.jwt ?? null,
    allowedOperations: options.allowedOperations ?? null,
    responseCacheSeconds: options.responseCacheSeconds ?? 0,
    apiKeyCacheSeconds: options.apiKeyCacheSeconds ?? 0,
    admission: options.admission,
    protection: { ...DEFAULT_PROTECTION, requestsPerMinute: options.requestsPerMinute ?? 100_000 },
  });
  const key = options.as ? await issueApiKey(databases.hub, { ...options.as, label: 'test', expiresInDays: 1 }) : null;
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(http.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key.token } : {}), ...headers },
      body,
    });
  return {
    url: http.url,
    databases,
    urls,
    post,
    gql: async (query, variables, headers) => {
      const response = await post(JSON.stringify({ query, variables }), headers);
      return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse['body'] } as never;
    },
    stop: async () => {
      await http.close();
      await closeDatabases(databases);
      await created.drop();
    },
  };
}
