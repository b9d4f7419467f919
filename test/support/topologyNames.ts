import type { SourceName } from '../../src/config/config';

/**
 * The deployment of docker/compose.yml, on loopback (test/topology.test.ts): each source on
 * its own PostgreSQL server, one Redis, the demo loaded once by `npm run demo:load`, replicas
 * started as `npm start` starts them, and a round-robin balancer before them. The names are
 * the compose file's service names; test/compose.test.ts holds the two to the same shape.
 * (The compose file's optional `router`, in the `federation` profile, has no loopback twin:
 * test/federation.test.ts runs a gateway over the subgraph instead.)
 */
export const TOPOLOGY = {
  databases: { hub: 'hub-db', ccg: 'ccg-db', council: 'council-db', trust: 'trust-db' } satisfies Record<SourceName, string>,
  redis: 'redis',
  demo: 'demo',
  replicas: ['hub-1', 'hub-2'],
  balancer: 'lb',
  /** What every replica is told beyond its databases and Redis (the compose file's replicas say the same). */
  replicaSettings: { LOAD_DEMO_DATA: 'false', RESPONSE_CACHE_SECONDS: '60', FEDERATION_SUBGRAPH: 'true' },
} as const;

export const DATABASE_URL_VARIABLES: Record<SourceName, string> = {
  hub: 'HUB_DATABASE_URL',
  ccg: 'CCG_DATABASE_URL',
  council: 'COUNCIL_DATABASE_URL',
  trust: 'TRUST_DATABASE_URL',
};
