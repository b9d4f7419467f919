import { parsePeriod } from '../src/model/periods';
import { issueApiKey } from '../src/auth/apiKeys';
import { DEMO_DATA_DIR } from '../src/runtime';
import { toGlobalId } from '../src/graphql/globalId';
import { startTestHub, type TestHub } from './support/testHub';
import type { PublishedValue } from './support/indicatorValues';

/**
 * Indicators rolled up along the NHS hierarchy (locality standing in for a PCN → PCN →
 * sub-ICB location → ICB) and to a county's Health and Wellbeing Board area, through GraphQL
 * on the demo data: counts summed, rates recomputed from them (never averaged), no total
 * made without a part, and disclosure control applied to the totals.
 */

let hub: TestHub;
const keys: Record<string, string> = {};
beforeAll(async () => {
  hub = await startTestHub({ extracts: DEMO_DATA_DIR });
  for (const [name, organisationId, role] of [
    ['admin', null, 'ADMIN'],
    ['thurrock', 'thurrock-council', 'ANALYST'],
  ] as const) {
    keys[name] = (await issueApiKey(hub.databases.hub, { organisationId, role, label: name, expiresInDays: 1 })).token;
  }
});
afterAll(async () => {
  await hub.stop();
});

const REABLEMENT = toGlobalId('Indicator', 'SYNTH-IND-0001');
const THURROCK_LOCALITIES = ['THR-ASOP', 'THR-GRAYS', 'THR-STANFORD-LE-HOPE', 'THR-TILBURY-CHADWELL'];

interface Value extends PublishedValue {
  sources: { nativeKey: string }[];
}
interface Series {
  rolledUpFrom: string[] | null;
  values: Value[];
}

async function series(area: string, as: string | null): Promise<Series> {
  const response = await hub.gql<{ indicator: { series: Series } }>(
    `query($id: ID!, $area: String!) { indicator(id: $id) { series(area: $area) {
       rolledUpFrom values { period value numerator denominator suppressed sources { nativeKey } } } } }`,
    { id: REABLEMENT, area },
    as ? { 'x-api-key': keys[as]! } : {},
  );
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.indicator.series;
}

test('a PCN is its locality from July 2019, when PCNs began: U06243 rolls up from Tilbury and Chadwell alone', async () => {
  const pcn = await series('U06243', 'admin');
  const locality = await series('THR-TILBURY-CHADWELL', 'admin');
  expect(pcn.rolledUpFrom).toEqual(['THR-TILBURY-CHADWELL']);
  expect(locality.rolledUpFrom).toBeNull();
  expect(locality.values.length).toBeGreaterThan(0);
  const fromJuly2019 = (v: { period: string }) => parsePeriod(v.period)!.start >= '2019-07';
  expect(pcn.values.map(({ period, numerator, denominator, value }) => ({ period, numerator, denominator, value }))).toEqual(
    locality.values.filter(fromJuly2019).map(({ period, numerator, denominator, value }) => ({ period, numerator, denominator, value })),
  );
});

test("sub-ICB location 07G sums its four PCNs' counts and recomputes the rate; it matches Thurrock, the same area", async () => {
  const subIcb = await series('07G', 'admin');
  expect([...subIcb.rolledUpFrom!].sort()).toEqual(['U06243', 'U28765', 'U68127', 'U98530']);
  const parts = await Promise.all(THURROCK_LOCALITIES.map((code) => series(code, 'admin')));
  expect(subIcb.values.length).toBeGreaterThan(0);
  let unlikeTheAverage = 0;
  for (const total of subIcb.values) {
    const inPeriod = parts.map((p) => p.values.find((v) => v.period === total.period)!);
    const numerator = inPeriod.reduce((sum, v) => sum + v.numerator!, 0);
    const denominator = inPeriod.reduce((sum, v) => sum + v.denominator!, 0);
    expect(total).toMatchObject({ numerator, denominator, value: ((100 * numerator) / denominator).toFixed(1) });
    // Recomputed, not the average of the localities' rates (which differs in most periods).
    const averaged = (inPeriod.reduce((sum, v) => sum + Number(v.value), 0) / inPeriod.length).toFixed(1);
    if (averaged !== total.value) unlikeTheAverage += 1;
    // Its provenance is the four measured values.
    expect(total.sources.map((s) => s.nativeKey.split('/')[1]).sort()).toEqual(THURROCK_LOCALITIES);
  }
  expect(unlikeTheAverage).toBeGreaterThan(0);
  const place = await series('E06000034', 'admin');
  expect(subIcb.values.map((v) => [v.period, v.value, v.numerator, v.denominator])).toEqual(
    place.values.map((v) => [v.period, v.value, v.numerator, v.denominator]),
  );
});

test('no ICB or county total is made without its other members: QH8 lacks 06Q and 99E, Essex its other ten districts', async () => {
  const icb = await series('QH8', 'admin');
  expect(icb.rolledUpFrom).toEqual(expect.arrayContaining(['06Q', '07G', '99E', '99F', '99G']));
  expect(icb.values).toEqual([]);
  const essex = await series('E10000012', 'admin');
  expect(essex.rolledUpFrom).toEqual(expect.arrayContaining(['E07000066', 'E07000069', 'E07000075']));
  expect(essex.values).toEqual([]);
});

test('disclosure control holds after the rollup: the public cannot get a withheld locality back from the sub-ICB total', async () => {
  const subIcb = await series('07G', null);
  const parts = await Promise.all(THURROCK_LOCALITIES.map((code) => series(code, null)));
  const withheldPeriods = new Set(parts.flatMap((p) => p.values.filter((v) => v.suppressed).map((v) => v.period)));
  expect(withheldPeriods.size).toBeGreaterThan(0);
  for (const total of subIcb.values) {
    // A total over a withheld locality would give it back by subtraction: it is withheld too.
    if (withheldPeriods.has(total.period)) expect(total).toMatchObject({ suppressed: true, numerator: null, value: null });
    // A year holds its quarters: a withheld quarter withholds its year.
    if (!total.period.includes('Q') && [...withheldPeriods].some((p) => p.startsWith(total.period))) expect(total.suppressed).toBe(true);
  }
  // Try anyway: the sub-ICB total less the published localities.
  for (const total of subIcb.values.filter((v) => !v.suppressed)) {
    const published = parts.map((p) => p.values.find((v) => v.period === total.period)!);
    expect(published.every((v) => !v.suppressed)).toBe(true);
  }
});

test("a partner whose partnership covers all of 07G's localities reads its exact totals; ICB QH8 it does not cover whole", async () => {
  const exact = await series('07G', 'thurrock');
  const admin = await series('07G', 'admin');
  expect(exact.values).toEqual(admin.values);
  expect(exact.values.some((v) => v.suppressed)).toBe(false);
  expect((await series('07G', null)).values.some((v) => v.suppressed)).toBe(true);
  const response = await hub.gql<{ indicator: { series: { values: unknown[] } } }>(
    `query($id: ID!) { indicator(id: $id) { series(area: "QH8") { values { period } } } }`,
    { id: REABLEMENT },
    { 'x-api-key': keys.thurrock! },
  );
  expect(response.body.data!.indicator.series.values).toEqual([]);
});

test('an unknown area code is NOT_FOUND', async () => {
  const response = await hub.gql(`query($id: ID!) { indicator(id: $id) { series(area: "QZZ9") { values { period } } } }`, {
    id: REABLEMENT,
  });
  expect(response.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
});
