import { issueApiKey } from '../src/auth/apiKeys';
import { toGlobalId } from '../src/graphql/globalId';
import { startTestHub, type TestHub } from './support/testHub';
import { ingestRows } from './support/testkit';

/** Estate status, indicator values and ledger lines: each written by its owner only, never stale, always audited. */

let hub: TestHub;
const keys: Record<string, string> = {};

beforeAll(async () => {
  hub = await startTestHub();
  // A second council in the partnership, to own nothing of Thurrock's: registered as the registry's extracts are.
  await ingestRows(hub.databases, 'hub', 'partner_organisation', [
    { id: 'southend', name: 'Southend-on-Sea Borough Council', kind: 'COUNCIL', sector: 'STATUTORY', gss_code: 'E06000033' },
  ]);
  await ingestRows(hub.databases, 'hub', 'partnership_member', [{ partnership_id: 'fixture-alliance', organisation_id: 'southend' }]);
  for (const [name, organisationId] of [
    ['council', 'thurrock-council'],
    ['nelft', 'nelft'],
    ['ccg', 'nhs-thurrock-ccg'],
    ['southend', 'southend'],
  ] as const) {
    keys[name] = (await issueApiKey(hub.databases.hub, { organisationId, role: 'EDITOR', label: name, expiresInDays: 1 })).token;
  }
});
afterAll(async () => {
  await hub.stop();
});

const as = (who: string) => ({ 'x-api-key': keys[who]! });
const audits = async (source: 'ccg' | 'council' | 'trust') =>
  (await hub.databases[source].query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_log`))[0]!.n;

type Written = { version: string; record: { source: string; table: string; nativeKey: string } } | null;

async function versionOf(estateId: string, source: string): Promise<string> {
  const { body } = await hub.gql<{ node: { sources: { source: string; version: string }[] } }>(
    `query($id: ID!) { node(id: $id) { ... on Estate { sources { source version } } } }`,
    { id: estateId },
    as('council'),
  );
  return body.data!.node.sources.find((s) => s.source === source)!.version;
}

describe('updateEstateStatus', () => {
  const ESTATE = toGlobalId('Estate', 'estate-a'); // council property FIX-P-A1 + trust site ZRAT1
  const UPDATE = `mutation($input: UpdateEstateStatusInput!) { updateEstateStatus(input: $input) { version record { source table nativeKey } } }`;

  test("each partner changes its own register's entry, audited in its own database", async () => {
    const councilAudits = await audits('council');
    const council = await hub.gql<{ updateEstateStatus: Written }>(
      UPDATE,
      {
        input: {
          estateId: ESTATE,
          status: 'PLANNED_DISPOSAL',
          proposedReuse: 'Keyworker housing',
          expectedVersion: await versionOf(ESTATE, 'council'),
        },
      },
      as('council'),
    );
    expect(council.body.errors).toBeUndefined();
    expect(council.body.data!.updateEstateStatus!.record).toEqual({ source: 'council', table: 'property', nativeKey: 'FIX-P-A1' });
    expect(await audits('council')).toBe(councilAudits + 1);

    const trustAudits = await audits('trust');
    const trust = await hub.gql<{ updateEstateStatus: Written }>(
      UPDATE,
      {
        input: { estateId: ESTATE, status: 'VACANT', expectedVersion: await versionOf(ESTATE, 'trust') },
      },
      as('nelft'),
    );
    expect(trust.body.data!.updateEstateStatus!.record).toMatchObject({ source: 'trust', nativeKey: 'ZRAT1' });
    expect(await audits('trust')).toBe(trustAudits + 1);
  });

  test('a stale version, another organisation, or a status the register lacks is refused', async () => {
    const stale = await hub.gql(
      UPDATE,
      { input: { estateId: ESTATE, status: 'SURPLUS', expectedVersion: '2000-01-01T00:00:00.000Z' } },
      as('council'),
    );
    expect(stale.body.errors![0]!.extensions!.code).toBe('CONFLICT');
    const other = await hub.gql(
      UPDATE,
      { input: { estateId: toGlobalId('Estate', 'council.property.FIX-P-A2'), status: 'VACANT', expectedVersion: 'x' } },
      as('nelft'),
    );
    expect(other.body.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(other.body.errors![0]!.message).toContain('North East London NHS Foundation Trust holds no entry for it');
    const closed = await hub.gql(
      UPDATE,
      { input: { estateId: ESTATE, status: 'CLOSED', expectedVersion: await versionOf(ESTATE, 'council') } },
      as('council'),
    );
    expect(closed.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.status' });
  });
});

describe('recordIndicatorValue', () => {
  const RECORD = `mutation($input: RecordIndicatorValueInput!) { recordIndicatorValue(input: $input) { version record { source nativeKey } } }`;
  const DELAYS = toGlobalId('Indicator', 'fix-delays'); // measured by the council

  test('the measuring kind of partner records a value; it shows on the dashboard', async () => {
    const { body } = await hub.gql<{ recordIndicatorValue: Written }>(
      RECORD,
      { input: { indicatorId: DELAYS, area: 'FIX-A', period: '2019/20 Q1', value: '88.5' } },
      as('council'),
    );
    expect(body.data!.recordIndicatorValue!.record).toEqual({ source: 'council', nativeKey: 'FIX-DELAYS/FIX-A/2019/20 Q1' });
    const series = await hub.gql<{ indicator: { series: { latest: { period: string; value: string } } } }>(
      `{ indicator(id: "${DELAYS}") { series(area: "FIX-A") { latest { period value } } } }`,
    );
    expect(series.body.data!.indicator.series.latest).toEqual({ period: '2019/20 Q1', value: '88.5' });
  });

  test.each([
    ['another kind of partner', 'ccg', { value: '1' }, 'FORBIDDEN', undefined],
    ['a value that is not a number', 'council', { value: 'ten' }, 'BAD_USER_INPUT', 'input.value'],
    ['a numerator over its denominator', 'council', { numerator: 5, denominator: 4 }, 'BAD_USER_INPUT', 'input.numerator'],
    ['a bad period', 'council', { period: 'next year' }, 'BAD_USER_INPUT', 'input.period'],
    ['an unknown area', 'council', { area: 'ATLANTIS' }, 'NOT_FOUND', 'input.area'],
  ])('%s is refused', async (_, who, change, code, argumentName) => {
    const before = await audits('council');
    const { body } = await hub.gql(RECORD, { input: { indicatorId: DELAYS, area: 'FIX-B', period: '2019/20 Q2', ...change } }, as(who));
    expect(body.errors![0]!.extensions!.code).toBe(code);
    if (argumentName) expect(body.errors![0]!.extensions!.argumentName).toBe(argumentName);
    expect(await audits('council')).toBe(before);
  });
});

describe('recordBudgetLine', () => {
  const RECORD = `mutation($input: RecordBudgetLineInput!) { recordBudgetLine(input: $input) { version record { source table nativeKey } } }`;
  const line = (change: Record<string, unknown> = {}) => ({
    lineRef: 'CCG-NEW-1',
    fundId: toGlobalId('Fund', 'fix-pooled-fund'),
    schemeId: toGlobalId('Scheme', 'fix-scheme-beds'),
    financialYear: '2019/20',
    localityCode: 'FIX-C',
    lineKind: 'ALLOCATION',
    planned: '1000.10',
    ...change,
  });

  test('a partner writes a line of its own ledger; the summary reconciles; a stale rewrite is refused', async () => {
    const before = await audits('ccg');
    const created = await hub.gql<{ recordBudgetLine: Written }>(RECORD, { input: line() }, as('ccg'));
    expect(created.body.data!.recordBudgetLine!.record).toEqual({ source: 'ccg', table: 'ledger_line', nativeKey: 'CCG-NEW-1' });
    expect(await audits('ccg')).toBe(before + 1);
    const summary = await hub.gql<{ budgetSummary: { groups: { key: { partnerCode: string }; figures: { planned: string } }[] } }>(
      `{ budgetSummary(groupBy: [PARTNER], filter: { localityCode: "FIX-C" }) { groups { key { partnerCode } figures { planned } } } }`,
      undefined,
      as('ccg'),
    );
    expect(summary.body.data!.budgetSummary.groups).toEqual([{ key: { partnerCode: '07G' }, figures: { planned: '1000.10' } }]);

    const version = created.body.data!.recordBudgetLine!.version;
    const updated = await hub.gql<{ recordBudgetLine: Written }>(
      RECORD,
      { input: line({ actual: '999.99', expectedVersion: version }) },
      as('ccg'),
    );
    expect(updated.body.errors).toBeUndefined();
    const stale = await hub.gql(RECORD, { input: line({ actual: '1.00', expectedVersion: version }) }, as('ccg'));
    expect(stale.body.errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      currentVersion: updated.body.data!.recordBudgetLine!.version,
    });
  });

  test("another organisation's line, a fund outside the caller's partnerships, and bad money are refused", async () => {
    const row = () =>
      hub.databases.council.query<{ org_code: string; planned: string; updated_at: Date }[]>(
        `SELECT org_code, planned::text AS planned, updated_at FROM ledger_line WHERE line_ref = 'THR-L1'`,
      );
    const before = await row();
    const theirs = await hub.gql(RECORD, { input: line({ lineRef: 'THR-L1', expectedVersion: null }) }, as('southend'));
    expect(theirs.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(theirs.body.errors![0]!.message).toContain('belongs to another organisation');
    expect(await row()).toEqual(before);
    const badMoney = await hub.gql(RECORD, { input: line({ planned: '10.5' }) }, as('ccg'));
    expect(badMoney.status).toBe(400);
    const badYear = await hub.gql(RECORD, { input: line({ financialYear: '2019/21' }) }, as('ccg'));
    expect(badYear.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.financialYear' });
  });
});

test('the audit trail covers every partner database, newest first', async () => {
  // One change of this test's own in each partner's database.
  const written = [
    await hub.gql(
      `mutation($input: RecordIndicatorValueInput!) { recordIndicatorValue(input: $input) { version } }`,
      {
        input: { indicatorId: toGlobalId('Indicator', 'fix-delays'), area: 'FIX-C', period: '2020/21 Q3', value: '70' },
      },
      as('council'),
    ),
    await hub.gql(
      `mutation($input: RecordBudgetLineInput!) { recordBudgetLine(input: $input) { version } }`,
      {
        input: {
          lineRef: 'CCG-AUDIT-1',
          fundId: toGlobalId('Fund', 'fix-pooled-fund'),
          schemeId: toGlobalId('Scheme', 'fix-scheme-beds'),
          financialYear: '2020/21',
          localityCode: 'FIX-B',
          lineKind: 'ALLOCATION',
          planned: '5.00',
        },
      },
      as('ccg'),
    ),
  ];
  // The trust's site: set to one status and back, so at least one of the two is a change whatever it was.
  const site = toGlobalId('Estate', 'estate-a');
  for (const status of ['VACANT', 'IN_USE']) {
    written.push(
      await hub.gql(
        `mutation($input: UpdateEstateStatusInput!) { updateEstateStatus(input: $input) { version } }`,
        {
          input: { estateId: site, status, expectedVersion: await versionOf(site, 'trust') },
        },
        as('nelft'),
      ),
    );
  }
  for (const w of written) expect(w.body.errors).toBeUndefined();
  const { body } = await hub.gql<{ auditTrail: { source: string; operation: string; at: string }[] }>(
    `{ auditTrail(first: 50) { source operation at } }`,
    undefined,
    as('council'),
  );
  const trail = body.data!.auditTrail;
  expect(new Set(trail.map((a) => a.source))).toEqual(new Set(['ccg', 'council', 'trust']));
  expect(trail.map((a) => a.at)).toEqual([...trail.map((a) => a.at)].sort().reverse());
});
