import { issueApiKey } from '../src/auth/apiKeys';
import { holdTable, lockWaiters, until } from './support/overlap';
import { startTestHub, type GraphQLResponse, type TestHub } from './support/testHub';

/**
 * Costly operations take turns per sender (src/server/senderTurns.ts): a burst of them
 * delays only the caller that sent it. Here each sender runs one costly operation at a time
 * and queues one more; the trust's sites are held locked, so the anonymous sender's first
 * operation is surely still running while the rest arrive.
 */

const COSTLY = `query Costly($code: String!) {
  locality(code: $code) { name estates { nodes { name sources { source } } } }
}`;
const OTHER_COSTLY = `{ partnerships(first: 50) { nodes { name members(first: 50) { nodes { name } } } } }`;

type Answer = GraphQLResponse<Record<string, unknown>>;
const codesOf = (answer: Answer) => (answer.body.errors ?? []).map((e) => e.extensions?.code);

let hub: TestHub;
const metricsText = async () => (await fetch(hub.url.replace(/\/graphql$/, '/metrics'))).text();
let analystKey: string;

beforeAll(async () => {
  hub = await startTestHub({
    responseCacheSeconds: 0,
    env: { EXPENSIVE_QUERY_COST: '100', EXPENSIVE_PER_SENDER: '1', EXPENSIVE_QUEUE_PER_SENDER: '1' },
  });
  analystKey = (
    await issueApiKey(hub.databases.hub, { organisationId: 'nhs-thurrock-ccg', role: 'ANALYST', label: 'other sender', expiresInDays: 1 })
  ).token;
}, 120_000);
afterAll(() => hub?.stop(), 60_000);

test('a burst of costly operations waits and is refused for its sender alone; another sender runs meanwhile', async () => {
  const lock = await holdTable(hub.databases.trust, 'site');
  let first: Promise<Answer> | undefined;
  let queued: Promise<Answer> | undefined;
  try {
    first = hub.gql(COSTLY, { code: 'FIX-A' });
    await until(async () => (await lockWaiters(hub.databases.trust)) > 0, 'the first costly operation to wait on the lock');
    queued = hub.gql(COSTLY, { code: 'FIX-B' });
    await until(async () => /^hub_costly_operations\{state="waiting"\} 1$/m.test(await metricsText()), 'the second to wait its turn');
    // The queue of one is taken; a third is refused at once.
    const refused = await hub.gql(COSTLY, { code: 'FIX-A' });
    expect(refused.status).toBe(429);
    expect(codesOf(refused)).toEqual(['CONCURRENCY_LIMITED']);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(refused.body.errors![0]!.message).toMatch(
      /^This operation costs more than 100 and was not started: you have 1 costly operations running and 1 waiting\./,
    );
    // Another sender's costly operation runs while the anonymous sender's are held.
    const other = await hub.gql(OTHER_COSTLY, undefined, { 'x-api-key': analystKey });
    expect(other.status).toBe(200);
    expect(codesOf(other)).toEqual([]);
    // A cheap operation from the busy sender is not costly and does not wait either.
    const cheap = await hub.gql(`{ localities(first: 1) { totalCount } }`);
    expect(cheap.status).toBe(200);
    expect(await lockWaiters(hub.databases.trust)).toBe(1); // only the first reached the partner
  } finally {
    await lock.release();
  }
  for (const answer of [await first!, await queued!]) {
    expect(answer.status).toBe(200);
    expect(codesOf(answer)).toEqual([]);
  }
  expect(await metricsText()).toMatch(/^hub_costly_operations\{state="running"\} 0$/m);
  // Turns ended with the responses: the sender may run costly operations again.
  expect((await hub.gql(COSTLY, { code: 'FIX-A' })).status).toBe(200);
}, 60_000);
