import { issueApiKey } from '../src/auth/apiKeys';
import { until } from './support/overlap';
import { deleteKeys, readKey, startRedisServer, uniquePrefix, type OwnRedis } from './support/redisServer';
import { startTestHub, type TestHub } from './support/testHub';
import { apiKey } from './support/testkit';
import { toGlobalId } from '../src/graphql/globalId';

/**
 * A frozen Redis cannot stall the hub: a redis-server of the test's own is stopped with
 * SIGSTOP (it keeps its connections and answers nothing) while the hub serves. Every command
 * has a deadline (REDIS_TIMEOUT_MS): the response cache and rate limits fall back to the
 * process's memory, /health/ready says Redis is down, and once Redis runs again all is as before.
 */

const REDIS_TIMEOUT_MS = 250;
const PER_MINUTE = 20;
// The Redis deadline, and scheduling slack on a shared two-core machine: far from the 45 s and more a frozen Redis held requests for.
const ANSWER_WITHIN_MS = 2_000;
const QUERY = `{ localities { totalCount } }`;
const ACTION = toGlobalId('PlanAction', 'FIX-X1');
const HISTORY = `query($id: ID!) { node(id: $id) { ... on PlanAction { statusHistory { period rag } } } }`;
const RECORD = `mutation($input: RecordActionStatusInput!) { recordActionStatus(input: $input) { version } }`;

let redis: OwnRedis;
let hub: TestHub;
let prefix: string;
let partnerKey: string;

interface Readiness {
  status: string;
  redis?: { state: string; reason?: string };
}

async function readiness(): Promise<{ status: number; body: Readiness }> {
  const response = await fetch(hub.url.replace(/\/graphql$/, '/health/ready'));
  return { status: response.status, body: (await response.json()) as Readiness };
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

beforeAll(async () => {
  redis = await startRedisServer();
  prefix = uniquePrefix('redis-faults');
  hub = await startTestHub({
    responseCacheSeconds: 10,
    requestsPerMinute: PER_MINUTE,
    env: { REDIS_URL: redis.url, REDIS_KEY_PREFIX: prefix, REDIS_TIMEOUT_MS: String(REDIS_TIMEOUT_MS), HEALTH_REFRESH_MS: '200' },
  });
  partnerKey = (
    await issueApiKey(hub.databases.hub, { organisationId: 'nhs-thurrock-ccg', role: 'ANALYST', label: 'redis faults', expiresInDays: 1 })
  ).token;
}, 120_000);

afterAll(async () => {
  await hub?.stop();
  if (redis) await deleteKeys(redis.url, prefix);
  await redis?.stop();
}, 60_000);

it('reports Redis up while it answers', async () => {
  await until(async () => (await readiness()).body.redis?.state === 'up', 'Redis to be up');
  expect((await hub.gql(QUERY)).status).toBe(200);
});

it('answers anonymous and partner requests within its deadline while Redis is frozen, says so at /health/ready, and recovers', async () => {
  redis.freeze();
  try {
    hub.expireCaches();
    const anonymous: Record<string, string> = {};
    for (const headers of [anonymous, { 'x-api-key': partnerKey }, anonymous, { 'x-api-key': partnerKey }]) {
      const { result, ms } = await timed(() => hub.gql<{ localities: { totalCount: number } }>(QUERY, {}, headers));
      expect(result.status).toBe(200);
      expect(result.body.errors).toBeUndefined();
      expect(result.body.data!.localities.totalCount).toBe(3);
      expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
    }
    const ready = await readiness();
    expect(ready.status).toBe(200);
    expect(ready.body.redis).toMatchObject({ state: 'down' });
  } finally {
    redis.thaw();
  }
  await until(async () => (await readiness()).body.redis?.state === 'up', 'Redis to be up again');
  expect((await hub.gql(QUERY)).status).toBe(200);
}, 60_000);

it('caches public answers in the process while Redis is frozen; a write retires them at once, and moves Redis on once it answers', async () => {
  const editorKey = await apiKey(hub.databases, 'nelft', 'EDITOR');
  const generationKey = `${prefix}response-cache:generation`;
  const sharedGeneration = async () => Number((await readKey(redis.url, generationKey)) ?? '0');
  const statementsOf = async () => {
    const { body } = await hub.gql(HISTORY, { id: ACTION });
    expect(body.errors).toBeUndefined();
    return body.extensions!.sqlStatements!.total;
  };
  const before = await sharedGeneration();
  redis.freeze();
  try {
    hub.expireCaches();
    expect(await statementsOf()).toBeGreaterThan(0);
    expect(await statementsOf()).toBe(0); // from this process's memory: Redis is not asked
    const write = await hub.gql(
      RECORD,
      { input: { actionId: ACTION, period: '2021/22 Q2', rag: 'AMBER', expectedVersion: null } },
      {
        'x-api-key': editorKey,
      },
    );
    expect(write.body.errors).toBeUndefined();
    expect(await statementsOf()).toBeGreaterThan(0); // the write retired the answer at once
  } finally {
    redis.thaw();
  }
  await until(async () => (await readiness()).body.redis?.state === 'up', 'Redis to be up again');
  // The write made while Redis was away is paid to the shared generation before Redis's answers are read.
  await statementsOf();
  expect(await sharedGeneration()).toBe(before + 1);
}, 60_000);

it("limits a caller's rate in the process while Redis is frozen", async () => {
  redis.freeze();
  try {
    const statuses: number[] = [];
    // A key of its own, so its allowance is spent by this test alone (tests run in any order, and
    // anonymous requests would spend the address's allowance the other test needs).
    const own = (
      await issueApiKey(hub.databases.hub, { organisationId: 'nhs-thurrock-ccg', role: 'ANALYST', label: 'own', expiresInDays: 1 })
    ).token;
    for (let i = 0; i <= PER_MINUTE; i += 1) statuses.push((await hub.gql(QUERY, {}, { 'x-api-key': own })).status);
    expect(statuses).toContain(429);
  } finally {
    redis.thaw();
  }
}, 60_000);
