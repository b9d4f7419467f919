import { issueApiKey, revokeApiKey } from '../src/auth/apiKeys';
import { startTestHub, type TestHub } from './support/testHub';

/**
 * A verified API key is remembered for API_KEY_CACHE_SECONDS: the repeat costs one
 * statement less. The bounds that make that safe are tested here: a wrong secret never
 * matches, a revocation bites once the seconds are up, and a key is never served past its
 * own expiry.
 */

const CACHE_SECONDS = 2;
const BUDGET = `{ budgetSummary(groupBy: [FUND]) { income { lines } expenditure { lines } } }`;
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub({ apiKeyCacheSeconds: CACHE_SECONDS });
});
afterAll(() => hub?.stop());

const newKey = () => issueApiKey(hub.databases.hub, { organisationId: 'thurrock-council', role: 'ANALYST', label: 'cache test', expiresInDays: 1 });
const withKey = (token: string) => hub.gql(BUDGET, undefined, { 'x-api-key': token });
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a key used again within the cache time is not read again', async () => {
  const { token } = await newKey();
  const first = await withKey(token);
  const second = await withKey(token);
  expect(first.body.data).toEqual({ budgetSummary: { income: { lines: 3 }, expenditure: { lines: 6 } } });
  expect(second.body.data).toEqual(first.body.data);
  expect(second.body.extensions!.sqlStatements!.bySource.hub).toBe(first.body.extensions!.sqlStatements!.bySource.hub - 1);
});

test('a wrong secret for a remembered key id is refused', async () => {
  const { token } = await newKey();
  expect((await withKey(token)).status).toBe(200);
  const forged = `${token.slice(0, 21)}${token[21] === 'A' ? 'B' : 'A'}${token.slice(22)}`;
  const refused = await withKey(forged);
  expect(refused.status).toBe(401);
  expect(refused.body.errors![0]!.message).toBe('The API key is not valid.');
});

test('a revoked key is refused once the cache time is up', async () => {
  const { id, token } = await newKey();
  expect((await withKey(token)).status).toBe(200);
  await revokeApiKey(hub.databases.hub, id);
  await wait(CACHE_SECONDS * 1000 + 200);
  const refused = await withKey(token);
  expect(refused.status).toBe(401);
  expect(refused.body.errors![0]!.message).toBe('The API key has been revoked.');
});

test('a key is not remembered past its own expiry', async () => {
  const { id, token } = await newKey();
  await hub.databases.hub.query(`UPDATE api_key SET expires_at = now() + interval '800 milliseconds' WHERE id = $1`, [id]);
  expect((await withKey(token)).status).toBe(200);
  await wait(1000);
  const refused = await withKey(token);
  expect(refused.status).toBe(401);
  expect(refused.body.errors![0]!.message).toBe('The API key has expired.');
});
