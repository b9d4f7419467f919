import { ApolloGateway, IntrospectAndCompose } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import type { Databases } from '../src/db/databases';
import { createLogger } from '../src/observability/logger';
import { DEFAULT_PROTECTION, startHttpServer, type RunningHttpServer } from '../src/server/http';
import { openFixtureDatabases } from './support/testHub';

/**
 * The hub as an Apollo Federation 2 subgraph, composed with a partner's subgraph under a
 * real gateway (@apollo/gateway, composing by introspection): a voluntary-sector directory
 * that extends PartnerOrganisation (by ODS code) and Locality (by code) with its listings.
 * A change to schema/ that breaks composition fails here.
 */

const DIRECTORY_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Listing {
    name: String!
    "The statutory partner the listing is delivered with, resolved by the hub."
    deliveredWith: PartnerOrganisation
  }

  type PartnerOrganisation @key(fields: "odsCode") {
    odsCode: String
    directoryListings: [Listing!]!
  }

  type Locality @key(fields: "code") {
    code: String!
    voluntaryListings: [Listing!]!
  }

  type Query {
    directoryListings: [Listing!]!
  }
`;

/** The directory's own data: made up for the test, keyed by identifiers the hub knows. */
const LISTINGS = [
  { name: 'Befriending for carers', partnerOds: 'RAT', locality: 'FIX-A' },
  { name: 'Community transport', partnerOds: '07G', locality: 'FIX-A' },
  { name: 'Food bank', partnerOds: null, locality: 'FIX-B' },
];

const listing = (l: (typeof LISTINGS)[number]) => ({ name: l.name, deliveredWith: l.partnerOds ? { odsCode: l.partnerOds } : null });

const directorySchema = buildSubgraphSchema([
  {
    typeDefs: parse(DIRECTORY_SDL),
    resolvers: {
      Query: { directoryListings: () => LISTINGS.map(listing) },
      PartnerOrganisation: {
        __resolveReference: (ref: { odsCode: string }) => ref,
        directoryListings: (org: { odsCode: string }) => LISTINGS.filter((l) => l.partnerOds === org.odsCode).map(listing),
      },
      Locality: {
        __resolveReference: (ref: { code: string }) => ref,
        voluntaryListings: (loc: { code: string }) => LISTINGS.filter((l) => l.locality === loc.code).map(listing),
      },
    } as never,
  },
]);

let fixture: { databases: Databases; close(): Promise<void> };
let hub: RunningHttpServer;
let directory: ApolloServer;
let gateway: ApolloServer;
let gatewayUrl: string;

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
  });
  directory = new ApolloServer({ schema: directorySchema });
  const directoryAt = await startStandaloneServer(directory, { listen: { host: '127.0.0.1', port: 0 } });
  const gatewayServer = new ApolloGateway({
    supergraphSdl: new IntrospectAndCompose({
      subgraphs: [
        { name: 'hub', url: hub.url.replace(/\/graphql$/, '/subgraph') },
        { name: 'directory', url: directoryAt.url },
      ],
    }),
  });
  gateway = new ApolloServer({ gateway: gatewayServer });
  gatewayUrl = (await startStandaloneServer(gateway, { listen: { host: '127.0.0.1', port: 0 } })).url;
});

afterAll(async () => {
  await gateway?.stop();
  await directory?.stop();
  await hub?.close();
  await fixture?.close();
});

async function post(url: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
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
  const small = await post(subgraphUrl, ENTITIES, { representations: few });
  const large = await post(subgraphUrl, ENTITIES, { representations: many });
  expect(small.errors).toBeUndefined();
  expect(large.errors).toBeUndefined();
  expect((large.data!._entities as unknown[]).length).toBe(8);
  expect(large.extensions!.sqlStatements!.total).toBe(small.extensions!.sqlStatements!.total);
});

test('an unknown key resolves to null, not an error for the whole answer', async () => {
  const subgraphUrl = hub.url.replace(/\/graphql$/, '/subgraph');
  const body = await post(subgraphUrl, ENTITIES, {
    representations: [
      { __typename: 'PartnerOrganisation', odsCode: 'NOPE1' },
      { __typename: 'Locality', code: 'FIX-A' },
    ],
  });
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
