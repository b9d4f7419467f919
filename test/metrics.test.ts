import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { issueApiKey } from '../src/auth/apiKeys';
import { ingestExtract } from '../src/ingestion/ingest';
import { DEFAULT_PROTECTION, startHttpServer, type RunningHttpServer } from '../src/server/http';
import { openFixtureDatabases } from './support/testHub';
import type { Databases } from '../src/db/databases';

/** /metrics in Prometheus' text format, and one access log line per request without secrets. */

let fixture: { databases: Databases; close(): Promise<void> };
let http: RunningHttpServer;
const lines: Record<string, unknown>[] = [];
let key: string;

beforeAll(async () => {
  fixture = await openFixtureDatabases();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  http = await startHttpServer({
    databases: fixture.databases,
    logger: pino({ level: 'info' }, sink),
    limits: { defaultPageSize: 20, maxPageSize: 100 },
    host: '127.0.0.1',
    port: 0,
    protection: DEFAULT_PROTECTION,
    responseCacheSeconds: 30,
  });
  key = (await issueApiKey(fixture.databases.hub, { organisationId: 'nelft', role: 'ANALYST', label: 'metrics', expiresInDays: 1 })).token;
});
afterAll(async () => {
  await http.close();
  await fixture.close();
});

const post = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  fetch(http.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });

async function scrape(): Promise<string> {
  const response = await fetch(http.url.replace(/\/graphql$/, '/metrics'));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return response.text();
}

/** The value of one series, e.g. value(text, 'hub_sql_statements_total', { source: 'hub' }). */
function value(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text
    .split('\n')
    .find((l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `) ? wanted.every((w) => l.includes(w)) : false));
  return line ? Number(line.split(' ').pop()) : 0;
}

test('requests, errors, statements, batches, pools and the response cache are counted', async () => {
  const before = await scrape();
  const query = `query Dashboard { localities(first: 5) { nodes { code hubs { nodes { name } } } } }`;
  await (await post(query)).json();
  await (await post(query)).json(); // the public answer again: from the cache
  await (await post(`query Broken { localities(first: -1) { nodes { code } } }`)).json();
  const after = await scrape();

  expect(
    value(after, 'hub_graphql_requests_total', { operation: 'Dashboard', outcome: 'ok' }) -
      value(before, 'hub_graphql_requests_total', { operation: 'Dashboard', outcome: 'ok' }),
  ).toBe(2);
  expect(value(after, 'hub_graphql_requests_total', { operation: 'Broken', outcome: 'error' })).toBeGreaterThanOrEqual(1);
  expect(value(after, 'hub_graphql_errors_total', { code: 'BAD_USER_INPUT' })).toBeGreaterThanOrEqual(1);
  expect(value(after, 'hub_graphql_request_duration_seconds_count', { operation: 'Dashboard' })).toBeGreaterThanOrEqual(2);
  expect(value(after, 'hub_sql_statements_total', { source: 'hub', role: 'primary' })).toBeGreaterThan(
    value(before, 'hub_sql_statements_total', { source: 'hub', role: 'primary' }),
  );
  expect(value(after, 'hub_sql_statement_duration_seconds_count', { source: 'hub' })).toBeGreaterThan(0);
  expect(value(after, 'hub_loader_batch_size_count')).toBeGreaterThan(value(before, 'hub_loader_batch_size_count'));
  expect(
    value(after, 'hub_response_cache_lookups_total', { result: 'hit' }) -
      value(before, 'hub_response_cache_lookups_total', { result: 'hit' }),
  ).toBe(1);
  expect(value(after, 'hub_response_cache_lookups_total', { result: 'miss' })).toBeGreaterThanOrEqual(1);
  expect(after).toMatch(/hub_db_pool_connections\{source="ccg",role="primary",state="idle"\} \d+/);
  for (const source of ['hub', 'ccg', 'council', 'trust']) {
    expect(after).toContain(`hub_source_circuit_state{source="${source}",role="primary",state="closed"} 1`);
    expect(after).toContain(`hub_source_circuit_state{source="${source}",role="primary",state="open"} 0`);
  }
  expect(after).toMatch(/hub_process_resident_memory_bytes \d+/);
});

test('ingest rows and rejects are counted', async () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'hub-metrics-'));
  const file = path.join(folder, 'ward.csv');
  writeFileSync(file, 'gss_code,name,lad_gss,population\nE05900901,Metrics Ward,E06000034,100\nnot-a-code,,E06000034,x\n');
  const before = await scrape();
  await ingestExtract(fixture.databases, { source: 'council', table: 'ward', file, runBy: 'metrics test', skipInvalid: true });
  const after = await scrape();
  const delta = (result: string) =>
    value(after, 'hub_ingest_rows_total', { source: 'council', result }) -
    value(before, 'hub_ingest_rows_total', { source: 'council', result });
  expect(delta('inserted')).toBe(1);
  expect(delta('rejected')).toBe(1);
});

test('one access log line per request: who, what, how long; no key, no variables', async () => {
  lines.length = 0;
  const response = await post(
    `query Who($code: String!) { partnerOrganisation(odsCode: $code) { name } }`,
    { code: 'SECRET-VALUE' },
    { 'x-api-key': key, 'x-request-id': 'trace-me-1' },
  );
  await response.json();
  await new Promise((resolve) => setImmediate(resolve));
  const line = lines.find((l) => (l.req as { id?: string } | undefined)?.id === 'trace-me-1');
  expect(line).toMatchObject({
    msg: 'request',
    req: { id: 'trace-me-1', method: 'POST', path: '/graphql' },
    res: { status: 200 },
    operation: 'Who',
    organisation: 'nelft',
    role: 'ANALYST',
    statements: expect.any(Number),
    responseTime: expect.any(Number),
  });
  const text = JSON.stringify(lines);
  expect(text).not.toContain(key);
  expect(text).not.toContain(key.split('.')[1]);
  expect(text).not.toContain('SECRET-VALUE');
});

describe('who may read /metrics', () => {
  let guarded: RunningHttpServer;
  const TOKEN = 'scraper-token-of-the-operator';

  beforeAll(async () => {
    guarded = await startHttpServer({
      databases: fixture.databases,
      logger: pino({ level: 'silent' }),
      limits: { defaultPageSize: 20, maxPageSize: 100 },
      host: '127.0.0.1',
      port: 0,
      // The test's requests come from loopback, which this allow-list leaves out.
      metricsAccess: { token: TOKEN, allow: ['10.0.0.0/8'] },
    });
  });
  afterAll(() => guarded.close());

  const metricsOf = (headers: Record<string, string> = {}) => fetch(guarded.url.replace(/\/graphql$/, '/metrics'), { headers });

  it('refuses an address outside METRICS_ALLOW without the token, with a coded error', async () => {
    const response = await metricsOf();
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      errors: [{ message: expect.stringMatching(/METRICS_TOKEN/), extensions: { code: 'FORBIDDEN' } }],
    });
    expect((await metricsOf({ authorization: `Bearer ${TOKEN}x` })).status).toBe(403);
  });

  it('serves the metrics to the bearer of METRICS_TOKEN from any address', async () => {
    const response = await metricsOf({ authorization: `Bearer ${TOKEN}` });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('hub_graphql_requests_total');
  });
});
