import { randomBytes } from 'node:crypto';
import { issueApiKey } from '../../src/auth/apiKeys';
import { startTestHub, type TestHub } from '../support/testHub';

/**
 * Limits count callers, not strings: made-up keys share their address's allowance, a key
 * that is refused once is refused again without a trip to the key table, an authenticated
 * caller has its own allowance, and the cost limit counts the page a list will have.
 */

const LIMIT = 10;
let limited: TestHub;
let open: TestHub;

beforeAll(async () => {
  [limited, open] = await Promise.all([startTestHub({ requestsPerMinute: LIMIT }), startTestHub()]);
});
afterAll(async () => {
  await Promise.all([limited?.stop(), open?.stop()]);
});

const QUERY = JSON.stringify({ query: '{ __typename }' });
const madeUpKey = () => `ich_${randomBytes(8).toString('hex')}.${randomBytes(32).toString('base64url')}`;
const codeOf = async (response: Response) =>
  ((await response.json()) as { errors?: { extensions: { code: string } }[] }).errors?.[0]?.extensions.code;

async function statuses(n: number, headers: () => Record<string, string>): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < n; i += 1) seen.push((await limited.post(QUERY, headers())).status);
  return seen;
}

// One test, in this order: the made-up keys spend the address's allowance, which signed-in keys do not share.
test('rate limits by caller: each signed-in key has its own allowance; made-up keys and anonymous requests share their address allowance', async () => {
  const issue = async () =>
    (await issueApiKey(limited.databases.hub, { organisationId: 'nelft', role: 'ANALYST', label: 'limits', expiresInDays: 1 })).token;
  const [a, b] = [await issue(), await issue()];
  expect(await statuses(LIMIT + 1, () => ({ 'x-api-key': a }))).toEqual([...Array<number>(LIMIT).fill(200), 429]);
  expect(await statuses(1, () => ({ 'x-api-key': b }))).toEqual([200]);

  // Made-up keys: 401 until the address's allowance is spent, then 429 RATE_LIMITED.
  const seen = await statuses(LIMIT + 5, () => ({ 'x-api-key': madeUpKey() }));
  expect(seen).toEqual([...Array<number>(LIMIT).fill(401), ...Array<number>(5).fill(429)]);
  const refused = await limited.post(QUERY, { 'x-api-key': madeUpKey() });
  expect(await codeOf(refused)).toBe('RATE_LIMITED');
  // Anonymous requests from the same address share that allowance.
  expect(await statuses(1, () => ({}))).toEqual([429]);
  // A valid key from that same address keeps its own allowance: a neighbour's made-up keys cannot lock it out.
  expect(await statuses(1, () => ({ 'x-api-key': b }))).toEqual([200]);
});

test('a refused key is refused again without a database round trip', async () => {
  const unknown = madeUpKey();
  const first = await open.post(QUERY, { 'x-api-key': unknown });
  expect([first.status, await codeOf(first)]).toEqual([401, 'UNAUTHENTICATED']);
  // With the key table gone, a key that needed reading would fail with a server error.
  await open.databases.hub.query(`ALTER TABLE api_key RENAME TO api_key_away`);
  try {
    for (const key of [unknown, unknown, 'not-a-key']) {
      const again = await open.post(QUERY, { 'x-api-key': key });
      expect([again.status, await codeOf(again)]).toEqual([401, 'UNAUTHENTICATED']);
    }
  } finally {
    await open.databases.hub.query(`ALTER TABLE api_key_away RENAME TO api_key`);
  }
});

test('the cost limit counts the default page of a list whose `first` is left out', async () => {
  const nest = (first: string) =>
    `{ localities${first} { nodes { hubs${first} { nodes { services${first} { nodes { estate { services${first} { nodes { hub { services${first} { nodes { name } } } } } } } } } } } } }`;
  const explicit = await open.gql(nest('(first: 20)'));
  const omitted = await open.gql(nest(''));
  expect(explicit.status).toBe(400);
  expect(omitted.status).toBe(400);
  expect(omitted.body.errors![0]!.message).toBe(explicit.body.errors![0]!.message);
  expect(omitted.body.errors![0]!.message).toMatch(/Query Cost limit of \d+ exceeded/);
  // A variable counts as its value.
  const asVariable = await open.gql(`query($n: Int) ${nest('(first: $n)')}`, { n: 20 });
  expect(asVariable.body.errors![0]!.message).toBe(explicit.body.errors![0]!.message);
  expect((await open.gql(nest('(first: 1)'))).status).toBe(200);
});
