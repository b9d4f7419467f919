import { Decimal, money } from '../src/model/decimal';
import { comparePeriods, parsePeriod } from '../src/model/periods';
import { assessRag, trendOf } from '../src/model/rag';
import { startTestHub, type TestHub } from './support/testHub';

/** Locality dashboards and budget analysts: RAG with reasons, action histories, and money that reconciles. */

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ as: { organisationId: 'thurrock-council', role: 'EDITOR' } });
});
afterAll(async () => {
  await hub.stop();
});

async function data<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await hub.gql<T>(query, variables);
  expect(response.body.errors).toBeUndefined();
  return response.body.data as T;
}

async function errorOf(query: string) {
  const response = await hub.gql(query);
  expect(response.body.errors).toHaveLength(1);
  return response.body.errors![0]!;
}

describe('RAG derivation', () => {
  test.each([
    ['95', 'LOWER_IS_BETTER', 'GREEN', '95 meets the target of 100 (lower is better).'],
    ['115', 'LOWER_IS_BETTER', 'AMBER', '115 is 15 above the target of 100, within the amber tolerance of 20.'],
    ['130.5', 'LOWER_IS_BETTER', 'RED', '130.5 is 30.5 above the target of 100, beyond the amber tolerance of 20.'],
    ['120', 'LOWER_IS_BETTER', 'AMBER', '120 is 20 above the target of 100, within the amber tolerance of 20.'],
    ['85', 'HIGHER_IS_BETTER', 'AMBER', '85 is 15 below the target of 100, within the amber tolerance of 20.'],
    ['79.999', 'HIGHER_IS_BETTER', 'RED', '79.999 is 20.001 below the target of 100, beyond the amber tolerance of 20.'],
  ] as const)('%s with %s is %s', (value, polarity, status, reason) => {
    expect(assessRag(value, { target: '100', amberTolerance: '20' }, polarity)).toEqual({
      status,
      reason,
      threshold: polarity === 'LOWER_IS_BETTER' ? 'green ≤ 100; amber ≤ 120; red > 120' : 'green ≥ 100; amber ≥ 80; red < 80',
    });
  });

  test('no target or no value: no status, and the reason says so', () => {
    expect(assessRag('5', null, 'LOWER_IS_BETTER')).toEqual({
      status: null,
      reason: 'No target is set for this area and period.',
      threshold: null,
    });
    expect(assessRag(null, { target: '1', amberTolerance: '0' }, 'LOWER_IS_BETTER').status).toBeNull();
  });

  test('trend follows polarity', () => {
    expect(trendOf('95', '115', 'LOWER_IS_BETTER')).toBe('IMPROVING');
    expect(trendOf('44', '48', 'HIGHER_IS_BETTER')).toBe('WORSENING');
    expect(trendOf('44', '44.000', 'HIGHER_IS_BETTER')).toBe('NO_CHANGE');
    expect(trendOf('44', null, 'HIGHER_IS_BETTER')).toBe('NOT_ENOUGH_DATA');
  });
});

describe('periods', () => {
  test('sort by start, a year after the quarters and months it starts with', () => {
    const periods = ['2019/20 Q1', '2018/19', '2019-01', '2018/19 Q4', '2018/19 Q1', '2018-04'];
    expect([...periods].sort(comparePeriods)).toEqual(['2018-04', '2018/19 Q1', '2018/19', '2019-01', '2018/19 Q4', '2019/20 Q1']);
    expect(parsePeriod('2018/19 Q4')).toMatchObject({ start: '2019-01', financialYear: '2018/19' });
    expect(parsePeriod('2019-03')?.financialYear).toBe('2018/19');
    expect(parsePeriod('2018/20')).toBeNull();
  });
});

describe('indicators on a locality dashboard', () => {
  test("a value's provenance carries when its row last changed in the source", async () => {
    type Series = { indicator: { measuredBy: string }; latest: { sources: { nativeKey: string; lastChangedAt: string }[] } };
    const { locality } = await data<{ locality: { indicators: Series[] } }>(`{
      locality(code: "FIX-A") { indicators { indicator { measuredBy } latest { sources { nativeKey lastChangedAt } } } } }`);
    const shown = locality.indicators.find((s) => s.indicator.measuredBy === 'council-registers')!.latest.sources[0]!;
    const [stored] = await hub.databases.council.query<{ updated_at: Date }[]>(
      `SELECT updated_at FROM indicator_value WHERE indicator_code || '/' || area_code || '/' || period = $1`,
      [shown.nativeKey],
    );
    expect(new Date(shown.lastChangedAt)).toEqual(stored!.updated_at);
  });

  test("a value's provenance names who holds its source's data, as the sources file declares them", async () => {
    type Series = { indicator: { measuredBy: string; sources: Source[] }; latest: { sources: Source[] } };
    type Source = { source: string; holders: { name: string; gssCode: string | null; odsCode: string | null }[] };
    const { locality } = await data<{ locality: { indicators: Series[] } }>(`{
      locality(code: "FIX-A") { indicators { indicator { measuredBy sources { source holders { name gssCode odsCode } } }
        latest { sources { source holders { name gssCode odsCode } } } } } }`);
    const council = locality.indicators.find((s) => s.indicator.measuredBy === 'council-registers')!;
    const [measured] = council.latest.sources;
    expect(measured!.source).toBe('council');
    const declared = hub.config.sources.find((s) => s.id === 'council')!.organisations;
    const registered = await hub.databases.hub.query<{ gss_code: string }[]>(
      `SELECT gss_code FROM partner_organisation WHERE gss_code = ANY($1) ORDER BY gss_code`,
      [declared],
    );
    expect(registered.length).toBeGreaterThan(0);
    expect(measured!.holders.map((h) => h.gssCode).sort()).toEqual(registered.map((r) => r.gss_code));
    expect(measured!.holders.every((h) => h.name.length > 0)).toBe(true);
    // The hub's own registry holds no partner's data.
    expect(council.indicator.sources.every((s) => s.source !== 'hub' || s.holders.length === 0)).toBe(true);
  });

  test('values from two sources with targets, RAG reasons, latest, previous and trend', async () => {
    const { locality } = await data<{ locality: { indicators: Record<string, unknown>[] } }>(`{
      locality(code: "FIX-A") { indicators {
        indicator { name measuredBy polarity }
        trend
        latest { period value target rag { status reason threshold } sources { source table } }
        previous { period value rag { status } }
        values { period value rag { status } }
      } } }`);
    const byName = Object.fromEntries(locality.indicators.map((s) => [(s.indicator as { name: string }).name, s]));
    expect(byName['Fixture delayed days']).toMatchObject({
      indicator: { measuredBy: 'council-registers', polarity: 'LOWER_IS_BETTER' },
      trend: 'IMPROVING',
      latest: {
        period: '2018/19 Q4',
        value: '95',
        target: '100',
        rag: { status: 'GREEN', reason: '95 meets the target of 100 (lower is better).', threshold: 'green ≤ 100; amber ≤ 120; red > 120' },
        sources: [{ source: 'council', table: 'indicator_value' }],
      },
      previous: { period: '2018/19 Q3', value: '115', rag: { status: 'AMBER' } },
      values: [
        { period: '2018/19 Q2', value: '130.5', rag: { status: 'RED' } },
        { period: '2018/19 Q3', value: '115', rag: { status: 'AMBER' } },
        { period: '2018/19 Q4', value: '95', rag: { status: 'GREEN' } },
      ],
    });
    expect(byName['Fixture health checks done']).toMatchObject({
      indicator: { measuredBy: 'ccg-primary-care' },
      trend: 'WORSENING',
      latest: { value: '44', rag: { status: 'RED', reason: '44 is 6 below the target of 50, beyond the amber tolerance of 5.' } },
      previous: { value: '48', rag: { status: 'AMBER' } },
    });
  });

  test('a series by ward, bounded by periods; bad ranges and areas are clear errors', async () => {
    const ids = await data<{
      partnerships: { nodes: { outcomeDomains: { outcomes: { indicators: { id: string; name: string }[] }[] }[] }[] };
    }>(`{ partnerships { nodes { outcomeDomains { outcomes { indicators { id name } } } } } }`);
    const delays = ids.partnerships.nodes[0]!.outcomeDomains[0]!.outcomes[0]!.indicators.find((i) => i.name === 'Fixture delayed days')!;
    const q = (args: string) => `{ indicator(id: "${delays.id}") { series(${args}) { values { period value } } } }`;
    expect(
      (await data<{ indicator: { series: { values: unknown[] } } }>(q('area: "FIX-A", from: "2018/19 Q3", to: "2018/19 Q4"'))).indicator
        .series.values,
    ).toEqual([
      { period: '2018/19 Q3', value: '115' },
      { period: '2018/19 Q4', value: '95' },
    ]);
    expect((await data<{ indicator: { series: { values: unknown[] } } }>(q('area: "E05900001"'))).indicator.series.values).toEqual([
      { period: '2018/19 Q4', value: '40' },
    ]);
    expect((await errorOf(q('area: "FIX-A", from: "2018/19 Q4", to: "2018/19 Q2"'))).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argumentName: 'to',
    });
    expect((await errorOf(q('area: "FIX-A", from: "Q4 2018"'))).message).toContain('"Q4 2018" is not a reporting period');
    expect((await errorOf(q('area: "ATLANTIS"'))).extensions).toEqual({ code: 'NOT_FOUND', argumentName: 'area' });
  });
});

describe('delivery plans', () => {
  const PLAN = `{ deliveryPlans { nodes {
      title periodText partnership { name }
      objectives { nodes { title ambitions { number text } } }
      actions { totalCount nodes { title lead leadOrganisation { odsCode gssCode } deadlineText deadline
        status { period rag comment } statusHistory { period rag comment } } }
      q4: ragSummary(period: "2018/19 Q4") { red amber green notRecorded total }
      q1: ragSummary(period: "2019/20 Q1") { red amber green notRecorded total }
      year1819: ragSummary(period: "2018/19") { red amber green notRecorded total }
      year1920: ragSummary(period: "2019/20") { red amber green notRecorded total }
      endOfQ4: ragSummary(asAt: "2019-03-31") { period asAt red amber green notRecorded total }
      midQ1: ragSummary(asAt: "2019-05-15") { red amber green notRecorded total }
      endOfQ1: ragSummary(asAt: "2019-06-30") { red amber green notRecorded total }
    } } }`;

  test("an action's RAG history across two periods, and the plan's summary per period", async () => {
    const { deliveryPlans } = await data<{ deliveryPlans: { nodes: Record<string, unknown>[] } }>(PLAN);
    const plan = deliveryPlans.nodes[0]!;
    expect(plan).toMatchObject({
      title: 'Fixture Delivery Plan',
      partnership: { name: 'Fixture Alliance' },
      q4: { red: 1, amber: 1, green: 1, notRecorded: 1, total: 4 },
      q1: { red: 1, amber: 1, green: 1, notRecorded: 1, total: 4 },
      // A year counts each action's latest status recorded for a period within it (its quarters).
      year1819: { red: 1, amber: 1, green: 1, notRecorded: 1, total: 4 },
      year1920: { red: 1, amber: 1, green: 1, notRecorded: 1, total: 4 },
      // As at a date: each action's latest status for a period that had ended by then.
      endOfQ4: { period: null, asAt: '2019-03-31', red: 1, amber: 1, green: 1, notRecorded: 1, total: 4 },
      midQ1: { red: 1, amber: 1, green: 1, notRecorded: 1, total: 4 },
      endOfQ1: { red: 2, amber: 1, green: 1, notRecorded: 0, total: 4 },
    });
    expect((plan.objectives as { nodes: { ambitions: unknown[] }[] }).nodes[0]!.ambitions).toEqual([
      { number: 1, text: 'Care close to home' },
      { number: 2, text: 'Fewer people wait' },
    ]);
    const first = (plan.actions as { nodes: Record<string, unknown>[] }).nodes[0]!;
    expect(first).toEqual({
      title: 'Open community nursing hub',
      lead: 'Pat Example',
      leadOrganisation: { odsCode: 'RAT', gssCode: null },
      deadlineText: 'March 2019',
      deadline: '2019-03-31',
      status: { period: '2019/20 Q1', rag: 'RED', comment: 'Missed the March deadline' },
      statusHistory: [
        { period: '2018/19 Q4', rag: 'AMBER', comment: 'Slipping' },
        { period: '2019/20 Q1', rag: 'RED', comment: 'Missed the March deadline' },
      ],
    });
  });

  test('actions filter by status in a period and by lead organisation', async () => {
    const { deliveryPlans } = await data<{
      deliveryPlans: { nodes: { red: { nodes: { title: string }[] }; council: { nodes: { title: string }[] } }[] };
    }>(`{
      deliveryPlans { nodes {
        red: actions(filter: { rag: RED, period: "2018/19 Q4" }) { nodes { title } }
        council: actions(filter: { leadOrganisationCode: "E06000034" }) { nodes { title } }
      } } }`);
    expect(deliveryPlans.nodes[0]!.red.nodes).toEqual([{ title: 'Memory clinic outreach' }]);
    expect(deliveryPlans.nodes[0]!.council.nodes).toEqual([{ title: 'Expand Local Area Coordination' }]);
  });

  test('bad periods and a rag without its period are clear errors', async () => {
    expect((await errorOf(`{ deliveryPlans { nodes { ragSummary(period: "2019/21") { total } } } }`)).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argumentName: 'period',
    });
    expect(
      (await errorOf(`{ deliveryPlans { nodes { ragSummary(period: "2018/19", asAt: "2019-03-31") { total } } } }`)).extensions,
    ).toEqual({
      code: 'BAD_USER_INPUT',
      argumentName: 'asAt',
    });
    expect((await errorOf(`{ deliveryPlans { nodes { ragSummary(asAt: "2019-02-30") { total } } } }`)).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argumentName: 'asAt',
    });
    expect((await errorOf(`{ deliveryPlans { nodes { ragSummary { total } } } }`)).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argumentName: 'period',
    });
    expect((await errorOf(`{ deliveryPlans { nodes { actions(filter: { rag: RED }) { totalCount } } } }`)).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argumentName: 'filter.period',
    });
  });
});

describe('budget summary', () => {
  /** The detail rows, summed straight from every source's ledger: what the summary must equal. */
  async function detailTotals(where = 'TRUE') {
    let planned = money('0');
    let actual = money('0');
    let recorded = 0;
    for (const source of ['ccg', 'council', 'trust'] as const) {
      const rows = await hub.databases[source].query<{ planned: string; actual: string | null }[]>(
        `SELECT planned::text AS planned, actual::text AS actual FROM ledger_line WHERE ${where}`,
      );
      for (const r of rows) {
        planned = planned.plus(money(r.planned));
        actual = actual.plus(money(r.actual ?? '0'));
        if (r.actual !== null) recorded += 1;
      }
    }
    // Not reported is null, never zero: with no actual recorded there is no actual, nor variance.
    if (recorded === 0) return { planned: planned.toString(), actual: null, variance: null };
    return { planned: planned.toString(), actual: actual.toString(), variance: actual.minus(planned).toString() };
  }

  const SUMMARY = `query($groupBy: [BudgetDimension!]!, $filter: BudgetFilter) {
    budgetSummary(groupBy: $groupBy, filter: $filter) {
      groups { key { localityCode partnerCode partner { name } financialYear lineKind }
               figures { planned actual variance lines linesWithoutActual plannedPerHead actualPerHead } }
      income { planned actual variance lines linesWithoutActual }
      expenditure { planned actual variance lines linesWithoutActual }
      total { planned actual variance lines linesWithoutActual }
      unallocated
    } }`;
  type Figures = Record<string, string | number>;
  type Summary = {
    budgetSummary: {
      groups: { key: Record<string, unknown>; figures: Record<string, string | number | null> }[];
      income: Figures;
      expenditure: Figures;
      total: Figures | null;
      unallocated: string;
    };
  };
  const sumOf = (groups: Summary['budgetSummary']['groups'], kind: string, field: 'planned' | 'actual') =>
    groups
      .filter((g) => g.key.lineKind === kind)
      .reduce((acc, g) => (g.figures[field] === null ? acc : acc.plus(money(g.figures[field] as string))), Decimal.parse('0', 2))
      .toString();

  test('grouped totals equal the sum of the detail rows to the penny, across three ledgers, income and expenditure apart', async () => {
    const { budgetSummary } = await data<Summary>(SUMMARY, { groupBy: ['LOCALITY', 'PARTNER', 'FINANCIAL_YEAR', 'LINE_KIND'] });
    expect(budgetSummary.income).toMatchObject(await detailTotals(`line_kind = 'CONTRIBUTION'`));
    expect(budgetSummary.expenditure).toMatchObject(await detailTotals(`line_kind = 'ALLOCATION'`));
    expect(budgetSummary.income).toMatchObject({ lines: 3, linesWithoutActual: 1 });
    expect(budgetSummary.expenditure).toMatchObject({ lines: 6, linesWithoutActual: 1 });
    expect(budgetSummary.total).toBeNull();
    expect(budgetSummary.unallocated).toBe(
      money(budgetSummary.income.planned as string)
        .minus(money(budgetSummary.expenditure.planned as string))
        .toString(),
    );
    expect(sumOf(budgetSummary.groups, 'CONTRIBUTION', 'planned')).toBe(budgetSummary.income.planned);
    expect(sumOf(budgetSummary.groups, 'ALLOCATION', 'actual')).toBe(budgetSummary.expenditure.actual);
    // Locality A in 2018/19: the CCG's beds allocation and the trust's, from two ledgers, joined by partner.
    const beds = budgetSummary.groups.filter((g) => g.key.localityCode === 'FIX-A' && g.key.financialYear === '2018/19');
    expect(beds.map((g) => [g.key.partnerCode, g.figures.planned, g.figures.actual, g.figures.variance])).toEqual([
      ['07G', '250000.10', '260000.15', '10000.05'],
      ['E06000034', '120000.33', '118000.01', '-2000.32'],
      ['RAT', '33333.33', '33333.34', '0.01'],
    ]);
    // Per head of the locality's population (17,000), rounded to the penny.
    expect(beds[0]!.figures.plannedPerHead).toBe('14.71');
  });

  test("a partnership's summary reads the partnership, funds, members and localities in one hub statement, and answers as the whole", async () => {
    const { locality } = await data<{ locality: { partnership: { id: string } } }>(`{ locality(code: "FIX-A") { partnership { id } } }`);
    const groupBy = ['LOCALITY', 'PARTNER', 'FINANCIAL_YEAR', 'LINE_KIND'];
    const whole = await hub.gql<Summary>(SUMMARY, { groupBy });
    const ofPartnership = await hub.gql<Summary>(SUMMARY, { groupBy, filter: { partnershipId: locality.partnership.id } });
    expect(ofPartnership.body.errors).toBeUndefined();
    expect(ofPartnership.body.data!.budgetSummary.groups.length).toBeGreaterThan(3);
    expect(ofPartnership.body.data).toEqual(whole.body.data);
    // The overview alone (the partnership, funds, members and localities were four); the
    // caller's API key was verified by this test's first request and is remembered.
    expect(ofPartnership.body.extensions!.sqlStatements!.bySource.hub).toBe(1);
  });

  test("a group key's records, asked directly, through an alias or a fragment, are the ones its codes name", async () => {
    const RECORDS = `locality { code } partner { name } fund { name } scheme { name }`;
    const asked = async (selection: string, fragment = '') => {
      hub.expireCaches(); // each counted afresh, the caller's key verified each time
      const response = await hub.gql<{ budgetSummary: { groups: { key: Record<string, unknown> }[] } }>(
        `{ budgetSummary(groupBy: [LOCALITY, PARTNER, FUND, SCHEME]) { groups { key { localityCode partnerCode fundCode schemeCode ${selection} } } } } ${fragment}`,
      );
      expect(response.body.errors).toBeUndefined();
      return {
        keys: response.body.data!.budgetSummary.groups.map((g) => g.key),
        statements: response.body.extensions!.sqlStatements!.total,
      };
    };
    const direct = await asked(RECORDS);
    expect(direct.keys.length).toBeGreaterThan(3);
    for (const key of direct.keys) {
      expect((key.locality as { code: string } | null)?.code ?? null).toBe(key.localityCode);
      expect(key.partner).not.toBeNull();
      expect(key.fund).not.toBeNull();
    }
    const aliased = await asked(`place: locality { code } partner { name } fund { name } scheme { name }`);
    expect(aliased.keys.map(({ place, ...rest }) => ({ ...rest, locality: place }))).toEqual(direct.keys);
    expect(aliased.statements).toBe(direct.statements);
    const fragment = await asked('...records', `fragment records on BudgetGroupKey { ${RECORDS} }`);
    expect(fragment).toEqual(direct);
    // Not asked, not read: the codes alone cost fewer statements.
    expect((await asked('')).statements).toBeLessThan(direct.statements);
  });

  test('filters by year range and line kind, still reconciling', async () => {
    const { budgetSummary } = await data<Summary>(SUMMARY, {
      groupBy: ['FINANCIAL_YEAR'],
      filter: { fromYear: '2019/20', toYear: '2019/20', lineKind: 'ALLOCATION' },
    });
    expect(budgetSummary.groups.map((g) => g.key.financialYear)).toEqual(['2019/20']);
    expect(budgetSummary.total).toMatchObject(await detailTotals(`financial_year = '2019/20' AND line_kind = 'ALLOCATION'`));
    expect(budgetSummary.total).toEqual(budgetSummary.expenditure);
  });

  test('per head names its denominator, and works for a locality, a place and a fund', async () => {
    const PER_HEAD = `query($groupBy: [BudgetDimension!]!, $filter: BudgetFilter) { budgetSummary(groupBy: $groupBy, filter: $filter) {
      groups { key { localityCode placeCode fundCode financialYear lineKind }
               figures { planned perHead { planned denominator { basis population referenceDate ageBand sex areaCodes matchesYear sources } } } }
      expenditure { perHead { planned denominator { population areaCodes } } } } }`;
    type PerHead = { planned: string; denominator: Record<string, unknown> } | null;
    type Result = {
      budgetSummary: {
        groups: { key: Record<string, string | null>; figures: { planned: string; perHead: PerHead } }[];
        expenditure: { perHead: PerHead };
      };
    };
    const ask = (groupBy: string[], filter: Record<string, unknown>) => data<Result>(PER_HEAD, { groupBy, filter });

    const byLocality = await ask(['LOCALITY', 'FINANCIAL_YEAR'], { lineKind: 'ALLOCATION' });
    const a1819 = byLocality.budgetSummary.groups.find((g) => g.key.localityCode === 'FIX-A' && g.key.financialYear === '2018/19')!;
    expect(a1819.figures.perHead).toEqual({
      planned: money(a1819.figures.planned).dividedBy(17000).toString(),
      denominator: {
        basis: 'RESIDENT',
        population: 17000,
        referenceDate: '2018-06-30',
        ageBand: 'ALL',
        sex: 'ALL',
        areaCodes: ['E05900001', 'E05900002'],
        matchesYear: true,
        sources: ['fixture'],
      },
    });
    const a1920 = byLocality.budgetSummary.groups.find((g) => g.key.localityCode === 'FIX-A' && g.key.financialYear === '2019/20')!;
    expect(a1920.figures.perHead!.denominator).toMatchObject({ referenceDate: '2018-06-30', matchesYear: false });

    // Per head is per year: one year's lines.
    const byPlace = await ask(['PLACE'], { lineKind: 'ALLOCATION', fromYear: '2018/19', toYear: '2018/19' });
    const place = byPlace.budgetSummary.groups.find((g) => g.key.placeCode === 'E06000034')!;
    expect(place.key.localityCode).toBeNull();
    expect(place.figures.planned).toBe(
      byPlace.budgetSummary.groups.filter((g) => g.key.placeCode === 'E06000034').map((g) => g.figures.planned)[0],
    );
    expect(place.figures.perHead!.denominator).toMatchObject({ population: 40000, areaCodes: ['E06000034'] });

    const byFund = await ask(['FUND'], { fromYear: '2018/19', toYear: '2018/19' });
    for (const group of byFund.budgetSummary.groups) {
      expect(group.figures.perHead!.denominator).toMatchObject({
        population: 30000,
        areaCodes: ['E05900001', 'E05900002', 'E05900003', 'E05900004'],
      });
    }
    // The totals of one fund (all a partner's budget here) are per head of the fund's population too.
    expect(byFund.budgetSummary.expenditure.perHead!.denominator).toMatchObject({ population: 30000 });
  });

  /** Every subset of the dimensions: no grouping adds a contribution to the allocation it pays for. */
  const DIMENSIONS = [
    'LOCALITY',
    'PLACE',
    'PARTNER',
    'FUND',
    'SCHEME',
    'SCHEME_TYPE',
    'AREA_OF_SPEND',
    'FUNDING_STREAM',
    'FINANCIAL_YEAR',
    'LINE_KIND',
  ];
  // Every grouping of up to three dimensions, and all of them at once.
  const groupings = Array.from({ length: 2 ** DIMENSIONS.length }, (_, bits) => DIMENSIONS.filter((_, i) => bits & (1 << i))).filter(
    (g) => g.length <= 3 || g.length === DIMENSIONS.length,
  );
  test('no grouping double-counts: every group is of one line kind, and each kind reconciles with its ledger lines', async () => {
    const [income, expenditure] = await Promise.all([detailTotals(`line_kind = 'CONTRIBUTION'`), detailTotals(`line_kind = 'ALLOCATION'`)]);
    const results: Summary[] = [];
    for (const groupBy of groupings) results.push(await data<Summary>(SUMMARY, { groupBy }));
    results.forEach(({ budgetSummary }, i) => {
      expect({ groupBy: groupings[i], kinds: [...new Set(budgetSummary.groups.map((g) => g.key.lineKind))].sort() }).toEqual({
        groupBy: groupings[i],
        kinds: ['ALLOCATION', 'CONTRIBUTION'],
      });
      expect(budgetSummary.income).toMatchObject(income);
      expect(budgetSummary.expenditure).toMatchObject(expenditure);
      expect(sumOf(budgetSummary.groups, 'CONTRIBUTION', 'planned')).toBe(income.planned);
      expect(sumOf(budgetSummary.groups, 'ALLOCATION', 'planned')).toBe(expenditure.planned);
      expect(budgetSummary.total).toBeNull();
    });
  });

  test.each([
    ['{ fromYear: "2019/21" }', 'filter.fromYear', 'BAD_USER_INPUT'],
    ['{ toYear: "2019-20" }', 'filter.toYear', 'BAD_USER_INPUT'],
    ['{ fromYear: "2019/20", toYear: "2018/19" }', 'filter.toYear', 'BAD_USER_INPUT'],
    ['{ localityCode: "NOWHERE" }', 'filter.localityCode', 'NOT_FOUND'],
    ['{ fundId: "bm90LWEtZnVuZA" }', 'filter.fundId', 'BAD_USER_INPUT'],
    ['{ partnershipId: "not base64!" }', 'filter.partnershipId', 'BAD_USER_INPUT'],
    ['{ partnershipId: "TG9jYWxpdHk6bG9jLWE" }', 'filter.partnershipId', 'BAD_USER_INPUT'],
    ['{ partnershipId: "UGFydG5lcnNoaXA6YXRsYW50aXM" }', 'filter.partnershipId', 'NOT_FOUND'],
  ])('filter %s is refused, naming %s', async (filter, argumentName, code) => {
    const error = await errorOf(`{ budgetSummary(groupBy: [LOCALITY, PARTNER], filter: ${filter}) { total { planned } } }`);
    expect(error.extensions).toEqual({ code, argumentName });
  });
});

describe('engagement', () => {
  test('"you said, we did" links to the plan action and the service it changed', async () => {
    const { locality } = await data<{ locality: { engagementActivities: unknown[] } }>(`{
      locality(code: "FIX-A") { engagementActivities { kind audience heldOn
        youSaidWeDid { youSaid weDid action { title } service { name sources { source } } } } } }`);
    expect(locality.engagementActivities).toEqual([
      {
        kind: 'Listening event',
        audience: 'Older people',
        heldOn: '2018-06-12',
        youSaidWeDid: [
          {
            youSaid: 'Coordinators are hard to reach',
            weDid: 'We expanded Local Area Coordination',
            action: { title: 'Expand Local Area Coordination' },
            service: { name: 'Fixture Local Area Coordination A', sources: [{ source: 'council' }] },
          },
        ],
      },
    ]);
    const all = await data<{ engagementActivities: unknown[] }>(`{ engagementActivities { title } }`);
    expect(all.engagementActivities).toHaveLength(2);
    const unknown = await hub.gql(`{ engagementActivities(localityCode: "NOWHERE") { title } }`);
    expect(unknown.body.errors![0]!.extensions).toEqual({ code: 'NOT_FOUND', argumentName: 'localityCode' });
  });
});

test('a dashboard query costs the same statements for one locality as for all', async () => {
  const q = `query($first: Int!) { localities(first: $first) { nodes {
      indicators { trend latest { value rag { status } } }
      engagementActivities { title }
      partnership { deliveryPlans { ragSummary(period: "2019/20 Q1") { red } actions(filter: { rag: RED, period: "2019/20 Q1" }) { nodes { title leadOrganisation { name } } } } }
  } } }`;
  // Each computed afresh, the caller's key verified for each: the counts compare like with like.
  hub.expireCaches();
  const one = await hub.gql(q, { first: 1 });
  hub.expireCaches();
  const all = await hub.gql(q, { first: 3 });
  expect(all.body.errors).toBeUndefined();
  expect(all.body.extensions!.sqlStatements).toEqual(one.body.extensions!.sqlStatements);
});

test('a budget summary costs one statement per ledger, however many groups', async () => {
  const few = await hub.gql(`{ budgetSummary(groupBy: [FUND]) { groups { key { fund { name } } } } }`);
  const many = await hub.gql(`{ budgetSummary(groupBy: [LOCALITY, PARTNER, SCHEME, FINANCIAL_YEAR, LINE_KIND]) {
    groups { key { locality { name } partner { name } scheme { name } } figures { plannedPerHead } } } }`);
  expect(few.body.extensions!.sqlStatements!.bySource).toMatchObject({ ccg: 1, council: 1, trust: 1 });
  expect(many.body.extensions!.sqlStatements!.bySource).toMatchObject({ ccg: 1, council: 1 + 1, trust: 1 });
});
