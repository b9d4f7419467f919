import { parse } from 'csv-parse/sync';
import { DEMO_DATA_DIR } from '../src/runtime';
import { toGlobalId } from '../src/graphql/globalId';
import { startTestHub, type TestHub } from './support/testHub';

/**
 * Rates an indicator declares, through GraphQL on the demo data: delayed transfers of care
 * per day (so February is judged fairly) and per 100,000 adults, which the reference data
 * cannot give (it has no population aged 18+), so the rate is null with the reason, never an
 * all-ages rate under the adults' name.
 */

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ extracts: DEMO_DATA_DIR });
});
afterAll(async () => {
  await hub.stop();
});

const DTOC = toGlobalId('Indicator', 'dtoc-delayed-days-total');

interface Month {
  period: string;
  value: string;
  target: string;
  rag: { status: string; reason: string };
  rate: {
    days: number;
    perDay: string | null;
    per: number | null;
    perPopulation: string | null;
    reason: string | null;
    denominator: { basis: string; ageBand: string; population: number; referenceDate: string; areaCodes: string[] } | null;
  };
}

async function month(area: string, period: string): Promise<Month> {
  const response = await hub.gql<{ indicator: { series: { values: Month[] } } }>(
    `query($id: ID!, $area: String!, $p: String!) { indicator(id: $id) { series(area: $area, from: $p, to: $p) { values {
       period value target rag { status reason }
       rate { days perDay per perPopulation reason denominator { basis ageBand population referenceDate areaCodes } } } } } }`,
    { id: DTOC, area, p: period },
  );
  expect(response.body.errors).toBeUndefined();
  const [value] = response.body.data!.indicator.series.values;
  return value!;
}

test('the indicator declares its national rate: per day, per 100,000 residents aged 18+, judged per day', async () => {
  const response = await hub.gql<{ indicator: { rate: Record<string, unknown> } }>(
    `query($id: ID!) { indicator(id: $id) { rate { perDay per cohortBasis cohortAgeBand cohortSex judgedPerDay definition } } }`,
    { id: DTOC },
  );
  expect(response.body.data!.indicator.rate).toMatchObject({
    perDay: true,
    per: 100000,
    cohortBasis: 'RESIDENT',
    cohortAgeBand: '18+',
    judgedPerDay: true,
  });
});

test("Thurrock's February 2018: 317 delayed days in 28 days is 11.32 a day; per 100,000 adults null with the reason", async () => {
  const feb = await month('E06000034', '2018-02');
  expect(feb.value).toBe('317');
  expect(feb.rate).toMatchObject({ days: 28, perDay: (317 / 28).toFixed(2), per: 100000, perPopulation: null, denominator: null });
  expect(feb.rate.reason).toMatch(/no resident population aged 18\+ for E06000034/);
  const march = await month('E06000034', '2018-03');
  expect(march.rate).toMatchObject({ days: 31, perDay: (260 / 31).toFixed(2) });
});

test('February is judged per day: 317 is within amber of the 311 target as a total, red per day (344.36 in an average month)', async () => {
  const feb = await month('E06000034', '2018-02');
  expect(feb.target).toBe('311');
  // As a monthly total 317 would be 6 above the target, inside the tolerance of 31 (amber);
  // 28 days of it is 11.32 a day, which over an average month of 2017/18 is 344.36.
  expect(feb.rag.status).toBe('RED');
  expect(feb.rag.reason).toBe(
    'Judged per day: 317 in 28 days is 11.32 a day, 344.36 in an average month of 2017/18. ' +
      '344.36 is 33.36 above the target of 311, beyond the amber tolerance of 31.',
  );
});

test('with an estimate of the declared cohort the rate per 100,000 is given, naming it', async () => {
  // The reference data has no 18+ estimate; a registry that holds one (here inserted) gets the rate.
  await hub.databases.hub.query(
    `INSERT INTO population_estimate (area_code, area_kind, basis, reference_date, age_band, sex, count, source)
     VALUES ('E06000033', 'LAD', 'RESIDENT', '2017-06-30', '18+', 'ALL', 140000, 'test: an 18+ estimate')`,
  );
  try {
    const feb = await month('E06000033', '2018-02');
    const perDay = Number(feb.value) / 28;
    expect(feb.rate.perPopulation).toBe(((perDay * 100000) / 140000).toFixed(2));
    expect(feb.rate.denominator).toEqual({
      basis: 'RESIDENT',
      ageBand: '18+',
      population: 140000,
      referenceDate: '2017-06-30',
      areaCodes: ['E06000033'],
    });
    expect(feb.rate.reason).toBeNull();
  } finally {
    await hub.databases.hub.query(`DELETE FROM population_estimate WHERE age_band = '18+' AND area_code = 'E06000033'`);
  }
});

test('the CSV export carries the rates, what they are per, and why one is missing', async () => {
  const params = new URLSearchParams({ indicator: DTOC, area: 'E06000034', from: '2018-02', to: '2018-02' });
  const response = await fetch(`${hub.url.replace(/\/graphql$/, '')}/export/indicator-values.csv?${params}`);
  const [row] = parse(await response.text(), { columns: true }) as Record<string, string>[];
  expect(row).toMatchObject({
    period: '2018-02',
    value: '317',
    rag: 'RED',
    rate_per_day: '11.32',
    rate_per_population: '',
    synthetic: 'false',
  });
  expect(row!.rate_reason).toMatch(/aged 18\+/);
});
