import { Client } from 'pg';
import { holdTable, until } from './support/overlap';
import { startPartnerPostgres, type PartnerPostgres } from './support/partnerPostgres';
import { startTestHub, type GraphQLResponse, type TestHub } from './support/testHub';

/**
 * The connection budget (src/db/connectionBudget.ts) and pool waits (src/db/sourceGuard.ts).
 * Every source of a hub shares one small PostgreSQL server (max_connections 30), as the
 * demo's twenty share the embedded one: pools sized alone (4 × 10) would ask for more than
 * it allows, and its refusals ("too many clients already") would be reported as partners
 * down. Sized to fit, a burst of requests waits for connections and every answer is whole.
 */

const MAX_CONNECTIONS = 30;
const LOCALITY = `query($code: String!) {
  locality(code: $code) {
    name
    wards { totalCount }
    hubs { nodes { name sources { source } } }
    estates { nodes { name sources { source } } }
    services { nodes { name sources { source } } }
  }
}`;

type Answer = GraphQLResponse<{ locality: { name: string } | null }>;
const codesOf = (answer: Answer) => (answer.body.errors ?? []).map((e) => e.extensions?.code);

let partner: PartnerPostgres;

beforeAll(async () => {
  partner = await startPartnerPostgres({ maxConnections: MAX_CONNECTIONS });
  for (const database of ['hub_registry', 'ccg_primary_care', 'council_registers', 'trust_sites']) await partner.createDatabase(database);
}, 120_000);

afterAll(async () => {
  await partner?.close();
}, 60_000);

/** The hub's connections to the partner server, as PostgreSQL counts them. */
async function hubConnections(): Promise<number> {
  const client = new Client({ connectionString: partner.urlFor('postgres') });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE starts_with(application_name, 'integrated-care-hub:')`,
    );
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

describe('four sources on one server that allows 30 connections, each pool configured at 10', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub({
      urls: {
        hub: partner.urlFor('hub_registry'),
        ccg: partner.urlFor('ccg_primary_care'),
        council: partner.urlFor('council_registers'),
        trust: partner.urlFor('trust_sites'),
      },
      env: { DB_POOL_MAX: '10', RESPONSE_CACHE_SECONDS: '0', RATE_LIMIT_PER_MINUTE: '100000' },
    });
  }, 120_000);
  afterAll(() => hub?.stop(), 60_000);

  it('answers 60 concurrent locality queries in full: waiting for a connection is no outage', async () => {
    const codes = ['FIX-A', 'FIX-B', 'FIX-C'];
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => hub.gql(LOCALITY, { code: codes[i % codes.length] }) as Promise<Answer>),
    );
    for (const answer of answers) {
      expect(codesOf(answer)).toEqual([]);
      expect(answer.status).toBe(200);
      expect(answer.body.data!.locality!.name).toEqual(expect.any(String));
    }
    // 30 less 3 reserved less the default headroom of 10, shared by four pools.
    expect(await hubConnections()).toBeLessThanOrEqual(MAX_CONNECTIONS - 3 - 10);
  }, 60_000);

  it('keeps the headroom free: a client beside the busy hub still connects', async () => {
    const busy = Promise.all(Array.from({ length: 30 }, () => hub.gql(LOCALITY, { code: 'FIX-A' }) as Promise<Answer>));
    const beside = new Client({ connectionString: partner.urlFor('postgres') });
    await beside.connect();
    await beside.end();
    for (const answer of await busy) expect(codesOf(answer)).toEqual([]);
  }, 60_000);
});

it('refuses to start where the server cannot give each pool one connection, naming the server and what to change', async () => {
  await expect(
    startTestHub({ urls: { trust: partner.urlFor('trust_sites') }, env: { HUB_PROCESSES: '20' } }).then((hub) => hub.stop()),
  ).rejects.toThrow(
    /^Server 127\.0\.0\.1:\d+ leaves 0 connections per hub process \(max_connections 30, 3 reserved, DB_SERVER_HEADROOM 10, HUB_PROCESSES 20\): too few for its 1 pools/,
  );
}, 60_000);

describe('a pool with every connection in use and no room in its queue', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub({ perSource: { trust: { poolMax: 2 } }, env: { DB_POOL_QUEUE_MAX: '0', RESPONSE_CACHE_SECONDS: '0' } });
  }, 120_000);
  afterAll(() => hub?.stop(), 60_000);

  it('answers SERVER_BUSY (503, Retry-After), never the trust unavailable, and leaves its circuit closed', async () => {
    // One connection holds the trust's sites locked; a first request takes the other and waits on the lock.
    const lock = await holdTable(hub.databases.trust, 'site');
    let first: Promise<Answer> | undefined;
    try {
      first = hub.gql(LOCALITY, { code: 'FIX-A' }) as Promise<Answer>;
      await until(async () => {
        const [row] = await hub.databases.hub.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND application_name = 'integrated-care-hub:trust'`,
        );
        return row!.n > 0;
      }, 'the first request to wait on the lock');
      const busy = (await hub.gql(LOCALITY, { code: 'FIX-B' })) as Answer;
      expect(busy.status).toBe(503);
      expect(busy.headers.get('retry-after')).toBe('1');
      expect(codesOf(busy)).toContain('SERVER_BUSY');
      expect(codesOf(busy)).not.toContain('SOURCE_UNAVAILABLE');
      expect(busy.body.errors!.find((e) => e.extensions?.code === 'SERVER_BUSY')).toMatchObject({
        message: expect.stringMatching(/^The hub is busy: .*; it was not asked\. Source "trust" is not down/),
        extensions: { code: 'SERVER_BUSY', source: 'trust' },
      });
    } finally {
      await lock.release();
    }
    expect(codesOf(await first!)).toEqual([]);
    const metrics = await (await fetch(hub.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(metrics).toMatch(/hub_source_circuit_state\{source="trust",role="primary",state="closed"\} 1/);
  }, 60_000);
});
