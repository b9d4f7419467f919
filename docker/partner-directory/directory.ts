import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import path from 'node:path';

/**
 * A partner's own GraphQL service composed with the hub (docs/federation.md): a voluntary-
 * sector directory that extends PartnerOrganisation (by ODS code) and Locality (by code) with
 * its listings. compose runs it (`node directory.ts`, in the hub's image, whose Apollo
 * libraries it uses) with the demo's listings; test/federation.test.ts with its fixture's.
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

/** One listing, keyed by identifiers the hub knows: an ODS code and a locality code. */
export interface Listing {
  name: string;
  partnerOds: string | null;
  locality: string;
}

export function directorySchema(listings: readonly Listing[]): GraphQLSchema {
  const listing = (l: Listing) => ({ name: l.name, deliveredWith: l.partnerOds ? { odsCode: l.partnerOds } : null });
  return buildSubgraphSchema([
    {
      typeDefs: parse(DIRECTORY_SDL),
      resolvers: {
        Query: { directoryListings: () => listings.map(listing) },
        PartnerOrganisation: {
          __resolveReference: (ref: { odsCode: string }) => ref,
          directoryListings: (org: { odsCode: string }) => listings.filter((l) => l.partnerOds === org.odsCode).map(listing),
        },
        Locality: {
          __resolveReference: (ref: { code: string }) => ref,
          voluntaryListings: (loc: { code: string }) => listings.filter((l) => l.locality === loc.code).map(listing),
        },
      } as never,
    },
  ]);
}

/** Made up for the demo (flagged so in every name), keyed by the demo's Purbeck locality and Dorset HealthCare. */
const DEMO_LISTINGS: Listing[] = [
  { name: 'Purbeck carers befriending (example listing)', partnerOds: 'RDY', locality: 'PUR-PURBECK' },
  { name: 'Swanage community transport (example listing)', partnerOds: null, locality: 'PUR-PURBECK' },
];

async function main(): Promise<void> {
  const server = new ApolloServer({ schema: directorySchema(DEMO_LISTINGS) });
  const { url } = await startStandaloneServer(server, { listen: { host: '0.0.0.0', port: Number(process.env.PORT ?? 4100) } });
  console.log(`partner directory subgraph at ${url}`);
}

if (path.basename(process.argv[1] ?? '') === 'directory.ts') {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
