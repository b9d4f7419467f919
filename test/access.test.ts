import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { issueApiKey, revokeApiKey } from '../src/auth/apiKeys';
import { addPeopleIndicator } from './support/peopleIndicator';
import { ingestRows } from './support/testkit';
import { startTestHub, type TestHub } from './support/testHub';

/** Who may see what: each role's view of the same query, scoping by partnership, and refused credentials. */

const ISSUER = 'https://idp.fixture.example';
const AUDIENCE = 'integrated-care-hub';

let hub: TestHub;
let privateKey: KeyLike;
let strangerKey: KeyLike;
const keys: Record<string, string> = {};

beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  privateKey = pair.privateKey;
  strangerKey = (await generateKeyPair('ES256')).privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'fixture', alg: 'ES256' };
  hub = await startTestHub({ jwt: { jwks: { keys: [jwk] }, issuer: ISSUER, audience: AUDIENCE } });
  const issue = async (name: string, organisationId: string | null, role: 'ANALYST' | 'EDITOR' | 'ADMIN', days = 1) => {
    keys[name] = (await issueApiKey(hub.databases.hub, { organisationId, role, label: name, expiresInDays: days })).token;
  };
  await issue('council', 'thurrock-council', 'ANALYST');
  await issue('admin', null, 'ADMIN');
  await issue('revoked', 'thurrock-council', 'ANALYST');
  await issue('expired', 'thurrock-council', 'ANALYST', 0);
  await revokeApiKey(hub.databases.hub, keys.revoked!.slice(4, 20));
  // An outsider: a real organisation that is in no partnership with the fixture fund.
  await ingestRows(hub.databases, 'hub', 'partner_organisation', [
    { id: 'outsider', name: 'Outsider Council', kind: 'COUNCIL', sector: 'STATUTORY', gss_code: 'E06000099' },
  ]);
  await issue('outsider', 'outsider', 'ANALYST');
});
afterAll(async () => {
  await hub.stop();
});

const as = (name?: string): Record<string, string> => (name ? { 'x-api-key': keys[name]! } : {});
const token = (claims: Record<string, unknown>, options: { key?: KeyLike; issuer?: string; expiresIn?: string } = {}) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: 'fixture' })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(AUDIENCE)
    .setSubject('user-1')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(options.key ?? privateKey);

const VIEW = `{
  deliveryPlans { nodes { actions(first: 1) { nodes { title comments status { rag comment } } } } }
  locality(code: "FIX-A") { estates { nodes { name status tenure proposedReuse } } }
  budgetSummary(groupBy: [FUND]) { income { planned } }
}`;

describe("each role's view of the same query", () => {
  test('the public sees public fields; partner fields are null with FORBIDDEN errors naming them', async () => {
    const { body } = await hub.gql<{ deliveryPlans: { nodes: { actions: { nodes: Record<string, unknown>[] } }[] } }>(
      VIEW,
      undefined,
      as(),
    );
    const action = body.data!.deliveryPlans.nodes[0]!.actions.nodes[0]!;
    expect(action).toEqual({ title: 'Open community nursing hub', comments: null, status: { rag: 'RED', comment: null } });
    const forbidden = body.errors!.map((e) => e.message).join('\n');
    expect(body.errors!.every((e) => e.extensions!.code === 'FORBIDDEN')).toBe(true);
    expect(forbidden).toContain('PlanAction.comments is for partner callers');
    expect(forbidden).toContain('Estate.proposedReuse');
    expect(forbidden).toContain('Query.budgetSummary');
  });

  test("the public sees estates in use, but not partners' disposal plans", async () => {
    const { body } = await hub.gql<{ locality: { estates: { nodes: { name: string; status: string | null }[] } } }>(
      `{ locality(code: "FIX-A") { estates { nodes { name status } } } }`,
      undefined,
      as(),
    );
    const byName = Object.fromEntries(body.data!.locality.estates.nodes.map((e) => [e.name, e.status]));
    expect(byName['Fixture Depot A']).toBeNull(); // SURPLUS in the council's register
    expect(Object.values(byName)).toContain('IN_USE');
    const partner = await hub.gql<{ locality: { estates: { nodes: { name: string; status: string }[] } } }>(
      `{ locality(code: "FIX-A") { estates { nodes { name status } } } }`,
      undefined,
      as('council'),
    );
    expect(partner.body.data!.locality.estates.nodes.find((e) => e.name === 'Fixture Depot A')!.status).toBe('SURPLUS');
  });

  test('a partner analyst sees the partner fields and its partnership budget', async () => {
    const { body } = await hub.gql<{
      deliveryPlans: { nodes: { actions: { nodes: Record<string, unknown>[] } }[] };
      budgetSummary: { income: { planned: string } };
    }>(VIEW, undefined, as('council'));
    expect(body.errors).toBeUndefined();
    expect(body.data!.deliveryPlans.nodes[0]!.actions.nodes[0]).toEqual({
      title: 'Open community nursing hub',
      comments: 'Behind schedule',
      status: { rag: 'RED', comment: 'Missed the March deadline' },
    });
    expect(body.data!.budgetSummary.income.planned).toBe('2600000.50');
  });

  test("a partner of another partnership sees none of this partnership's budget detail", async () => {
    const { body } = await hub.gql(
      `{ budgetSummary(groupBy: [FUND]) { groups { figures { planned } } income { planned lines } expenditure { planned lines } } }`,
      undefined,
      as('outsider'),
    );
    expect(body.data!).toEqual({
      budgetSummary: { groups: [], income: { planned: '0.00', lines: 0 }, expenditure: { planned: '0.00', lines: 0 } },
    });
    const asked = await hub.gql(`{ fund: funds { id } }`, undefined, as('outsider'));
    const fundId = (asked.body.data as { fund: { id: string }[] }).fund[0]!.id;
    const refused = await hub.gql(
      `query($f: ID) { budgetSummary(groupBy: [FUND], filter: { fundId: $f }) { total { planned } } }`,
      { f: fundId },
      as('outsider'),
    );
    expect(refused.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(refused.body.errors![0]!.message).toContain("shared only as its partnership's data-sharing agreement says");
  });

  test("an administrator sees everything: partner fields and every partnership's budget", async () => {
    type View = {
      deliveryPlans: { nodes: { actions: { nodes: Record<string, unknown>[] } }[] };
      locality: { estates: { nodes: { name: string; status: string; tenure: string | null; proposedReuse: string | null }[] } };
      budgetSummary: { income: { planned: string } };
    };
    const { body } = await hub.gql<View>(VIEW, undefined, as('admin'));
    expect(body.errors).toBeUndefined();
    expect(body.data!.deliveryPlans.nodes[0]!.actions.nodes[0]).toEqual({
      title: 'Open community nursing hub',
      comments: 'Behind schedule',
      status: { rag: 'RED', comment: 'Missed the March deadline' },
    });
    expect(body.data!.locality.estates.nodes.find((e) => e.name === 'Fixture Depot A')).toMatchObject({ status: 'SURPLUS' });
    // Every partnership's contributions (income), read from each ledger: all of them, for an administrator.
    const CONTRIBUTIONS = `SELECT coalesce(sum(planned), 0)::text AS planned FROM ledger_line WHERE withdrawn_at IS NULL AND line_kind = 'CONTRIBUTION'`;
    const everything = await hub.databases.council.query<{ planned: string }[]>(CONTRIBUTIONS);
    const ccg = await hub.databases.ccg.query<{ planned: string }[]>(CONTRIBUTIONS);
    const trust = await hub.databases.trust.query<{ planned: string }[]>(CONTRIBUTIONS);
    const total = [everything, ccg, trust].reduce((sum, [row]) => sum + Math.round(Number(row!.planned) * 100), 0);
    expect(body.data!.budgetSummary.income.planned).toBe((total / 100).toFixed(2));
  });
});

describe('small numbers', () => {
  beforeAll(() => addPeopleIndicator(hub.databases));
  const Q = `{ locality(code: "FIX-A") { indicators { indicator { name } values { period value numerator suppressed rag { status reason } } } } }`;
  type Result = { locality: { indicators: { indicator: { name: string }; values: Record<string, unknown>[] }[] } };
  const people = (r: Result) => r.locality.indicators.find((i) => i.indicator.name === 'Fixture people waiting')!.values;

  test('counts below the threshold are withheld from the public and flagged, never dropped', async () => {
    const { body } = await hub.gql<Result>(Q, undefined, as());
    expect(people(body.data!)).toEqual([
      {
        period: '2018/19 Q3',
        value: '12',
        numerator: 12,
        suppressed: false,
        rag: { status: null, reason: 'No target is set for this area and period.' },
      },
      {
        period: '2018/19 Q4',
        value: null,
        numerator: null,
        suppressed: true,
        rag: { status: null, reason: 'Withheld: the numerator counts fewer than 5 people.' },
      },
    ]);
  });

  test('partners see the small number', async () => {
    const { body } = await hub.gql<Result>(Q, undefined, as('council'));
    expect(people(body.data!)[1]).toMatchObject({ value: '3', numerator: 3, suppressed: false });
  });
});

describe('refused credentials get 401 with a clear reason', () => {
  test.each([
    ['a revoked key', () => as('revoked'), 'The API key has been revoked.'],
    ['an expired key', () => as('expired'), 'The API key has expired.'],
    ['a key that was never issued', () => ({ 'x-api-key': `ich_0123456789abcdef.${'x'.repeat(43)}` }), 'The API key is not valid.'],
    ['a malformed key', () => ({ 'x-api-key': 'letmein' }), 'The API key is malformed'],
  ])('%s', async (_, headers, message) => {
    const response = await hub.gql(`{ __typename }`, undefined, headers());
    expect(response.status).toBe(401);
    expect(response.body.errors![0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(response.body.errors![0]!.message).toContain(message);
  });

  test('a valid partner token is accepted', async () => {
    const jwt = await token({ org: 'thurrock-council', role: 'ANALYST' });
    const response = await hub.gql(`{ budgetSummary(groupBy: [FUND]) { income { lines } expenditure { lines } } }`, undefined, {
      authorization: `Bearer ${jwt}`,
    });
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ budgetSummary: { income: { lines: 3 }, expenditure: { lines: 6 } } });
  });

  test.each([
    ['a bad signature', () => token({ org: 'thurrock-council', role: 'ANALYST' }, { key: strangerKey }), 'could not be verified'],
    ['the wrong issuer', () => token({ org: 'thurrock-council', role: 'ANALYST' }, { issuer: 'https://evil.example' }), '"iss" claim'],
    ['an expired token', () => token({ org: 'thurrock-council', role: 'ANALYST' }, { expiresIn: '-1m' }), 'expired'],
    ['no role claim', () => token({ org: 'thurrock-council' }), '"role" claim'],
  ])('a token with %s', async (_, make, message) => {
    const response = await hub.gql(`{ __typename }`, undefined, { authorization: `Bearer ${await make()}` });
    expect(response.status).toBe(401);
    expect(response.body.errors![0]!.message).toContain(message);
  });

  test('the server keeps serving after refusals', async () => {
    expect((await hub.gql(`{ localities { totalCount } }`)).body.data).toEqual({ localities: { totalCount: 3 } });
  });
});
