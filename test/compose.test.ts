import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../src/config/config';
import { graphqlExamples } from '../src/docs/examples';
import { toGlobalId } from '../src/graphql/globalId';
import { containerEngine } from './support/containerEngine';
import { freePort } from './support/freePort';
import { until } from './support/overlap';
import { demoSourcesOnServers, topologySourcesFile } from './support/topologyNames';

/**
 * docker/compose.yml, up: every image built from a local base, the four PostgreSQL servers,
 * Redis, the demo loaded once, two hub replicas behind nginx and Hive Gateway in front of the
 * hub and a partner's subgraph, a hot standby of the councils' server that the replicas read
 * those sources from, then a smoke test through the interfaces callers use, and all of it
 * torn down. Minutes long and needing a container engine, so it runs only with
 * CONTAINER_TESTS=1 (`npm run compose:test`); its output is in docker/README.md.
 */

const ROOT = path.resolve(__dirname, '..');
const exec = promisify(execFile);
const engine = containerEngine();
const enabled = process.env.CONTAINER_TESTS === '1' && engine.command !== null;
const why =
  process.env.CONTAINER_TESTS === '1'
    ? engine.reason
    : 'set CONTAINER_TESTS=1 (npm run compose:test) to bring the compose topology up; it takes minutes';
const UP_MS = 30 * 60_000;

const env: Record<string, string> = {};
let service: ChildProcess | null = null;
let healthDriver: NodeJS.Timeout | null = null;
const timings: [string, number][] = [];
const urls = { lb: '', gateway: '', hub1: '', hub2: '' };

async function timed<T>(what: string, run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await run();
  timings.push([what, (Date.now() - started) / 1000]);
  return result;
}

const compose = async (...args: string[]) =>
  (
    await exec('docker-compose', ['-p', 'hubsmoke', '-f', 'docker/compose.yml', '-f', 'docker/compose.test.yml', ...args], {
      cwd: ROOT,
      env: { ...engine.env, ...env },
      maxBuffer: 256 * 1024 * 1024,
    })
  ).stdout.trim();
const engineRun = async (...args: string[]) =>
  (await exec(engine.command!, args, { env: engine.env, maxBuffer: 64 * 1024 * 1024 })).stdout.trim();

/**
 * podman runs health checks from systemd timers; with no systemd here it never does, so
 * compose's `service_healthy` would wait for ever. This plays the timer: every second, the
 * engine runs each starting container's own health check (`podman healthcheck run`).
 */
function driveHealthChecks(): void {
  if (path.basename(engine.command!) !== 'podman') return;
  let busy = false;
  healthDriver = setInterval(() => {
    if (busy) return;
    busy = true;
    void (async () => {
      const listed = await engineRun(
        'ps',
        '--filter',
        'label=com.docker.compose.project=hubsmoke',
        '--format',
        '{{.ID}} {{.Status}}',
      ).catch(() => '');
      const starting = listed.split('\n').filter((line) => /\((starting|unhealthy)\)/.test(line));
      await Promise.all(starting.map((line) => engineRun('healthcheck', 'run', line.split(' ')[0]!).catch(() => undefined)));
    })().finally(() => (busy = false));
  }, 1000);
}

async function startEngineService(): Promise<void> {
  if (path.basename(engine.command!) !== 'podman') return;
  const folder = mkdtempSync(path.join(os.tmpdir(), 'hub-podman-'));
  const socket = path.join(folder, 'podman.sock');
  service = spawn(engine.command!, ['system', 'service', '--time=0', `unix://${socket}`], { env: engine.env, stdio: 'ignore' });
  env.DOCKER_HOST = `unix://${socket}`;
  await until(() => existsSync(socket), 'podman system service', 30_000);
}

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: { extensions?: Record<string, unknown> }[] };
}

async function ask(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  key?: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
}

/** A statement on the councils' standby, through psql in its container: its one value. */
const onStandby = async (sql: string) =>
  compose('exec', '-T', 'council-db-replica', 'psql', '-U', 'council', '-d', 'postgres', '-tAc', sql);

const README_EXAMPLE = graphqlExamples(readFileSync(path.join(ROOT, 'README.md'), 'utf8'), 'README.md')[0]!;

test("docker/sources.json is the topology's: each demo source at a database of its own on its kind's server, each made at the server's first start, read from its server's standby if it has one", () => {
  const users: Record<string, string> = {
    'hub-db': 'hub',
    'ccg-db': 'ccg',
    'council-db': 'council',
    'council-db-replica': 'council',
    'trust-db': 'trust',
  };
  const url = (server: string, database: string) =>
    `postgresql://${users[server]}:${users[server]}-demo-password@${server}:5432/${database}`;
  const expected = topologySourcesFile(url, url);
  expect(JSON.parse(readFileSync(path.join(ROOT, 'docker/sources.json'), 'utf8'))).toEqual(expected);
  expect(loadConfig({ SOURCES_FILE: path.join(ROOT, 'docker/sources.json') }).sources.map((s) => s.id)).toEqual(
    expected.sources.map((s) => s.id),
  );
  for (const { server, database } of demoSourcesOnServers()) {
    if (database === 'hub_registry') continue;
    expect(readFileSync(path.join(ROOT, `docker/initdb/${server}.sql`), 'utf8')).toContain(`CREATE DATABASE ${database};`);
  }
});

if (!enabled) test.skip(`the compose topology, up (skipped: ${why})`, () => undefined);

(enabled ? describe : describe.skip)('the compose topology, up', () => {
  beforeAll(async () => {
    const ports = {
      HUB_PORT: await freePort(),
      GATEWAY_PORT: await freePort(),
      HUB_1_PORT: await freePort(),
      HUB_2_PORT: await freePort(),
    };
    for (const [name, port] of Object.entries(ports)) env[name] = String(port);
    urls.lb = `http://127.0.0.1:${ports.HUB_PORT}/graphql`;
    urls.gateway = `http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`;
    urls.hub1 = `http://127.0.0.1:${ports.HUB_1_PORT}/graphql`;
    urls.hub2 = `http://127.0.0.1:${ports.HUB_2_PORT}/graphql`;
    env.FEDERATION_SUBGRAPH_SECRET = randomBytes(16).toString('hex');
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version: string }>;
    };
    env.NODE_BASE = `local/node:${lock.packages['node_modules/node']!.version}`;
    env.DEBIAN_BASE = 'local/debian:bookworm';
    await timed('hub image and Node base (npm run image:build)', () =>
      exec(path.join(ROOT, 'docker/build-offline.sh'), ['run'], { cwd: ROOT, env: engine.env, maxBuffer: 256 * 1024 * 1024 }),
    );
    await startEngineService();
    await timed('other images (docker-compose build)', () => compose('build'));
    driveHealthChecks();
    await timed('up, to every service healthy (docker-compose up -d)', () => compose('up', '-d'));
    await timed('gateway composed', () =>
      until(async () => (await ask(urls.gateway, '{ __typename }').catch(() => ({ status: 0 }))).status === 200, 'the gateway', 120_000),
    );
  }, UP_MS);

  afterAll(async () => {
    if (healthDriver) clearInterval(healthDriver);
    await timed('down, volumes removed (docker-compose down -v)', () => compose('down', '-v', '--timeout', '20')).catch((error: unknown) =>
      console.error('compose down failed', error),
    );
    service?.kill('SIGTERM');
    console.log(['compose:test timings (seconds)', ...timings.map(([what, s]) => `  ${s.toFixed(1).padStart(7)}  ${what}`)].join('\n'));
  }, 120_000);

  test("the README's example through the balancer and through the gateway", async () => {
    for (const url of [urls.lb, urls.gateway]) {
      const answer = await ask(url, README_EXAMPLE.query);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(README_EXAMPLE.expected);
    }
  });

  test("the gateway joins the hub's locality with the partner directory's listings", async () => {
    const answer = await ask(urls.gateway, `{ locality(code: "PUR-PURBECK") { name voluntaryListings { name deliveredWith { name } } } }`);
    expect(answer.body).toEqual({
      data: {
        locality: {
          name: 'Purbeck',
          voluntaryListings: [
            {
              name: 'Purbeck carers befriending (example listing)',
              deliveredWith: { name: 'DORSET HEALTHCARE UNIVERSITY NHS FOUNDATION TRUST' },
            },
            { name: 'Swanage community transport (example listing)', deliveredWith: null },
          ],
        },
      },
    });
  });

  test("a partner write through one replica is read through the other with its token, while the councils' standby lags", async () => {
    const issued = await compose(
      'exec',
      '-T',
      'hub-1',
      'node',
      'src/cli/keys.js',
      'issue',
      '--org',
      'nhs-thurrock-ccg',
      '--role',
      'EDITOR',
      '--label',
      'compose smoke',
    );
    const key = issued.split('\n')[0]!;
    const action = toGlobalId('PlanAction', 'THR-JHWS-O01-X07');
    const history = `query($id: ID!) { node(id: $id) { ... on PlanAction { statusHistory { period rag } } } }`;
    const periods = (answer: Answer) => (answer.body.data!.node as { statusHistory: { period: string; rag: string }[] }).statusHistory;
    const period = '2015/16';
    const before = await ask(urls.hub2, history, { id: action });
    expect(periods(before).map((s) => s.period)).not.toContain(period);
    // The councils' sources are read from their standby, which says it is one.
    expect(before.headers.get('x-hub-read-from')).toMatch(/(^|, )thurrock-council=replica(,|$)/);
    const ready = (await (await fetch(urls.hub2.replace(/\/graphql$/, '/health/ready'))).json()) as {
      sources: Record<string, { replica?: { state: string; standby: boolean } }>;
    };
    expect(ready.sources['thurrock-council']!.replica).toMatchObject({ state: 'up', standby: true });

    // The standby's replay held: it keeps answering, with what it had.
    await onStandby('SELECT pg_wal_replay_pause()');
    let token: string;
    try {
      await until(async () => (await onStandby('SELECT pg_get_wal_replay_pause_state()')) === 'paused', 'replay paused', 30_000);
      const written = await ask(
        urls.hub1,
        `mutation($input: RecordActionStatusInput!) { recordActionStatus(input: $input) { status { period rag } } }`,
        { input: { actionId: action, period, rag: 'GREEN', comment: 'compose smoke test', expectedVersion: null } },
        key,
      );
      expect(written.body.errors).toBeUndefined();
      // The council source's primary's WAL position after the write.
      token = written.headers.get('x-hub-read-after')!;
      expect(token).toMatch(/^thurrock-council=[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/);
      // Without the token, the other replica reads the standby: not the write, even for its writer.
      const stale = await ask(urls.hub2, history, { id: action }, key);
      expect(periods(stale)).not.toContainEqual({ period, rag: 'GREEN' });
      expect(stale.headers.get('x-hub-read-from')).toMatch(/(^|, )thurrock-council=replica(,|$)/);
      // With it, the standby cannot show the write in the time allowed, so the councils' primary answers.
      const fresh = await ask(urls.hub2, history, { id: action }, undefined, { 'x-hub-read-after': token });
      expect(periods(fresh)).toContainEqual({ period, rag: 'GREEN' });
      expect(fresh.headers.get('x-hub-read-from')).toMatch(/(^|, )thurrock-council=primary(,|$)/);
    } finally {
      await onStandby('SELECT pg_wal_replay_resume()');
    }
    // Replayed, the standby answers the token's reads itself.
    const position = token.replace('thurrock-council=', '');
    await until(
      async () => (await onStandby(`SELECT pg_last_wal_replay_lsn() >= '${position}'::pg_lsn`)) === 't',
      'the standby replays the write',
      30_000,
    );
    const replayed = await ask(urls.hub2, history, { id: action }, undefined, { 'x-hub-read-after': token });
    expect(periods(replayed)).toContainEqual({ period, rag: 'GREEN' });
    expect(replayed.headers.get('x-hub-read-from')).toMatch(/(^|, )thurrock-council=replica(,|$)/);
  });

  test('a replica killed under load: no request fails', async () => {
    const query = encodeURIComponent(`{ partnerOrganisation(odsCode: "RDD") { name odsCode } }`);
    let sent = 0;
    const load = async (): Promise<number[]> => {
      const statuses: number[] = [];
      while (sent < 400) {
        sent += 1;
        const response = await fetch(`${urls.lb}?query=${query}`, { signal: AbortSignal.timeout(30_000) });
        await response.arrayBuffer();
        statuses.push(response.status);
      }
      return statuses;
    };
    const running = Promise.all(Array.from({ length: 8 }, load));
    try {
      await until(() => sent >= 100, 'load through the balancer', 60_000);
      await compose('kill', 'hub-1');
      const statuses = (await running).flat();
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
      expect(statuses.length).toBeGreaterThanOrEqual(400);
    } finally {
      // Back for the other tests, in whatever order they run.
      await compose('up', '-d', '--no-deps', 'hub-1');
      await until(async () => (await ask(urls.hub1, '{ __typename }').catch(() => ({ status: 0 }))).status === 200, 'hub-1 back', 120_000);
    }
  }, 240_000);

  test('a partner database stopped: a partial answer naming its sources, within the deadline', async () => {
    await compose('stop', 'trust-db');
    try {
      const started = Date.now();
      // An alias no cached answer has, so the databases are read now.
      const answer = await ask(urls.lb, `{ stopped: locality(code: "PUR-PURBECK") { name estates { nodes { name } } } }`);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(answer.status).toBe(200);
      expect((answer.body.data!.stopped as { name: string }).name).toBe('Purbeck');
      expect(answer.body.errors!.map((e) => e.extensions)).toContainEqual(
        expect.objectContaining({ code: 'SOURCE_UNAVAILABLE', source: 'dorset-healthcare', kind: 'trust-sites' }),
      );
    } finally {
      await compose('start', 'trust-db');
    }
  }, 120_000);
});

afterAll(() => {
  if (service) rmSync(path.dirname(env.DOCKER_HOST!.replace('unix://', '')), { recursive: true, force: true });
});
