import { readFileSync } from 'node:fs';
import path from 'node:path';
import { embeddedDatabaseName } from '../../src/runtime';

/**
 * The deployment of docker/compose.yml, on loopback (test/topology.test.ts): the demo's
 * sources (data/demo/sources.json) on four PostgreSQL servers, the registry's and one per
 * kind of partner system, each source a database of its own there, one Redis, the demo loaded once by `npm run demo:load`, replicas
 * started as `npm start` starts them, and a round-robin balancer before them. The names are
 * the compose file's service names; test/compose.test.ts holds docker/sources.json to these
 * servers and, with CONTAINER_TESTS=1, runs the compose file itself. (Its `gateway` and
 * `directory` have no loopback twin here: test/federation.test.ts runs them on loopback.)
 */
export const TOPOLOGY = {
  /** The server of the hub's registry and of each kind of partner system. */
  // The voluntary bodies' directories share the councils' server: a fifth server for three small databases adds nothing.
  databases: {
    'hub-registry': 'hub-db',
    'ccg-primary-care': 'ccg-db',
    'council-registers': 'council-db',
    'trust-sites': 'trust-db',
    'voluntary-directory': 'council-db',
  },
  /** Hot standbys, by the server they stream from: its sources' `readUrl` (compose only; the loopback twin has none). */
  standbys: { 'council-db': 'council-db-replica' } as Partial<Record<string, string>>,
  redis: 'redis',
  demo: 'demo',
  replicas: ['hub-1', 'hub-2'],
  balancer: 'lb',
  /** What every replica is told beyond its databases and Redis (the compose file's replicas say the same). */
  replicaSettings: { LOAD_DEMO_DATA: 'false', RESPONSE_CACHE_SECONDS: '60', FEDERATION_SUBGRAPH: 'true' },
} as const;

export type ServerName = (typeof TOPOLOGY.databases)[keyof typeof TOPOLOGY.databases];

interface DeclaredSource {
  id: string;
  kind: string;
  organisations?: string[];
}

/** The demo's sources, each with the server it lives on and its database's name there. */
export function demoSourcesOnServers(): (DeclaredSource & { server: ServerName; database: string })[] {
  const file = path.resolve(__dirname, '../../data/demo/sources.json');
  const { sources } = JSON.parse(readFileSync(file, 'utf8')) as { sources: DeclaredSource[] };
  return sources.map((s) => {
    const server = TOPOLOGY.databases[s.kind as keyof typeof TOPOLOGY.databases];
    if (!server) throw new Error(`data/demo/sources.json: no server for kind ${s.kind} in the topology`);
    return { ...s, server, database: embeddedDatabaseName(s.id) };
  });
}

/**
 * The sources file of the topology: the demo's sources, each at its database on its server,
 * and, given `readUrlOf`, at the same database on its server's standby, if it has one.
 */
export function topologySourcesFile(
  urlOf: (server: ServerName, database: string) => string,
  readUrlOf?: (standby: string, database: string) => string,
): { sources: (DeclaredSource & { url: string; readUrl?: string })[] } {
  return {
    sources: demoSourcesOnServers().map(({ server, database, ...source }) => {
      const standby = TOPOLOGY.standbys[server];
      return { ...source, url: urlOf(server, database), ...(standby && readUrlOf ? { readUrl: readUrlOf(standby, database) } : {}) };
    }),
  };
}
