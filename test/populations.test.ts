import { parse } from 'csv-parse/sync';
import { issueApiKey } from '../src/auth/apiKeys';
import { DEMO_DATA_DIR } from '../src/runtime';
import type { Denominator } from '../src/generated/graphql';
import { startTestHub, type TestHub } from './support/testHub';

/**
 * Population by area, date, age band and sex through GraphQL on the demo data: what the
 * reference data holds (resident all ages mid-2017; registered list totals January 2021) for
 * each kind of area, and what it does not, said plainly.
 */

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ extracts: DEMO_DATA_DIR });
});
afterAll(async () => {
  await hub.stop();
});

type Estimate = Pick<Denominator, 'basis' | 'population' | 'referenceDate' | 'ageBand' | 'sex' | 'areaCodes'>;
interface Answer {
  populationEstimates: { areaCode: string; estimates: Estimate[]; notHeld: string[] };
}

async function estimates(area: string) {
  const response = await hub.gql<Answer>(
    `query($area: String!) { populationEstimates(area: $area) { areaCode estimates { basis population referenceDate ageBand sex areaCodes } notHeld } }`,
    { area },
  );
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.populationEstimates;
}

const registeredTotal = async (codes: string[]): Promise<number> => {
  const rows = await hub.databases.hub.query<{ total: string }[]>(
    `SELECT sum(count)::text AS total FROM population_estimate WHERE basis = 'GP_REGISTERED' AND area_code = ANY($1)`,
    [codes],
  );
  return Number(rows[0]!.total);
};

test("Tilbury and Chadwell: residents of its wards (mid-2017) and, standing in for its PCN, the PCN practices' registered lists (January 2021)", async () => {
  const answer = await estimates('THR-TILBURY-CHADWELL');
  const [resident, registered] = answer.estimates;
  expect(resident).toMatchObject({ basis: 'RESIDENT', referenceDate: '2017-06-30', ageBand: 'ALL', sex: 'ALL' });
  expect(resident!.areaCodes.every((c) => c.startsWith('E05'))).toBe(true);
  expect(registered).toMatchObject({ basis: 'GP_REGISTERED', referenceDate: '2021-01-01', ageBand: 'ALL', sex: 'ALL' });
  expect(registered!.population).toBe(await registeredTotal(registered!.areaCodes));
  // The same list the PCN's structure gives.
  const pcn = await hub.gql<{ structure: { population: { population: number } } }>(
    `{ structure(code: "U06243") { population { population } } }`,
  );
  expect(registered!.population).toBe(pcn.body.data!.structure.population.population);
  expect(answer.notHeld).toEqual([
    'Resident estimates dated 2017-06-30 only: a figure for another financial year uses the nearest and says matchesYear: false.',
    'GP-registered list sizes dated 2021-01-01 only.',
    'No age bands: every estimate is of all ages, so no rate per adult (18+) or per older person (65+) can be given.',
    'No split by sex: every estimate is of persons.',
  ]);
});

test('Thurrock: the ONS district estimate; sub-ICB location 07G: every practice it commissions, in a PCN or not', async () => {
  const thurrock = await estimates('E06000034');
  // One all-ages estimate a year, mid-2014 to mid-2020 (mid-2017 is SAPE's, the same as the MYE's); the age bands are tested in analystPopulations.
  const allAges = thurrock.estimates.filter((e) => e.ageBand === 'ALL' && e.sex === 'ALL');
  expect(allAges.map((e) => e.referenceDate)).toEqual([2014, 2015, 2016, 2017, 2018, 2019, 2020].map((y) => `${y}-06-30`));
  expect(allAges[3]).toEqual(
    expect.objectContaining({ basis: 'RESIDENT', population: 170394, referenceDate: '2017-06-30', areaCodes: ['E06000034'] }),
  );
  expect(thurrock.notHeld[1]).toMatch(/^No GP-registered list size/);
  const subIcb = await estimates('07G');
  const [registered] = subIcb.estimates;
  expect(registered).toMatchObject({ basis: 'GP_REGISTERED', referenceDate: '2021-01-01' });
  const practices = await hub.databases.hub.query<{ code: string }[]>(
    `SELECT DISTINCT child_code AS code FROM structure_link WHERE relationship IN ('MEMBER_OF_PCN', 'COMMISSIONED_BY')
       AND (parent_code = '07G' OR parent_code IN (SELECT child_code FROM structure_link WHERE parent_code = '07G' AND relationship = 'PART_OF_SUB_ICB_LOCATION'))`,
  );
  expect([...registered!.areaCodes].sort()).toEqual(practices.map((p) => p.code).sort());
  expect(registered!.population).toBe(await registeredTotal(registered!.areaCodes));
});

test('an LSOA and a practice answer for themselves; an unknown area is NOT_FOUND', async () => {
  expect((await estimates('E01015814')).estimates).toEqual([expect.objectContaining({ basis: 'RESIDENT', population: 1500 })]);
  expect((await estimates('F81010')).estimates).toEqual([expect.objectContaining({ basis: 'GP_REGISTERED', population: 12486 })]);
  const unknown = await hub.gql(`{ populationEstimates(area: "NOWHERE") { areaCode } }`);
  expect(unknown.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
});

test("per head of registered patients where localities stand in for PCNs: each Thurrock locality and the fund; none for Southend's", async () => {
  const [ccg] = await hub.databases.hub.query<{ id: string }[]>(`SELECT id FROM partner_organisation WHERE ods_code = '07G'`);
  const key = await issueApiKey(hub.databases.hub, { organisationId: ccg!.id, role: 'ANALYST', label: 'registered', expiresInDays: 1 });
  type Figures = { planned: string; registeredPerHead: { planned: string; denominator: Estimate & { matchesYear: boolean } } | null };
  const response = await hub.gql<{
    byLocality: { groups: { key: { localityCode: string }; figures: Figures }[] };
    byFund: { groups: { figures: Figures }[] };
  }>(
    `{ byLocality: budgetSummary(groupBy: [LOCALITY], filter: { fromYear: "2018/19", toYear: "2018/19", lineKind: ALLOCATION }) {
         groups { key { localityCode } figures { planned registeredPerHead { planned denominator { basis population referenceDate ageBand sex areaCodes matchesYear } } } } }
       byFund: budgetSummary(groupBy: [FUND], filter: { fromYear: "2018/19", toYear: "2018/19", lineKind: ALLOCATION }) {
         groups { figures { planned registeredPerHead { planned denominator { basis population referenceDate ageBand sex areaCodes matchesYear } } } } } }`,
    {},
    { 'x-api-key': key.token },
  );
  expect(response.body.errors).toBeUndefined();
  const groups = response.body.data!.byLocality.groups.filter((g) => g.key.localityCode);
  expect(groups.length).toBe(4);
  for (const { key: k, figures } of groups) {
    const pcn = (await estimates(k.localityCode)).estimates.find((e) => e.basis === 'GP_REGISTERED')!;
    expect(figures.registeredPerHead!.denominator).toEqual({ ...pcn, matchesYear: false });
    expect(Number(figures.registeredPerHead!.planned)).toBeCloseTo(Number(figures.planned) / pcn.population, 2);
  }
  const [fund] = response.body.data!.byFund.groups;
  const lists = await Promise.all(groups.map(async (g) => (await estimates(g.key.localityCode)).estimates[1]!.population));
  expect(fund!.figures.registeredPerHead!.denominator.population).toBe(lists.reduce((a, b) => a + b, 0));
  expect((await estimates('SEE-SOUTHEND-ON-SEA')).estimates.map((e) => e.basis)).toEqual(['RESIDENT']);
});

const csv = async (name: string, params: Record<string, string>): Promise<Record<string, string>[]> => {
  const response = await fetch(`${hub.url.replace(/\/graphql$/, '')}/export/${name}.csv?${new URLSearchParams(params)}`);
  expect(response.status).toBe(200);
  return parse(await response.text(), { columns: true });
};

test("the lookups and denominators export as CSV: practice → PCN → sub-ICB with dates, and an area's estimates", async () => {
  const links = await csv('structures', { kinds: 'PCN', asAt: '2023-04-01' });
  expect(links.find((r) => r.code === 'U06243')).toMatchObject({
    kind: 'PCN',
    name: 'Tilbury and Chadwell PCN',
    valid_from: '2019-07-01',
    relationship: 'PART_OF_SUB_ICB_LOCATION',
    parent_code: '07G',
    parent_kind: 'SUB_ICB_LOCATION',
    link_valid_from: '2022-07-01',
    provenance: 'ods/gp_practice_pcn_ccg_stp_map_2022-01_selected_ccgs.csv',
  });
  const icbs = await csv('structures', { kinds: 'SUB_ICB_LOCATION', asAt: '2023-04-01' });
  expect(icbs.filter((r) => r.parent_code === 'QH8').map((r) => r.code)).toEqual(['06Q', '07G', '99E', '99F', '99G']);
  const populations = await csv('populations', { area: 'THR-GRAYS' });
  const answer = await estimates('THR-GRAYS');
  expect(populations.map((r) => [r.basis, r.reference_date, r.age_band, r.sex, Number(r.population)])).toEqual(
    answer.estimates.map((e) => [e.basis, e.referenceDate, e.ageBand, e.sex, e.population]),
  );
});
