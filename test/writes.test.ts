import { issueApiKey } from '../src/auth/apiKeys';
import { toGlobalId } from '../src/graphql/globalId';
import { startTestHub, type TestHub } from './support/testHub';

/** Changing data through the hub: only the owner, never a stale overwrite, always audited in the same transaction. */

let hub: TestHub;
const keys: Record<string, string> = {};
const ACTION = toGlobalId('PlanAction', 'FIX-X1'); // led by NELFT (RAT)

beforeAll(async () => {
  hub = await startTestHub();
  for (const [name, organisationId, role] of [
    ['nelftEditor', 'nelft', 'EDITOR'],
    ['nelftEditor2', 'nelft', 'EDITOR'],
    ['nelftAnalyst', 'nelft', 'ANALYST'],
    ['councilEditor', 'thurrock-council', 'EDITOR'],
  ] as const) {
    keys[name] = (await issueApiKey(hub.databases.hub, { organisationId, role, label: name, expiresInDays: 1 })).token;
  }
});
afterAll(async () => {
  await hub.stop();
});

const RECORD = `mutation($input: RecordActionStatusInput!) {
  recordActionStatus(input: $input) { version status { period rag comment version } action { title statusHistory { period rag } } } }`;

type Result = {
  recordActionStatus: { version: string; status: { period: string; rag: string; comment: string | null; version: string } } | null;
};

const record = (who: string | null, input: Record<string, unknown>) =>
  hub.gql<Result>(RECORD, { input: { actionId: ACTION, ...input } }, who ? { 'x-api-key': keys[who]! } : {});

async function statusRow(period: string) {
  const [row] = await hub.databases.council.query<{ rag: string; comment: string | null }[]>(
    `SELECT rag, comment FROM action_status WHERE action_ref = 'FIX-X1' AND period = $1`,
    [period],
  );
  return row ?? null;
}

const auditCount = async () => (await hub.databases.council.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_log`))[0]!.n;

test('the lead organisation records a new period; one audit record in the same transaction', async () => {
  const before = await auditCount();
  const { body } = await record('nelftEditor', { period: '2019/20 Q2', rag: 'AMBER', comment: 'Recovering', expectedVersion: null });
  expect(body.errors).toBeUndefined();
  expect(body.data!.recordActionStatus!.status).toMatchObject({ period: '2019/20 Q2', rag: 'AMBER', comment: 'Recovering' });
  expect(body.data!.recordActionStatus!.version).toBe(body.data!.recordActionStatus!.status.version);
  expect(await auditCount()).toBe(before + 1);
  const [audit] = await hub.databases.council.query<{ actor: string; organisation_id: string; before: unknown; after: { rag: string } }[]>(
    `SELECT actor, organisation_id, before, after FROM audit_log ORDER BY id DESC LIMIT 1`,
  );
  expect(audit).toMatchObject({ organisation_id: 'nelft', before: null, after: { rag: 'A', comment: 'Recovering' } });
  expect(audit!.actor).toMatch(/^key:[0-9a-f]{16}$/);
});

test('a stale concurrent write is refused and nothing is lost', async () => {
  const read = await hub.gql<{ node: { status: { version: string } } }>(
    `query($id: ID!) { node(id: $id) { ... on PlanAction { status(period: "2019/20 Q1") { version } } } }`,
    { id: ACTION },
    { 'x-api-key': keys.nelftEditor! },
  );
  const seen = read.body.data!.node.status.version;
  const first = await record('nelftEditor', { period: '2019/20 Q1', rag: 'GREEN', comment: 'Hub opened', expectedVersion: seen });
  expect(first.body.errors).toBeUndefined();
  const second = await record('nelftEditor2', { period: '2019/20 Q1', rag: 'RED', comment: 'Overwrite?', expectedVersion: seen });
  expect(second.body.errors![0]!.extensions).toMatchObject({
    code: 'CONFLICT',
    argumentName: 'input.expectedVersion',
    currentVersion: first.body.data!.recordActionStatus!.version,
  });
  expect(await statusRow('2019/20 Q1')).toEqual({ rag: 'G', comment: 'Hub opened' });
  // Recording a period that exists, as if it were new, is stale too.
  const blind = await record('nelftEditor2', { period: '2019/20 Q1', rag: 'RED', expectedVersion: null });
  expect(blind.body.errors![0]!.extensions!.code).toBe('CONFLICT');
});

test("another organisation's editor, an analyst and the public may not change it", async () => {
  const before = await auditCount();
  const other = await record('councilEditor', { period: '2019/20 Q3', rag: 'RED', expectedVersion: null });
  expect(other.body.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  expect(other.body.errors![0]!.message).toContain(
    "Only editors of the action's lead organisation (North East London NHS Foundation Trust) may change it.",
  );
  for (const who of ['nelftAnalyst', null]) {
    const refused = await record(who, { period: '2019/20 Q3', rag: 'RED', expectedVersion: null });
    expect(refused.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  }
  expect(await statusRow('2019/20 Q3')).toBeNull();
  expect(await auditCount()).toBe(before);
});

test.each([
  ['a period that is not one', { period: 'soon' }, 'BAD_USER_INPUT', 'input.period'],
  ['a comment that is too long', { comment: 'x'.repeat(2001) }, 'BAD_USER_INPUT', 'input.comment'],
  ['an unknown action', { actionId: toGlobalId('PlanAction', 'NOPE') }, 'NOT_FOUND', 'input.actionId'],
  ['an id of another type', { actionId: toGlobalId('Hub', 'x') }, 'BAD_USER_INPUT', 'input.actionId'],
])('%s is refused with nothing written', async (_, change, code, argumentName) => {
  const before = await auditCount();
  const { body } = await record('nelftEditor', { period: '2019/20 Q4', rag: 'RED', expectedVersion: null, ...change });
  expect(body.errors![0]!.extensions).toMatchObject({ code, argumentName });
  expect(await auditCount()).toBe(before);
  expect(await statusRow('2019/20 Q4')).toBeNull();
});

test('a failure after the write leaves neither the change nor its audit record', async () => {
  await hub.databases.council.query(`
    CREATE FUNCTION fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$;
    CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION fail_audit();`);
  try {
    const before = await auditCount();
    const { body } = await record('nelftEditor', { period: '2020/21 Q1', rag: 'RED', expectedVersion: null });
    expect(body.errors![0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(await statusRow('2020/21 Q1')).toBeNull();
    expect(await auditCount()).toBe(before);
  } finally {
    await hub.databases.council.query(`DROP TRIGGER fail_audit ON audit_log; DROP FUNCTION fail_audit();`);
  }
});

test('the audit trail is for editors, newest first, with before and after', async () => {
  // This test's own two changes to a period the fixtures record (Amber, "Slipping").
  const version = async () =>
    (
      await hub.gql<{ node: { status: { version: string } } }>(
        `query($id: ID!) { node(id: $id) { ... on PlanAction { status(period: "2018/19 Q4") { version } } } }`,
        { id: ACTION },
        { 'x-api-key': keys.nelftEditor! },
      )
    ).body.data!.node.status.version;
  for (const [rag, comment] of [
    ['GREEN', 'Back on track'],
    ['RED', 'Slipped again'],
  ] as const) {
    const written = await record('nelftEditor', { period: '2018/19 Q4', rag, comment, expectedVersion: await version() });
    expect(written.body.errors).toBeUndefined();
  }
  const { body } = await hub.gql<{
    auditTrail: { actor: string; organisation: { shortName: string }; key: string; before: string | null; after: string }[];
  }>(`{ auditTrail(table: "action_status", key: "FIX-X1/2018/19 Q4") { actor organisation { shortName } key before after } }`, undefined, {
    'x-api-key': keys.nelftEditor!,
  });
  const trail = body.data!.auditTrail;
  const ragOf = (image: string) => (JSON.parse(image) as { rag: string }).rag;
  expect(trail.map((a) => [ragOf(a.before!), ragOf(a.after)])).toEqual([
    ['G', 'R'],
    ['A', 'G'],
  ]);
  expect(JSON.parse(trail[0]!.after)).toMatchObject({ comment: 'Slipped again' });
  expect(trail.every((a) => a.key === 'FIX-X1/2018/19 Q4' && a.organisation.shortName === trail[0]!.organisation.shortName)).toBe(true);
  const publicView = await hub.gql(`{ auditTrail { actor } }`);
  expect(publicView.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
});
