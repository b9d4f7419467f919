import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../src/config/config';
import { demoSourcesOnServers, TOPOLOGY, topologySourcesFile } from './support/topologyNames';

/**
 * No Docker engine runs here, so docker/compose.yml and the Dockerfile are checked as
 * files: parsed, and held to the topology test/topology.test.ts runs on loopback, one to one.
 */

const ROOT = path.resolve(__dirname, '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }> | string[];
  volumes?: string[];
  healthcheck?: unknown;
  ports?: string[];
  profiles?: string[];
}
const compose = parse(read('docker/compose.yml'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const services = compose.services;

test("the services started by default are the topology test's, no more and no fewer", () => {
  const expected = [...new Set(Object.values(TOPOLOGY.databases)), TOPOLOGY.redis, TOPOLOGY.demo, ...TOPOLOGY.replicas, TOPOLOGY.balancer];
  const byDefault = Object.entries(services)
    .filter(([, service]) => !service.profiles)
    .map(([name]) => name);
  expect(byDefault.sort()).toEqual([...expected].sort());
});

test('the optional router reads the hub through the balancer, with the files it mounts', () => {
  const router = services.router!;
  expect(router.profiles).toEqual(['federation']);
  expect(router.depends_on).toEqual([TOPOLOGY.balancer]);
  expect(existsSync(path.join(ROOT, 'docker/router.yaml'))).toBe(true);
  const config = parse(read('docker/router.yaml')) as {
    headers: { all: { request: { propagate?: { named: string }; insert?: { name: string; value: string } }[] } };
  };
  const rules = config.headers.all.request;
  expect(rules.flatMap((r) => (r.propagate ? [r.propagate.named] : []))).toEqual(['x-api-key', 'authorization', 'x-request-id']);
  // The router alone is answered at /subgraph: it sends the replicas' secret.
  expect(rules.flatMap((r) => (r.insert ? [r.insert] : []))).toEqual([
    { name: 'x-subgraph-secret', value: '${env.FEDERATION_SUBGRAPH_SECRET}' },
  ]);
  // The supergraph is made by npm run supergraph, whose default hub URL is the balancer's /subgraph.
  expect(read('scripts/federation/supergraph.ts')).toContain(`default: 'http://${TOPOLOGY.balancer}/subgraph'`);
});

test("the demo's sources on four PostgreSQL servers, each server with its own volume", () => {
  const volumes = new Set<string>();
  for (const name of new Set(Object.values(TOPOLOGY.databases))) {
    expect(services[name]!.image).toMatch(/^postgres:/);
    expect(services[name]!.healthcheck).toBeDefined();
    volumes.add(services[name]!.volumes![0]!.split(':')[0]!);
  }
  expect(volumes.size).toBe(4);
  expect(Object.keys(compose.volumes).sort()).toEqual([...volumes].sort());
});

/** A service reads docker/sources.json as its SOURCES_FILE. */
function expectDatabaseUrls(environment: Record<string, string>, volumes: readonly string[] = []): void {
  expect(environment.SOURCES_FILE).toBe('/config/sources.json');
  expect(volumes).toContain('./sources.json:/config/sources.json:ro');
  for (const variable of ['HUB_DATABASE_URL', 'CCG_DATABASE_URL', 'COUNCIL_DATABASE_URL', 'TRUST_DATABASE_URL'])
    expect(environment[variable]).toBeUndefined();
}

test("docker/sources.json is the topology's: each demo source at a database of its own on its kind's server, each made at the server's first start", () => {
  const users: Record<string, string> = { 'hub-db': 'hub', 'ccg-db': 'ccg', 'council-db': 'council', 'trust-db': 'trust' };
  const expected = topologySourcesFile(
    (server, database) => `postgresql://${users[server]}:${users[server]}-demo-password@${server}:5432/${database}`,
  );
  expect(JSON.parse(read('docker/sources.json'))).toEqual(expected);
  expect(loadConfig({ SOURCES_FILE: path.join(ROOT, 'docker/sources.json') }).sources.map((s) => s.id)).toEqual(
    expected.sources.map((s) => s.id),
  );
  for (const { server, database } of demoSourcesOnServers()) {
    if (database === 'hub_registry') {
      expect(services[server]!.environment!.POSTGRES_DB).toBe(database);
      continue;
    }
    expect(services[server]!.volumes).toContain(`./initdb/${server}.sql:/docker-entrypoint-initdb.d/sources.sql:ro`);
    expect(read(`docker/initdb/${server}.sql`)).toContain(`CREATE DATABASE ${database};`);
  }
});

test('the demo is loaded once, explicitly, before the replicas start', () => {
  const demo = services[TOPOLOGY.demo]!;
  expect(demo.command).toEqual(['node', 'src/cli/loadDemo.js']);
  expect(existsSync(path.join(ROOT, 'src/cli/loadDemo.ts'))).toBe(true);
  expectDatabaseUrls(demo.environment!, demo.volumes);
  for (const replica of TOPOLOGY.replicas) {
    expect((services[replica]!.depends_on as Record<string, { condition: string }>)[TOPOLOGY.demo]).toEqual({
      condition: 'service_completed_successfully',
    });
  }
});

test('the replicas share Redis, never load the demo, and their settings are ones the hub accepts', () => {
  for (const name of TOPOLOGY.replicas) {
    const replica = services[name]!;
    expect(replica.build).toEqual({ context: '..', dockerfile: 'Dockerfile' });
    expect(replica.ports).toBeUndefined(); // reached only through the balancer
    const env = replica.environment!;
    expectDatabaseUrls(env, replica.volumes);
    expect(new URL(env.REDIS_URL!).hostname).toBe(TOPOLOGY.redis);
    expect(env).toMatchObject(TOPOLOGY.replicaSettings);
    // The image sets NODE_ENV=production; the replica's settings must still hold there.
    // (The file the replica mounts at /config/sources.json is docker/sources.json.)
    const config = loadConfig({ ...env, SOURCES_FILE: path.join(ROOT, 'docker/sources.json'), NODE_ENV: 'production' });
    expect(config.loadDemoData).toBe(false);
    expect(config.redis).toEqual({ url: 'redis://redis:6379', keyPrefix: 'hub:', timeoutMs: 1000 });
  }
});

test('the balancer sends to exactly the replicas', () => {
  const nginx = read('docker/nginx.conf');
  const upstream = [...nginx.matchAll(/^\s*server ([\w-]+):4000/gm)].map((m) => m[1]);
  expect(upstream).toEqual([...TOPOLOGY.replicas]);
  expect(services[TOPOLOGY.balancer]!.depends_on).toEqual([...TOPOLOGY.replicas]);
});

test('the Dockerfile builds JavaScript in one stage and runs it, production dependencies only, as a non-root user, checked for readiness', () => {
  const dockerfile = read('Dockerfile');
  expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
  expect(dockerfile).toMatch(/RUN npm run build/);
  expect(dockerfile).toMatch(/npm ci --omit=dev/);
  expect(dockerfile).toMatch(/^USER node$/m);
  expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/health\/ready/m);
  expect(dockerfile).toMatch(/^CMD \["node", "src\/main\.js"\]$/m);
  expect((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.build).toBe('tsc -p tsconfig.build.json');
  // Every path the image copies from the context is let through by .dockerignore.
  const allowed = read('.dockerignore')
    .split('\n')
    .filter((l) => l.startsWith('!'))
    .map((l) => l.slice(1).replace('/**', ''));
  const copied = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1]!.split(' '));
  for (const file of copied) expect(allowed).toContain(file);
});
