import { databaseOf } from '../src/db/databases';
import { DEMO_DATA_DIR } from '../src/runtime';
import { toGlobalId } from '../src/graphql/globalId';
import { issueApiKey } from '../src/auth/apiKeys';
import { startTestHub, type TestHub } from './support/testHub';
import type { PublishedValue } from './support/indicatorValues';

/** The issue's period cases, through GraphQL on the demo data: ranges hold the periods they contain. */

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ extracts: DEMO_DATA_DIR });
});
afterAll(async () => {
  await hub.stop();
});

const DTOC = toGlobalId('Indicator', 'dtoc-delayed-days-total');

async function periods(from: string | null, to: string | null): Promise<string[]> {
  const response = await hub.gql<{ indicator: { series: { values: { period: string }[] } } }>(
    `query($id: ID!, $from: String, $to: String) { indicator(id: $id) { series(area: "E06000034", from: $from, to: $to) { values { period } } } }`,
    { id: DTOC, from, to },
  );
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.indicator.series.values.map((v) => v.period);
}

const monthsFrom = (year: number, month: number, count: number): string[] =>
  Array.from({ length: count }, (_, i) => {
    const m = month - 1 + i;
    return `${year + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  });

test('Thurrock DToC from 2017/18 to 2017/18 is the twelve months April 2017 to March 2018', async () => {
  expect(await periods('2017/18', '2017/18')).toEqual(monthsFrom(2017, 4, 12));
});

test('from 2018/19 starts at 2018-04; to 2018/19 ends at 2019-03', async () => {
  expect((await periods('2018/19', null))[0]).toBe('2018-04');
  expect((await periods(null, '2018/19')).at(-1)).toBe('2019-03');
});

test('from 2017/18 Q1 to 2017/18 Q2 is April to September 2017', async () => {
  expect(await periods('2017/18 Q1', '2017/18 Q2')).toEqual(monthsFrom(2017, 4, 6));
});

test('a range that starts after it ends is refused, naming "to"', async () => {
  const response = await hub.gql(
    `query($id: ID!) { indicator(id: $id) { series(area: "E06000034", from: "2018/19", to: "2018-03") { values { period } } } }`,
    { id: DTOC },
  );
  expect(response.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'to' });
});

test('each indicator declares its periodicity, and latest/previous are adjacent periods of it', async () => {
  const response = await hub.gql<{
    indicator: {
      periodicity: string;
      series: { latest: { period: string; periodStart: string; periodEnd: string }; previous: { period: string } };
    };
  }>(
    `query($id: ID!) { indicator(id: $id) { periodicity series(area: "E06000034", to: "2018/19 Q4") { latest { period periodStart periodEnd } previous { period } } } }`,
    { id: DTOC },
  );
  expect(response.body.data!.indicator).toEqual({
    periodicity: 'MONTH',
    series: { latest: { period: '2019-03', periodStart: '2019-03-01', periodEnd: '2019-03-31' }, previous: { period: '2019-02' } },
  });
});

describe('pooled-fund finance in the shape of a BCF return (demo ledgers are synthetic)', () => {
  let key: string;
  beforeAll(async () => {
    key = (await issueApiKey(hub.databases.hub, { organisationId: 'nhs-thurrock-ccg', role: 'ANALYST', label: 'bcf', expiresInDays: 1 }))
      .token;
  });
  type Groups = { budgetSummary: { groups: { key: Record<string, string | null>; figures: { planned: string } }[] } };
  const summary = async (groupBy: string[], filter: Record<string, unknown>) => {
    const response = await hub.gql<Groups>(
      `query($groupBy: [BudgetDimension!]!, $filter: BudgetFilter) { budgetSummary(groupBy: $groupBy, filter: $filter) {
        groups { key { schemeCode partnerCode areaOfSpend schemeType fundingStream financialYear } figures { planned } } } }`,
      { groupBy, filter },
      { 'x-api-key': key },
    );
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.budgetSummary.groups;
  };

  test('how much of the NHS minimum contribution went to social care, by year, reconciles with the ledger', async () => {
    const groups = await summary(['AREA_OF_SPEND', 'FINANCIAL_YEAR'], { lineKind: 'ALLOCATION', fundingStreams: ['NHS_MINIMUM'] });
    const socialCare = groups.filter((g) => g.key.areaOfSpend === 'SOCIAL_CARE');
    expect(socialCare.map((g) => g.key.financialYear)).toEqual(['2015/16', '2016/17', '2017/18', '2018/19']);
    const rows = await databaseOf(hub.databases, 'nhs-thurrock-ccg').query<{ financial_year: string; planned: string }[]>(
      `SELECT financial_year, sum(planned)::text AS planned FROM ledger_line
        WHERE line_kind = 'ALLOCATION' AND funding_stream = 'NHS_MINIMUM'
          AND scheme_code IN ('thurrock-bcf-collins-house-interim-beds', 'thurrock-bcf-local-area-coordination')
        GROUP BY financial_year ORDER BY financial_year`,
    );
    expect(socialCare.map((g) => [g.key.financialYear, g.figures.planned])).toEqual(rows.map((r) => [r.financial_year, r.planned]));
  });

  test('what each commissioner put into each scheme, and the scheme types (a demo classification)', async () => {
    const groups = await summary(['SCHEME', 'SCHEME_TYPE', 'PARTNER'], { lineKind: 'ALLOCATION', fromYear: '2018/19', toYear: '2018/19' });
    const bySchemes = new Map<string, string[]>();
    for (const g of groups) bySchemes.set(g.key.schemeCode!, [...(bySchemes.get(g.key.schemeCode!) ?? []), g.key.partnerCode!]);
    expect([...bySchemes.values()].every((partners) => partners.join() === '07G,E06000034')).toBe(true);
    expect(groups.find((g) => g.key.schemeCode === 'thurrock-bcf-frailty-pathway')!.key.schemeType).toBe(
      'Integrated care planning and navigation',
    );
    // No iBCF line in the demo ledgers: the answer is empty, not invented.
    expect(await summary(['SCHEME_TYPE'], { lineKind: 'ALLOCATION', fundingStreams: ['IBCF'] })).toEqual([]);
  });

  test("the forecast outturn and spend to date at Q3, by scheme, reconcile with both partners' quarterly monitoring", async () => {
    const response = await hub.gql<{
      budgetSummary: { groups: { key: { schemeCode: string }; figures: Record<string, string | number> }[] };
    }>(
      `{ budgetSummary(groupBy: [SCHEME], filter: { fromYear: "2018/19", toYear: "2018/19", lineKind: ALLOCATION, quarter: "2018/19 Q3" }) {
          groups { key { schemeCode } figures { planned actualToDate forecastOutturn forecastVariance lines linesReported } } } }`,
      undefined,
      { 'x-api-key': key },
    );
    expect(response.body.errors).toBeUndefined();
    const expected = new Map<string, { toDate: number; outturn: number }>();
    // The two partners' ledgers: Thurrock CCG's system and Thurrock Council's.
    for (const source of ['nhs-thurrock-ccg', 'thurrock-council']) {
      const rows = await databaseOf(hub.databases, source).query<{ scheme_code: string; to_date: string; outturn: string }[]>(
        `SELECT l.scheme_code, sum(q.actual_to_date)::text AS to_date, sum(q.forecast_outturn)::text AS outturn
           FROM ledger_quarter q JOIN ledger_line l USING (line_ref) WHERE q.quarter = '2018/19 Q3' GROUP BY l.scheme_code`,
      );
      for (const r of rows) {
        const e = expected.get(r.scheme_code) ?? { toDate: 0, outturn: 0 };
        expected.set(r.scheme_code, {
          toDate: e.toDate + Math.round(Number(r.to_date) * 100),
          outturn: e.outturn + Math.round(Number(r.outturn) * 100),
        });
      }
    }
    const groups = response.body.data!.budgetSummary.groups;
    expect(groups).toHaveLength(3);
    for (const g of groups) {
      const e = expected.get(g.key.schemeCode)!;
      expect([g.figures.actualToDate, g.figures.forecastOutturn]).toEqual([(e.toDate / 100).toFixed(2), (e.outturn / 100).toFixed(2)]);
      expect(g.figures.linesReported).toBe(g.figures.lines);
    }
    const bad = await hub.gql(
      `{ budgetSummary(groupBy: [SCHEME], filter: { quarter: "2018/19" }) { groups { key { schemeCode } } } }`,
      undefined,
      { 'x-api-key': key },
    );
    expect(bad.body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'filter.quarter' });
  });
});

test("a place's value rolled up from its localities: counts summed, the rate recomputed, withheld where a locality is", async () => {
  const SYNTH = toGlobalId('Indicator', 'SYNTH-IND-0001');
  const QUERY = `query($id: ID!) { indicator(id: $id) { series(area: "E06000034") {
    values { period value numerator denominator suppressed sources { nativeKey } } } } }`;
  type Values = {
    indicator: {
      series: {
        values: (PublishedValue & { sources: { nativeKey: string }[] })[];
      };
    };
  };
  const key = (
    await issueApiKey(hub.databases.hub, { organisationId: 'nhs-thurrock-ccg', role: 'ANALYST', label: 'rollup', expiresInDays: 1 })
  ).token;
  const partner = await hub.gql<Values>(QUERY, { id: SYNTH }, { 'x-api-key': key });
  expect(partner.body.errors).toBeUndefined();
  const values = partner.body.data!.indicator.series.values;
  expect(values.length).toBe(8);
  const parts = await databaseOf(hub.databases, 'nhs-thurrock-ccg').query<{ period: string; n: number; d: number }[]>(
    `SELECT period, sum(numerator)::int AS n, sum(denominator)::int AS d FROM indicator_value
      WHERE indicator_code = 'SYNTH-REABLEMENT-91D' AND area_code LIKE 'THR-%' GROUP BY period ORDER BY period`,
  );
  expect(values.map((v) => [v.period, v.numerator, v.denominator])).toEqual(parts.map((p) => [p.period, p.n, p.d]));
  for (const v of values) {
    expect(v.value).toBe(((v.numerator! * 100) / v.denominator!).toFixed(1));
    expect(v.sources).toHaveLength(4);
  }
  // The public: a place total holding a withheld locality is withheld too.
  const anonymous = await hub.gql<Values>(QUERY, { id: SYNTH });
  expect(anonymous.body.data!.indicator.series.values.filter((v) => v.suppressed).length).toBeGreaterThan(0);
});
