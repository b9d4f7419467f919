import { issueApiKey } from '../src/auth/apiKeys';
import { toGlobalId } from '../src/graphql/globalId';
import { startTestHub, type TestHub } from './support/testHub';

/**
 * The public view is served from memory for RESPONSE_CACHE_SECONDS: a repeat costs no SQL,
 * a partner's answer is never cached, a write through the hub clears the cache at once and
 * anything else shows when the answer expires.
 */

const CACHE_SECONDS = 2;
const ACTION = toGlobalId('PlanAction', 'FIX-X1'); // led by NELFT (RAT)
const HISTORY = `query($id: ID!) { node(id: $id) { ... on PlanAction { title statusHistory { period rag } } } }`;
const RECORD = `mutation($input: RecordActionStatusInput!) { recordActionStatus(input: $input) { version } }`;

type History = { node: { title: string; statusHistory: { period: string; rag: string }[] } };

let hub: TestHub;
let editorKey: string;
beforeAll(async () => {
  hub = await startTestHub({ responseCacheSeconds: CACHE_SECONDS });
  editorKey = (await issueApiKey(hub.databases.hub, { organisationId: 'nelft', role: 'EDITOR', label: 'cache', expiresInDays: 1 })).token;
});
afterAll(async () => {
  await hub.stop();
});

async function history(headers: Record<string, string> = {}) {
  const { body } = await hub.gql<History>(HISTORY, { id: ACTION }, headers);
  expect(body.errors).toBeUndefined();
  return { periods: body.data!.node.statusHistory.map((s) => `${s.period} ${s.rag}`), statements: body.extensions!.sqlStatements!.total };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a repeated public query is answered from memory, a partner query never is', async () => {
  const first = await history();
  const again = await history();
  expect(first.statements).toBeGreaterThan(0);
  expect(again).toEqual({ periods: first.periods, statements: 0 });

  const partner = { 'x-api-key': editorKey };
  expect((await history(partner)).statements).toBeGreaterThan(0);
  expect((await history(partner)).statements).toBeGreaterThan(0);
});

test('concurrent requests for an expired public answer compute it once; the others wait and read it', async () => {
  await sleep(CACHE_SECONDS * 1000 + 200);
  const answers = await Promise.all(Array.from({ length: 8 }, () => history()));
  expect(new Set(answers.map((a) => a.periods.join('|'))).size).toBe(1);
  expect(answers.filter((a) => a.statements > 0)).toHaveLength(1);
});

test('a write through the hub clears the cache at once; a write elsewhere shows when the answer expires', async () => {
  await history();
  const { body } = await hub.gql(RECORD, { input: { actionId: ACTION, period: '2021/22 Q1', rag: 'RED', expectedVersion: null } }, { 'x-api-key': editorKey });
  expect(body.errors).toBeUndefined();
  const afterWrite = await history();
  expect(afterWrite.statements).toBeGreaterThan(0);
  expect(afterWrite.periods).toContain('2021/22 Q1 RED');

  await hub.databases.council.query(`UPDATE action_status SET rag = 'G' WHERE action_ref = 'FIX-X1' AND period = '2021/22 Q1'`);
  expect((await history()).periods).toContain('2021/22 Q1 RED');
  await sleep(CACHE_SECONDS * 1000 + 200);
  expect((await history()).periods).toContain('2021/22 Q1 GREEN');
});
