import { useDemoHub } from './support/demoHub';

/**
 * Organisations as they were and as they are now: names, codes and kinds over time from the
 * reference data, successions as relations, and `asAt` on lookups, members and parties.
 */

const { data } = useDemoHub();

interface Org {
  name: string;
  kind: string;
  odsCode: string | null;
  gssCode: string | null;
  shownAsAt: string | null;
}

test('07G as the documents recorded it, as at 2019, and today: a sub-ICB location of Mid and South Essex ICB since 1 July 2022', async () => {
  const { recorded, then, now } = await data<{ recorded: Org & { current: Org }; then: Org; now: Org }>(`{
    recorded: partnerOrganisation(odsCode: "07G") { name kind odsCode gssCode shownAsAt current { name kind odsCode shownAsAt } }
    then: partnerOrganisation(odsCode: "07G", asAt: "2019-03-01") { name kind odsCode gssCode shownAsAt }
    now: partnerOrganisation(odsCode: "07G", asAt: "2022-07-01") { name kind odsCode gssCode shownAsAt } }`);
  expect(recorded).toMatchObject({ name: 'NHS Thurrock CCG', kind: 'CCG', odsCode: '07G', gssCode: 'E38000185', shownAsAt: null });
  expect(recorded.current).toMatchObject({ name: 'NHS MID AND SOUTH ESSEX ICB - 07G', kind: 'SUB_ICB_LOCATION', odsCode: '07G' });
  expect(then).toEqual({ name: 'NHS Thurrock CCG', kind: 'CCG', odsCode: '07G', gssCode: 'E38000185', shownAsAt: '2019-03-01' });
  expect(now).toMatchObject({ name: 'NHS MID AND SOUTH ESSEX ICB - 07G', kind: 'SUB_ICB_LOCATION', shownAsAt: '2022-07-01' });
});

test('the history of 07G: each period with its dates and where it is stated', async () => {
  const { partnerOrganisation } = await data<{
    partnerOrganisation: { history: { name: string; validFrom: string | null; validTo: string | null; statedIn: string }[] };
  }>(`{ partnerOrganisation(odsCode: "07G") { history { name validFrom validTo statedIn } } }`);
  expect(partnerOrganisation.history.map(({ name, validFrom, validTo }) => ({ name, validFrom, validTo }))).toEqual([
    { name: 'NHS Thurrock CCG', validFrom: '2013-04-01', validTo: '2022-06-30' },
    { name: 'NHS MID AND SOUTH ESSEX ICB - 07G', validFrom: '2022-07-01', validTo: null },
  ]);
  expect(partnerOrganisation.history[1]!.statedIn).toMatch(/eccg_ods2025/);
});

test("BTUH (RDD, a retired code) finds BTUH, its merger into RAJ (Mid and South Essex NHS FT from that day) on 1 April 2020, and today's trust", async () => {
  const { partnerOrganisation } = await data<{
    partnerOrganisation: {
      name: string;
      validTo: string;
      successions: { kind: string; effectiveOn: string; successor: { odsCode: string; name: string }; statedIn: string }[];
      current: Org;
    };
  }>(`{ partnerOrganisation(odsCode: "RDD") { name validTo
      successions { kind effectiveOn statedIn successor { odsCode name } } current { name odsCode } } }`);
  expect(partnerOrganisation).toMatchObject({
    name: 'BASILDON AND THURROCK UNIVERSITY HOSPITALS NHS FOUNDATION TRUST',
    validTo: '2020-03-31',
  });
  expect(partnerOrganisation.successions).toEqual([
    expect.objectContaining({
      kind: 'MERGER',
      effectiveOn: '2020-04-01',
      successor: { odsCode: 'RAJ', name: 'MID AND SOUTH ESSEX NHS FOUNDATION TRUST' },
    }),
  ]);
  expect(partnerOrganisation.successions[0]!.statedIn).toMatch(/RDD CloseDate 20200331/);
  expect(partnerOrganisation.current).toEqual({ name: 'MID AND SOUTH ESSEX NHS FOUNDATION TRUST', odsCode: 'RAJ' });
  const { before, after } = await data<{ before: { name: string }; after: { name: string } }>(`{
    before: partnerOrganisation(odsCode: "RAJ", asAt: "2020-03-31") { name } after: partnerOrganisation(odsCode: "RAJ", asAt: "2020-04-01") { name } }`);
  expect([before.name, after.name]).toEqual([
    'SOUTHEND UNIVERSITY HOSPITAL NHS FOUNDATION TRUST',
    'MID AND SOUTH ESSEX NHS FOUNDATION TRUST',
  ]);
});

test('SEPT (RWN) was carried on by EPUT (R1L) from 1 April 2017; EPUT lists SEPT as its predecessor', async () => {
  const { sept, eput } = await data<{
    sept: { in2016: { odsCode: string }; in2017: { odsCode: string; name: string } };
    eput: { predecessors: { kind: string; effectiveOn: string; predecessor: { odsCode: string } }[] };
  }>(`{
    sept: partnerOrganisation(odsCode: "RWN") { in2016: carriedOnBy(date: "2017-03-31") { odsCode } in2017: carriedOnBy(date: "2017-04-01") { odsCode name } }
    eput: partnerOrganisation(odsCode: "R1L") { predecessors { kind effectiveOn predecessor { odsCode } } } }`);
  expect(sept).toEqual({
    in2016: { odsCode: 'RWN' },
    in2017: { odsCode: 'R1L', name: 'ESSEX PARTNERSHIP UNIVERSITY NHS FOUNDATION TRUST' },
  });
  expect(eput.predecessors).toEqual([{ kind: 'TRANSFER', effectiveOn: '2017-04-01', predecessor: { odsCode: 'RWN' } }]);
});

test('the Purbeck MoU parties as recorded (2017) and as at 2020: both councils carried on by Dorset Council', async () => {
  const { partnerships } = await data<{
    partnerships: {
      nodes: {
        name: string;
        agreements: {
          nodes: {
            recorded: { edges: { node: { name: string } }[] };
            in2020: { edges: { node: { name: string; gssCode: string }; recorded: { name: string } }[] };
          }[];
        };
      }[];
    };
  }>(`{
    partnerships { nodes { name agreements { nodes {
      recorded: parties { edges { node { name } } }
      in2020: parties(asAt: "2020-01-01") { edges { node { name gssCode } recorded { name } } } } } } } }`);
  const purbeck = partnerships.nodes.find((p) => p.name.includes('Purbeck'))!.agreements.nodes[0]!;
  expect(purbeck.recorded.edges.map((e) => e.node.name).sort()).toEqual([
    'DORSET HEALTHCARE UNIVERSITY NHS FOUNDATION TRUST',
    'Dorset County Council',
    'NHS Dorset CCG',
    'Purbeck District Council',
  ]);
  const councils = purbeck.in2020.edges.filter((e) => e.recorded.name.endsWith('Council'));
  expect(councils.map((e) => [e.recorded.name, e.node.name, e.node.gssCode]).sort()).toEqual([
    ['Dorset County Council', 'Dorset Council', 'E06000059'],
    ['Purbeck District Council', 'Dorset Council', 'E06000059'],
  ]);
  const { dorset } = await data<{ dorset: { predecessors: { kind: string; effectiveOn: string; predecessor: { gssCode: string } }[] } }>(
    `{ dorset: partnerOrganisation(gssCode: "E06000059") { predecessors { kind effectiveOn predecessor { gssCode } } } }`,
  );
  expect(dorset.predecessors.map((p) => [p.kind, p.effectiveOn, p.predecessor.gssCode]).sort()).toEqual([
    ['REORGANISATION', '2019-04-01', 'E07000051'],
    ['REORGANISATION', '2019-04-01', 'E10000009'],
  ]);
});

test('South East Essex members today: the CCGs named as sub-ICB locations', async () => {
  const { partnerships } = await data<{ partnerships: { nodes: { name: string; members: { nodes: Org[] } }[] } }>(
    `{ partnerships { nodes { name members(asAt: "2025-01-01") { nodes { name kind odsCode gssCode shownAsAt } } } } }`,
  );
  const seEssex = partnerships.nodes.find((p) => p.name.startsWith('South East Essex'))!;
  expect(
    seEssex.members.nodes
      .filter((m) => m.kind === 'SUB_ICB_LOCATION')
      .map((m) => m.name)
      .sort(),
  ).toEqual(['NHS MID AND SOUTH ESSEX ICB - 99F', 'NHS MID AND SOUTH ESSEX ICB - 99G']);
});

test("a retired GSS code (Dorset County Council's E10000009) finds the council and the one that carries its work on", async () => {
  const { partnerOrganisation } = await data<{
    partnerOrganisation: { name: string; validTo: string; successor: { name: string }; current: { gssCode: string } };
  }>(`{ partnerOrganisation(gssCode: "E10000009") { name validTo successor { name } current { gssCode } } }`);
  expect(partnerOrganisation).toEqual({
    name: 'Dorset County Council',
    validTo: '2019-03-31',
    successor: { name: 'Dorset Council' },
    current: { gssCode: 'E06000059' },
  });
});
