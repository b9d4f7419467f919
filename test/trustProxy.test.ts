import { ConfigError, loadConfig } from '../src/config/config';
import { freezeDate } from './support/clock';
import { startTestHub, type TestHub } from './support/testHub';

/**
 * Behind a balancer (docker/compose.yml's nginx) every caller arrives from the balancer's
 * address. With TRUST_PROXY naming it, the address limit counts the caller X-Forwarded-For
 * gives; without it, that header is the caller's own claim and is ignored.
 */

/** Anonymous requests, each claiming to come from `from`, within one frozen minute (the limiter reads Date.now()). */
async function statuses(hub: TestHub, from: string[]): Promise<number[]> {
  freezeDate(Date.now());
  try {
    const seen: number[] = [];
    for (const address of from)
      seen.push((await hub.post(JSON.stringify({ query: '{ __typename }' }), { 'x-forwarded-for': address })).status);
    return seen;
  } finally {
    jest.useRealTimers();
  }
}

describe('with the balancer trusted (TRUST_PROXY=loopback)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ requestsPerMinute: 2, env: { TRUST_PROXY: 'loopback' } });
  });
  afterAll(() => hub.stop());

  test('each forwarded caller has its own allowance', async () => {
    expect(await statuses(hub, ['203.0.113.1', '203.0.113.1', '203.0.113.1', '203.0.113.2', '203.0.113.2'])).toEqual([
      200, 200, 429, 200, 200,
    ]);
  });
});

describe('without TRUST_PROXY (the default)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ requestsPerMinute: 2 });
  });
  afterAll(() => hub.stop());

  test('X-Forwarded-For is ignored: a caller cannot pick the address it is counted against', async () => {
    expect(await statuses(hub, ['203.0.113.1', '203.0.113.2', '203.0.113.3'])).toEqual([200, 200, 429]);
  });
});

test('TRUST_PROXY takes hops or proxies, and refuses anything else with the reason', () => {
  expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
  expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8']);
  expect(loadConfig({}).trustProxy).toBe(false);
  expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(ConfigError);
  expect(() => loadConfig({ TRUST_PROXY: 'nginx' })).toThrow(/TRUST_PROXY: "nginx" is not a number of hops/);
});
