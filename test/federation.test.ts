import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { directorySchema, type Listing } from '../docker/partner-directory/directory';
import type { Databases } from '../src/db/databases';
import { createLogger } from '../src/observability/logger';
import { DEFAULT_PROTECTION, startHttpServer, type RunningHttpServer } from '../src/server/http';
import { startHiveGateway, type RunningGateway } from './support/hiveGateway';
import { openFixtureDatabases } from './support/testHub';
import { apiKey } from './support/testkit';
import { toGlobalId } from '../src/graphql/globalId';

/**
 * The hub as an Apollo Federation 2 subgraph, composed with a partner's subgraph under the
 * gateway compose runs (Hive Gateway's CLI with docker/gateway/gateway.config.ts, composing
 * from each subgraph's `_service { sdl }`): a voluntary-sector directory that extends
 * PartnerOrganisation (by ODS code) and Locality (by code) with its listings
 * (docker/partner-directory/, which compose runs too). A change to schema/ that breaks
 * composition fails here.
 */

/** The directory's own data: made up for the test, keyed by identifiers the hub knows. */
const LISTINGS: Listing[] = [
  { name: 'Befriending for carers', partnerOds: 'RAT', locality: 'FIX-A' },
  { name: 'Community transport', partnerOds: '07G', locality: 'FIX-A' },
  { name: 'Food bank', partnerOds: null, locality: 'FIX-B' },
];

let fixture: { databases: Databases; close(): Promise<void> };
let hub: RunningHttpServer;
let directory: ApolloServer;
let gateway: RunningGateway;
let gatewayUrl: string;
/** The headers of every request the directory received (from the gateway). */
const directorySaw: Record<string, string | string[] | undefined>[] = [];
const SECRET = 'gateway-test-subgraph-secret';

beforeAll(async () => {
  fixture = await openFixtureDatabases();
  hub = await startHttpServer({
    databases: fixture.databases,
    logger: createLogger('silent'),
    limits: { defaultPageSize: 20, maxPageSize: 100 },
    host: '127.0.0.1',
    port: 0,
    protection: DEFAULT_PROTECTION,
    exposeStatementCounts: true,
    subgraph: true,
    subgraphSecret: SECRET,
  });
  directory = new ApolloServer({ schema: directorySchema(LISTINGS) });
  const directoryAt = await startStandaloneServer(directory, {
    listen: { host: '127.0.0.1', port: 0 },
    context: ({ req }) => {
      directorySaw.push({ ...req.headers });
      return Promise.resolve({});
    },
  });
  gateway = await startHiveGateway({
    HUB_SUBGRAPH_URL: hub.url.replace(/\/graphql$/, '/subgraph'),
    FEDERATION_SUBGRAPH_SECRET: SECRET,
    PARTNER_SUBGRAPHS: `directory=${directoryAt.url}`,
  });
  gatewayUrl = gateway.url;
});

afterAll(async () => {
  await gateway?.stop();
  await directory?.stop();
  await hub?.close();
  await fixture?.close();
});

async function post(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as {
    data?: Record<string, unknown>;
    errors?: unknown[];
    extensions?: { sqlStatements?: { total: number } };
  };
}

test('a query crossing both subgraphs, through the gateway', async () => {
  const body = await post(
    gatewayUrl,
    `{
      locality(code: "FIX-A") { name voluntaryListings { name deliveredWith { name odsCode } } }
      partnerOrganisation(odsCode: "RAT") { name directoryListings { name } }
    }`,
  );
  expect(body.errors).toBeUndefined();
  expect(body.data).toEqual({
    locality: {
      name: 'Fixture Locality A',
      voluntaryListings: [
        { name: 'Befriending for carers', deliveredWith: { name: 'North East London NHS Foundation Trust', odsCode: 'RAT' } },
        { name: 'Community transport', deliveredWith: { name: 'NHS Thurrock CCG', odsCode: '07G' } },
      ],
    },
    partnerOrganisation: { name: 'North East London NHS Foundation Trust', directoryListings: [{ name: 'Befriending for carers' }] },
  });
});

test("the partner's root field, with the hub resolving its references", async () => {
  const body = await post(gatewayUrl, `{ directoryListings { name deliveredWith { name } } }`);
  expect(body.data).toEqual({
    directoryListings: [
      { name: 'Befriending for carers', deliveredWith: { name: 'North East London NHS Foundation Trust' } },
      { name: 'Community transport', deliveredWith: { name: 'NHS Thurrock CCG' } },
      { name: 'Food bank', deliveredWith: null },
    ],
  });
});

test("the hub is sent the caller's key and its secret; the partner neither", async () => {
  directorySaw.length = 0;
  const body = await post(
    gatewayUrl,
    `{ directoryListings { name deliveredWith { name } } }`,
    {},
    { 'x-api-key': 'ich_not-a-key', 'x-request-id': 'gateway-test-1' },
  );
  // The hub refused the key it was sent (a key it never saw would have been an anonymous read).
  expect(body.errors).toEqual([
    expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED', serviceName: 'hub' } }),
    expect.anything(),
  ]);
  expect(new Set((body.errors as { extensions: unknown }[]).map((e) => JSON.stringify(e.extensions))).size).toBe(1);
  const fromGateway = directorySaw.filter((headers) => headers['x-request-id'] === 'gateway-test-1');
  expect(fromGateway.length).toBeGreaterThan(0);
  for (const headers of fromGateway) {
    expect(headers['x-subgraph-secret']).toBeUndefined();
    expect(headers['x-api-key']).toBeUndefined();
  }
});

test("a write through the gateway answers with the hub's read-after token, and the token reaches the hub", async () => {
  const editor = await apiKey(fixture.databases, 'nelft', 'EDITOR');
  const write = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': editor },
    body: JSON.stringify({
      query: `mutation($input: RecordActionStatusInput!) { recordActionStatus(input: $input) { version } }`,
      variables: { input: { actionId: toGlobalId('PlanAction', 'FIX-X1'), period: '2023/24 Q4', rag: 'GREEN', expectedVersion: null } },
    }),
  });
  expect(((await write.json()) as { errors?: unknown }).errors).toBeUndefined();
  const token = write.headers.get('x-hub-read-after');
  expect(token).toMatch(/^council=[0-9A-F]+\/[0-9A-F]+$/);
  // Sent back, it reaches the hub, which reads it (a malformed one is refused by the hub, naming the header).
  expect(
    (await post(gatewayUrl, `{ localities { totalCount } }`, {}, { 'x-api-key': editor, 'x-hub-read-after': token! })).errors,
  ).toBeUndefined();
  const malformed = await post(gatewayUrl, `{ localities { totalCount } }`, {}, { 'x-hub-read-after': 'council=not-an-lsn' });
  expect(JSON.stringify(malformed.errors)).toMatch(/x-hub-read-after/);
});

test('/subgraph refuses a caller without the secret', async () => {
  const response = await fetch(hub.url.replace(/\/graphql$/, '/subgraph'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"query":"{ _service { sdl } }"}',
  });
  expect(response.status).toBe(401);
});

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on PartnerOrganisation { name odsCode partnerships { nodes { name } } }
    ... on Locality { code name hubs { nodes { name services { nodes { name } } } } }
  }
}`;

test('_entities reads through the loaders: statements do not grow with the references', async () => {
  const subgraphUrl = hub.url.replace(/\/graphql$/, '/subgraph');
  const few = [
    { __typename: 'PartnerOrganisation', odsCode: 'RAT' },
    { __typename: 'Locality', code: 'FIX-A' },
  ];
  const many = [
    ...['RAT', '07G', 'RDD', 'R1L', 'RWN'].map((odsCode) => ({ __typename: 'PartnerOrganisation', odsCode })),
    ...['FIX-A', 'FIX-B', 'FIX-C'].map((code) => ({ __typename: 'Locality', code })),
  ];
  const small = await post(subgraphUrl, ENTITIES, { representations: few }, { 'x-subgraph-secret': SECRET });
  const large = await post(subgraphUrl, ENTITIES, { representations: many }, { 'x-subgraph-secret': SECRET });
  expect(small.errors).toBeUndefined();
  expect(large.errors).toBeUndefined();
  expect((large.data!._entities as unknown[]).length).toBe(8);
  expect(large.extensions!.sqlStatements!.total).toBe(small.extensions!.sqlStatements!.total);
});

test('an unknown key resolves to null, not an error for the whole answer', async () => {
  const subgraphUrl = hub.url.replace(/\/graphql$/, '/subgraph');
  const body = await post(
    subgraphUrl,
    ENTITIES,
    {
      representations: [
        { __typename: 'PartnerOrganisation', odsCode: 'NOPE1' },
        { __typename: 'Locality', code: 'FIX-A' },
      ],
    },
    { 'x-subgraph-secret': SECRET },
  );
  expect((body.data!._entities as unknown[])[0]).toBeNull();
  expect((body.data!._entities as { code: string }[])[1]!.code).toBe('FIX-A');
});

test('/subgraph is off unless asked for', async () => {
  const plain = await startHttpServer({
    databases: fixture.databases,
    logger: createLogger('silent'),
    limits: { defaultPageSize: 20, maxPageSize: 100 },
    host: '127.0.0.1',
    port: 0,
  });
  const response = await fetch(plain.url.replace(/\/graphql$/, '/subgraph'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"query":"{ _service { sdl } }"}',
  });
  expect(response.status).toBe(404);
  await plain.close();
});
