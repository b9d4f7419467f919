import { startTestHub, type GraphQLResponse, type TestHub } from './support/testHub';

/** Bad input gets a clear, coded GraphQL error naming what was wrong: never a stack trace or a 500. */

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ maxPageSize: 50 });
});
afterAll(async () => {
  await hub.stop();
});

const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** A request refused only for a bad argument is a 400; an unknown but well-formed name is a 200 with NOT_FOUND. */
function expectClearError(response: GraphQLResponse, code: string, argumentName: string, mentions: string): void {
  expect(response.status).toBe(code === 'BAD_USER_INPUT' ? 400 : 200);
  expect(response.body.errors).toHaveLength(1);
  const [error] = response.body.errors!;
  expect(error!.extensions).toEqual({ code, argumentName });
  expect(error!.message).toContain(mentions);
  expect(JSON.stringify(response.body)).not.toMatch(/stacktrace|    at /);
}

test.each([
  ['a malformed id', '"not base64!"', 'BAD_USER_INPUT', 'not base64!'],
  ['an id of no known type', JSON.stringify(encode('Spaceship:1')), 'BAD_USER_INPUT', encode('Spaceship:1')],
  ['an id with no local part', JSON.stringify(encode('Locality:')), 'BAD_USER_INPUT', encode('Locality:')],
  ['an unknown id', JSON.stringify(encode('Locality:atlantis')), 'NOT_FOUND', 'No Locality has id'],
])('node(id:) with %s', async (_, literal, code, mentions) => {
  const response = await hub.gql(`{ node(id: ${literal}) { id } }`);
  expectClearError(response, code, 'id', mentions);
  expect(response.body.data).toEqual({ node: null });
});

test('an id of the wrong type for the field', async () => {
  const response = await hub.gql(`{ locality(id: "${encode('Hub:x')}") { name } }`);
  expectClearError(response, 'BAD_USER_INPUT', 'id', 'is the id of a Hub, not of a Locality');
});

test.each([
  ['above the maximum', 51, 'between 0 and 50; got 51'],
  ['negative', -1, 'between 0 and 50; got -1'],
])('first %s', async (_, first, mentions) => {
  const response = await hub.gql(`query($first: Int) { localities(first: $first) { totalCount } }`, { first });
  expectClearError(response, 'BAD_USER_INPUT', 'first', mentions);
});

test('first out of range on a relation connection', async () => {
  const response = await hub.gql(`query($n: Int) { locality(code: "FIX-A") { estates(first: $n) { totalCount } } }`, { n: 51 });
  expect(response.body.errors![0]).toMatchObject({
    path: ['locality', 'estates'],
    extensions: { code: 'BAD_USER_INPUT', argumentName: 'first' },
  });
});

test('first: 1000000 written into the query is refused before it runs, by the cost limit', async () => {
  const response = await hub.gql(`{ locality(code: "FIX-A") { estates(first: 1000000) { totalCount } } }`);
  expect(response.status).toBe(400);
  expect(response.body.errors![0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  expect(response.body.errors![0]!.message).toMatch(/Cost limit of \d+ exceeded/);
  expect(response.body.extensions!.sqlStatements!.total).toBe(0);
});

test('a cursor the API never issued', async () => {
  const response = await hub.gql(`{ partnerOrganisations(after: "garbage") { totalCount } }`);
  expectClearError(response, 'BAD_USER_INPUT', 'after', 'garbage');
});

test.each([
  ['no identifier', '', 'got none'],
  ['two identifiers', '(odsCode: "RAT", gssCode: "E06000034")', 'got odsCode, gssCode'],
])('partnerOrganisation with %s', async (_, args, mentions) => {
  const response = await hub.gql(`{ partnerOrganisation${args} { name } }`);
  expect(response.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  expect(response.body.errors![0]!.message).toContain(mentions);
});

test('an unknown code is NOT_FOUND and names the code', async () => {
  expectClearError(await hub.gql(`{ partnerOrganisation(odsCode: "ZZZ") { name } }`), 'NOT_FOUND', 'odsCode', '"ZZZ"');
  // Asked with its partnerships, the organisation is read by another loader: the same error.
  expectClearError(
    await hub.gql(`{ partnerOrganisation(odsCode: "ZZZ") { name partnerships { totalCount } } }`),
    'NOT_FOUND',
    'odsCode',
    '"ZZZ"',
  );
  expectClearError(await hub.gql(`{ locality(code: "NOWHERE") { name } }`), 'NOT_FOUND', 'code', '"NOWHERE"');
});

test('a query that does not parse or names an unknown field is a 400 with a code', async () => {
  const syntax = await hub.gql(`{ localities { `);
  expect(syntax.status).toBe(400);
  expect(syntax.body.errors![0]!.extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
  const unknown = await hub.gql(`{ localities { nodes { favouriteColour } } }`);
  expect(unknown.status).toBe(400);
  expect(unknown.body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(unknown.body.errors![0]!.message).toContain('favouriteColour');
});

test('malformed JSON and an oversized body get 4xx JSON errors', async () => {
  const malformed = await hub.post('{"query": "{ __typename }"');
  expect(malformed.status).toBe(400);
  expect(await malformed.json()).toEqual({ errors: [{ message: 'Request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
  const huge = await hub.post(JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(2_000_000) } }));
  expect(huge.status).toBe(413);
  expect(((await huge.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_REQUEST');
  const still = await hub.gql(`{ __typename }`);
  expect(still.body.data).toEqual({ __typename: 'Query' });
});

test('an unexpected failure is masked: no SQL, no stack, a request id to find it in the logs', async () => {
  // Break one partner source under the hub, as a partner's schema change would.
  await hub.databases.trust.query(`ALTER TABLE site RENAME TO site_renamed`);
  try {
    const response = await hub.gql(`{ locality(code: "FIX-B") { name estates { totalCount } } }`);
    expect(response.status).toBe(200);
    expect(response.body.errors).toEqual([
      { message: 'Internal server error', path: ['locality', 'estates'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    ]);
    expect(JSON.stringify(response.body)).not.toMatch(/site|relation|SELECT/i);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  } finally {
    await hub.databases.trust.query(`ALTER TABLE site_renamed RENAME TO site`);
  }
});
