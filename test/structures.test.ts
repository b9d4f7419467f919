import { databaseOf, partnersOf } from '../src/db/databases';
import { DEMO_DATA_DIR } from '../src/runtime';
import { startTestHub, type TestHub } from './support/testHub';

/** NHS and local-government structures from the reference data, by their real codes, with hierarchy and dates. */

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ extracts: DEMO_DATA_DIR });
});
afterAll(async () => {
  await hub.stop();
});

async function data<T>(query: string): Promise<T> {
  const response = await hub.gql<T>(query);
  expect(response.body.errors).toBeUndefined();
  return response.body.data as T;
}

const LINKS = `relationship validFrom validTo observedOn structure { code kind name gssCode validFrom validTo }`;

test('a practice → PCN → sub-ICB location → ICB → NHS region, as at a date after July 2022', async () => {
  const { structure } = await data<{ structure: Record<string, unknown> }>(`{
    structure(code: "U06243") { code kind name validFrom
      parents(asAt: "2023-01-01") { relationship structure { code kind name gssCode validFrom
        parents(asAt: "2023-01-01") { relationship structure { code kind name gssCode validFrom
          parents { relationship observedOn structure { code kind name gssCode } } } } } }
      children { relationship structure { code kind } } } }`);
  expect(structure).toMatchObject({
    code: 'U06243',
    kind: 'PCN',
    name: 'Tilbury and Chadwell PCN',
    validFrom: '2019-07-01',
    parents: [
      {
        relationship: 'PART_OF_SUB_ICB_LOCATION',
        structure: {
          code: '07G',
          kind: 'SUB_ICB_LOCATION',
          name: 'NHS Mid and South Essex ICB - 07G',
          gssCode: 'E38000185',
          validFrom: '2022-07-01',
          parents: [
            {
              relationship: 'PART_OF_ICB',
              structure: {
                code: 'QH8',
                kind: 'ICB',
                name: 'NHS Mid and South Essex ICB',
                gssCode: 'E54000026',
                validFrom: '2022-07-01',
                parents: [
                  {
                    relationship: 'IN_NHS_REGION',
                    observedOn: null,
                    structure: { code: 'Y61', kind: 'NHS_REGION', name: 'East of England', gssCode: 'E40000007' },
                  },
                ],
              },
            },
          ],
        },
      },
    ],
  });
  const children = structure.children as { relationship: string; structure: { code: string; kind: string } }[];
  expect(children.length).toBeGreaterThan(1);
  expect(children.every((c) => c.relationship === 'MEMBER_OF_PCN' && c.structure.kind === 'GP_PRACTICE')).toBe(true);
});

test('one code, two bodies over time: 07G is a CCG to June 2022 and a sub-ICB location after, each with its own parent', async () => {
  const { ccg, subIcb, byGss } = await data<Record<string, Record<string, unknown>>>(`{
    ccg: structure(code: "07G", asAt: "2018-06-01") { kind name validFrom validTo parents { ${LINKS} } }
    subIcb: structure(code: "07G") { kind name validFrom validTo }
    byGss: structure(code: "E38000185", kind: CCG) { code name } }`);
  expect(ccg).toMatchObject({ kind: 'CCG', name: 'NHS Thurrock CCG', validFrom: '2013-04-01', validTo: '2022-06-30' });
  expect(
    (ccg!.parents as { relationship: string; structure: { code: string; kind: string } }[]).map((p) => [
      p.relationship,
      p.structure.code,
      p.structure.kind,
    ]),
  ).toEqual([
    ['PART_OF_STP', 'QH8', 'STP'],
    // Over the CCG's life: Midlands and East of England to March 2019, East of England from April 2019.
    ['IN_NHS_REGION', 'Y55', 'NHS_REGION'],
    ['IN_NHS_REGION', 'Y61', 'NHS_REGION'],
  ]);
  expect(subIcb).toEqual({ kind: 'SUB_ICB_LOCATION', name: 'NHS Mid and South Essex ICB - 07G', validFrom: '2022-07-01', validTo: null });
  expect(byGss).toEqual({ code: '07G', name: 'NHS Thurrock CCG' });
});

test("both council tiers for Castle Point, each with what it does, and the county's Health and Wellbeing Board", async () => {
  const { locality } = await data<{
    locality: {
      councils: {
        tier: string;
        council: { code: string; name: string };
        organisation: { name: string } | null;
        responsibilities: string[];
      }[];
      healthAndWellbeingBoard: { code: string; name: string };
    };
  }>(`{
    locality(code: "SEE-CASTLE-POINT") {
      councils { tier council { code name } organisation { name } responsibilities }
      healthAndWellbeingBoard { code name } } }`);
  expect(locality.councils.map((c) => [c.tier, c.council.code, c.council.name])).toEqual([
    ['DISTRICT', 'E07000069', 'Castle Point Borough Council'],
    ['COUNTY', 'E10000012', 'Essex County Council'],
  ]);
  expect(locality.councils[1]!.responsibilities).toEqual(
    expect.arrayContaining(['adult social care', 'public health', 'Better Care Fund (with the NHS)']),
  );
  expect(locality.councils[0]!.responsibilities).not.toContain('adult social care');
  expect(locality.councils[1]!.organisation?.name).toMatch(/Essex County Council/i);
  expect(locality.healthAndWellbeingBoard).toEqual({ code: 'E10000012', name: 'Essex Health and Wellbeing Board' });
});

test('Purbeck: Dorset County Council and its board until March 2019, Dorset Council after', async () => {
  const { locality } = await data<{ locality: Record<string, unknown> }>(`{
    locality(code: "PUR-PURBECK") {
      before: councils(asAt: "2019-03-31") { tier council { code } }
      after: councils(asAt: "2019-04-01") { tier council { code } }
      boardBefore: healthAndWellbeingBoard(asAt: "2019-03-31") { code validTo }
      boardAfter: healthAndWellbeingBoard(asAt: "2019-04-01") { code validFrom } } }`);
  expect(locality).toEqual({
    before: [
      { tier: 'DISTRICT', council: { code: 'E07000051' } },
      { tier: 'COUNTY', council: { code: 'E10000009' } },
    ],
    after: [{ tier: 'UNITARY', council: { code: 'E06000059' } }],
    boardBefore: { code: 'E10000009', validTo: '2019-03-31' },
    boardAfter: { code: 'E06000059', validFrom: '2019-04-01' },
  });
});

test("a locality's LSOAs with their MSOA and deprivation decile", async () => {
  const { locality } = await data<{
    locality: { lsoas: { code: string; msoaCode: string | null; imd2019Rank: number | null; imd2019Decile: number | null }[] };
  }>(`{
    locality(code: "THR-TILBURY-CHADWELL") { lsoas { code msoaCode imd2019Rank imd2019Decile } } }`);
  expect(locality.lsoas.length).toBeGreaterThan(5);
  for (const l of locality.lsoas) {
    expect(l.msoaCode).toMatch(/^E02\d{6}$/);
    expect(l.imd2019Decile).toBe(Math.floor(((l.imd2019Rank! - 1) * 10) / 32844) + 1);
  }
});

test('an unknown code is NOT_FOUND, a bad date BAD_USER_INPUT; every ICB by kind', async () => {
  const missing = await hub.gql(`{ structure(code: "U99999") { name } }`);
  expect(missing.body.errors![0]!.extensions).toEqual({ code: 'NOT_FOUND', argumentName: 'code' });
  const bad = await hub.gql(`{ structure(code: "QH8", asAt: "2022-13-01") { name } }`);
  expect(bad.body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'asAt' });
  const { structures } = await data<{ structures: { code: string; gssCode: string }[] }>(
    `{ structures(kinds: [ICB, HEALTH_AND_WELLBEING_BOARD], asAt: "2023-01-01") { code kind gssCode } }`,
  );
  expect(structures).toEqual([
    { code: 'E06000033', kind: 'HEALTH_AND_WELLBEING_BOARD', gssCode: 'E06000033' },
    { code: 'E06000034', kind: 'HEALTH_AND_WELLBEING_BOARD', gssCode: 'E06000034' },
    { code: 'E06000059', kind: 'HEALTH_AND_WELLBEING_BOARD', gssCode: 'E06000059' },
    { code: 'E10000012', kind: 'HEALTH_AND_WELLBEING_BOARD', gssCode: 'E10000012' },
    { code: 'QH8', kind: 'ICB', gssCode: 'E54000026' },
    { code: 'QVV', kind: 'ICB', gssCode: 'E54000041' },
  ]);
});

test("denominators name themselves: a PCN by its practices' registered lists, a council by the ONS estimate, a locality by its wards", async () => {
  const result = await data<{
    pcn: { population: { basis: string; population: number; referenceDate: string; areaCodes: string[] } };
    council: { population: { basis: string; population: number; referenceDate: string } };
    locality: {
      population: number;
      residentPopulation: { population: number; referenceDate: string; ageBand: string; sex: string; areaCodes: string[] };
    };
  }>(`{
    pcn: structure(code: "U06243") { population { basis population referenceDate areaCodes } }
    council: structure(code: "E06000034", kind: UNITARY_AUTHORITY) { population { basis population referenceDate } }
    locality(code: "THR-TILBURY-CHADWELL") { population residentPopulation { population referenceDate ageBand sex areaCodes } } }`);
  expect(result.pcn.population).toMatchObject({ basis: 'GP_REGISTERED', referenceDate: '2021-01-01' });
  expect(result.pcn.population.areaCodes.length).toBeGreaterThan(1);
  const lists = await hub.databases.hub.query<{ total: number }[]>(
    `SELECT sum(count)::int AS total FROM population_estimate WHERE basis = 'GP_REGISTERED' AND area_code = ANY($1)`,
    [result.pcn.population.areaCodes],
  );
  expect(result.pcn.population.population).toBe(lists[0]!.total);
  // The newest ONS estimate, mid-2020 (All ages of E06000034 in ons_mye_2020_lad2021-county-region_syoa_persons_selected.csv).
  expect(result.council.population).toEqual({ basis: 'RESIDENT', population: 175531, referenceDate: '2020-06-30' });
  expect(result.locality.residentPopulation).toMatchObject({
    population: result.locality.population,
    referenceDate: '2017-06-30',
    ageBand: 'ALL',
    sex: 'ALL',
  });
});

test("partnerOrganisations(kinds: [GP_PRACTICE]) lists the CCG's practices, paged in id order across pages", async () => {
  const PAGE = `query($after: String) { partnerOrganisations(filter: { kinds: [GP_PRACTICE] }, first: 50, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id kind odsCode } } }`;
  type Page = {
    partnerOrganisations: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: { id: string; kind: string; odsCode: string }[];
    };
  };
  const seen: Page['partnerOrganisations']['nodes'] = [];
  let after: string | null = null;
  let total = 0;
  do {
    const response = await hub.gql<Page>(PAGE, { after });
    expect(response.body.errors).toBeUndefined();
    const page: Page['partnerOrganisations'] = response.body.data!.partnerOrganisations;
    seen.push(...page.nodes);
    total = page.totalCount;
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  // Each CCG's own system keeps its practices.
  const perCcg = await Promise.all(
    partnersOf(hub.databases)
      .filter((p) => p.kind.id === 'ccg-primary-care')
      .map((p) =>
        databaseOf(hub.databases, p.id).query<{ count: number }[]>(
          `SELECT count(*)::int AS count FROM practice WHERE withdrawn_at IS NULL`,
        ),
      ),
  );
  expect(perCcg.length).toBe(4);
  const count = perCcg.reduce((sum, [row]) => sum + row!.count, 0);
  expect(total).toBeGreaterThan(100);
  expect(seen.length).toBe(total);
  expect(total).toBe(count);
  expect(new Set(seen.map((o) => o.odsCode)).size).toBe(total);
  expect(seen.every((o) => o.kind === 'GP_PRACTICE')).toBe(true);
});
