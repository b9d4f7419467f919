import { readdirSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { DEMO_DATA_DIR } from '../src/runtime';
import { issueApiKey } from '../src/auth/apiKeys';
import { startTestHub, type TestHub } from './support/testHub';

/**
 * The budget figures the BI review found wrong at the edges (issue 28, items 1–3 and 8), each
 * checked against an oracle worked out here from the demo's ledger extracts in pence, not from
 * the hub's own answer.
 */

interface LedgerLine {
  line_ref: string;
  fund_code: string;
  scheme_code: string;
  financial_year: string;
  locality_code: string;
  line_kind: string;
  planned: string;
}
interface QuarterRow {
  line_ref: string;
  quarter: string;
  forecast_outturn: string;
}

const readAll = <T>(table: string): T[] =>
  readdirSync(DEMO_DATA_DIR)
    .map((source) => path.join(DEMO_DATA_DIR, source, `${table}.csv`))
    .filter((file) => existsSync(file))
    .flatMap((file) => parse(readFileSync(file), { columns: true }) as T[]);

const LINES = readAll<LedgerLine>('ledger_line');
const QUARTERS = readAll<QuarterRow>('ledger_quarter');
const pence = (text: string): bigint => BigInt(text.replace('.', ''));
const pounds = (p: bigint): string => {
  const sign = p < 0n ? '-' : '';
  const digits = (p < 0n ? -p : p).toString().padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
};
const sum = (values: bigint[]): bigint => values.reduce((a, b) => a + b, 0n);

let hub: TestHub;
let key: string;
beforeAll(async () => {
  hub = await startTestHub({ extracts: DEMO_DATA_DIR });
  key = (await issueApiKey(hub.databases.hub, { organisationId: 'nhs-thurrock-ccg', role: 'ANALYST', label: 'figures', expiresInDays: 1 }))
    .token;
});
afterAll(async () => {
  await hub.stop();
});

type Figures = Record<string, string | number | null | { planned: string } | undefined>;
interface Summary {
  groups: { key: Record<string, string | null>; figures: Figures }[];
  income: Figures;
  expenditure: Figures;
  total: Figures | null;
  unallocated: string | null;
  unallocatedReason: string | null;
}

async function summary(groupBy: string[], filter: Record<string, unknown>, fields: string): Promise<Summary> {
  const response = await hub.gql<{ budgetSummary: Summary }>(
    `query($groupBy: [BudgetDimension!]!, $filter: BudgetFilter) { budgetSummary(groupBy: $groupBy, filter: $filter) {
       groups { key { schemeCode fundCode placeCode financialYear lineKind } figures { ${fields} } }
       income { ${fields} } expenditure { ${fields} } total { ${fields} } unallocated unallocatedReason } }`,
    { groupBy, filter },
    { 'x-api-key': key },
  );
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.budgetSummary;
}

const MONITORING = 'planned actual actualToDate forecastOutturn forecastVariance linesReported lines forecastReason';

describe('a quarter implies its financial year (item 1)', () => {
  test("2018/19 Q3's forecast variance by scheme is set against 2018/19's plan only", async () => {
    const q3 = new Map(QUARTERS.filter((q) => q.quarter === '2018/19 Q3').map((q) => [q.line_ref, q]));
    const lines = LINES.filter((l) => l.financial_year === '2018/19' && l.line_kind === 'ALLOCATION');
    const variance = (ls: LedgerLine[]) => pounds(sum(ls.map((l) => pence(q3.get(l.line_ref)!.forecast_outturn) - pence(l.planned))));
    const answer = await summary(['SCHEME'], { quarter: '2018/19 Q3', lineKind: 'ALLOCATION' }, MONITORING);
    expect(lines.every((l) => q3.has(l.line_ref))).toBe(true);
    expect(answer.expenditure.forecastVariance).toBe(variance(lines));
    expect(answer.expenditure.forecastVariance).toBe('-96413.69'); // the issue's figure, worked by hand
    for (const group of answer.groups) {
      expect(group.figures.forecastVariance).toBe(variance(lines.filter((l) => l.scheme_code === group.key.schemeCode)));
    }
  });

  test('a quarter outside the filter’s years is refused, naming filter.quarter', async () => {
    const response = await hub.gql(
      `{ budgetSummary(groupBy: [FUND], filter: { quarter: "2018/19 Q3", fromYear: "2019/20" }) { unallocated } }`,
      {},
      { 'x-api-key': key },
    );
    expect(response.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'filter.quarter' });
  });
});

describe('not reported is null, never 0 (item 2)', () => {
  test('a quarter with no monitoring has null forecasts, 0 lines reported and the reason', async () => {
    expect(QUARTERS.some((q) => q.quarter === '2017/18 Q3')).toBe(false);
    const answer = await summary(['FUND'], { quarter: '2017/18 Q3' }, MONITORING);
    for (const figures of [answer.income, answer.expenditure, ...answer.groups.map((g) => g.figures)]) {
      expect(figures).toMatchObject({ actualToDate: null, forecastOutturn: null, forecastVariance: null, linesReported: 0 });
      expect(figures.forecastReason).toMatch(/^Not reported/);
    }
  });

  test('contributions carry no monitoring: their forecast is null, not minus the plan', async () => {
    const answer = await summary(['FUND'], { quarter: '2018/19 Q3' }, MONITORING);
    expect(answer.income).toMatchObject({ forecastOutturn: null, forecastVariance: null, linesReported: 0 });
    const reported = LINES.filter((l) => l.financial_year === '2018/19' && l.line_kind === 'ALLOCATION').length;
    expect(answer.expenditure.linesReported).toBe(reported);
  });
});

describe('a figure the filter makes meaningless is null with a reason (item 3)', () => {
  const planned = (kind: string) => sum(LINES.filter((l) => l.line_kind === kind).map((l) => pence(l.planned)));

  test('unallocated is income less allocations over whole funds', async () => {
    const answer = await summary(['FUND'], {}, 'planned');
    expect(answer.unallocated).toBe(pounds(planned('CONTRIBUTION') - planned('ALLOCATION')));
    expect(answer.unallocatedReason).toBeNull();
  });

  test.each([[{ lineKind: 'ALLOCATION' }], [{ localityCode: 'THR-ASOP' }]])('with %j it is null, with the reason', async (filter) => {
    const answer = await summary(['FUND'], filter, 'planned');
    expect(answer.unallocated).toBeNull();
    expect(answer.unallocatedReason).toEqual(expect.any(String));
  });
});

describe('per head is per year, or null (item 8)', () => {
  test('a fund over several years has no per-head figure, and says why', async () => {
    const years = new Set(LINES.map((l) => l.financial_year));
    expect(years.size).toBeGreaterThan(1);
    const answer = await summary(['FUND'], {}, 'planned perHead { planned } plannedPerHead perHeadReason');
    for (const group of answer.groups) {
      expect(group.figures.perHead).toBeNull();
      expect(group.figures.plannedPerHead).toBeNull();
      expect(group.figures.perHeadReason).toMatch(/per year/);
    }
  });

  test('by financial year each group has one, divided by a population dated in or nearest its year', async () => {
    const answer = await summary(
      ['FUND', 'FINANCIAL_YEAR'],
      {},
      'planned perHead { planned denominator { population referenceDate matchesYear } } perHeadReason',
    );
    for (const group of answer.groups) {
      const perHead = group.figures.perHead as unknown as { planned: string; denominator: { population: number } };
      expect(group.figures.perHeadReason).toBeNull();
      const oracle = Number(group.figures.planned) / perHead.denominator.population;
      expect(Number(perHead.planned)).toBeCloseTo(oracle, 2);
    }
  });
});

/** Residents of an area at mid-year in an age range, summed here from the ONS single-year-of-age file. */
function residents(area: string, year: number, from: number, to = 90): number {
  const geography = year >= 2018 ? `lad${year + 1}-county-region` : 'lad-county-region';
  const file = path.resolve(__dirname, `../data/reference/population/mye/ons_mye_${year}_${geography}_syoa_persons_selected.csv`);
  const row = (parse(readFileSync(file), { columns: true }) as Record<string, string>[]).find((r) => (r.Code ?? r.CODE) === area)!;
  let sum = 0;
  for (let age = from; age <= to; age += 1) sum += Number((row[String(age)] ?? row[`${age}+`])!.replace(/,/g, ''));
  return sum;
}

describe('denominators by age, sex and year (ONS mid-year estimates)', () => {
  test("per head per year divides by the year's own estimate", async () => {
    const answer = await summary(
      ['PLACE', 'FINANCIAL_YEAR'],
      { lineKind: 'ALLOCATION' },
      'planned perHead { planned denominator { population referenceDate matchesYear } }',
    );
    const thurrock = answer.groups.filter((g) => g.key.placeCode === 'E06000034');
    expect(thurrock.length).toBeGreaterThan(1);
    for (const group of thurrock) {
      const year = Number(group.key.financialYear!.slice(0, 4));
      const perHead = group.figures.perHead as unknown as { planned: string; denominator: Record<string, unknown> };
      expect(perHead.denominator).toEqual({
        population: residents('E06000034', year, 0),
        referenceDate: `${year}-06-30`,
        matchesYear: true,
      });
    }
  });

  test('age-band populations: Essex county’s 65+ and 18+ by year, and England’s', async () => {
    for (const [area, year] of [
      ['E10000012', 2016],
      ['E92000001', 2020],
    ] as const) {
      const response = await hub.gql<{ populationEstimates: { estimates: { ageBand: string; population: number }[] } }>(
        `query($area: String!, $year: Int) { populationEstimates(area: $area, year: $year, sexes: ["ALL"], ageBands: ["18+", "65+"]) { estimates { ageBand population } } }`,
        { area, year },
      );
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data!.populationEstimates.estimates).toEqual([
        { ageBand: '18+', population: residents(area, year, 18) },
        { ageBand: '65+', population: residents(area, year, 65) },
      ]);
    }
  });
});
