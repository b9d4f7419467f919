import { revokeApiKey, type KeyHolder } from '../src/auth/apiKeys';
import { VerifiedKeyCache } from '../src/auth/verifiedKeyCache';
import { TestClock } from './support/clock';
import { startTestHub, type TestHub } from './support/testHub';
import { apiKey } from './support/testkit';

/**
 * A verified API key is remembered for API_KEY_CACHE_SECONDS (the production default here):
 * the repeat costs one statement less. The bounds that make that safe are tested here: a
 * wrong secret never matches, a revocation bites once the seconds are up, and a key is never
 * served past its own expiry. Time is a test clock, moved forward by the test.
 */

const BUDGET = `{ budgetSummary(groupBy: [FUND]) { income { lines } expenditure { lines } } }`;
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

const newKey = async () => {
  const token = await apiKey(hub.databases, 'thurrock-council', 'ANALYST');
  return { token, id: token.slice(4, 20) };
};
const withKey = (token: string) => hub.gql(BUDGET, undefined, { 'x-api-key': token });
const lifetimeMs = () => hub.config.apiKeyCacheSeconds * 1000;

test('the production default remembers keys', () => {
  expect(hub.config.apiKeyCacheSeconds).toBeGreaterThan(0);
});

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

test('a revoked key is served until the cache time is up, then refused', async () => {
  const { id, token } = await newKey();
  expect((await withKey(token)).status).toBe(200);
  expect(await revokeApiKey(hub.databases.hub, id)).toBe(true);
  hub.clock.advance(lifetimeMs());
  expect((await withKey(token)).status).toBe(200);
  hub.clock.advance(1);
  const refused = await withKey(token);
  expect(refused.status).toBe(401);
  expect(refused.body.errors![0]!.message).toBe('The API key has been revoked.');
});

describe('the cache on its own', () => {
  const holder = (expiresAt: number): KeyHolder => ({
    id: 'k',
    role: 'ANALYST',
    organisationId: 'o',
    grants: null,
    expiresAt: new Date(expiresAt),
  });

  test('a key is not remembered past its own expiry', () => {
    const clock = new TestClock();
    const cache = new VerifiedKeyCache(5, clock);
    cache.remember('token', holder(clock.now() + 1000));
    clock.advance(1000);
    expect(cache.get('token')).toMatchObject({ id: 'k' });
    clock.advance(1);
    expect(cache.get('token')).toBeUndefined();
  });

  test('an expired key is never remembered; 0 seconds remembers nothing', () => {
    const clock = new TestClock();
    const cache = new VerifiedKeyCache(5, clock);
    cache.remember('token', holder(clock.now()));
    expect(cache.get('token')).toBeUndefined();
    const off = new VerifiedKeyCache(0, clock);
    off.remember('token', holder(clock.now() + 60_000));
    expect(off.get('token')).toBeUndefined();
  });
});
