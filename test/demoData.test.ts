import { DEMO_DATA_DIR } from '../src/runtime';
import { countExtractFiles, startTestHub, type TestHub } from './support/testHub';

/** The shipped demo dataset loads through the start-up path and answers facts straight from the documents. */

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ extracts: DEMO_DATA_DIR, as: { organisationId: null, role: 'ADMIN' } });
});
afterAll(async () => {
  await hub.stop();
});

async function data<T>(query: string): Promise<T> {
  const response = await hub.gql<T>(query);
  expect(response.body.errors).toBeUndefined();
  return response.body.data as T;
}

test('who signed the South East Essex MoU for Essex County Council, and in what role (seed 002)', async () => {
  const { partnerOrganisation } = await data<{
    partnerOrganisation: {
      partnerships: {
        nodes: {
          agreements: {
            nodes: { title: string; signatories: { nodes: { personName: string; role: string; organisation: { gssCode: string } }[] } }[];
          };
        }[];
      };
    };
  }>(`{
    partnerOrganisation(gssCode: "E10000012") { partnerships { nodes { agreements { nodes {
      title signatories { nodes { personName role organisation { gssCode } } } } } } } } }`);
  const signatories = partnerOrganisation.partnerships.nodes
    .flatMap((p) => p.agreements.nodes)
    .filter((a) => a.title.includes('South East Essex'))
    .flatMap((a) => a.signatories.nodes)
    .filter((s) => s.organisation.gssCode === 'E10000012');
  expect(signatories).toEqual([
    { personName: 'Peter Fairley', role: 'Director for Integration and Partnerships', organisation: { gssCode: 'E10000012' } },
  ]);
});

test('Wareham Community Hospital is one estate in the council register and the trust site list (seed 003)', async () => {
  const { locality } = await data<{
    locality: { estates: { nodes: { name: string; odsSiteCodes: string[]; sources: { source: string }[] }[] } };
  }>(`{
    locality(code: "PUR-PURBECK") { estates { nodes { name odsSiteCodes sources { source } } } } }`);
  const wareham = locality.estates.nodes.find((e) => e.odsSiteCodes.includes('RDYFD'));
  expect(wareham?.sources.map((s) => s.source).sort()).toEqual(['dorset-healthcare', 'purbeck-district-council']);
});

test('the Thurrock community hubs that were open by 2015 (seed 001: "Two Hubs are open (South Ockendon and Chadwell)")', async () => {
  const { hubs } = await data<{ hubs: { nodes: { name: string; kinds: string[]; status: string }[] } }>(
    `{ hubs(first: 100) { nodes { name kinds status } } }`,
  );
  const openCommunityHubs = hubs.nodes
    .filter((h) => h.kinds.includes('COMMUNITY_HUB') && h.status === 'OPEN')
    .map((h) => h.name)
    .sort();
  expect(openCommunityHubs).toEqual(['Chadwell St Mary Community Hub', 'South Ockendon Community Hub']);
});

test('the South East Essex MoU is signed, not legally binding, reviewed annually from April 2020', async () => {
  const { partnerships } = await data<{
    partnerships: { nodes: { name: string; reportsTo: string[]; agreements: { nodes: Record<string, unknown>[] } }[] };
  }>(`{
    partnerships { nodes { name reportsTo agreements { nodes { status legallyBinding reviewCycle firstReviewOn parties { totalCount } principles } } } } }`);
  const seEssex = partnerships.nodes.find((p) => p.name.startsWith('South East Essex'))!;
  expect(seEssex.reportsTo.join(' ')).toMatch(/Southend.*Essex|Essex.*Southend/);
  expect(seEssex.agreements.nodes[0]).toMatchObject({
    status: 'SIGNED',
    legallyBinding: false,
    firstReviewOn: '2020-04-01',
    parties: { totalCount: 8 },
  });
  expect((seEssex.agreements.nodes[0]!.principles as string[]).length).toBe(11);
});

test('the whole demo dataset loaded through ingest with zero rejected rows', async () => {
  const rows = await hub.databases.hub.query<{ source: string; table_name: string; rejected: number; status: string }[]>(
    `SELECT source, table_name, rejected, status FROM ingest_run ORDER BY id`,
  );
  expect(rows.length).toBe(countExtractFiles(DEMO_DATA_DIR)); // every extract file under data/demo
  expect(rows.every((r) => r.status === 'SUCCEEDED' && r.rejected === 0)).toBe(true);
});

test('the 2014/15 delivery plan answers as seed 001 writes it', async () => {
  const { deliveryPlans } = await data<{
    deliveryPlans: {
      nodes: {
        title: string;
        partnership: { name: string };
        ragSummary: Record<string, number>;
        actions: { nodes: { title: string; lead: string; deadlineText: string; comments: string; status: { rag: string } | null }[] };
      }[];
    };
  }>(`{
    deliveryPlans { nodes { title partnership { name } ragSummary(period: "2014/15") { red amber green notRecorded total }
      actions(first: 100) { nodes { title lead deadlineText comments status(period: "2014/15") { rag } } } } } }`);
  const plan = deliveryPlans.nodes[0]!;
  const action = (title: string) => plan.actions.nodes.find((a) => a.title.startsWith(title))!;
  expect(action('Finalise Primary Care Strategy')).toMatchObject({
    lead: 'Mandy Ansell',
    deadlineText: 'On-going',
    status: { rag: 'GREEN' },
  });
  expect(action('Develop role of Accountable Professional').comments).toContain('in the form of RRAS. The Community Geriatrician');
  expect(action('Further development of skills-based work academy')).toMatchObject({ lead: 'Louise Brosnan', status: { rag: 'RED' } });
  expect(action('Implementation of Rapid Response and Assessment Service review recommendations')).toMatchObject({
    lead: 'Tania Sitch',
    status: { rag: 'RED' },
  });
  expect(plan.ragSummary.total).toBe(plan.actions.nodes.length);
  const { red, amber, green, notRecorded, total } = plan.ragSummary as {
    red: number;
    amber: number;
    green: number;
    notRecorded: number;
    total: number;
  };
  expect(red + amber + green + notRecorded).toBe(total);
});

test('real delayed-transfers-of-care values for Thurrock, with the source that measured them', async () => {
  const { partnerships } = await data<{
    partnerships: { nodes: { outcomeDomains: { outcomes: { indicators: { id: string; name: string; measuredBy: string }[] }[] }[] }[] };
  }>(`{ partnerships { nodes { outcomeDomains { outcomes { indicators { id name measuredBy } } } } } }`);
  const dtoc = partnerships.nodes
    .flatMap((p) => p.outcomeDomains.flatMap((d) => d.outcomes.flatMap((o) => o.indicators)))
    .find((i) => /delayed/i.test(i.name))!;
  expect(dtoc.measuredBy).toBe('council-registers');
  const { indicator } = await data<{ indicator: { series: { values: { period: string; value: string }[] } } }>(
    `{ indicator(id: "${dtoc.id}") { series(area: "E06000034", from: "2014-04", to: "2014-06") { values { period value } } } }`,
  );
  expect(indicator.series.values.map((v) => v.period)).toEqual(['2014-04', '2014-05', '2014-06']);
});
