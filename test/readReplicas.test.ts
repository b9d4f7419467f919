import { Client } from 'pg';
import { until } from './support/overlap';
import { issueApiKey } from '../src/auth/apiKeys';
import { toGlobalId } from '../src/graphql/globalId';
import type { SourceHealth } from '../src/server/health';
import { startStreamingReplica, type StreamingReplica } from './support/streamingReplica';
import { startTestHub, type GraphQLResponse, type TestHub } from './support/testHub';

/**
 * The trust's source with a read replica (`readUrl` in the sources file): a real PostgreSQL
 * primary and a hot standby streaming from it. The trust's reads are answered by the standby
 * (counted on the servers themselves, by pg_stat_statements), a write lands on the primary
 * and its writer reads it back at once while the standby still shows the old row, and a
 * stopped standby only sends the reads to the primary, never a SOURCE_UNAVAILABLE error.
 */

const DATABASE = 'trust_sites';
const ESTATE = toGlobalId('Estate', 'estate-a'); // council property FIX-P-A1 + trust site ZRAT1
const VERSIONS = `query($id: ID!) { node(id: $id) { ... on Estate { sources { source version } } } }`;
const UPDATE = `mutation($input: UpdateEstateStatusInput!) { updateEstateStatus(input: $input) { version record { source nativeKey } } }`;

let replica: StreamingReplica;
let hub: TestHub;
let editor: Record<string, string>;

beforeAll(async () => {
  replica = await startStreamingReplica();
  await replica.createDatabase(DATABASE);
  hub = await startTestHub({
    urls: { trust: replica.primaryUrl(DATABASE) },
    readUrls: { trust: replica.replicaUrl(DATABASE) },
    // Every read must reach a database to be counted there; the breaker's cool-down short, to see it close again.
    responseCacheSeconds: 0,
    env: { SOURCE_BREAKER_COOL_DOWN_MS: '300' },
  });
  const key = await issueApiKey(hub.databases.hub, { organisationId: 'nelft', role: 'EDITOR', label: 'replica test', expiresInDays: 1 });
  editor = { 'x-api-key': key.token };
  // The fixtures were loaded through the primary at start.
  await replica.caughtUp();
}, 120_000);

afterAll(async () => {
  await hub?.stop();
  replica?.close();
});

/** Statements the server ran in the trust's database, the probes (and replay-position polls) and this count's own left out. */
async function statementsOn(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT coalesce(sum(calls), 0)::int AS n FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND query NOT ILIKE '%pg_stat_statements%' AND query NOT ILIKE '%pg_is_in_recovery%'
          AND query NOT ILIKE '%pg_last_wal_replay_lsn%' AND query <> 'SELECT 1'`,
    );
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

type Versions = { node: { sources: { source: string; version: string }[] } };
const trustVersion = (response: GraphQLResponse<Versions>) => response.body.data!.node.sources.find((s) => s.source === 'trust')!.version;

async function readiness(): Promise<{ status: number; trust: SourceHealth }> {
  const response = await fetch(hub.url.replace(/\/graphql$/, '/health/ready'));
  const body = (await response.json()) as { sources: Record<string, SourceHealth> };
  return { status: response.status, trust: body.sources.trust! };
}

test("the trust's reads are answered by its standby, none by its primary", async () => {
  const before = { primary: await statementsOn(replica.primaryUrl(DATABASE)), standby: await statementsOn(replica.replicaUrl(DATABASE)) };
  const response = await hub.gql<Versions>(VERSIONS, { id: ESTATE });
  expect(response.body.errors).toBeUndefined();
  const trustStatements = response.body.extensions!.sqlStatements!.bySource.trust;
  expect(trustStatements).toBeGreaterThan(0);
  expect(await statementsOn(replica.replicaUrl(DATABASE))).toBe(before.standby + trustStatements);
  expect(await statementsOn(replica.primaryUrl(DATABASE))).toBe(before.primary);
  // Sources without a replica are read where they always were.
  expect(response.headers.get('x-hub-read-from')).toMatch(/(^|, )trust=replica(,|$)/);
  expect(response.headers.get('x-hub-read-from')).toMatch(/(^|, )hub=primary(,|$)/);

  const metrics = await (await fetch(hub.url.replace(/\/graphql$/, '/metrics'))).text();
  expect(metrics).toMatch(/^hub_sql_statements_total\{source="trust",role="replica"\} [1-9]/m);
  expect(metrics).toContain('hub_source_circuit_state{source="trust",role="replica",state="closed"} 1');

  const { status, trust } = await readiness();
  expect(status).toBe(200);
  expect(trust).toMatchObject({ state: 'up', replica: { state: 'up', standby: true } });
  expect(trust.replica!.lagSeconds).toEqual(expect.any(Number));
});

test('a write lands on the primary; its writer reads it back at once while the standby still shows the old row', async () => {
  await replica.caughtUp();
  const old = trustVersion(await hub.gql<Versions>(VERSIONS, { id: ESTATE }, editor));
  const [site] = await hub.databases.trust.query<{ status: string }[]>(`SELECT status FROM site WHERE site_code = 'ZRAT1'`);
  const status = site!.status === 'VACANT' ? 'IN_USE' : 'VACANT';
  // Replay held: whatever the write changes, the standby cannot have it.
  await replica.pauseReplay();
  let written: string;
  try {
    const write = await hub.gql<{ updateEstateStatus: { version: string; record: { source: string; nativeKey: string } } }>(
      UPDATE,
      { input: { estateId: ESTATE, status, expectedVersion: old } },
      editor,
    );
    expect(write.body.errors).toBeUndefined();
    expect(write.body.data!.updateEstateStatus.record).toEqual({ source: 'trust', nativeKey: 'ZRAT1' });
    written = write.body.data!.updateEstateStatus.version;
    expect(written).not.toBe(old);
    // On the primary:
    expect(await hub.databases.trust.query(`SELECT status FROM site WHERE site_code = 'ZRAT1'`)).toEqual([{ status }]);

    const writer = await hub.gql<Versions>(VERSIONS, { id: ESTATE }, editor);
    expect(trustVersion(writer)).toBe(written);
    expect(writer.headers.get('x-hub-read-from')).toMatch(/(^|, )trust=primary(,|$)/);
    // Anyone else reads the standby, which has not replayed the write: the staleness a reader may see.
    const other = await hub.gql<Versions>(VERSIONS, { id: ESTATE });
    expect(trustVersion(other)).toBe(old);
    expect(other.headers.get('x-hub-read-from')).toMatch(/(^|, )trust=replica(,|$)/);
  } finally {
    await replica.resumeReplay();
  }
  await replica.caughtUp();
  expect(trustVersion(await hub.gql<Versions>(VERSIONS, { id: ESTATE }))).toBe(written);
  // Past READ_YOUR_WRITES_SECONDS (5 by default) the writer reads the standby again.
  hub.clock.advance(hub.config.readYourWritesMs + 1);
  const later = await hub.gql<Versions>(VERSIONS, { id: ESTATE }, editor);
  expect(trustVersion(later)).toBe(written);
  expect(later.headers.get('x-hub-read-from')).toMatch(/(^|, )trust=replica(,|$)/);
});

test('with the standby stopped, reads go to the primary, without a SOURCE_UNAVAILABLE error, and readiness shows it', async () => {
  await replica.caughtUp();
  const expected = await hub.gql<Versions>(VERSIONS, { id: ESTATE });
  replica.stopReplica();
  try {
    // Past the breaker's three failures: the first reads try the standby, the later skip it at once.
    for (let i = 0; i < 4; i += 1) {
      const response = await hub.gql<Versions>(VERSIONS, { id: ESTATE });
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data).toEqual(expected.body.data);
      expect(response.headers.get('x-hub-read-from')).toMatch(/(^|, )trust=primary(,|$)/);
    }
    const { status, trust } = await readiness();
    expect(status).toBe(200);
    expect(trust.state).toBe('up');
    expect(trust.replica!.state).toBe('open');
  } finally {
    replica.startReplica();
  }
  await replica.caughtUp();
  // After the cool-down the background probe (or a read) tries the standby again, and it answers.
  await until(async () => (await readiness()).trust.replica?.state === 'up', 'the standby to answer again');
  const back = await hub.gql<Versions>(VERSIONS, { id: ESTATE });
  expect(back.body.errors).toBeUndefined();
  // While the probe is out, the half-open circuit sends the request's other trust reads to the primary.
  expect(back.headers.get('x-hub-read-from')).toMatch(/(^|, )trust=(primary\+)?replica(,|$)/);
  expect((await readiness()).trust.replica).toMatchObject({ state: 'up', standby: true });
});
