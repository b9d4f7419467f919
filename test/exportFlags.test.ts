import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { DEMO_DATA_DIR } from '../src/runtime';
import { issueApiKey } from '../src/auth/apiKeys';
import { toGlobalId } from '../src/graphql/globalId';
import { startTestHub, type TestHub } from './support/testHub';

/**
 * Exports carry every flag the API gives (issue 28, item 7), not reported is an empty cell with
 * a status column, and every export has its CSV on the Web metadata beside it. Oracles are the
 * demo's hub extracts, read here.
 */

const hubTable = (table: string): Record<string, string>[] =>
  parse(readFileSync(path.join(DEMO_DATA_DIR, 'hub', `${table}.csv`)), { columns: true });

let hub: TestHub;
let key: string;
const base = () => hub.url.replace(/\/graphql$/, '');
const exportUrl = (file: string, params: Record<string, string>) => `${base()}/export/${file}?${new URLSearchParams(params)}`;
const csvRows = async (file: string, params: Record<string, string>): Promise<Record<string, string>[]> => {
  const response = await fetch(exportUrl(file, params), { headers: { 'x-api-key': key } });
  expect(response.status).toBe(200);
  return parse(await response.text(), { columns: true });
};

beforeAll(async () => {
  hub = await startTestHub({ extracts: DEMO_DATA_DIR });
  key = (await issueApiKey(hub.databases.hub, { organisationId: 'thurrock-council', role: 'ANALYST', label: 'bi', expiresInDays: 1 }))
    .token;
});
afterAll(async () => {
  await hub.stop();
});

test('indicator-values.csv carries the targets’ and RAGs’ synthetic flags as the registry records them', async () => {
  const targets = hubTable('indicator_target').filter((t) => t.indicator_id === 'dtoc-delayed-days-total' && t.area_code === 'E06000034');
  const syntheticYears = new Set(targets.filter((t) => t.synthetic === 'true').map((t) => t.period));
  expect(syntheticYears.size).toBeGreaterThan(0);
  const rows = await csvRows('indicator-values.csv', { indicator: toGlobalId('Indicator', 'dtoc-delayed-days-total'), area: 'E06000034' });
  const judged = rows.filter((r) => r.rag !== '');
  expect(judged.length).toBeGreaterThan(0);
  for (const row of rows) {
    const yearOfMonth = (() => {
      const [y, m] = row.period!.split('-').map(Number) as [number, number];
      const first = m >= 4 ? y : y - 1;
      return `${first}/${String((first + 1) % 100).padStart(2, '0')}`;
    })();
    const targetSynthetic = syntheticYears.has(yearOfMonth);
    expect(row.target_synthetic).toBe(String(targetSynthetic));
    // A RAG judged against a generated target is no real assessment, and says so.
    if (row.rag !== '') expect(row.rag_synthetic).toBe(String(targetSynthetic || row.synthetic === 'true'));
    expect(row.value_status).toBe(row.value === '' ? (row.suppressed === 'true' ? 'WITHHELD' : 'NOT_RECORDED') : 'PUBLISHED');
  }
});

test('bcf-return.csv carries each scheme’s classification flag', async () => {
  const schemes = new Map(hubTable('scheme').map((s) => [s.id, s.classification_synthetic]));
  const rows = await csvRows('bcf-return.csv', {});
  const withScheme = rows.filter((r) => r.scheme_code !== '');
  expect(withScheme.length).toBeGreaterThan(0);
  for (const row of withScheme) expect(row.scheme_classification_synthetic).toBe(schemes.get(row.scheme_code!));
  for (const row of rows.filter((r) => r.scheme_code === '')) expect(row.scheme_classification_synthetic).toBe('');
});

test('budget.csv: a quarter without monitoring is empty cells with lines_reported 0 and the status, never 0.00', async () => {
  const rows = await csvRows('budget.csv', { groupBy: 'FUND', quarter: '2017/18 Q3' });
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    expect(row).toMatchObject({ actual_to_date: '', forecast_outturn: '', forecast_variance: '', lines_reported: '0' });
    expect(row.forecast_status).toMatch(/^Not reported/);
  }
});

test('bom=true starts the file with a UTF-8 byte-order mark for Excel; without it there is none', async () => {
  const bytes = async (params: Record<string, string>) =>
    new Uint8Array(await (await fetch(exportUrl('budget.csv', params), { headers: { 'x-api-key': key } })).arrayBuffer());
  expect([...(await bytes({ bom: 'true' })).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect([...(await bytes({})).slice(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
});

interface Metadata {
  '@context': unknown;
  url: string;
  tableSchema: { columns: { name: string; titles: string; datatype: unknown; null: string; 'dc:description': string }[] };
}

describe('a CSV-W metadata document beside every export', () => {
  const cases: [string, Record<string, string>][] = [
    ['indicator-values', { indicator: toGlobalId('Indicator', 'dtoc-delayed-days-total'), area: 'E06000034' }],
    ['budget', { groupBy: 'FUND', quarter: '2018/19 Q3' }],
    ['bcf-return', {}],
    ['structures', { kinds: 'CCG' }],
    ['populations', { area: 'E06000034' }],
    ['query', { query: '{ localities { nodes { code name population } } }', rows: 'localities.nodes' }],
  ];
  test.each(cases)('%s.csv-metadata.json names the CSV and describes each of its columns, in order', async (name, params) => {
    const response = await fetch(exportUrl(`${name}.csv-metadata.json`, params), { headers: { 'x-api-key': key } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/csvm\+json/);
    const metadata = (await response.json()) as Metadata;
    expect(metadata['@context']).toEqual(['http://www.w3.org/ns/csvw', { '@language': 'en' }]);
    const search = new URLSearchParams(params).toString();
    expect(metadata.url).toBe(`${name}.csv${search ? `?${search}` : ''}`);
    // The URL resolves against the metadata's own, as CSV-W says: it is the export itself.
    const csv = await fetch(new URL(metadata.url, `${base()}/export/`), { headers: { 'x-api-key': key } });
    const header = (await csv.text()).split(/\r?\n/)[0]!.split(',');
    expect(metadata.tableSchema.columns.map((c) => c.name)).toEqual(header);
    for (const column of metadata.tableSchema.columns) {
      expect(column).toMatchObject({ titles: column.name, null: '' });
      expect(column['dc:description'].length).toBeGreaterThan(10);
    }
  });

  test('the caller’s own query’s columns are typed from its answer', async () => {
    const params = { query: '{ localities { nodes { code population } } }', rows: 'localities.nodes' };
    const metadata = (await (await fetch(exportUrl('query.csv-metadata.json', params))).json()) as Metadata;
    expect(metadata.tableSchema.columns.map((c) => [c.name, c.datatype])).toEqual([
      ['code', 'string'],
      ['population', 'integer'],
    ]);
  });

  test('an unknown export is a 404 naming the exports there are', async () => {
    const response = await fetch(`${base()}/export/nothing.csv-metadata.json`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/Exports: query, indicator-values/);
  });
});
