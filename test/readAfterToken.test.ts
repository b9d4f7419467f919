import { issueApiKey } from '../src/auth/apiKeys';
import { toGlobalId } from '../src/graphql/globalId';
import type { SourceHealth } from '../src/server/health';
import { until } from './support/overlap';
import { startStreamingReplica, type StreamingReplica } from './support/streamingReplica';
import { startTestHub, type GraphQLResponse, type TestHub } from './support/testHub';

/**
 * Read-your-writes across hub processes, and the replica lag bound, on a real PostgreSQL
 * primary and hot standby (Debian's PostgreSQL 15, `pg_basebackup -R`) holding the trust's
 * source, read by two hub processes as a balancer would spread one client's requests. A write
 * through one answers with `x-hub-read-after`; the other, given it back, reads the write even
 * while the standby's replay is held (from the primary), and from the standby once it has
 * replayed the write. Without the token the other process reads the standby's older row: the
 * per-process behaviour docs/deployment.md describes. A standby left behind further than
 * REPLICA_MAX_LAG_MS is not read by anyone until it catches up.
 */

const DATABASE = 'trust_sites';
const ESTATE = toGlobalId('Estate', 'estate-a'); // council property FIX-P-A1 + trust site ZRAT1
const VERSIONS = `query($id: ID!) { node(id: $id) { ... on Estate { sources { source version } } } }`;
const UPDATE = `mutation($input: UpdateEstateStatusInput!) { updateEstateStatus(input: $input) { version } }`;
const HEADER = 'x-hub-read-after';
// Probes five times a second, so the lag is measured to within 200 ms; a bound of a second.
const SETTINGS = { HEALTH_REFRESH_MS: '200', REPLICA_MAX_LAG_MS: '1000', READ_AFTER_WAIT_MS: '300' };

let replica: StreamingReplica;
let writer: TestHub;
let reader: TestHub;
let editor: Record<string, string>;

beforeAll(async () => {
  replica = await startStreamingReplica();
  await replica.createDatabase(DATABASE);
  const readUrls = { trust: replica.replicaUrl(DATABASE) };
  writer = await startTestHub({ urls: { trust: replica.primaryUrl(DATABASE) }, readUrls, responseCacheSeconds: 0, env: SETTINGS });
  // The second process on the same databases (the fixtures are there already, so it loads none).
  reader = await startTestHub({ urls: writer.urls, readUrls, responseCacheSeconds: 0, env: SETTINGS });
  const key = await issueApiKey(writer.databases.hub, { organisationId: 'nelft', role: 'EDITOR', label: 'token test', expiresInDays: 1 });
  editor = { 'x-api-key': key.token };
  await replica.caughtUp();
}, 60_000);

afterAll(async () => {
  // The reader first: the writer's stop drops the databases both use.
  await reader?.stop();
  await writer?.stop();
  replica?.close();
});

type Versions = { node: { sources: { source: string; version: string }[] } };

/** The trust's version of the estate as `hub` answers it, and where it read the trust. */
async function trustRead(hub: TestHub, headers: Record<string, string> = {}): Promise<{ version: string; readFrom: string | null }> {
  const response: GraphQLResponse<Versions> = await hub.gql<Versions>(VERSIONS, { id: ESTATE }, headers);
  expect(response.body.errors).toBeUndefined();
  const readFrom = /(?:^|, )trust=([a-z+]+)/.exec(response.headers.get('x-hub-read-from') ?? '')?.[1] ?? null;
  return { version: response.body.data!.node.sources.find((s) => s.source === 'trust')!.version, readFrom };
}

/** A change to the trust's site through `hub`: its new version and the token it answered with. */
async function changeSite(hub: TestHub, expectedVersion: string): Promise<{ version: string; token: string }> {
  const [site] = await hub.databases.trust.query<{ status: string }[]>(`SELECT status FROM site WHERE site_code = 'ZRAT1'`);
  const status = site!.status === 'VACANT' ? 'IN_USE' : 'VACANT';
  const write = await hub.gql<{ updateEstateStatus: { version: string } }>(
    UPDATE,
    { input: { estateId: ESTATE, status, expectedVersion } },
    editor,
  );
  expect(write.body.errors).toBeUndefined();
  return { version: write.body.data!.updateEstateStatus.version, token: write.headers.get(HEADER)! };
}

async function trustReplica(hub: TestHub): Promise<NonNullable<SourceHealth['replica']>> {
  const body = (await (await fetch(hub.url.replace(/\/graphql$/, '/health/ready'))).json()) as { sources: Record<string, SourceHealth> };
  return body.sources.trust!.replica!;
}

test('a write through one hub process is read through the other with its token, from the primary while the standby lags, then from the standby', async () => {
  const before = await trustRead(reader);
  expect(before.readFrom).toBe('replica');
  await replica.pauseReplay();
  let written: { version: string; token: string };
  try {
    written = await changeSite(writer, before.version);
    // The trust's primary's WAL position after the write, as the token.
    expect(written.token).toMatch(/^trust=[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/);

    // Without the token the other process reads the standby, which has not replayed the write,
    // even for the writer's own key: read-your-writes without a token is per process.
    expect(await trustRead(reader)).toEqual({ version: before.version, readFrom: 'replica' });
    expect(await trustRead(reader, editor)).toEqual({ version: before.version, readFrom: 'replica' });
    // With it, the standby is given READ_AFTER_WAIT_MS to replay the write; held, it cannot, so the primary answers.
    expect(await trustRead(reader, { [HEADER]: written.token })).toEqual({ version: written.version, readFrom: 'primary' });
    expect(await trustRead(reader, { ...editor, [HEADER]: written.token })).toEqual({ version: written.version, readFrom: 'primary' });
  } finally {
    await replica.resumeReplay();
  }
  // Once the standby has replayed the token's position, the token's reads go to the standby, and see the write there.
  await replica.replayedTo(written.token.replace('trust=', ''));
  expect(await trustRead(reader, { [HEADER]: written.token })).toEqual({ version: written.version, readFrom: 'replica' });
});

test('a token sent with a later write comes back with the later position; a refused write answers with one too', async () => {
  const first = await changeSite(writer, (await trustRead(writer, editor)).version);
  const second = await writer.gql(
    UPDATE,
    { input: { estateId: ESTATE, status: 'VACANT', expectedVersion: first.version } },
    {
      ...editor,
      [HEADER]: first.token,
    },
  );
  const later = second.headers.get(HEADER)!;
  expect(later).toMatch(/^trust=[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/);
  const position = (token: string) => {
    const [high, low] = token.replace('trust=', '').split('/');
    return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
  };
  expect(position(later)).toBeGreaterThan(position(first.token));
  // A refused write answers with the primary's position too: its caller reads again, and must see the version it was refused against.
  const refused = await writer.gql(UPDATE, { input: { estateId: ESTATE, status: 'IN_USE', expectedVersion: first.version } }, editor);
  expect(refused.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  expect(position(refused.headers.get(HEADER)!)).toBeGreaterThanOrEqual(position(later));
});

test('a standby further behind than REPLICA_MAX_LAG_MS is not read until it catches up', async () => {
  await replica.caughtUp();
  await until(async () => (await trustReplica(reader)).lagSeconds === 0, 'the standby measured caught up');
  expect((await trustRead(reader)).readFrom).toBe('replica');
  await replica.pauseReplay();
  let written: { version: string; token: string };
  try {
    written = await changeSite(writer, (await trustRead(writer, editor)).version);
    // The probes see the primary move on and the standby stay: its lag grows past the second allowed.
    await until(async () => ((await trustReplica(reader)).lagSeconds ?? 0) > 1, 'the standby measured over a second behind');
    // No token, another caller: still the primary, and so the write.
    expect(await trustRead(reader)).toEqual({ version: written.version, readFrom: 'primary' });
  } finally {
    await replica.resumeReplay();
  }
  await until(async () => (await trustReplica(reader)).lagSeconds === 0, 'the standby measured caught up again');
  expect(await trustRead(reader)).toEqual({ version: written.version, readFrom: 'replica' });
});

test('a header that is not a read-after token is a 400 naming the header', async () => {
  for (const bad of ['garbage', 'trust=0/XYZ', 'trust=0/1=2', 'nowhere=0/16B3748', ' , ']) {
    const response = await reader.gql('{ __typename }', {}, { [HEADER]: bad });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      {
        message: expect.stringContaining(`The ${HEADER} header is not a read-after token`),
        extensions: { code: 'BAD_REQUEST', header: HEADER },
      },
    ]);
  }
});
