import { brotliCompressSync, gzipSync } from 'node:zlib';
import { getNamedType, isNonNullType, isScalarType, type GraphQLField } from 'graphql';
import { issueApiKey } from '../../src/auth/apiKeys';
import { buildSchema } from '../../src/graphql/schema';
import { toGlobalId } from '../../src/graphql/globalId';
import { environment, run as runProgram } from '../support/processes';
import { startTestHub, type TestHub } from '../support/testHub';

/**
 * Every bad input is a 4xx with a coded error naming what was wrong, and changes nothing: NUL
 * characters in any string argument or cursor, numbers beyond a column's range, bodies that
 * cannot be decoded, operation types the hub does not serve, and the key tool's mistakes.
 */

const NUL = 'a\u0000b';
let hub: TestHub;
let editor: Record<string, string>;

beforeAll(async () => {
  hub = await startTestHub();
  editor = {
    'x-api-key': (await issueApiKey(hub.databases.hub, { organisationId: 'nelft', role: 'EDITOR', label: 'bad input', expiresInDays: 1 }))
      .token,
  };
});
afterAll(async () => {
  await hub.stop();
});

const SAMPLE: Record<string, string> = { groupBy: '[FUND]', kinds: '[ICB]', id: `"${toGlobalId('Locality', 'loc-a')}"` };

/** Every String or ID argument of every Query field, with the field's other required arguments filled in. */
function stringArguments(): [string, string, string][] {
  const found: [string, string, string][] = [];
  for (const field of Object.values(buildSchema().getQueryType()!.getFields()) as GraphQLField<unknown, unknown>[]) {
    for (const arg of field.args) {
      const named = getNamedType(arg.type);
      if (!isScalarType(named) || !['String', 'ID'].includes(named.name) || String(arg.type).startsWith('[')) continue;
      const others = field.args.filter((a) => a !== arg && isNonNullType(a.type)).map((a) => `${a.name}: ${SAMPLE[a.name] ?? '"x"'}`);
      const selection = isScalarType(getNamedType(field.type)) ? '' : '{ __typename }';
      found.push([
        `${field.name}(${arg.name})`,
        `query($${arg.name}: ${String(arg.type)}) { ${field.name}(${[`${arg.name}: $${arg.name}`, ...others].join(', ')}) ${selection} }`,
        arg.name,
      ]);
    }
  }
  return found;
}

describe('a NUL character, which PostgreSQL cannot store, is 400 BAD_USER_INPUT naming the argument', () => {
  test.each(stringArguments())('%s, as a variable', async (_, query, argument) => {
    const { status, body } = await hub.gql(query, { [argument]: NUL }, editor);
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: argument });
    expect(body.data ?? null).toBeNull();
  });

  test('written into the operation, nested in a filter', async () => {
    const { status, body } = await hub.gql(`{ services(filter: { nameContains: "a\\u0000b" }) { totalCount } }`);
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'filter.nameContains' });
  });

  test('decoded from a forged cursor or id', async () => {
    const cursor = Buffer.from('c1:\u0000', 'utf8').toString('base64url');
    const page = await hub.gql(`query($after: String) { localities(after: $after) { totalCount } }`, { after: cursor });
    expect([page.status, page.body.errors![0]!.extensions!.code, page.body.errors![0]!.extensions!.argumentName]).toEqual([
      400,
      'BAD_USER_INPUT',
      'after',
    ]);
    const id = Buffer.from('Locality:\u0000', 'utf8').toString('base64url');
    const node = await hub.gql(`query($id: ID!) { node(id: $id) { id } }`, { id });
    expect([node.status, node.body.errors![0]!.extensions!.code]).toEqual([400, 'BAD_USER_INPUT']);
  });

  test('in a mutation: nothing is written and nothing audited', async () => {
    const before = await hub.databases.council.query(`SELECT count(*)::int AS n FROM audit_log`);
    const { status, body } = await hub.gql(
      `mutation($input: RecordActionStatusInput!) { recordActionStatus(input: $input) { version } }`,
      { input: { actionId: toGlobalId('PlanAction', 'FIX-X1'), period: '2022/23 Q1', rag: 'RED', comment: NUL, expectedVersion: null } },
      editor,
    );
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.comment' });
    expect(await hub.databases.council.query(`SELECT count(*)::int AS n FROM audit_log`)).toEqual(before);
    expect(await hub.databases.council.query(`SELECT 1 FROM action_status WHERE period = '2022/23 Q1'`)).toEqual([]);
  });
});

describe('numbers beyond what a column holds', () => {
  const ccg = async () => ({
    'x-api-key': (
      await issueApiKey(hub.databases.hub, { organisationId: 'nhs-thurrock-ccg', role: 'EDITOR', label: 'money', expiresInDays: 1 })
    ).token,
  });
  test.each([
    ['planned', '12345678901234.00'],
    ['actual', '-99999999999999.99'],
  ])('Money in %s is refused at parse, 400', async (field, amount) => {
    const { status, body } = await hub.gql(
      `mutation($input: RecordBudgetLineInput!) { recordBudgetLine(input: $input) { version } }`,
      {
        input: {
          lineRef: 'BIG-1',
          fundId: toGlobalId('Fund', 'fix-pooled-fund'),
          financialYear: '2019/20',
          lineKind: 'ALLOCATION',
          planned: '1.00',
          [field]: amount,
        },
      },
      await ccg(),
    );
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(await hub.databases.ccg.query(`SELECT 1 FROM ledger_line WHERE line_ref = 'BIG-1'`)).toEqual([]);
  });
});

describe('request bodies and operations the hub cannot run', () => {
  const QUERY = Buffer.from(JSON.stringify({ query: '{ __typename }' }));
  test.each([
    ['gzip', gzipSync(QUERY).subarray(0, 12)],
    ['br', Buffer.concat([brotliCompressSync(QUERY).subarray(0, 4), Buffer.from('garbage')])],
    ['gzip', Buffer.from('this is not gzip at all')],
  ])('a corrupt %s body is a JSON 400, not an HTML page', async (encoding, body) => {
    const response = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': encoding },
      body,
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_REQUEST');
  });

  test('a well-formed gzip body is still read', async () => {
    const response = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(QUERY),
    });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' }, extensions: expect.anything() });
  });

  test('a subscription is 400 OPERATION_NOT_SUPPORTED', async () => {
    const { status, body } = await hub.gql(`subscription { __typename }`);
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions!.code).toBe('OPERATION_NOT_SUPPORTED');
  });
});

describe('npm run keys', () => {
  // The keys CLI as an operator runs it (test/support/processes.ts).
  const run = (...args: string[]) => runProgram('cli/keys.ts', args, environment(hub.urls));

  test('--help prints the usage and succeeds', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('npm run keys -- revoke --id <key id>');
  });

  test('revoking an unknown key, or one already revoked, fails with a clear message', async () => {
    const unknown = await run('revoke', '--id', '0123456789abcdef');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No key has id "0123456789abcdef"');
    const { id } = await issueApiKey(hub.databases.hub, { organisationId: 'nelft', role: 'ANALYST', label: 'cli', expiresInDays: 1 });
    expect((await run('revoke', '--id', id)).code).toBe(0);
    const again = await run('revoke', '--id', id);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('was already revoked');
  });
});

test('variables nested far deeper than any input type are refused, not a crash', async () => {
  const depth = 100_000;
  const body = `{"query":"query($v: String) { locality(code: $v) { name } }","variables":{"v":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
  const response = await hub.post(body);
  expect(response.status).toBe(400);
  const answer = (await response.json()) as { errors: { extensions: { code: string } }[] };
  expect(answer.errors[0]!.extensions.code).not.toBe('INTERNAL_SERVER_ERROR');
  expect((await hub.gql(`{ localities { totalCount } }`)).status).toBe(200);
});
