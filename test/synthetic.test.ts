import { useDemoHub } from './support/demoHub';

/**
 * Generated values say so wherever they appear: on their provenance, on the records and
 * values that hold them, and on aggregates that sum or judge them. And the small gaps of
 * the demo data: kinds without codes, GP hubs' ODS codes, localities' PCN codes.
 */

const { data } = useDemoHub();

interface Value {
  period: string;
  synthetic: boolean;
  targetSynthetic: boolean;
  target: string | null;
  rag: { status: string | null; synthetic: boolean } | null;
  sources: { table: string; synthetic: boolean }[];
}

test("Thurrock's Better Care Fund ledger is generated, and the budget summary says so", async () => {
  type Figures = { lines: number; syntheticLines: number };
  const { budgetSummary } = await data<{ budgetSummary: { includesSynthetic: boolean; income: Figures; expenditure: Figures } }>(
    `{ budgetSummary(groupBy: [FINANCIAL_YEAR]) { includesSynthetic income { lines syntheticLines } expenditure { lines syntheticLines } } }`,
  );
  expect(budgetSummary.includesSynthetic).toBe(true);
  for (const figures of [budgetSummary.income, budgetSummary.expenditure]) {
    expect(figures.lines).toBeGreaterThan(0);
    expect(figures.syntheticLines).toBe(figures.lines);
  }
});

test('the synthetic locality indicator: every value and its provenance flagged', async () => {
  const { locality } = await data<{
    locality: { indicators: { indicator: { sourceCode: string }; includesSynthetic: boolean; values: Value[] }[] };
  }>(`{
    locality(code: "SEE-SOUTHEND-ON-SEA") { indicators { indicator { sourceCode } includesSynthetic
      values { period synthetic targetSynthetic target rag { status synthetic } sources { table synthetic } } } } }`);
  const synthIndicator = locality.indicators.find((s) => s.indicator.sourceCode.startsWith('SYNTH-'));
  expect(synthIndicator?.includesSynthetic).toBe(true);
  expect(synthIndicator?.values.length).toBeGreaterThan(0);
  expect(synthIndicator?.values.every((v) => v.synthetic && v.sources.every((s) => s.synthetic))).toBe(true);
});

async function dtocIndicatorId(): Promise<string> {
  const { partnerships } = await data<{
    partnerships: { nodes: { outcomeDomains: { outcomes: { indicators: { id: string; sourceCode: string }[] }[] }[] }[] };
  }>(`{ partnerships { nodes { outcomeDomains { outcomes { indicators { id sourceCode } } } } } }`);
  const all = partnerships.nodes.flatMap((p) => p.outcomeDomains.flatMap((d) => d.outcomes.flatMap((o) => o.indicators)));
  return all.find((i) => !i.sourceCode.startsWith('SYNTH-'))!.id;
}

test('a real delayed-transfers series: values measured, targets generated, RAG flagged', async () => {
  const id = await dtocIndicatorId();
  const { indicator } = await data<{ indicator: { series: { includesSynthetic: boolean; values: Value[] } } }>(`{
    indicator(id: "${id}") { series(area: "E06000033", from: "2018-01", to: "2018-03") { includesSynthetic
      values { period synthetic targetSynthetic target rag { status synthetic } sources { table synthetic } } } } }`);
  expect(indicator.series.values.map((v) => v.period)).toEqual(['2018-01', '2018-02', '2018-03']);
  for (const v of indicator.series.values) {
    expect(v).toMatchObject({
      synthetic: false,
      targetSynthetic: true,
      rag: { synthetic: true },
      sources: [{ table: 'indicator_value', synthetic: false }],
    });
    expect(v.target).not.toBeNull();
  }
  expect(indicator.series.includesSynthetic).toBe(true);
});

test('the invented council asset reference is flagged on the estate it keys; the trust record of the same building is not', async () => {
  const { locality } = await data<{
    locality: { estates: { nodes: { odsSiteCodes: string[]; sources: { source: string; nativeKey: string; synthetic: boolean }[] }[] } };
  }>(`{
    locality(code: "PUR-PURBECK") { estates { nodes { odsSiteCodes sources { source nativeKey synthetic } } } } }`);
  const wareham = locality.estates.nodes.find((e) => e.odsSiteCodes.includes('RDYFD'))!;
  expect(wareham.sources.map((s) => [s.source, s.nativeKey, s.synthetic]).sort()).toEqual([
    ['dorset-healthcare', 'RDYFD', false],
    ['purbeck-district-council', 'SYNTH-PROP-0001', true],
  ]);
});

test('partnerOrganisations by kind finds the five voluntary bodies, which have no codes', async () => {
  const { partnerOrganisations } = await data<{ partnerOrganisations: { totalCount: number; nodes: { name: string; kind: string }[] } }>(
    `{ partnerOrganisations(filter: { kinds: [VOLUNTARY] }, first: 50) { totalCount nodes { name kind } } }`,
  );
  expect(partnerOrganisations.nodes.map((o) => o.name).sort()).toEqual([
    'Castle Point Association of Voluntary Services',
    'Healthwatch Thurrock',
    'Southend Association of Voluntary Services',
    'Thurrock Coalition',
    'Thurrock Council for Voluntary Services',
  ]);
  expect(partnerOrganisations.totalCount).toBe(5);
  const both = await data<{ partnerOrganisations: { nodes: { odsCode: string }[] } }>(
    `{ partnerOrganisations(filter: { kinds: [NHS_TRUST], codes: ["RAT", "E06000034"] }) { nodes { odsCode } } }`,
  );
  expect(both.partnerOrganisations.nodes).toEqual([{ odsCode: 'RAT' }]);
});

test("GP hubs' own ODS codes, the period the plan credits Corringham's opening to, and localities' PCN codes", async () => {
  const { hubs } = await data<{
    hubs: { nodes: { name: string; odsCode: string | null; openedOn: string | null; openingCreditedTo: string | null }[] };
  }>(`{ hubs(first: 100) { nodes { name odsCode openedOn openingCreditedTo } } }`);
  const gp = hubs.nodes.filter((h) => h.name.endsWith(' HUB')).sort((a, b) => a.name.localeCompare(b.name));
  expect(gp).toEqual([
    { name: 'CORRINGHAM HUB', odsCode: 'Y04999', openedOn: '2015-04-25', openingCreditedTo: '2014/15' },
    { name: 'GRAYS HUB', odsCode: 'Y05129', openedOn: '2015-08-01', openingCreditedTo: null },
    { name: 'PURFLEET HUB', odsCode: 'Y05130', openedOn: '2015-09-05', openingCreditedTo: null },
    { name: 'TILBURY HUB', odsCode: 'Y05075', openedOn: '2015-06-20', openingCreditedTo: null },
  ]);
  const { locality } = await data<{ locality: { pcnCode: string } }>(`{ locality(code: "THR-TILBURY-CHADWELL") { pcnCode } }`);
  expect(locality.pcnCode).toBe('U06243');
});

test('the synthetic outcome and indicator definitions are flagged on their provenance; the real ones are not', async () => {
  const { partnerships } = await data<{
    partnerships: {
      nodes: {
        outcomeDomains: {
          outcomes: {
            name: string;
            sources: { synthetic: boolean }[];
            indicators: { sourceCode: string; sources: { synthetic: boolean }[] }[];
          }[];
        }[];
      }[];
    };
  }>(
    `{ partnerships { nodes { outcomeDomains { outcomes { name sources { synthetic } indicators { sourceCode sources { synthetic } } } } } } }`,
  );
  const outcomes = partnerships.nodes.flatMap((p) => p.outcomeDomains.flatMap((d) => d.outcomes));
  const indicators = outcomes.flatMap((o) => o.indicators);
  expect(indicators.map((i) => [i.sourceCode.startsWith('SYNTH-'), i.sources.map((s) => s.synthetic)]).sort()).toEqual([
    [false, [false]],
    [true, [true]],
  ]);
  expect(outcomes.filter((o) => o.sources.some((s) => s.synthetic)).map((o) => o.name)).toEqual([
    'Synthetic demo outcome: people stay independent after reablement',
  ]);
});
