import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { issueApiKey } from '../../src/auth/apiKeys';
import { toGlobalId } from '../../src/graphql/globalId';
import { startTestHub, type TestHub } from '../support/testHub';

/**
 * Scoped by partnership membership, not by role alone; derived values never disclose what
 * is withheld; tokens name a registered organisation and expire. Each refusal is checked
 * for its code and for nothing having changed or leaked.
 */

const ISSUER = 'https://idp.fixture.example';
const AUDIENCE = 'integrated-care-hub';
let hub: TestHub;
let signingKey: KeyLike;
const keys: Record<string, string> = {};
const as = (who: string) => ({ 'x-api-key': keys[who]! });

beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  signingKey = pair.privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k', alg: 'ES256' };
  hub = await startTestHub({ jwt: { jwks: { keys: [jwk] }, issuer: ISSUER, audience: AUDIENCE } });
  // A second partnership elsewhere: Southend's council, its own locality, indicator and value.
  await hub.databases.hub.query(`
    INSERT INTO partner_organisation (id, name, kind, sector, gss_code) VALUES ('southend', 'Southend-on-Sea City Council', 'COUNCIL', 'STATUTORY', 'E06000033');
    INSERT INTO partnership (id, name, description) VALUES ('southend-alliance', 'Southend Alliance', 'Another place');
    INSERT INTO partnership_member (partnership_id, organisation_id) VALUES ('southend-alliance', 'southend');
    INSERT INTO locality (id, code, name, place_gss, partnership_id) VALUES ('loc-s', 'STH-A', 'Southend A', 'E06000033', 'southend-alliance');
    INSERT INTO outcome_domain (id, partnership_id, name, position) VALUES ('sth-domain', 'southend-alliance', 'Health', 1);
    INSERT INTO outcome (id, domain_id, name) VALUES ('sth-outcome', 'sth-domain', 'Fewer delays');
    INSERT INTO indicator (id, outcome_id, name, unit, polarity, measured_by, source_code, counts_people, published)
      VALUES ('sth-delays', 'sth-outcome', 'Southend delays', 'days', 'LOWER_IS_BETTER', 'council-registers', 'STH-DELAYS', false, true),
             ('fix-unpublished', 'fix-outcome-hospital', 'Draft measure', 'people', 'HIGHER_IS_BETTER', 'council-registers', 'FIX-DRAFT', false, false),
             ('fix-small', 'fix-outcome-hospital', 'People readmitted', 'people', 'LOWER_IS_BETTER', 'council-registers', 'FIX-SMALL', true, true)`);
  await hub.databases.council.query(`
    INSERT INTO indicator_value (indicator_code, area_code, period, value) VALUES ('STH-DELAYS', 'STH-A', '2019/20 Q1', '12'), ('FIX-DRAFT', 'FIX-A', '2019/20 Q1', '7');
    INSERT INTO indicator_value (indicator_code, area_code, period, value, numerator, denominator)
      VALUES ('FIX-SMALL', 'FIX-A', '2019/20 Q1', '30', 30, 100), ('FIX-SMALL', 'FIX-A', '2019/20 Q2', '3', 3, 100)`);
  for (const [name, organisationId, role] of [
    ['thurrock', 'thurrock-council', 'EDITOR'],
    ['southend', 'southend', 'EDITOR'],
    ['ccg', 'nhs-thurrock-ccg', 'EDITOR'],
    ['admin', null, 'ADMIN'],
  ] as const) {
    keys[name] = (await issueApiKey(hub.databases.hub, { organisationId, role, label: name, expiresInDays: 1 })).token;
  }
});
afterAll(async () => {
  await hub.stop();
});

const councilAudits = async () => (await hub.databases.council.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_log`))[0]!.n;
const valueOf = async (code: string, area: string) =>
  (
    await hub.databases.council.query<{ value: string }[]>(
      `SELECT value::text FROM indicator_value WHERE indicator_code = $1 AND area_code = $2 AND period = '2019/20 Q1'`,
      [code, area],
    )
  )[0]?.value ?? null;

describe('indicator writes are scoped by partnership and known areas', () => {
  const RECORD = `mutation($input: RecordIndicatorValueInput!) { recordIndicatorValue(input: $input) { version } }`;
  const write = (who: string, indicator: string, area: string, value = '99', expectedVersion: string | null = null) =>
    hub.gql(
      RECORD,
      { input: { indicatorId: toGlobalId('Indicator', indicator), area, period: '2019/20 Q1', value, expectedVersion } },
      as(who),
    );

  test.each([
    ["Thurrock writes Southend's indicator", 'thurrock', 'sth-delays', 'STH-A', 'FORBIDDEN'],
    ["Thurrock writes its own indicator for Southend's locality", 'thurrock', 'fix-delays', 'STH-A', 'FORBIDDEN'],
    ["Thurrock writes its own indicator for Southend's local authority", 'thurrock', 'fix-delays', 'E06000033', 'FORBIDDEN'],
    ["Southend writes Thurrock's indicator", 'southend', 'fix-delays', 'FIX-A', 'FORBIDDEN'],
    ['an unknown local-authority code', 'thurrock', 'fix-delays', 'E06999999', 'NOT_FOUND'],
    ['an unknown ward code', 'thurrock', 'fix-delays', 'E05999999', 'NOT_FOUND'],
  ])('%s is refused and nothing changes', async (_, who, indicator, area, code) => {
    const before = [await councilAudits(), await valueOf('STH-DELAYS', 'STH-A'), await valueOf('FIX-DELAYS', area)];
    const { body } = await write(who, indicator, area);
    expect(body.errors![0]!.extensions!.code).toBe(code);
    expect(body.data).toEqual({ recordIndicatorValue: null });
    expect([await councilAudits(), await valueOf('STH-DELAYS', 'STH-A'), await valueOf('FIX-DELAYS', area)]).toEqual(before);
  });

  test("each partnership's editor writes its own place's value; a ward of its authority counts as its own", async () => {
    expect(
      (
        await write(
          'southend',
          'sth-delays',
          'STH-A',
          '11',
          (
            await hub.gql<{ node: { series: { latest: { sources: { version: string }[] } } } }>(
              `query($id: ID!) { node(id: $id) { ... on Indicator { series(area: "STH-A") { latest { sources { version } } } } } }`,
              { id: toGlobalId('Indicator', 'sth-delays') },
              as('southend'),
            )
          ).body.data!.node.series.latest.sources[0]!.version,
        )
      ).body.errors,
    ).toBeUndefined();
    expect((await write('thurrock', 'fix-delays', 'E05900001', '41')).body.errors).toBeUndefined();
  });
});

test("a budget line on a locality outside the fund's partnership is refused", async () => {
  const { body } = await hub.gql(
    `mutation($input: RecordBudgetLineInput!) { recordBudgetLine(input: $input) { version } }`,
    {
      input: {
        lineRef: 'CCG-STH-1',
        fundId: toGlobalId('Fund', 'fix-pooled-fund'),
        financialYear: '2019/20',
        localityCode: 'STH-A',
        lineKind: 'ALLOCATION',
        planned: '10.00',
      },
    },
    as('ccg'),
  );
  expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.localityCode' });
  expect(await hub.databases.ccg.query(`SELECT 1 FROM ledger_line WHERE line_ref = 'CCG-STH-1'`)).toEqual([]);
});

test("the audit trail shows a partner only its own partnerships' changes, an administrator all", async () => {
  await hub.databases.council.query(
    `INSERT INTO audit_log (actor, organisation_id, operation, table_name, row_key, before, after) VALUES
     ('key:s', 'southend', 'recordBudgetLine', 'ledger_line', 'STH-SECRET', NULL, '{"planned": "123456.00"}'),
     ('key:t', 'thurrock-council', 'recordBudgetLine', 'ledger_line', 'THR-OWN', NULL, '{"planned": "1.00"}')`,
  );
  const trail = async (who: string) =>
    (
      await hub.gql<{ auditTrail: { key: string }[] }>(`{ auditTrail(first: 100) { key after } }`, undefined, as(who))
    ).body.data!.auditTrail.map((a) => a.key);
  expect(await trail('thurrock')).toContain('THR-OWN');
  expect(await trail('thurrock')).not.toContain('STH-SECRET');
  expect(await trail('southend')).toContain('STH-SECRET');
  expect(await trail('southend')).not.toContain('THR-OWN');
  expect(await trail('admin')).toEqual(expect.arrayContaining(['STH-SECRET', 'THR-OWN']));
});

describe('derived values and rows withheld from the public', () => {
  test('an unpublished indicator is not found by id, node(id:) or lists; partners see it', async () => {
    const id = toGlobalId('Indicator', 'fix-unpublished');
    const direct = await hub.gql(`query($id: ID!) { indicator(id: $id) { name } }`, { id });
    expect(direct.body.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    const viaNode = await hub.gql(
      `query($id: ID!) { node(id: $id) { ... on Indicator { name series(area: "FIX-A") { latest { value } } } } }`,
      { id },
    );
    expect(viaNode.body).toMatchObject({ data: { node: null }, errors: [{ extensions: { code: 'NOT_FOUND' } }] });
    const lists = JSON.stringify(
      (await hub.gql(`{ locality(code: "FIX-A") { indicators { indicator { name } } } deliveryPlans { nodes { id } } }`)).body,
    );
    expect(lists).not.toContain('Draft measure');
    const partner = await hub.gql(`query($id: ID!) { node(id: $id) { ... on Indicator { name } } }`, { id }, as('thurrock'));
    expect(partner.body.data).toEqual({ node: { name: 'Draft measure' } });
  });

  test('a trend from a withheld small number is not disclosed; partners get it', async () => {
    const query = `{ indicator(id: "${toGlobalId('Indicator', 'fix-small')}") { series(area: "FIX-A") { trend latest { value suppressed rag { status reason } } } } }`;
    const publicView = (await hub.gql<{ indicator: { series: Record<string, unknown> } }>(query)).body.data!.indicator.series;
    expect(publicView).toEqual({
      trend: 'WITHHELD',
      latest: { value: null, suppressed: true, rag: { status: null, reason: expect.stringContaining('Withheld') } },
    });
    const partnerView = (await hub.gql<{ indicator: { series: { trend: string } } }>(query, undefined, as('thurrock'))).body.data!.indicator
      .series;
    expect(partnerView.trend).toBe('IMPROVING');
  });
});

describe('tokens', () => {
  const sign = (claims: Record<string, unknown>, expires: string | null = '5m') => {
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'k' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('u')
      .setIssuedAt();
    return (expires ? jwt.setExpirationTime(expires) : jwt).sign(signingKey);
  };
  const bearer = async (claims: Record<string, unknown>, expires?: string | null) => ({
    authorization: `Bearer ${await sign(claims, expires)}`,
  });

  test.each([
    ['without exp', { org: 'thurrock-council', role: 'EDITOR' }, null, /"exp" claim/],
    ['naming an organisation the hub does not register', { org: 'made-up-org', role: 'ADMIN' }, '5m', /registered/],
    ['naming an organisation that has closed', { org: 'sept', role: 'ANALYST' }, '5m', /closed on 2017-03-31.*"eput"/],
  ])('a token %s is 401 UNAUTHENTICATED', async (_, claims, expires, message) => {
    const response = await hub.gql(`{ dataQuality { table } }`, undefined, await bearer(claims, expires));
    expect(response.status).toBe(401);
    expect(response.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(response.body.errors![0]!.message).toMatch(message);
    expect(response.body.data ?? null).toBeNull();
  });

  test('a registered organisation with exp is accepted', async () => {
    const response = await hub.gql(`{ dataQuality { table } }`, undefined, await bearer({ org: 'thurrock-council', role: 'ANALYST' }));
    expect(response.body.errors).toBeUndefined();
  });
});
