import { parse } from 'csv-parse/sync';
import { issueApiKey } from '../src/auth/apiKeys';
import { toGlobalId } from '../src/graphql/globalId';
import { addPeopleIndicator } from './support/peopleIndicator';
import { startTestHub, type TestHub } from './support/testHub';

/** CSV exports for BI tools: streamed, one row per fact, under the same access and disclosure rules as GraphQL. */

let hub: TestHub;
let partnerKey: string;

beforeAll(async () => {
  hub = await startTestHub();
  partnerKey = (
    await issueApiKey(hub.databases.hub, { organisationId: 'thurrock-council', role: 'ANALYST', label: 'bi', expiresInDays: 1 })
  ).token;
  await addPeopleIndicator(hub.databases);
});
afterAll(async () => {
  await hub.stop();
});

const exportUrl = (name: string, params: Record<string, string>) =>
  `${hub.url.replace(/\/graphql$/, '')}/export/${name}.csv?${new URLSearchParams(params)}`;
const rowsOf = (text: string): Record<string, string>[] => parse(text, { columns: true });

test('indicator values stream as CSV with stable codes, period bounds and a provenance column', async () => {
  const response = await fetch(exportUrl('indicator-values', { indicator: toGlobalId('Indicator', 'fix-delays'), area: 'FIX-A' }));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(response.headers.get('transfer-encoding')).toBe('chunked');
  const rows = rowsOf(await response.text());
  expect(rows.map((r) => [r.indicator_code, r.area_code, r.period, r.period_start, r.period_end, r.value])).toEqual([
    ['FIX-DELAYS', 'FIX-A', '2018/19 Q2', '2018-07-01', '2018-09-30', '130.5'],
    ['FIX-DELAYS', 'FIX-A', '2018/19 Q3', '2018-10-01', '2018-12-31', '115'],
    ['FIX-DELAYS', 'FIX-A', '2018/19 Q4', '2019-01-01', '2019-03-31', '95'],
  ]);
  expect(rows[0]!.provenance).toMatch(/^council:indicator_value:FIX-DELAYS\/FIX-A\/2018\/19 Q2@\d{4}-/);
});

test('the same disclosure control: the public export withholds the small count; the partner export shows it', async () => {
  const params = { indicator: toGlobalId('Indicator', 'fix-people'), area: 'FIX-A' };
  const publicRows = rowsOf(await (await fetch(exportUrl('indicator-values', params))).text());
  expect(publicRows.map((r) => [r.period, r.value, r.numerator, r.suppressed])).toEqual([
    ['2018/19 Q3', '12', '12', 'false'],
    ['2018/19 Q4', '', '', 'true'],
  ]);
  const partnerRows = rowsOf(await (await fetch(exportUrl('indicator-values', params), { headers: { 'x-api-key': partnerKey } })).text());
  expect(partnerRows[1]).toMatchObject({ value: '3', numerator: '3', suppressed: 'false' });
});

test('the budget export is partners-only, one row per group and line kind, reconciling with GraphQL', async () => {
  const refused = await fetch(exportUrl('budget', { groupBy: 'FUND' }));
  expect(refused.status).toBe(403);
  expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('FORBIDDEN');

  const response = await fetch(exportUrl('budget', { groupBy: 'FUND,FINANCIAL_YEAR' }), { headers: { 'x-api-key': partnerKey } });
  expect(response.status).toBe(200);
  const rows = rowsOf(await response.text());
  expect(rows.map((r) => [r.line_kind, r.fund_code, r.financial_year, r.planned])).toEqual([
    ['ALLOCATION', 'fix-pooled-fund', '2018/19', '483334.11'],
    ['CONTRIBUTION', 'fix-pooled-fund', '2018/19', '1500000.00'],
    ['ALLOCATION', 'fix-pooled-fund', '2019/20', '125000.00'],
    ['CONTRIBUTION', 'fix-pooled-fund', '2019/20', '1100000.50'],
  ]);
  expect(rows[0]!.provenance).toBe('ccg:ledger_line; council:ledger_line; trust:ledger_line');
});

test('a fund as a BCF return: income by partner and stream, expenditure by scheme, type, area and commissioner', async () => {
  const response = await fetch(exportUrl('bcf-return', { fromYear: '2018/19', toYear: '2018/19' }), {
    headers: { 'x-api-key': partnerKey },
  });
  expect(response.status).toBe(200);
  const rows = rowsOf(await response.text());
  const income = rows.filter((r) => r.line_kind === 'CONTRIBUTION');
  expect(income.map((r) => [r.partner_code, r.planned])).toEqual([
    ['07G', '1000000.00'],
    ['E06000034', '500000.00'],
  ]);
  const spend = rows.filter((r) => r.line_kind === 'ALLOCATION');
  expect(new Set(spend.map((r) => `${r.scheme_code}/${r.partner_code}`)).size).toBe(spend.length);
  expect(spend.every((r) => r.scheme_code !== '' && r.financial_year === '2018/19')).toBe(true);
});

test.each([
  [
    'indicator-values',
    { indicator: toGlobalId('Indicator', 'fix-delays'), area: 'FIX-A', from: '2019/20', to: '2018/19' },
    400,
    'BAD_USER_INPUT',
  ],
  ['indicator-values', { indicator: toGlobalId('Indicator', 'fix-delays'), area: 'NOWHERE' }, 404, 'NOT_FOUND'],
  ['indicator-values', { area: 'FIX-A' }, 400, 'BAD_USER_INPUT'],
  ['no-such-export', {}, 404, 'NOT_FOUND'],
])('%s %j is refused with %i %s', async (name, params, status, code) => {
  const response = await fetch(exportUrl(name, params as Record<string, string>), { headers: { 'x-api-key': partnerKey } });
  expect(response.status).toBe(status);
  expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(code);
});

describe('any query the caller may run, as CSV (/export/query.csv)', () => {
  const queryUrl = (params: Record<string, string>) => exportUrl('query', params);

  test('one row per item of the list asked for, nested fields as dotted columns', async () => {
    const response = await fetch(queryUrl({ query: '{ localities(first: 50) { totalCount nodes { code name partnership { name } } } }' }));
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.split('\n')[0]).toBe('code,name,partnership.name');
    const rows = rowsOf(text);
    const answer = await hub.gql<{ localities: { nodes: { code: string }[] } }>('{ localities(first: 50) { nodes { code } } }');
    expect(rows.map((r) => r.code)).toEqual(answer.body.data!.localities.nodes.map((n) => n.code));
  });

  test('the same disclosure control and access as GraphQL', async () => {
    const query = `query($id: ID!) { indicator(id: $id) { series(area: "FIX-A") { values { period value numerator suppressed } } } }`;
    const params = { query, variables: JSON.stringify({ id: toGlobalId('Indicator', 'fix-people') }), rows: 'indicator.series.values' };
    const publicRows = rowsOf(await (await fetch(queryUrl(params))).text());
    expect(publicRows.map((r) => [r.period, r.value, r.numerator, r.suppressed])).toEqual([
      ['2018/19 Q3', '12', '12', 'false'],
      ['2018/19 Q4', '', '', 'true'],
    ]);
    const partnerRows = rowsOf(await (await fetch(queryUrl(params), { headers: { 'x-api-key': partnerKey } })).text());
    expect(partnerRows[1]).toMatchObject({ value: '3', numerator: '3', suppressed: 'false' });
    const budget = await fetch(queryUrl({ query: '{ budgetSummary(groupBy: [FUND]) { groups { figures { planned } } } }' }));
    expect(budget.status).toBe(403);
  });

  test.each([
    [
      { query: 'mutation { recordActionStatus(input: { actionId: "x", period: "2018/19", rag: RED }) { __typename } }' },
      400,
      'BAD_USER_INPUT',
    ],
    [{ query: '{ localities { nodes { code } }' }, 400, 'GRAPHQL_PARSE_FAILED'],
    [{ query: '{ localities { nodes { code } } }', rows: 'localities.totalCount' }, 400, 'BAD_USER_INPUT'],
    [{ query: '{ localities { nodes { code } } }', variables: 'not json' }, 400, 'BAD_USER_INPUT'],
    [{}, 400, 'BAD_USER_INPUT'],
  ])('%j is refused with %i %s', async (params, status, code) => {
    const response = await fetch(queryUrl(params));
    expect(response.status).toBe(status);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(code);
  });
});
