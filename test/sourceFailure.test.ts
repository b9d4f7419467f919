import { Writable } from 'node:stream';
import pino from 'pino';
import { closeDatabases, openDefaultDatabases } from '../src/db/databases';
import { sqlForRequest, StatementLog } from '../src/db/sql';
import { freezeDate } from './support/clock';
import { holdTable, lockWaiters, until } from './support/overlap';
import { startPartnerPostgres, type PartnerPostgres } from './support/partnerPostgres';
import { createTestDatabases, startTestHub, type GraphQLResponse, type TestHub } from './support/testHub';

/**
 * A partner's failure stays that partner's: the trust source lives on a PostgreSQL server
 * of its own, which is stopped (connections refused) and frozen (SIGSTOP: nothing answers)
 * while the hub serves. The hub answers with everyone else's facts and an error naming the
 * trust, within seconds, and recovers without a restart when the server is back.
 */

// The breaker's settings for every source; the trust's own short time limits, as SOURCES_FILE gives them.
const LIMITS = { connectTimeoutMs: 3_000, queryTimeoutMs: 5_000, failuresToOpen: 3, coolDownMs: 1_000, poolQueueMax: 1_000 };
const TRUST_LIMITS = { connectTimeoutMs: 1_000, queryTimeoutMs: 1_500 };
// Scheduling on a shared two-core machine beyond a read's deadline and the hub's own work.
const DEADLINE_SLACK_MS = 500;

const LOCALITY = `query {
  locality(code: "FIX-A") {
    name
    wards { totalCount }
    hubs { nodes { name sources { source nativeKey } } }
    estates { nodes { name sources { source nativeKey } } }
    services { nodes { name sources { source nativeKey } } }
  }
}`;

const TWO_LISTS = `query {
  localities { totalCount nodes { code } }
  estates(first: 50) { nodes { name sources { source } } }
  hubs(first: 50) { nodes { name } }
  services(first: 50) { totalCount nodes { name sources { source } } }
  filtered: services(first: 50, filter: { careSettings: [COMMUNITY] }) { nodes { name sources { source } } }
}`;
const HUB_ONLY = `query { partnerships { nodes { name members { nodes { name } } } } }`;

interface Named {
  name: string;
  sources: { source: string }[];
}
interface LocalityAnswer {
  locality: {
    name: string;
    wards: { totalCount: number } | null;
    hubs: { nodes: Named[] };
    estates: { nodes: Named[] };
    services: { nodes: Named[] };
  } | null;
}

let partner: PartnerPostgres;
let hub: TestHub;
let baseline: GraphQLResponse<LocalityAnswer>;
// What the locality costs this hub on this machine with every source answering, measured in this run.
let baselineMs = 0;

/**
 * Within the trust's read deadline: no more than the same question takes with the trust up,
 * plus the deadline, plus slack. Bounds relative to this run, not to a fixed number of
 * seconds a loaded machine may miss.
 */
const withinDeadline = (ms: number, deadlineMs = TRUST_LIMITS.queryTimeoutMs) =>
  expect(ms).toBeLessThan(baselineMs + deadlineMs + DEADLINE_SLACK_MS);

const fromTrust = (nodes: Named[]) => nodes.filter((n) => n.sources.some((s) => s.source === 'trust'));
// The records other sources hold (a merged name may change with the trust's record gone).
const notFromTrust = (nodes: Named[]) =>
  nodes
    .flatMap((n) =>
      n.sources.filter((s) => s.source !== 'trust').map((s) => `${s.source}:${(s as { nativeKey?: string }).nativeKey ?? n.name}`),
    )
    .sort();

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

async function readiness(): Promise<{
  status: number;
  body: { status: string; sources: Record<string, { state: string; kind: string; latencyMs: number }> };
}> {
  const response = await fetch(hub.url.replace(/\/graphql$/, '/health/ready'));
  return { status: response.status, body: (await response.json()) as never };
}

async function waitForTrust(state: string): Promise<void> {
  await until(async () => (await readiness()).body.sources.trust!.state === state, `the trust to be ${state}`);
}

function expectTrustMissing(response: GraphQLResponse<LocalityAnswer>): void {
  expect(response.status).toBe(200);
  const errors = response.body.errors ?? [];
  expect(errors).toHaveLength(1);
  expect(errors[0]!.extensions).toEqual({ code: 'SOURCE_UNAVAILABLE', source: 'trust', kind: 'trust-sites' });
  expect(errors[0]!.message).toMatch(/Source "trust" \(trust-sites\) is unavailable: .*health\/ready/);
  const locality = response.body.data!.locality!;
  const before = baseline.body.data!.locality!;
  // The registry's facts and the council's and CCG's records are all there; the trust's are not.
  expect(locality.name).toBe(before.name);
  expect(locality.wards).toEqual(before.wards);
  expect(fromTrust(locality.estates.nodes)).toEqual([]);
  expect(fromTrust(locality.services.nodes)).toEqual([]);
  expect(notFromTrust(locality.estates.nodes)).toEqual(notFromTrust(before.estates.nodes));
  expect(notFromTrust(locality.services.nodes)).toEqual(notFromTrust(before.services.nodes));
  expect(locality.hubs).toEqual(before.hubs);
}

beforeAll(async () => {
  partner = await startPartnerPostgres();
  await partner.createDatabase('trust_sites');
  hub = await startTestHub({ urls: { trust: partner.urlFor('trust_sites') }, sourceLimits: LIMITS, perSource: { trust: TRUST_LIMITS } });
  baseline = await hub.gql<LocalityAnswer>(LOCALITY);
  for (let n = 0; n < 3; n += 1) {
    hub.expireCaches();
    baselineMs = Math.max(baselineMs, (await timed(() => hub.gql(LOCALITY))).ms);
  }
}, 120_000);

afterAll(async () => {
  await hub?.stop();
  await partner?.close();
}, 60_000);

it('reads the trust from its own server while it is up', async () => {
  expect(baseline.body.errors).toBeUndefined();
  const locality = baseline.body.data!.locality!;
  expect(fromTrust(locality.estates.nodes).length).toBeGreaterThan(0);
  expect(fromTrust(locality.services.nodes).length).toBeGreaterThan(0);
  expect(notFromTrust(locality.estates.nodes).length).toBeGreaterThan(0);
  // Readiness is the last background probe's (HEALTH_REFRESH_MS): one on a busy machine may have missed the trust's deadline.
  const allUp = (r: Awaited<ReturnType<typeof readiness>>) =>
    ['hub', 'ccg', 'council', 'trust'].every((s) => r.body.sources[s]!.state === 'up');
  await until(async () => allUp(await readiness()), 'every source to be up');
  const ready = await readiness();
  expect(ready.status).toBe(200);
  expect(ready.body.status).toBe('ready');
});

/**
 * Runs `check` with the trust's server stopped (or frozen), then brings it back and waits
 * until the hub reads it again, so every test starts from a running trust whatever order
 * the tests run in. The answers read before the stop sit in the public response cache: they
 * are expired, as time would, so the next request really reads the sources.
 */
async function withTrust(state: 'stopped' | 'frozen', check: () => Promise<void>): Promise<void> {
  if (state === 'stopped') await partner.stop();
  else partner.freeze();
  hub.expireCaches();
  try {
    await check();
  } finally {
    if (state === 'stopped') await partner.start();
    else partner.thaw();
    await waitForTrust('up');
    hub.expireCaches();
  }
}

describe('with the trust server stopped', () => {
  it(
    'answers a locality with every other source and one error naming the trust',
    () =>
      withTrust('stopped', async () => {
        const { result, ms } = await timed(() => hub.gql<LocalityAnswer>(LOCALITY));
        expectTrustMissing(result);
        withinDeadline(ms);
      }),
    60_000,
  );

  it(
    'keeps every root field of a query that touches the trust, and answers hub-only questions in full',
    () =>
      withTrust('stopped', async () => {
        const [both, hubOnly] = await Promise.all([hub.gql<{ localities: { totalCount: number } }>(TWO_LISTS), hub.gql(HUB_ONLY)]);
        expect(both.body.data!.localities.totalCount).toBe(3);
        const data = both.body.data as unknown as Record<'estates' | 'services' | 'filtered', { nodes: Named[] }>;
        for (const list of ['estates', 'services', 'filtered'] as const) {
          expect(fromTrust(data[list].nodes)).toEqual([]);
          expect(data[list].nodes.length).toBeGreaterThan(0);
        }
        expect(both.body.errors!.map((e) => e.extensions)).toEqual([{ code: 'SOURCE_UNAVAILABLE', source: 'trust', kind: 'trust-sites' }]);
        expect(hubOnly.body.errors).toBeUndefined();
        expect(hubOnly.body.data).toBeTruthy();
      }),
    60_000,
  );

  it(
    'answers an estate only the trust knows as null with the error at its path',
    () =>
      withTrust('stopped', async () => {
        const id = Buffer.from('Estate:trust.site.ZRAT2').toString('base64url');
        const found = await hub.gql<{ node: unknown }>(`query($id: ID!) { node(id: $id) { id } }`, { id });
        expect(found.body.data).toEqual({ node: null });
        expect(found.body.errors).toEqual([
          {
            message: expect.stringMatching(/^Source "trust"/),
            locations: expect.anything(),
            path: ['node'],
            extensions: { code: 'SOURCE_UNAVAILABLE', source: 'trust', kind: 'trust-sites' },
          },
        ]);
      }),
    60_000,
  );

  it('opens the circuit after repeated failures, /health/ready reports the trust while staying ready, and it recovers without a restart', async () => {
    await withTrust('stopped', async () => {
      for (let i = 0; i < LIMITS.failuresToOpen; i += 1) await hub.gql(LOCALITY);
      const result = await hub.gql<LocalityAnswer>(LOCALITY);
      expectTrustMissing(result);
      // Answered by the open circuit itself, without trying the trust (and so without its deadline).
      expect(result.body.errors![0]!.message).toMatch(/not being asked until it recovers/);
      const ready = await readiness();
      expect(ready.status).toBe(200);
      expect(ready.body.sources.hub!.state).toBe('up');
      expect(['down', 'open']).toContain(ready.body.sources.trust!.state);
      expect(ready.body.sources.trust!.kind).toBe('trust-sites');
    });
    // withTrust has started the server again and seen the trust answer: no restart of the hub.
    const after = await hub.gql<LocalityAnswer>(LOCALITY);
    expect(after.body).toEqual({ ...baseline.body, extensions: expect.anything() });
  }, 60_000);
});

describe('with the trust server frozen (SIGSTOP) mid-service', () => {
  it('answers within seconds with the others and an error naming the trust, holds no other question up, and recovers once it runs again', async () => {
    await withTrust('frozen', async () => {
      const [locality, others] = await Promise.all([
        timed(() => hub.gql<LocalityAnswer>(LOCALITY)),
        timed(() => Promise.all(Array.from({ length: 20 }, () => hub.gql(HUB_ONLY)))),
      ]);
      expectTrustMissing(locality.result);
      expect(locality.result.body.errors![0]!.message).toMatch(/within (1000|1500) ms/);
      withinDeadline(locality.ms);
      for (const answer of others.result) expect(answer.body.errors).toBeUndefined();
      expect(others.ms).toBeLessThan(locality.ms);
    });
    const after = await hub.gql<LocalityAnswer>(LOCALITY);
    expect(after.body).toEqual({ ...baseline.body, extensions: expect.anything() });
  }, 60_000);
});

describe('with the trust server frozen, reads waiting for a connection or connecting anew', () => {
  it('answers /health/ready at once from its last probes, and the next probe finds the trust down', async () => {
    await withTrust('frozen', async () => {
      const answers = await Promise.all(Array.from({ length: 20 }, readiness));
      for (const answer of answers) expect(answer.status).toBe(200);
      // Read from the background probes, not probed per request: the twenty carry one probe's
      // finding (or two, where a round of probes ended mid-burst), not twenty of their own.
      const probes = new Set(answers.map((a) => `${a.body.sources.trust!.state}:${a.body.sources.trust!.latencyMs}`));
      expect(probes.size).toBeLessThanOrEqual(2);
      await until(async () => (await readiness()).body.sources.trust!.state !== 'up', 'readiness to see the trust frozen');
    });
  }, 60_000);

  it('answers every request within DB_QUERY_TIMEOUT_MS: the deadline covers the pool wait and the connect', async () => {
    // More requests than the trust's pool has connections: some wait for one, some open new ones to the frozen server.
    // Each its own (unused) variable, so the public cache does not make them wait for one another.
    const burst = () => Promise.all(Array.from({ length: 30 }, (_, n) => timed(() => hub.gql<LocalityAnswer>(LOCALITY, { n }))));
    hub.expireCaches();
    // What the same burst costs the hub with every source answering: the frozen trust may add one read's deadline.
    const slowestUp = Math.max(...(await burst()).map((a) => a.ms));
    await withTrust('frozen', async () => {
      for (const { result, ms } of await burst()) {
        expect(result.status).toBe(200);
        expect(result.body.errors!.map((e) => e.extensions?.source)).toEqual(['trust']);
        expect(ms).toBeLessThan(TRUST_LIMITS.queryTimeoutMs + slowestUp + DEADLINE_SLACK_MS);
      }
    });
  }, 60_000);
});

describe('a read held by a lock in a healthy trust database', () => {
  it('misses its deadline as the hub busy, not the trust down, while the trust answers other reads; its circuit stays closed', async () => {
    hub.expireCaches();
    const lock = await holdTable(hub.databases.trust, 'site');
    let held: Promise<GraphQLResponse<LocalityAnswer>> | undefined;
    try {
      held = hub.gql<LocalityAnswer>(LOCALITY);
      await until(async () => (await lockWaiters(hub.databases.trust)) > 0, 'the locality to wait on the lock');
      // The trust answers another read through the same guard while the locality's waits.
      const other = sqlForRequest(hub.databases, new StatementLog()).trust!;
      expect(await other.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      const answer = await held;
      const errors = answer.body.errors ?? [];
      expect(errors.map((e) => e.extensions)).toEqual([{ code: 'SERVER_BUSY', source: 'trust' }]);
      expect(errors[0]!.message).toMatch(/answered other reads meanwhile, but not this one within 1500 ms\. Source "trust" is not down/);
    } finally {
      await lock.release();
    }
    expect((await readiness()).body.sources.trust!.state).toBe('up');
    hub.expireCaches();
    expect((await hub.gql<LocalityAnswer>(LOCALITY)).body.errors).toBeUndefined();
  }, 60_000);
});

describe('start-up and the log, with the trust server down', () => {
  it('waits for it, naming it in the log, and starts once it is up', async () => {
    await partner.stop();
    const created = await createTestDatabases();
    const lines: { msg: string; source?: string }[] = [];
    const logger = pino(
      { level: 'warn' },
      new Writable({
        write: (chunk: Buffer, _e, done) => {
          lines.push(JSON.parse(chunk.toString()) as never);
          done();
        },
      }),
    );
    const opening = openDefaultDatabases(
      { ...created.urls, trust: partner.urlFor('trust_sites') },
      { poolMax: 2, statementTimeoutMs: 10_000, limits: LIMITS, startWaitMs: 60_000, logger },
    );
    try {
      await until(
        () => lines.some((l) => l.source === 'trust' && /waiting for source "trust"/.test(l.msg)),
        'the log line naming the trust',
      );
      await partner.start();
      const databases = await opening;
      const [row] = await databases.trust.query<{ n: string }[]>('SELECT count(*) AS n FROM site');
      expect(Number(row!.n)).toBeGreaterThan(0);
    } finally {
      await partner.start();
      await opening.then(closeDatabases, () => undefined);
      await created.drop();
    }
  }, 90_000);

  it('logs the circuit opening with the reason, and closing when the source answers again', async () => {
    const created = await createTestDatabases();
    const lines: { msg: string; source?: string; reason?: string }[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write: (chunk: Buffer, _e, done) => {
          lines.push(JSON.parse(chunk.toString()) as never);
          done();
        },
      }),
    );
    const databases = await openDefaultDatabases(
      { ...created.urls, trust: partner.urlFor('trust_sites') },
      { poolMax: 2, statementTimeoutMs: 10_000, limits: LIMITS, logger },
    );
    const read = () => sqlForRequest(databases, new StatementLog()).trust!.query('SELECT 1 AS one');
    try {
      // cockatiel times the cool-down with Date.now(): the date stands still (timers, sockets
      // and PostgreSQL run as ever) and the test moves it past the cool-down, instead of sleeping.
      freezeDate(Date.now());
      await partner.stop();
      for (let i = 0; i < LIMITS.failuresToOpen; i += 1)
        await expect(read()).rejects.toMatchObject({ extensions: { code: 'SOURCE_UNAVAILABLE', source: 'trust' } });
      expect(lines).toContainEqual(
        expect.objectContaining({ source: 'trust', reason: 'it refused the connection', msg: expect.stringMatching(/failed repeatedly/) }),
      );
      await partner.start();
      // Up again, but the circuit stays open until the cool-down has passed: no read reaches it.
      await expect(read()).rejects.toThrow(/not being asked until it recovers/);
      jest.setSystemTime(Date.now() + LIMITS.coolDownMs + 1);
      expect(await read()).toEqual([{ one: 1 }]);
      expect(lines).toContainEqual(expect.objectContaining({ source: 'trust', msg: 'source "trust" answers again' }));
    } finally {
      jest.useRealTimers();
      await partner.start();
      await closeDatabases(databases);
      await created.drop();
    }
  }, 60_000);

  it('gives up after the wait, naming the source', async () => {
    await partner.stop();
    const created = await createTestDatabases();
    try {
      await expect(
        openDefaultDatabases(
          { ...created.urls, trust: partner.urlFor('trust_sites') },
          { poolMax: 2, statementTimeoutMs: 10_000, startWaitMs: 1_000 },
        ),
      ).rejects.toThrow(/^Source "trust" is not reachable \(.*\); waited 1 s\.$/);
    } finally {
      await created.drop();
      await partner.start();
    }
  }, 60_000);
});

describe('with the council server stopped', () => {
  let councilHub: TestHub;
  const QUERY = `query {
    locality(code: "FIX-A") {
      name
      partnership { name deliveryPlans { title } }
      wards { totalCount }
      namedWards: wards { nodes { name } }
      engagementActivities { title }
      hubs { nodes { name sources { source nativeKey } } }
      estates { nodes { name sources { source nativeKey } } }
    }
    deliveryPlans { totalCount }
    partnerships { totalCount }
  }`;
  type Answer = {
    locality: {
      name: string;
      partnership: { name: string; deliveryPlans: unknown };
      wards: unknown;
      namedWards: unknown;
      engagementActivities: unknown;
      hubs: { nodes: Named[] };
      estates: { nodes: Named[] };
    };
    deliveryPlans: unknown;
    partnerships: { totalCount: number };
  };

  beforeAll(async () => {
    await partner.createDatabase('council_registers');
    councilHub = await startTestHub({ urls: { council: partner.urlFor('council_registers') }, sourceLimits: LIMITS });
  }, 120_000);
  afterAll(() => councilHub?.stop(), 60_000);

  it('keeps the locality and the registry: the fields only the council holds are null with its error', async () => {
    const before = await councilHub.gql<Answer>(QUERY);
    expect(before.body.errors).toBeUndefined();
    await partner.stop();
    councilHub.expireCaches();
    try {
      const after = await councilHub.gql<Answer>(QUERY);
      const data = after.body.data!;
      expect(data.locality.name).toBe(before.body.data!.locality.name);
      expect(data.locality.partnership.name).toBe(before.body.data!.locality.partnership.name);
      expect(data.partnerships).toEqual(before.body.data!.partnerships);
      // Which wards a locality has is the registry's; what they are called is the council's.
      expect(data.locality.wards).toEqual(before.body.data!.locality.wards);
      expect([
        data.locality.namedWards,
        data.locality.engagementActivities,
        data.locality.partnership.deliveryPlans,
        data.deliveryPlans,
      ]).toEqual([null, null, null, null]);
      // The CCG's hubs are all there; the council's are not.
      const ccgHubs = (nodes: Named[]) => nodes.filter((n) => n.sources.some((s) => s.source === 'ccg')).map((n) => n.name);
      expect(ccgHubs(data.locality.hubs.nodes)).toEqual(ccgHubs(before.body.data!.locality.hubs.nodes));
      expect(data.locality.hubs.nodes.filter((n) => n.sources.some((s) => s.source === 'council'))).toEqual([]);
      const errors = after.body.errors!;
      expect(errors.length).toBeGreaterThan(0);
      for (const error of errors)
        expect(error.extensions).toEqual({ code: 'SOURCE_UNAVAILABLE', source: 'council', kind: 'council-registers' });
      expect(errors.map((e) => e.path?.join('.'))).toEqual(expect.arrayContaining(['locality.namedWards', 'deliveryPlans']));
    } finally {
      await partner.start();
    }
  }, 60_000);
});

describe("with the hub's own registry stopped", () => {
  let registryHub: TestHub;

  beforeAll(async () => {
    await partner.createDatabase('hub_registry');
    registryHub = await startTestHub({ urls: { hub: partner.urlFor('hub_registry') }, sourceLimits: LIMITS });
  }, 120_000);
  afterAll(() => registryHub?.stop(), 60_000);

  it('is not ready (503), says the registry is down, and answers GraphQL at once with the coded error', async () => {
    const readyUrl = registryHub.url.replace(/\/graphql$/, '/health/ready');
    expect((await fetch(readyUrl)).status).toBe(200);
    await partner.stop();
    registryHub.expireCaches();
    try {
      // /health/ready answers from the last background probe (HEALTH_REFRESH_MS): the next one finds the registry down.
      await until(async () => (await fetch(readyUrl)).status === 503, 'readiness to see the registry down');
      const response = await fetch(readyUrl);
      const body = (await response.json()) as { status: string; sources: Record<string, { state: string }> };
      expect(response.status).toBe(503);
      expect(body.status).toBe('not ready');
      expect(body.sources.hub!.state).not.toBe('up');
      expect(body.sources.trust!.state).toBe('up');
      expect((await fetch(registryHub.url.replace(/\/graphql$/, '/health/live'))).status).toBe(200);
      const result = await registryHub.gql(`{ localities { totalCount } }`);
      expect(result.body.data).toBeNull();
      expect(result.body.errors!.map((e) => e.extensions)).toEqual([{ code: 'SOURCE_UNAVAILABLE', source: 'hub', kind: 'hub-registry' }]);
      expect(result.body.errors![0]!.message).toMatch(/refused the connection|not being asked until it recovers/);
    } finally {
      await partner.start();
    }
  }, 60_000);
});
