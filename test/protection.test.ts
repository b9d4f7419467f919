import { issueApiKey } from '../src/auth/apiKeys';
import { operationHash } from '../src/server/persistedOperations';
import { startTestHub, type TestHub } from './support/testHub';

/** Requests that would hurt the server or a partner's database get a clear 4xx; everyone else is still served. */

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.stop();
});

async function stillServing(): Promise<void> {
  const response = await hub.gql<{ localities: { totalCount: number } }>(`{ localities { totalCount } }`);
  expect(response.status).toBe(200);
  expect(response.body.data!.localities.totalCount).toBe(3);
}

function deepQuery(levels: number): string {
  // partnerships → members → partnerships → …: two levels per round trip, one row each (without
  // `first` each list counts its default page, and the nest's cost grows twentyfold a level).
  let inner = 'name';
  for (let i = 0; i < levels / 2; i += 1) inner = `members(first: 1) { nodes { partnerships(first: 1) { nodes { ${inner} } } } }`;
  return `{ partnerships(first: 1) { nodes { ${inner} } } }`;
}

function expectRefused(response: { status: number; body: { errors?: { message: string; extensions?: Record<string, unknown> }[] } }, limit: RegExp): void {
  expect(response.status).toBe(400);
  expect(response.body.errors![0]!.extensions!.code).toMatch(/GRAPHQL_(VALIDATION|PARSE)_FAILED/);
  expect(response.body.errors![0]!.message).toMatch(limit);
}

test('a 30-level deep query (refused by whichever limit it breaks first: its cost)', async () => {
  expectRefused(await hub.gql(deepQuery(30)), /limit of \d+ exceeded/);
  await stillServing();
});

test('the depth limit itself, on a query deep but cheap (19 levels, limit 15)', async () => {
  expect((await hub.gql(deepQuery(4))).status).toBe(200); // 11 levels
  expectRefused(await hub.gql(deepQuery(8)), /Query depth limit of 15 exceeded/);
});

test('1,000 aliases (refused by the token limit before the alias count)', async () => {
  const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: localities { totalCount }`).join(' ');
  expectRefused(await hub.gql(`{ ${aliases} }`), /more that \d+ tokens|Aliases limit/);
  await stillServing();
});

test('the alias limit itself', async () => {
  const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: localities { totalCount }`).join(' ');
  expect((await hub.gql(`{ ${aliases(30)} }`)).status).toBe(200);
  expectRefused(await hub.gql(`{ ${aliases(31)} }`), /Aliases limit of 30 exceeded/);
});

test('first: 1000000', async () => {
  const response = await hub.gql(`{ localities(first: 1000000) { totalCount } }`);
  expect(response.status).toBe(400);
  expect(response.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
  await stillServing();
});

test('a 10 MB body', async () => {
  const response = await hub.post(JSON.stringify({ query: '{ __typename }', variables: { x: 'y'.repeat(10 * 1024 * 1024) } }));
  expect(response.status).toBe(413);
  expect(await response.json()).toEqual({ errors: [{ message: 'Request body is larger than the limit.', extensions: { code: 'BAD_REQUEST' } }] });
  await stillServing();
});

test('malformed JSON', async () => {
  const response = await hub.post('{"query": "{ localities { totalCount } }", ');
  expect(response.status).toBe(400);
  await stillServing();
});

test('a huge query text is refused by its token count', async () => {
  const fields = Array.from({ length: 6000 }, () => '__typename').join(' ');
  expectRefused(await hub.gql(`{ ${fields} }`), /more that 5000 tokens/);
  await stillServing();
});

test('every response carries a request id; one the caller sends is kept', async () => {
  const response = await hub.post(JSON.stringify({ query: '{ __typename }' }), { 'x-request-id': 'dashboard-42' });
  expect(response.headers.get('x-request-id')).toBe('dashboard-42');
});

describe('rate limit and introspection', () => {
  let limited: TestHub;
  beforeAll(async () => {
    limited = await startTestHub({ requestsPerMinute: 3, introspection: false });
  });
  afterAll(async () => {
    await limited.stop();
  });

  test('a caller over its rate gets 429 while another caller is still served', async () => {
    const issue = () => issueApiKey(limited.databases.hub, { organisationId: 'thurrock-council', role: 'ANALYST', label: 'rate test', expiresInDays: 1 });
    const [noisy, quiet] = [(await issue()).token, (await issue()).token];
    const as = (key: string) => limited.post(JSON.stringify({ query: '{ __typename }' }), { 'x-api-key': key });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await as(noisy)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(((await (await as(noisy)).json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('RATE_LIMITED');
    expect((await as(quiet)).status).toBe(200);
  });

  test('introspection can be turned off', async () => {
    const response = await limited.post(JSON.stringify({ query: '{ __schema { types { name } } }' }));
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toMatch(/introspection/i);
  });
});

describe('allow-list mode', () => {
  const DASHBOARD = '{ localities { nodes { code name } } }';
  let locked: TestHub;
  beforeAll(async () => {
    locked = await startTestHub({ allowedOperations: new Set([operationHash(DASHBOARD)]) });
  });
  afterAll(async () => {
    await locked.stop();
  });

  test('a registered operation runs; any other is refused with 403', async () => {
    expect((await locked.gql(DASHBOARD)).body.data).toMatchObject({ localities: { nodes: [{ code: 'FIX-A' }, { code: 'FIX-B' }, { code: 'FIX-C' }] } });
    const other = await locked.gql('{ partnerOrganisations { totalCount } }');
    expect(other.status).toBe(403);
    expect(other.body.errors![0]!.extensions!.code).toBe('OPERATION_NOT_ALLOWED');
  });
});
