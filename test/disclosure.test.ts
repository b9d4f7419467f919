import { issueApiKey } from '../src/auth/apiKeys';
import { toGlobalId } from '../src/graphql/globalId';
import { startTestHub, type TestHub } from './support/testHub';
import type { PublishedValue } from './support/indicatorValues';

/**
 * Disclosure control tried the way someone would try to get round it: by the complement, by
 * subtracting published quarters from a published year, by subtracting published localities
 * from a published place, by multiplying a rate by its denominator. Each attempt must fail.
 */

let hub: TestHub;
const keys: Record<string, string> = {};

/** Counts of people in two localities of one place, by quarter and year; the place is their sum. */
const A = { '2018/19 Q1': [40, 200], '2018/19 Q2': [97, 100], '2018/19 Q3': [30, 200], '2018/19 Q4': [35, 200] } as const;
const B = { '2018/19 Q1': [20, 100], '2018/19 Q2': [3, 100], '2018/19 Q3': [2, 100], '2018/19 Q4': [25, 100] } as const;

beforeAll(async () => {
  hub = await startTestHub();
  await hub.databases.hub.query(
    `INSERT INTO indicator (id, outcome_id, name, unit, polarity, measured_by, source_code, counts_people, published, periodicity, suppression_threshold, rounding_base)
     VALUES ('fix-seen', 'fix-outcome-hospital', 'Fixture people seen', 'percent of people', 'HIGHER_IS_BETTER', 'council-registers', 'FIX-SEEN', true, true, 'QUARTER', NULL, NULL),
            ('fix-strict', 'fix-outcome-hospital', 'Fixture strict', 'people', 'LOWER_IS_BETTER', 'council-registers', 'FIX-STRICT', true, true, 'QUARTER', 10, NULL),
            ('fix-rounded', 'fix-outcome-hospital', 'Fixture rounded', 'percent of people', 'HIGHER_IS_BETTER', 'council-registers', 'FIX-ROUNDED', true, true, 'QUARTER', NULL, 5),
            ('fix-rate', 'fix-outcome-hospital', 'Fixture rate only', 'percent of people', 'HIGHER_IS_BETTER', 'council-registers', 'FIX-RATE', true, true, 'QUARTER', NULL, NULL)`,
  );
  const rows: string[] = [];
  const add = (code: string, area: string, period: string, n: number | null, d: number | null, value?: string) =>
    rows.push(
      `('${code}', '${area}', '${period}', ${value ?? (n !== null && d !== null ? ((100 * n) / d).toFixed(1) : n)}, ${n ?? 'NULL'}, ${d ?? 'NULL'})`,
    );
  const year = (cells: Record<string, readonly [number, number]>) =>
    Object.values(cells).reduce(([n, d], [cn, cd]) => [n + cn, d + cd], [0, 0]);
  for (const [period, [n, d]] of Object.entries(A)) add('FIX-SEEN', 'FIX-A', period, n, d);
  for (const [period, [n, d]] of Object.entries(B)) add('FIX-SEEN', 'FIX-B', period, n, d);
  for (const period of Object.keys(A) as (keyof typeof A)[])
    add('FIX-SEEN', 'E06000034', period, A[period][0] + B[period][0], A[period][1] + B[period][1]);
  add('FIX-SEEN', 'FIX-A', '2018/19', ...(year(A) as [number, number]));
  add('FIX-SEEN', 'FIX-B', '2018/19', ...(year(B) as [number, number]));
  add('FIX-STRICT', 'FIX-A', '2018/19 Q1', null, null, '7');
  add('FIX-STRICT', 'FIX-A', '2018/19 Q2', null, null, '12');
  add('FIX-ROUNDED', 'FIX-A', '2018/19 Q1', 12, 1003);
  add('FIX-RATE', 'FIX-A', '2018/19 Q1', null, 150, '2.0');
  add('FIX-RATE', 'FIX-A', '2018/19 Q2', null, 150, '40.0');
  await hub.databases.council.query(
    `INSERT INTO indicator_value (indicator_code, area_code, period, value, numerator, denominator) VALUES ${rows.join(', ')}`,
  );
  await hub.databases.hub.query(
    `INSERT INTO partner_organisation (id, name, kind, sector, gss_code) VALUES ('outsider', 'Outsider Council', 'COUNCIL', 'STATUTORY', 'E06000099')`,
  );
  for (const [name, organisationId, role] of [
    ['council', 'thurrock-council', 'ANALYST'],
    ['outsider', 'outsider', 'ANALYST'],
    ['admin', null, 'ADMIN'],
  ] as const) {
    keys[name] = (await issueApiKey(hub.databases.hub, { organisationId, role, label: name, expiresInDays: 1 })).token;
  }
});
afterAll(async () => {
  await hub.stop();
});

interface Value extends PublishedValue {
  rag: { status: string | null; reason: string } | null;
}

async function series(indicator: string, area: string, caller?: string): Promise<{ values: Value[]; trend: string }> {
  const response = await hub.gql<{ indicator: { series: { values: Value[]; trend: string } } }>(
    `query($id: ID!, $area: String!) { indicator(id: $id) { series(area: $area) { trend values { period value numerator denominator suppressed rag { status reason } } } } }`,
    { id: toGlobalId('Indicator', indicator), area },
    caller ? { 'x-api-key': keys[caller]! } : {},
  );
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.indicator.series;
}

const cell = (values: Value[], period: string) => values.find((v) => v.period === period)!;

test('the complement is a count too: 97 of 100 is withheld, since it says 3 people are in the other group', async () => {
  const { values } = await series('fix-seen', 'FIX-A');
  expect(cell(values, '2018/19 Q2')).toMatchObject({ value: null, numerator: null, denominator: null, suppressed: true });
  expect(cell(values, '2018/19 Q2').rag!.reason).toBe('Withheld: the complement counts fewer than 5 people.');
  expect(cell(values, '2018/19 Q1')).toMatchObject({ numerator: 40, denominator: 200, suppressed: false });
});

test('a withheld quarter cannot be recovered as the year less the other quarters', async () => {
  for (const area of ['FIX-A', 'FIX-B']) {
    const { values } = await series('fix-seen', area);
    const year = cell(values, '2018/19');
    const quarters = values.filter((v) => v.period.includes(' Q'));
    const withheld = quarters.filter((q) => q.suppressed);
    expect(withheld.length).toBeGreaterThan(0);
    // The attempt: year − the published quarters. It needs the year, which is withheld.
    expect(year.numerator).toBeNull();
    expect(year.denominator).toBeNull();
    expect(year.rag!.reason).toMatch(/would let a withheld value \(.* 2018\/19 Q[23]\) be recovered by subtraction/);
  }
});

test('a withheld locality cannot be recovered as the place less the other localities', async () => {
  const [place, a, b] = await Promise.all([series('fix-seen', 'E06000034'), series('fix-seen', 'FIX-A'), series('fix-seen', 'FIX-B')]);
  for (const period of Object.keys(A)) {
    const parts = [cell(a.values, period), cell(b.values, period)];
    const total = cell(place.values, period);
    if (parts.some((p) => p.suppressed)) {
      // The attempt: place − the published localities. It needs the place's count, which is withheld.
      expect({ period, numerator: total.numerator, denominator: total.denominator }).toEqual({
        period,
        numerator: null,
        denominator: null,
      });
    } else {
      expect(total.numerator).toBe(parts.reduce((s, p) => s + p.numerator!, 0));
    }
  }
  // Q1 has no small count anywhere, so the place's Q1 is published.
  expect(cell(place.values, '2018/19 Q1')).toMatchObject({ numerator: 60, suppressed: false });
});

test('a rate with no numerator is tested as rate × denominator: 2% of 150 is 3 people', async () => {
  const { values } = await series('fix-rate', 'FIX-A');
  expect(cell(values, '2018/19 Q1')).toMatchObject({ value: null, suppressed: true });
  expect(cell(values, '2018/19 Q1').rag!.reason).toBe('Withheld: the value × denominator counts fewer than 5 people.');
  expect(cell(values, '2018/19 Q2')).toMatchObject({ value: '40.0', suppressed: false });
});

test("a value that is itself a count of people is tested, against the indicator's own threshold; RAG and trend are withheld when a point they use is", async () => {
  const { values, trend } = await series('fix-strict', 'FIX-A');
  expect(cell(values, '2018/19 Q1')).toMatchObject({
    value: null,
    suppressed: true,
    rag: { status: null, reason: 'Withheld: the value counts fewer than 10 people.' },
  });
  expect(cell(values, '2018/19 Q2')).toMatchObject({ value: '12', suppressed: false });
  expect(trend).toBe('WITHHELD');
});

test('rounding to 5: the counts are rounded, and the value is recomputed from them so it gives nothing back', async () => {
  const { values } = await series('fix-rounded', 'FIX-A');
  expect(cell(values, '2018/19 Q1')).toMatchObject({ numerator: 10, denominator: 1005, value: '1.0', suppressed: false });
  const response = await hub.gql<{ indicator: { roundingBase: number; suppressionThreshold: number } }>(
    `query($id: ID!) { indicator(id: $id) { roundingBase suppressionThreshold } }`,
    { id: toGlobalId('Indicator', 'fix-rounded') },
  );
  expect(response.body.data!.indicator).toEqual({ roundingBase: 5, suppressionThreshold: 5 });
});

test("a partner reads exact values for its partnerships' areas only; an administrator everywhere", async () => {
  expect(cell((await series('fix-seen', 'FIX-B', 'council')).values, '2018/19 Q2')).toMatchObject({ numerator: 3, suppressed: false });
  expect(cell((await series('fix-seen', 'E06000034', 'council')).values, '2018/19 Q2')).toMatchObject({
    numerator: 100,
    suppressed: false,
  });
  expect(cell((await series('fix-rounded', 'FIX-A', 'council')).values, '2018/19 Q1')).toMatchObject({ numerator: 12, denominator: 1003 });
  const outsider = await series('fix-seen', 'FIX-B', 'outsider');
  expect(cell(outsider.values, '2018/19 Q2')).toMatchObject({ numerator: null, suppressed: true });
  expect(cell(outsider.values, '2018/19')).toMatchObject({ numerator: null, suppressed: true });
  expect(cell((await series('fix-seen', 'FIX-B', 'admin')).values, '2018/19 Q2')).toMatchObject({ numerator: 3, suppressed: false });
});

test('a zero count is published to the public: no one is not a small group of people', async () => {
  await hub.databases.hub.query(
    `INSERT INTO indicator (id, outcome_id, name, unit, polarity, measured_by, source_code, counts_people, published, periodicity, suppression_threshold, rounding_base)
     VALUES ('fix-zero', 'fix-outcome-hospital', 'Fixture zero', 'percent of people', 'LOWER_IS_BETTER', 'council-registers', 'FIX-ZERO', true, true, 'QUARTER', NULL, NULL)`,
  );
  await hub.databases.council.query(
    `INSERT INTO indicator_value (indicator_code, area_code, period, value, numerator, denominator) VALUES ('FIX-ZERO', 'FIX-A', '2018/19 Q1', 0.0, 0, 50)`,
  );
  const { values } = await series('fix-zero', 'FIX-A');
  expect(cell(values, '2018/19 Q1')).toMatchObject({ value: '0.0', numerator: 0, denominator: 50, suppressed: false });
});

test('a gap in a series is flagged on the value after it, not passed over', async () => {
  await hub.databases.hub.query(
    `INSERT INTO indicator (id, outcome_id, name, unit, polarity, measured_by, source_code, counts_people, published, periodicity, suppression_threshold, rounding_base)
     VALUES ('fix-gap', 'fix-outcome-hospital', 'Fixture gap', 'people', 'LOWER_IS_BETTER', 'council-registers', 'FIX-GAP', false, true, 'QUARTER', NULL, NULL)`,
  );
  await hub.databases.council.query(
    `INSERT INTO indicator_value (indicator_code, area_code, period, value) VALUES
       ('FIX-GAP', 'FIX-A', '2018/19 Q1', 40), ('FIX-GAP', 'FIX-A', '2018/19 Q2', 41), ('FIX-GAP', 'FIX-A', '2018/19 Q4', 43)`,
  );
  const response = await hub.gql<{ indicator: { series: { values: { period: string; flags: string[] }[] } } }>(
    `query($id: ID!) { indicator(id: $id) { series(area: "FIX-A") { values { period flags } } } }`,
    { id: toGlobalId('Indicator', 'fix-gap') },
  );
  expect(response.body.data!.indicator.series.values).toEqual([
    { period: '2018/19 Q1', flags: [] },
    { period: '2018/19 Q2', flags: [] },
    { period: '2018/19 Q4', flags: ['GAP_BEFORE'] },
  ]);
});
