import { issueApiKey } from '../../src/auth/apiKeys';
import { toGlobalId } from '../../src/graphql/globalId';
import type { SourceName } from '../../src/config/config';
import { startTestHub, type GraphQLResponse, type TestHub } from '../support/testHub';

/**
 * Writes that cannot be lost: dozens of simultaneous requests over HTTP for every mutation,
 * creating a row and changing one. Exactly one wins; every other gets CONFLICT with the
 * winner's version; the row holds the winner's values and one audit record was written.
 */

const RACERS = 40;
/** Creation races per mutation: a lost create needs two inserts to overlap, so one round may miss it. */
const ROUNDS = 3;
let hub: TestHub;
const keys: Record<string, string> = {};

beforeAll(async () => {
  hub = await startTestHub();
  for (const [name, organisationId] of [
    ['council', 'thurrock-council'],
    ['nelft', 'nelft'],
    ['ccg', 'nhs-thurrock-ccg'],
  ] as const) {
    keys[name] = (await issueApiKey(hub.databases.hub, { organisationId, role: 'EDITOR', label: name, expiresInDays: 1 })).token;
  }
});
afterAll(async () => {
  await hub.stop();
});

const audits = async (source: Exclude<SourceName, 'hub'>) =>
  (await hub.databases[source].query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_log`))[0]!.n;

type Outcome = GraphQLResponse<Record<string, { version: string } | null>>;

/** Sends `RACERS` requests at once, racer i with its own input; returns the one winner and the losers. */
async function race(who: string, mutation: string, field: string, input: (i: number) => Record<string, unknown>) {
  const answers: Outcome[] = await Promise.all(
    Array.from({ length: RACERS }, (_, i) =>
      hub.gql<Record<string, { version: string } | null>>(mutation, { input: input(i) }, { 'x-api-key': keys[who]! }),
    ),
  );
  const winners = answers.map((a, i) => ({ a, i })).filter(({ a }) => a.body.data?.[field]);
  const losers = answers.filter((a) => !a.body.data?.[field]);
  expect(winners).toHaveLength(1);
  const version = winners[0]!.a.body.data![field]!.version;
  for (const loser of losers) {
    expect(loser.status).toBe(200);
    expect(loser.body.errors).toHaveLength(1);
    expect(loser.body.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: version });
  }
  return { winner: winners[0]!.i, version };
}

const ACTION = `mutation($input: RecordActionStatusInput!) { recordActionStatus(input: $input) { version } }`;
const INDICATOR = `mutation($input: RecordIndicatorValueInput!) { recordIndicatorValue(input: $input) { version } }`;
const BUDGET = `mutation($input: RecordBudgetLineInput!) { recordBudgetLine(input: $input) { version } }`;
const ESTATE = `mutation($input: UpdateEstateStatusInput!) { updateEstateStatus(input: $input) { version } }`;

test('recordActionStatus: one creator of a new period wins, then one updater of it', async () => {
  for (const period of ['2023/24 Q1', '2023/24 Q2', '2023/24 Q3'].slice(0, ROUNDS)) {
    const before = await audits('council');
    const created = await race('nelft', ACTION, 'recordActionStatus', (i) => ({
      actionId: toGlobalId('PlanAction', 'FIX-X1'),
      period,
      rag: 'GREEN',
      comment: `racer ${i}`,
      expectedVersion: null,
    }));
    const [row] = await hub.databases.council.query<{ comment: string }[]>(
      `SELECT comment FROM action_status WHERE action_ref = 'FIX-X1' AND period = $1`,
      [period],
    );
    expect(row!.comment).toBe(`racer ${created.winner}`);
    expect(await audits('council')).toBe(before + 1);
  }
  const before = await audits('council');
  const base = { actionId: toGlobalId('PlanAction', 'FIX-X1'), period: '2024/25 Q1' };
  const created = await race('nelft', ACTION, 'recordActionStatus', (i) => ({
    ...base,
    rag: 'GREEN',
    comment: `racer ${i}`,
    expectedVersion: null,
  }));
  const updated = await race('nelft', ACTION, 'recordActionStatus', (i) => ({
    ...base,
    rag: 'RED',
    comment: `updater ${i}`,
    expectedVersion: created.version,
  }));
  const [after] = await hub.databases.council.query<{ comment: string }[]>(
    `SELECT comment FROM action_status WHERE action_ref = 'FIX-X1' AND period = '2024/25 Q1'`,
  );
  expect(after!.comment).toBe(`updater ${updated.winner}`);
  expect(await audits('council')).toBe(before + 2);
});

test('recordIndicatorValue: one creator of a new value wins, then one updater of it', async () => {
  const before = await audits('council');
  const base = { indicatorId: toGlobalId('Indicator', 'fix-delays'), area: 'FIX-A', period: '2024/25 Q2' };
  const created = await race('council', INDICATOR, 'recordIndicatorValue', (i) => ({ ...base, value: String(i), expectedVersion: null }));
  const updated = await race('council', INDICATOR, 'recordIndicatorValue', (i) => ({
    ...base,
    value: String(100 + i),
    expectedVersion: created.version,
  }));
  const [row] = await hub.databases.council.query<{ value: string }[]>(
    `SELECT value::text FROM indicator_value WHERE indicator_code = 'FIX-DELAYS' AND area_code = 'FIX-A' AND period = '2024/25 Q2'`,
  );
  expect(Number(row!.value)).toBe(100 + updated.winner);
  expect(await audits('council')).toBe(before + 2);
});

test('recordBudgetLine: one creator of a new line wins, then one updater of it', async () => {
  for (let round = 2; round <= ROUNDS; round++) {
    const lineRef = `CCG-RACE-${round}`;
    const created = await race('ccg', BUDGET, 'recordBudgetLine', (i) => ({
      lineRef,
      fundId: toGlobalId('Fund', 'fix-pooled-fund'),
      financialYear: '2019/20',
      lineKind: 'ALLOCATION',
      planned: `${i}.00`,
      expectedVersion: null,
    }));
    const [row] = await hub.databases.ccg.query<{ planned: string }[]>(`SELECT planned::text FROM ledger_line WHERE line_ref = $1`, [
      lineRef,
    ]);
    expect(row!.planned).toBe(`${created.winner}.00`);
  }
  const before = await audits('ccg');
  const line = (i: number) => ({
    lineRef: 'CCG-RACE-1',
    fundId: toGlobalId('Fund', 'fix-pooled-fund'),
    financialYear: '2019/20',
    localityCode: 'FIX-C',
    lineKind: 'ALLOCATION',
    planned: `${1000 + i}.00`,
  });
  const created = await race('ccg', BUDGET, 'recordBudgetLine', (i) => ({ ...line(i), expectedVersion: null }));
  const updated = await race('ccg', BUDGET, 'recordBudgetLine', (i) => ({
    ...line(i),
    actual: `${i}.50`,
    expectedVersion: created.version,
  }));
  const [row] = await hub.databases.ccg.query<{ planned: string; actual: string }[]>(
    `SELECT planned::text, actual::text FROM ledger_line WHERE line_ref = 'CCG-RACE-1'`,
  );
  expect(row).toEqual({ planned: `${1000 + updated.winner}.00`, actual: `${updated.winner}.50` });
  expect(await audits('ccg')).toBe(before + 2);
});

test('updateEstateStatus: one of many changes from the same version wins', async () => {
  const before = await audits('council');
  const estateId = toGlobalId('Estate', 'estate-a');
  const read = await hub.gql<{ node: { sources: { source: string; version: string }[] } }>(
    `query($id: ID!) { node(id: $id) { ... on Estate { sources { source version } } } }`,
    { id: estateId },
    { 'x-api-key': keys.council! },
  );
  const version = read.body.data!.node.sources.find((s) => s.source === 'council')!.version;
  const updated = await race('council', ESTATE, 'updateEstateStatus', (i) => ({
    estateId,
    status: 'SURPLUS',
    proposedReuse: `reuse ${i}`,
    expectedVersion: version,
  }));
  const [row] = await hub.databases.council.query<{ proposed_reuse: string }[]>(
    `SELECT proposed_reuse FROM property WHERE asset_ref = 'FIX-P-A1'`,
  );
  expect(row!.proposed_reuse).toBe(`reuse ${updated.winner}`);
  expect(await audits('council')).toBe(before + 1);
});
