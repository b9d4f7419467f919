import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { DEMO_DATA_DIR } from '../src/runtime';
import { issueApiKey } from '../src/auth/apiKeys';
import { toGlobalId } from '../src/graphql/globalId';
import { startTestHub, type TestHub } from './support/testHub';

/** Every figure knows what it is: indicator metadata, confidence intervals, a collection's end, and the data dictionary export. */

let hub: TestHub;
let admin: string;
beforeAll(async () => {
  hub = await startTestHub({ extracts: DEMO_DATA_DIR });
  admin = (await issueApiKey(hub.databases.hub, { organisationId: null, role: 'ADMIN', label: 'meta', expiresInDays: 1 })).token;
});
afterAll(async () => {
  await hub.stop();
});

const DTOC = toGlobalId('Indicator', 'dtoc-delayed-days-total');
const SYNTH = toGlobalId('Indicator', 'SYNTH-IND-0001');
const METADATA =
  'metadata { definition numeratorDefinition denominatorDefinition method source publisher frequency caveats disclosureRule collectionEnded { lastPeriod note } synthetic }';

test('the delayed-transfers indicator says what it is, and that its collection ended; its series says so too', async () => {
  const response = await hub.gql<{
    indicator: {
      metadata: Record<string, unknown> & { collectionEnded: { lastPeriod: string } };
      series: { collectionEnded: { lastPeriod: string }; values: { period: string }[] };
    };
  }>(
    `query($id: ID!) { indicator(id: $id) { ${METADATA} series(area: "E06000034") { collectionEnded { lastPeriod } values { period } } } }`,
    {
      id: DTOC,
    },
  );
  expect(response.body.errors).toBeUndefined();
  const { metadata, series } = response.body.data!.indicator;
  expect(metadata).toMatchObject({ publisher: 'NHS England', frequency: 'Monthly', synthetic: false });
  for (const field of ['definition', 'numeratorDefinition', 'method', 'source']) expect(metadata[field]).toEqual(expect.any(String));
  expect(metadata.disclosureRule).toMatch(/do not count people/);
  expect(series.collectionEnded).toEqual({ lastPeriod: metadata.collectionEnded.lastPeriod });
  // The last month held is the reference extract's last for Thurrock, before the collection's end.
  const file = path.resolve(__dirname, '../data/reference/social_care/dtoc_delayed_days_by_reason_2011-2019_selected_las.csv');
  const months = (parse(readFileSync(file), { columns: true }) as Record<string, string>[])
    .filter((r) => r.Name === 'Thurrock')
    .map((r) => r.period_iso!.slice(0, 7))
    .sort();
  expect(series.values.at(-1)!.period).toBe(months.at(-1));
  expect(months.at(-1)! <= metadata.collectionEnded.lastPeriod).toBe(true);
});

test('a percentage carries its Wilson 95% interval, worked from the counts shown, and withheld with them', async () => {
  const ask = async (headers: Record<string, string>) => {
    const response = await hub.gql<{
      indicator: {
        metadata: { disclosureRule: string };
        series: {
          values: {
            value: string | null;
            numerator: number | null;
            denominator: number | null;
            confidenceInterval: { level: number; lower: string; upper: string; method: string } | null;
          }[];
        };
      };
    }>(
      `query($id: ID!) { indicator(id: $id) { metadata { disclosureRule } series(area: "THR-ASOP") { values { value numerator denominator confidenceInterval { level lower upper method } } } } }`,
      { id: SYNTH },
      headers,
    );
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.indicator;
  };
  const z = 1.959963984540054;
  // Wilson's interval in its centre ± half-width form (the hub works the other).
  const wilson = (x: number, n: number) => {
    const p = x / n;
    const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
    const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
    return [(100 * (centre - half)).toFixed(1), (100 * (centre + half)).toFixed(1)];
  };
  const exact = await ask({ 'x-api-key': admin });
  expect(exact.series.values.length).toBeGreaterThan(0);
  for (const v of exact.series.values) {
    const [lower, upper] = wilson(v.numerator!, v.denominator!);
    expect(v.confidenceInterval).toEqual({ level: 95, lower, upper, method: 'WILSON_SCORE' });
  }
  const publicView = await ask({});
  expect(publicView.metadata.disclosureRule).toMatch(/zero is published/);
  for (const v of publicView.series.values) expect(v.confidenceInterval === null).toBe(v.value === null);
  expect(publicView.series.values.some((v) => v.value === null)).toBe(true);
});

test('indicator-dictionary.csv lists each indicator once with its metadata, and has its CSV-W beside it', async () => {
  const base = hub.url.replace(/\/graphql$/, '');
  const rows = parse(await (await fetch(`${base}/export/indicator-dictionary.csv`)).text(), { columns: true }) as Record<string, string>[];
  const indicators = parse(readFileSync(path.join(DEMO_DATA_DIR, 'hub', 'indicator.csv')), { columns: true }) as Record<string, string>[];
  expect(rows.map((r) => r.indicator_code).sort()).toEqual(
    indicators
      .filter((i) => i.published === 'true')
      .map((i) => i.source_code)
      .sort(),
  );
  expect(rows.find((r) => r.indicator_code === 'DTOC-DELAYED-DAYS-TOTAL')).toMatchObject({
    publisher: 'NHS England',
    frequency: 'Monthly',
    collection_ended: '2020-02',
    metadata_synthetic: 'false',
  });
  expect(rows.find((r) => r.indicator_code === 'SYNTH-REABLEMENT-91D')).toMatchObject({ metadata_synthetic: 'true', publisher: '' });
  const metadata = (await (await fetch(`${base}/export/indicator-dictionary.csv-metadata.json`)).json()) as {
    tableSchema: { columns: { name: string }[] };
  };
  expect(metadata.tableSchema.columns.map((c) => c.name)).toEqual(Object.keys(rows[0]!));
});

test("England beside Thurrock: the reference file's England month, per 100,000 English adults, not compared without an interval", async () => {
  const file = path.resolve(__dirname, '../data/reference/social_care/dtoc_delayed_days_by_reason_2011-2019_selected_las.csv');
  const englandFeb2018 = (parse(readFileSync(file), { columns: true }) as Record<string, string>[]).find(
    (r) => r.Name === 'England' && r.period_iso!.startsWith('2018-02'),
  )!['Total Delayed Transfers of Care']!;
  const mye = parse(
    readFileSync(path.resolve(__dirname, '../data/reference/population/mye/ons_mye_2017_lad-county-region_syoa_persons_selected.csv')),
    { columns: true },
  ) as Record<string, string>[];
  const england = mye.find((r) => r.Code === 'E92000001')!;
  let adults = 0;
  for (let age = 18; age <= 90; age += 1) adults += Number(england[String(age)] ?? england[`${age}+`]);
  const response = await hub.gql<{
    indicator: {
      series: {
        values: {
          comparators: { areaCode: string; value: string; rate: { perPopulation: string }; comparison: string; comparisonNote: string }[];
        }[];
      };
    };
  }>(
    `query($id: ID!) { indicator(id: $id) { series(area: "E06000034", from: "2018-02", to: "2018-02") { values {
       comparators { areaCode value rate { perPopulation } comparison comparisonNote } } } } }`,
    { id: DTOC },
  );
  expect(response.body.errors).toBeUndefined();
  const [comparator] = response.body.data!.indicator.series.values[0]!.comparators;
  expect(comparator).toMatchObject({
    areaCode: 'E92000001',
    value: englandFeb2018,
    rate: { perPopulation: (((Number(englandFeb2018) / 28) * 100000) / adults).toFixed(2) },
    comparison: 'NOT_COMPARED',
  });
  expect(comparator!.comparisonNote).toMatch(/no confidence interval/);
  const base = hub.url.replace(/\/graphql$/, '');
  const [row] = parse(
    await (
      await fetch(
        `${base}/export/indicator-values.csv?${new URLSearchParams({ indicator: DTOC, area: 'E06000034', from: '2018-02', to: '2018-02' })}`,
      )
    ).text(),
    { columns: true },
  ) as Record<string, string>[];
  expect(row).toMatchObject({
    england_value: englandFeb2018,
    england_rate_per_population: comparator!.rate.perPopulation,
    compared_to_england: 'NOT_COMPARED',
  });
});

test('financial-year, calendar-year and calendar-quarter totals of the monthly series, with how many months each holds', async () => {
  const file = path.resolve(__dirname, '../data/reference/social_care/dtoc_delayed_days_by_reason_2011-2019_selected_las.csv');
  const months = (parse(readFileSync(file), { columns: true }) as Record<string, string>[])
    .filter((r) => r.Name === 'Thurrock' && r.period_iso! >= '2014-04')
    .map((r) => ({ month: r.period_iso!.slice(0, 7), days: Number(r['Total Delayed Transfers of Care']) }));
  const financialYear = (m: string) => {
    const [y, mm] = m.split('-').map(Number) as [number, number];
    const first = mm >= 4 ? y : y - 1;
    return `${first}/${String((first + 1) % 100).padStart(2, '0')}`;
  };
  const oracle = (keyOf: (m: string) => string) => {
    const byKey = new Map<string, { total: number; n: number }>();
    for (const { month, days } of months) {
      const at = byKey.get(keyOf(month)) ?? { total: 0, n: 0 };
      byKey.set(keyOf(month), { total: at.total + days, n: at.n + 1 });
    }
    return byKey;
  };
  const ask = async (kind: string) => {
    const response = await hub.gql<{
      indicator: {
        series: { totals: { period: string; total: string; monthsReported: number; monthsInPeriod: number; complete: boolean }[] };
      };
    }>(
      `query($id: ID!, $kind: TotalKind!) { indicator(id: $id) { series(area: "E06000034") { totals(kind: $kind) { period total monthsReported monthsInPeriod complete } } } }`,
      {
        id: DTOC,
        kind,
      },
    );
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.indicator.series.totals;
  };
  for (const [kind, keyOf, size] of [
    ['FINANCIAL_YEAR', financialYear, 12],
    ['CALENDAR_YEAR', (m: string) => m.slice(0, 4), 12],
    ['CALENDAR_QUARTER', (m: string) => `${m.slice(0, 4)} Q${Math.floor((Number(m.slice(5, 7)) - 1) / 3) + 1}`, 3],
  ] as const) {
    const expected = [...oracle(keyOf).entries()].map(([period, { total, n }]) => ({
      period,
      total: String(total),
      monthsReported: n,
      monthsInPeriod: size,
      complete: n === size,
    }));
    expect(await ask(kind)).toEqual(expected);
  }
  // The last financial year held is nine months (April to December 2019), and says so.
  expect((await ask('FINANCIAL_YEAR')).at(-1)).toMatchObject({ period: '2019/20', monthsReported: 9, complete: false });
});
