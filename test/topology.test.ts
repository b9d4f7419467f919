import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { issueApiKey } from '../src/auth/apiKeys';
import { toGlobalId } from '../src/graphql/globalId';
import { deleteKeys, testRedis, uniquePrefix, type TestRedis } from './support/redisServer';
import { startBalancer, type Balancer } from './support/roundRobin';
import { until } from './support/overlap';
import { loadDemo, startReplica, startSourceServers, TOPOLOGY, type Replica, type SourceServers } from './support/topology';

/**
 * Two replicas sharing one Redis behind a round-robin balancer, each partner source on its
 * own PostgreSQL server (docker/compose.yml's topology, on loopback): the replicas share the
 * public response cache, one rate limit and invalidation, and one dying leaves the other
 * answering.
 */

const LIMIT = 40;
let sources: SourceServers;
let redis: TestRedis;
let prefix: string;
let replicas: Replica[] = [];
let balancer: Balancer;
/** The balancer reads this list on every request; a restarted replica takes its old place. */
const upstreams: string[] = [];
let replicaEnv: Record<string, string>;
const keys: Record<'limited' | 'load' | 'editor', string> = { limited: '', load: '', editor: '' };

type Answer = {
  status: number;
  upstream: string | null;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { extensions?: { code?: string } }[];
    extensions?: { sqlStatements?: { total: number } };
  };
};

async function ask(query: string, variables: Record<string, unknown> = {}, key?: string): Promise<Answer> {
  const response = await fetch(`${balancer.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, upstream: response.headers.get('x-upstream'), body: (await response.json()) as Answer['body'] };
}

async function issueKeys(hubUrl: string): Promise<void> {
  const hub = new DataSource({ type: 'postgres', url: hubUrl });
  await hub.initialize();
  try {
    keys.limited = (
      await issueApiKey(hub, { organisationId: 'dorset-council', role: 'ANALYST', label: 'topology limit', expiresInDays: 1 })
    ).token;
    keys.load = (
      await issueApiKey(hub, { organisationId: 'castle-point-avs', role: 'ANALYST', label: 'topology load', expiresInDays: 1 })
    ).token;
    keys.editor = (
      await issueApiKey(hub, { organisationId: 'nhs-thurrock-ccg', role: 'EDITOR', label: 'topology writer', expiresInDays: 1 })
    ).token;
  } finally {
    await hub.destroy();
  }
}

beforeAll(async () => {
  [sources, redis] = await Promise.all([startSourceServers(), testRedis()]);
  prefix = uniquePrefix('topology');
  await loadDemo(sources.env);
  await issueKeys(sourceUrl('hub'));
  replicaEnv = {
    ...sources.env,
    ...TOPOLOGY.replicaSettings,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: prefix,
    // Sharing through Redis is what is tested here, not its deadline (test/redisFaults.test.ts):
    // a command slower than the default 1 s on a loaded machine would send a replica to its own memory.
    REDIS_TIMEOUT_MS: '5000',
    RATE_LIMIT_PER_MINUTE: String(LIMIT),
    EXPOSE_SQL_STATEMENT_COUNTS: 'true',
  };
  replicas = await Promise.all(TOPOLOGY.replicas.map(() => startReplica(replicaEnv)));
  upstreams.push(...replicas.map((replica) => replica.url));
  balancer = await startBalancer(upstreams);
}, 180_000);

afterAll(async () => {
  await balancer?.close();
  for (const replica of replicas) replica.kill();
  await Promise.all(replicas.map((replica) => replica.stopped));
  if (redis && prefix) await deleteKeys(redis.url, prefix);
  await redis?.stop();
  await sources?.stop();
}, 60_000);

/** The sources file the topology's servers were started with. */
const sourcesFile = () => JSON.parse(readFileSync(sources.env.SOURCES_FILE!, 'utf8')) as { sources: { id: string; url: string }[] };
const sourceUrl = (id: string): string => sourcesFile().sources.find((s) => s.id === id)!.url;

const ORGANISATION = `query($code: String!) { organisation: partnerOrganisation(odsCode: $code) { name odsCode } }`;

test("the demo was loaded once, its sources on four PostgreSQL servers, each partner's in a database of its own", async () => {
  const file = sourcesFile();
  expect(new Set(file.sources.map((s) => new URL(s.url).port)).size).toBe(4);
  expect(new Set(file.sources.map((s) => s.url)).size).toBe(file.sources.length);
  const ccg = file.sources.find((s) => s.id === 'nhs-thurrock-ccg')!;
  const client = new Client({ connectionString: sourceUrl(ccg.id) });
  await client.connect();
  const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM practice`);
  await client.end();
  expect(rows[0]!.n).toBeGreaterThan(0);
});

test('an answer cached by one replica is served by the other', async () => {
  const first = await ask(ORGANISATION, { code: '07G' });
  const second = await ask(ORGANISATION, { code: '07G' });
  expect(first.body.data).toEqual({ organisation: { name: 'NHS Thurrock CCG', odsCode: '07G' } });
  expect(second.body.data).toEqual(first.body.data);
  expect(new Set([first.upstream, second.upstream]).size).toBe(2);
  expect(first.body.extensions?.sqlStatements?.total).toBeGreaterThan(0);
  // The other replica never read a database for it: the answer came from Redis.
  expect(second.body.extensions?.sqlStatements?.total).toBe(0);
});

const ACTION = toGlobalId('PlanAction', 'THR-JHWS-O01-X07');
const HISTORY = `query($id: ID!) { node(id: $id) { ... on PlanAction { statusHistory { period rag } } } }`;
const RECORD = `mutation($input: RecordActionStatusInput!) { recordActionStatus(input: $input) { status { period rag } } }`;

test('a write through one replica retires the cached answers of both', async () => {
  const before = await ask(HISTORY, { id: ACTION });
  const cached = await ask(HISTORY, { id: ACTION });
  expect(cached.body.extensions?.sqlStatements?.total).toBe(0);
  const history = (before.body.data!.node as { statusHistory: { period: string }[] }).statusHistory;
  expect(history.map((s) => s.period)).not.toContain('2015/16');

  const written = await ask(
    RECORD,
    { input: { actionId: ACTION, period: '2015/16', rag: 'AMBER', comment: 'Topology test', expectedVersion: null } },
    keys.editor,
  );
  expect(written.body.errors).toBeUndefined();

  // Both replicas, whichever wrote, now answer from the databases with the new status.
  const after = [await ask(HISTORY, { id: ACTION }), await ask(HISTORY, { id: ACTION })];
  expect(new Set(after.map((a) => a.upstream)).size).toBe(2);
  const fresh = after.map((a) => (a.body.data!.node as { statusHistory: { period: string; rag: string }[] }).statusHistory);
  for (const statuses of fresh) expect(statuses).toContainEqual({ period: '2015/16', rag: 'AMBER' });
});

test('one rate limit across both replicas', async () => {
  const statuses: number[] = [];
  const upstreams = new Set<string | null>();
  for (let i = 0; i < LIMIT + 4; i += 1) {
    const answer = await ask(`{ __typename }`, {}, keys.limited);
    statuses.push(answer.status);
    upstreams.add(answer.upstream);
  }
  expect(upstreams.size).toBe(2);
  // Each replica alone would allow LIMIT; together they still allow LIMIT, not twice that.
  expect(statuses.slice(0, LIMIT).every((s) => s === 200)).toBe(true);
  expect(statuses.slice(LIMIT)).toEqual([429, 429, 429, 429]);
});

test('a replica killed under load: the other keeps answering', async () => {
  const load = Array.from({ length: 24 }, (_, i) => ask(ORGANISATION, { code: i % 2 ? 'RDD' : '07G' }, keys.load));
  // Killed once the balancer has handed a few of them to the replicas: mid-load, not by a timer.
  const start = balancer.forwarded();
  await until(() => balancer.forwarded() >= start + 4, 'load reaching the replicas');
  replicas[0]!.kill();
  await replicas[0]!.stopped;
  const during = await Promise.all(load);
  // A request the dying replica was answering gets the balancer's 502; none hangs, none is a 500.
  for (const answer of during) expect([200, 502]).toContain(answer.status);
  expect(during.filter((a) => a.status === 200).length).toBeGreaterThan(0);

  const after = await Promise.all(Array.from({ length: 8 }, () => ask(ORGANISATION, { code: 'RDD' }, keys.load)));
  for (const answer of after) {
    expect(answer.status).toBe(200);
    expect(answer.upstream).toBe('1');
    expect(answer.body.data).toEqual({ organisation: { name: expect.any(String), odsCode: 'RDD' } });
  }

  // A replacement takes the dead replica's place (as a restart policy would), so the other
  // tests, in whatever order they run, find two replicas again.
  replicas[0] = await startReplica(replicaEnv);
  upstreams[0] = replicas[0].url;
  // Its shared cache is Redis's only once it has seen Redis answer (until then it caches in its own memory).
  const readyUrl = new URL('/health/ready', replicas[0].url).href;
  await until(
    async () => ((await (await fetch(readyUrl)).json()) as { redis?: { state: string } }).redis?.state === 'up',
    'the replacement replica to see Redis up',
  );
}, 120_000);
