import { toGlobalId } from '../src/graphql/globalId';
import { countArrivals, holdTable, lockWaiters, until } from './support/overlap';
import { startTestHub, type TestHub } from './support/testHub';
import { apiKey, ingestRows } from './support/testkit';

/**
 * The public view is served from memory for RESPONSE_CACHE_SECONDS (the production default
 * here): a repeat costs no SQL, a partner's answer is never cached, a write through the hub
 * clears the cache at once and anything else shows when the answer expires. Time is the
 * hub's test clock, moved forward by the test.
 */

const ACTION = toGlobalId('PlanAction', 'FIX-X1'); // led by NELFT (RAT)
const HISTORY = `query($id: ID!) { node(id: $id) { ... on PlanAction { title statusHistory { period rag } } } }`;
const RECORD = `mutation($input: RecordActionStatusInput!) { recordActionStatus(input: $input) { version } }`;

type History = { node: { title: string; statusHistory: { period: string; rag: string }[] } };

let hub: TestHub;
let editorKey: string;
beforeAll(async () => {
  hub = await startTestHub();
  editorKey = await apiKey(hub.databases, 'nelft', 'EDITOR');
});
afterAll(async () => {
  await hub.stop();
});
// Each test starts with nothing cached, whatever ran before it.
beforeEach(() => expire());

const lifetimeMs = () => hub.config.responseCacheSeconds * 1000;

/** Moves the hub's clock past the end of every cached answer's lifetime. */
function expire(): void {
  hub.clock.advance(lifetimeMs() + 1);
}

async function history(headers: Record<string, string> = {}) {
  const { body } = await hub.gql<History>(HISTORY, { id: ACTION }, headers);
  expect(body.errors).toBeUndefined();
  return { periods: body.data!.node.statusHistory.map((s) => `${s.period} ${s.rag}`), statements: body.extensions!.sqlStatements!.total };
}

test('the production default caches the public view', () => {
  expect(hub.config.responseCacheSeconds).toBeGreaterThan(0);
});

test('a repeated public query is answered from memory, a partner query never is', async () => {
  const first = await history();
  const again = await history();
  expect(first.statements).toBeGreaterThan(0);
  expect(again).toEqual({ periods: first.periods, statements: 0 });

  const partner = { 'x-api-key': editorKey };
  expect((await history(partner)).statements).toBeGreaterThan(0);
  expect((await history(partner)).statements).toBeGreaterThan(0);
});

test("a public query sent with a write's read-after token is never answered from memory, nor leaves its answer there", async () => {
  const written = await hub.gql(
    RECORD,
    { input: { actionId: ACTION, period: '2023/24 Q2', rag: 'AMBER', expectedVersion: null } },
    { 'x-api-key': editorKey },
  );
  expect(written.body.errors).toBeUndefined();
  const token = { 'x-hub-read-after': written.headers.get('x-hub-read-after')! };
  expect(token['x-hub-read-after']).toMatch(/^council=[0-9A-F]+\/[0-9A-F]+$/);
  const cached = await history();
  expect((await history()).statements).toBe(0);
  // The cached answer may have been read from a standby that had not replayed the write: a token's reader reads again.
  expect(await history(token)).toEqual({ periods: cached.periods, statements: cached.statements });
  // Nor is a token's answer cached for others.
  expire();
  await history(token);
  expect((await history()).statements).toBe(cached.statements);
});

test('concurrent requests for an expired public answer compute it once; the others wait and read it', async () => {
  await history();
  expire();
  // The first request to miss is held in PostgreSQL until all eight have arrived, so they overlap for certain.
  const held = await holdTable(hub.databases.council, 'action_status');
  const arrivals = countArrivals(hub.url);
  let answers;
  try {
    const pending = Promise.all(Array.from({ length: 8 }, () => history()));
    await until(() => arrivals.count === 8, 'eight requests to arrive');
    await until(async () => (await lockWaiters(hub.databases.council)) >= 1, 'the first request to wait on the table');
    await held.release();
    answers = await pending;
  } finally {
    arrivals.stop();
    await held.release().catch(() => undefined);
  }
  expect(new Set(answers.map((a) => a.periods.join('|'))).size).toBe(1);
  expect(answers.filter((a) => a.statements > 0)).toHaveLength(1);
});

test('a write through the hub clears the cache at once', async () => {
  await history();
  const { body } = await hub.gql(
    RECORD,
    { input: { actionId: ACTION, period: '2021/22 Q1', rag: 'RED', expectedVersion: null } },
    { 'x-api-key': editorKey },
  );
  expect(body.errors).toBeUndefined();
  const afterWrite = await history();
  expect(afterWrite.statements).toBeGreaterThan(0);
  expect(afterWrite.periods).toContain('2021/22 Q1 RED');
});

test('an ingest beside the hub shows when the answer expires, not before', async () => {
  const before = await history();
  expect(before.periods).not.toContain('2022/23 Q1 GREEN');
  await ingestRows(hub.databases, 'council', 'action_status', [
    { action_ref: 'FIX-X1', period: '2022/23 Q1', rag: 'G', comment: 'Opened' },
  ]);
  hub.clock.advance(lifetimeMs());
  expect((await history()).periods).not.toContain('2022/23 Q1 GREEN');
  hub.clock.advance(1);
  expect((await history()).periods).toContain('2022/23 Q1 GREEN');
});
