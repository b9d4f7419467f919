import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { DEMO_DATA_DIR } from '../src/runtime';
import { issueApiKey } from '../src/auth/apiKeys';
import { toGlobalId } from '../src/graphql/globalId';
import { startTestHub, type TestHub } from './support/testHub';

/**
 * The figures of issue 28 that were wrong in time or by code (items 4–6, 9–11 and lost
 * precision), each checked against the reference and demo files read here.
 */

const REFERENCE = path.resolve(__dirname, '../data/reference');
const csv = (file: string): Record<string, string>[] => parse(readFileSync(file), { columns: true });
const demo = (source: string, table: string) => csv(path.join(DEMO_DATA_DIR, source, `${table}.csv`));

let hub: TestHub;
let admin: string;
beforeAll(async () => {
  hub = await startTestHub({ extracts: DEMO_DATA_DIR });
  admin = (await issueApiKey(hub.databases.hub, { organisationId: null, role: 'ADMIN', label: 'bi', expiresInDays: 1 })).token;
});
afterAll(async () => {
  await hub.stop();
});

async function ask<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await hub.gql<T>(query, variables, { 'x-api-key': admin });
  expect(response.body.errors).toBeUndefined();
  return response.body.data!;
}

describe('NHS regions are effective-dated (item 4)', () => {
  const regionsOf = async (code: string, asAt: string) =>
    (
      await ask<{ structure: { parents: { relationship: string; source: string; structure: { code: string } }[] } }>(
        `query($code: String!, $asAt: String!) { structure(code: $code, asAt: $asAt) { parents(asAt: $asAt) { relationship source structure { code } } } }`,
        { code, asAt },
      )
    ).structure.parents.filter((p) => p.relationship === 'IN_NHS_REGION');

  test('07G is in its April 2018 lookup region in 2018 and in its open practices’ region in 2021, one at a time', async () => {
    const in2018 = csv(path.join(REFERENCE, 'ons/ccg18_nhse_region_local_office_lookup_2018-04_national.csv')).find(
      (r) => r.CCG18CDH === '07G',
    )!.NHSER18CDH;
    const in2019 = [
      ...new Set(
        csv(path.join(REFERENCE, 'ods/epraccur_2019-12_selected_ccgs.csv'))
          .filter((r) => r.Commissioner === '07G' && r.StatusCode === 'A')
          .map((r) => r.NationalGrouping),
      ),
    ];
    expect(in2019).toHaveLength(1);
    expect((await regionsOf('07G', '2018-06-01')).map((p) => [p.structure.code, p.source])).toEqual([
      [in2018, 'ons/ccg18_nhse_region_local_office_lookup_2018-04_national.csv'],
    ]);
    expect((await regionsOf('07G', '2021-01-01')).map((p) => p.structure.code)).toEqual(in2019);
  });

  test('the STP answers no region before its 2019 region existed, and Y55 is not listed in 2023', async () => {
    expect((await regionsOf('QH8', '2018-06-01')).map((p) => p.structure.code)).not.toContain('Y61');
    const { structures } = await ask<{ structures: { code: string }[] }>(
      `{ structures(kinds: [NHS_REGION], asAt: "2023-01-01") { code } }`,
    );
    expect(structures.map((s) => s.code)).not.toContain('Y55');
  });

  test('structures.csv names the lookup each link comes from', async () => {
    const response = await fetch(`${hub.url.replace(/\/graphql$/, '')}/export/structures.csv?kinds=CCG&asAt=2018-06-01`);
    const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
    const link = rows.find((r) => r.code === '07G' && r.relationship === 'IN_NHS_REGION')!;
    expect(link.link_provenance).toBe('ons/ccg18_nhse_region_local_office_lookup_2018-04_national.csv');
  });
});

test('Thurrock has been unitary since 1 April 1998, so it has a council as at 2004 (item 5)', async () => {
  const { locality, structure } = await ask<{
    locality: { councils: { tier: string; council: { code: string } }[] };
    structure: { validFrom: string };
  }>(`{ locality(code: "THR-ASOP") { councils(asAt: "2004-01-01") { tier council { code } } }
        structure(code: "E06000034", kind: UNITARY_AUTHORITY) { validFrom } }`);
  expect(locality.councils).toEqual([{ tier: 'UNITARY', council: { code: 'E06000034' } }]);
  expect(structure.validFrom).toBe('1998-04-01');
});

describe('PCNs answer nothing before they existed; a CCG summed over the later PCN map says so (item 6)', () => {
  const SYNTH = toGlobalId('Indicator', 'SYNTH-IND-0001');
  const values = async (area: string) =>
    (
      await ask<{ indicator: { series: { values: { period: string; numerator: number; flags: string[] }[] } } }>(
        `query($id: ID!, $area: String!) { indicator(id: $id) { series(area: $area) { values { period numerator flags } } } }`,
        { id: SYNTH, area },
      )
    ).indicator.series.values;

  test('a PCN’s practices and series start in July 2019', async () => {
    const { structure } = await ask<{ structure: { children: unknown[] } }>(
      `{ structure(code: "U06243") { children(asAt: "2018-01-01") { relationship } } }`,
    );
    expect(structure.children).toEqual([]);
    const measured = demo('nhs-thurrock-ccg', 'indicator_value').map((r) => r.period);
    expect(measured.every((p) => p! < '2019/20')).toBe(true);
    expect(await values('U06243')).toEqual([]);
  });

  test('07G’s 2017/18 values are the sum of its localities, flagged SUMMED_OVER_LATER_MAP', async () => {
    const rows = demo('nhs-thurrock-ccg', 'indicator_value').filter((r) => r.area_code!.startsWith('THR-'));
    const ccg = await values('07G');
    expect(ccg.length).toBeGreaterThan(0);
    for (const v of ccg) {
      const oracle = rows.filter((r) => r.period === v.period).reduce((sum, r) => sum + Number(r.numerator), 0);
      expect(v).toEqual({ period: v.period, numerator: oracle, flags: ['SUMMED_OVER_LATER_MAP'] });
    }
  });

  test('ONS and ODS codes are the same area everywhere (item 9)', async () => {
    expect(await values('E38000185')).toEqual(await values('07G'));
    for (const area of ['E54000026', 'E40000007']) {
      const response = await hub.gql(`query($area: String!) { populationEstimates(area: $area) { areaCode } }`, { area });
      expect(response.body.errors).toBeUndefined();
    }
  });
});

test('a closed body is not shown as at a date after it closed (item 10)', async () => {
  const closed = demo('hub', 'partner_organisation').find((o) => o.ods_code === 'RDD')!.valid_to;
  const asked = async (asAt: string) =>
    hub.gql(`query($asAt: Date) { partnerOrganisation(odsCode: "RDD", asAt: $asAt) { name } }`, { asAt });
  expect((await asked(closed!)).body.errors).toBeUndefined();
  const after = (await asked('2020-04-01')).body.errors![0]!;
  expect(after.extensions).toMatchObject({ code: 'NOT_FOUND', argumentName: 'asAt' });
  expect(after.message).toContain(closed);
});

test('the 2014/15 RAG count says why it differs from the printed plan (item 11)', async () => {
  const statuses = demo('thurrock-council', 'action_status').filter((s) => s.period === '2014/15');
  const actions = demo('thurrock-council', 'plan_action');
  const count = (rag: string) => statuses.filter((s) => s.rag === rag).length;
  const { locality } = await ask<{
    locality: {
      partnership: {
        deliveryPlans: {
          ragSummary: Record<string, number> & { printed: { red: number; amber: number; green: number; reasons: string[] } };
        }[];
      };
    };
  }>(`{ locality(code: "THR-ASOP") { partnership { deliveryPlans { ragSummary(period: "2014/15") {
        red amber green notRecorded total printed { red amber green reasons } } } } } }`);
  const summary = locality.partnership.deliveryPlans[0]!.ragSummary;
  expect(summary).toMatchObject({ red: count('R'), amber: count('A'), green: count('G'), notRecorded: actions.length - statuses.length });
  // The printed letters less the one on a row with no action and the one printed twice are the hub's.
  expect([summary.printed.red - 1, summary.printed.amber, summary.printed.green - 1]).toEqual([summary.red, summary.amber, summary.green]);
  expect(summary.printed.reasons).toHaveLength(3);
});

test('a value keeps the precision its source states ("95.0" stays "95.0")', async () => {
  const stated = demo('nhs-thurrock-ccg', 'indicator_value').find((r) => r.value!.endsWith('.0'))!;
  const { indicator } = await ask<{ indicator: { series: { values: { period: string; value: string }[] } } }>(
    `query($id: ID!, $area: String!) { indicator(id: $id) { series(area: $area) { values { period value } } } }`,
    { id: toGlobalId('Indicator', 'SYNTH-IND-0001'), area: stated.area_code },
  );
  expect(indicator.series.values.find((v) => v.period === stated.period)!.value).toBe(stated.value);
});
