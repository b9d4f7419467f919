import { issueApiKey } from '../src/auth/apiKeys';
import { operationHash } from '../src/server/persistedOperations';
import { freezeDate } from './support/clock';
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

type Refusal = { status: number; body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } };

/** Refused before any resolver ran, by the named limit alone: one error, its code, its message, no data. */
function expectRefused(response: Refusal, code: 'GRAPHQL_VALIDATION_FAILED' | 'GRAPHQL_PARSE_FAILED', limit: RegExp): void {
  expect(response.status).toBe(400);
  expect(response.body.data).toBeUndefined();
  expect(response.body.errors).toHaveLength(1);
  expect(response.body.errors![0]!.extensions!.code).toBe(code);
  expect(response.body.errors![0]!.message).toMatch(limit);
}

test('a 30-level deep query (refused by its depth at validation, before its cost, which needs the variables, is counted)', async () => {
  const response = await hub.gql(deepQuery(30));
  expectRefused(response, 'GRAPHQL_VALIDATION_FAILED', /Query depth limit of 15 exceeded, found 63/);
  await stillServing();
});

test('the cost limit itself, on a query shallow but wide (3 levels of 100 rows)', async () => {
  const response = await hub.gql(
    `{ partnerships(first: 100) { nodes { members(first: 100) { nodes { partnerships(first: 100) { nodes { name } } } } } } }`,
  );
  expectRefused(response, 'GRAPHQL_VALIDATION_FAILED', /Query Cost limit of 5000000 exceeded/);
  await stillServing();
});

test("the cost of one query text counts each request's own page sizes (what is kept per document is not)", async () => {
  const nest = `query Nest($n: Int) { partnerships(first: $n) { nodes { members(first: $n) { nodes { partnerships(first: $n) { nodes { name } } } } } } }`;
  expect((await hub.gql(nest, { n: 1 })).status).toBe(200);
  expectRefused(await hub.gql(nest, { n: 100 }), 'GRAPHQL_VALIDATION_FAILED', /Query Cost limit of 5000000 exceeded/);
  expect((await hub.gql(nest, { n: 1 })).status).toBe(200);
});

test('unpaged lists count at their declared size: the nest of structures that took 2.8 s a copy is refused before it runs', async () => {
  const nest = `structures(kinds: [CCG, PCN, GP_PRACTICE]) { code parents { structure { code children { structure { code population { population } } } } } }`;
  expectRefused(await hub.gql(`{ ${nest} }`), 'GRAPHQL_VALIDATION_FAILED', /Query Cost limit of 5000000 exceeded, found \d{8,}/);
  // One level of it is an ordinary question.
  expect((await hub.gql(`{ structures(kinds: [CCG]) { code parents { structure { code } } } }`)).status).toBe(200);
});

test('the depth limit itself, on a query deep but cheap (19 levels, limit 15)', async () => {
  expect((await hub.gql(deepQuery(4))).status).toBe(200); // 11 levels
  expectRefused(await hub.gql(deepQuery(8)), 'GRAPHQL_VALIDATION_FAILED', /Query depth limit of 15 exceeded/);
});

test('1,000 aliases (refused by the token limit before the alias count)', async () => {
  const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: localities { totalCount }`).join(' ');
  expectRefused(await hub.gql(`{ ${aliases} }`), 'GRAPHQL_PARSE_FAILED', /more that 5000 tokens/);
  await stillServing();
});

test('aliases of __typename count towards the alias limit', async () => {
  const aliases = Array.from({ length: 31 }, (_, i) => `t${i}: __typename`).join(' ');
  expectRefused(await hub.gql(`{ ${aliases} }`), 'GRAPHQL_VALIDATION_FAILED', /Aliases limit of 30 exceeded/);
});

test('the alias limit itself', async () => {
  const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: localities { totalCount }`).join(' ');
  expect((await hub.gql(`{ ${aliases(30)} }`)).status).toBe(200);
  expectRefused(await hub.gql(`{ ${aliases(31)} }`), 'GRAPHQL_VALIDATION_FAILED', /Aliases limit of 30 exceeded/);
});

test('first: 1000000', async () => {
  const response = await hub.gql(`{ localities(first: 1000000) { totalCount } }`);
  expect(response.status).toBe(400);
  // Within the cost limit (a million rows of one scalar), so the page limit refuses it, naming the argument.
  expect(response.body.errors).toHaveLength(1);
  expect(response.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
  await stillServing();
});

test('a 10 MB body', async () => {
  const response = await hub.post(JSON.stringify({ query: '{ __typename }', variables: { x: 'y'.repeat(10 * 1024 * 1024) } }));
  expect(response.status).toBe(413);
  expect(await response.json()).toEqual({
    errors: [{ message: 'Request body is larger than the limit.', extensions: { code: 'BAD_REQUEST' } }],
  });
  await stillServing();
});

test('malformed JSON', async () => {
  const response = await hub.post('{"query": "{ localities { totalCount } }", ');
  expect(response.status).toBe(400);
  expect(await response.json()).toEqual({ errors: [{ message: 'Request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
  await stillServing();
});

test('a huge query text is refused by its token count', async () => {
  const fields = Array.from({ length: 6000 }, () => '__typename').join(' ');
  expectRefused(await hub.gql(`{ ${fields} }`), 'GRAPHQL_PARSE_FAILED', /more that 5000 tokens/);
  await stillServing();
});

test('every response carries a request id; one the caller sends is kept', async () => {
  const response = await hub.post(JSON.stringify({ query: '{ __typename }' }), { 'x-request-id': 'dashboard-42' });
  expect(response.headers.get('x-request-id')).toBe('dashboard-42');
});

// express-rate-limit reads `Date.now()`: the date stands still, so the minute never ends mid-test.

describe('rate limit and introspection', () => {
  let limited: TestHub;
  beforeAll(async () => {
    limited = await startTestHub({ requestsPerMinute: 3, introspection: false });
  });
  afterAll(async () => {
    await limited.stop();
  });

  test('a caller over its rate gets 429 while another caller is still served', async () => {
    const issue = () =>
      issueApiKey(limited.databases.hub, { organisationId: 'thurrock-council', role: 'ANALYST', label: 'rate test', expiresInDays: 1 });
    const [noisy, quiet] = [(await issue()).token, (await issue()).token];
    const as = (key: string) => limited.post(JSON.stringify({ query: '{ __typename }' }), { 'x-api-key': key });
    freezeDate(Date.now());
    try {
      const statuses = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await as(noisy)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(((await (await as(noisy)).json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
        'RATE_LIMITED',
      );
      expect((await as(quiet)).status).toBe(200);
    } finally {
      jest.useRealTimers();
    }
  });

  test("a caller's minute starts at its first request and ends a minute later, when it is served again", async () => {
    const key = (
      await issueApiKey(limited.databases.hub, {
        organisationId: 'thurrock-council',
        role: 'ANALYST',
        label: 'window test',
        expiresInDays: 1,
      })
    ).token;
    const ask = async () => (await limited.post(JSON.stringify({ query: '{ __typename }' }), { 'x-api-key': key })).status;
    const start = Date.now();
    freezeDate(start);
    try {
      expect([await ask(), await ask(), await ask(), await ask()]).toEqual([200, 200, 200, 429]);
      jest.setSystemTime(start + 59_999);
      expect(await ask()).toBe(429);
      jest.setSystemTime(start + 60_000);
      expect(await ask()).toBe(200);
    } finally {
      jest.useRealTimers();
    }
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
    expect((await locked.gql(DASHBOARD)).body.data).toMatchObject({
      localities: { nodes: [{ code: 'FIX-A' }, { code: 'FIX-B' }, { code: 'FIX-C' }] },
    });
    const other = await locked.gql('{ partnerOrganisations { totalCount } }');
    expect(other.status).toBe(403);
    expect(other.body.errors![0]!.extensions!.code).toBe('OPERATION_NOT_ALLOWED');
  });
});
