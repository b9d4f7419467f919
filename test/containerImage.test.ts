import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { graphqlExamples } from '../src/docs/examples';
import { freePort } from './support/freePort';
import { createTestDatabases } from './support/testHub';
import { containerEngine } from './support/containerEngine';

/**
 * The image as an operator gets it: built by `npm run image:build` (docker/build-offline.sh)
 * on a real container engine, the demo target run with `-p <port>:4000` answering the
 * README's example, and the production image run against real PostgreSQL: non-root, one
 * Node, no embedded PostgreSQL, ready at /health/ready, stopping cleanly on SIGTERM.
 * Run by `npm run image:test` (CONTAINER_TESTS=1), not by `npm test`: a first build after a
 * lock change takes minutes, which would double the suite's time. Skipped, saying why,
 * otherwise or where no engine can run containers.
 */

const ROOT = path.resolve(__dirname, '..');
const exec = promisify(execFile);
const engine = containerEngine();
const PRODUCTION = 'integrated-care-hub';
const DEMO = 'integrated-care-hub:demo';
// A first build installs every dependency in the image; later ones reuse its layers.
const BUILD_MS = 20 * 60_000;

const podman = async (...args: string[]) =>
  (await exec(engine.command!, args, { env: engine.env, maxBuffer: 64 * 1024 * 1024 })).stdout.trim();

/** Starts a container and resolves with its id once its log says the hub is ready (or rejects with the log if it exits first). */
async function runUntilReady(args: string[]): Promise<string> {
  const id = await podman('run', '-d', '--init', ...args);
  const logs = spawn(engine.command!, ['logs', '-f', id], { env: engine.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes('integrated care hub ready')) resolve();
      };
      logs.stdout.on('data', onData);
      logs.stderr.on('data', onData);
      logs.once('exit', () => reject(new Error(`container ${id} stopped before it was ready:\n${log}`)));
    });
  } finally {
    logs.kill();
  }
  return id;
}

const asked = process.env.CONTAINER_TESTS === '1';
const describeWithEngine = asked && engine.command ? describe : describe.skip;
if (!asked) test.skip('the container image (skipped: set CONTAINER_TESTS=1, npm run image:test; a build takes minutes)', () => undefined);
else if (!engine.command) test.skip(`the container image (skipped: ${engine.reason})`, () => undefined);

describeWithEngine('the image, built and run', () => {
  const started: string[] = [];
  let demoPort: number;

  beforeAll(async () => {
    await exec(path.join(ROOT, 'docker/build-offline.sh'), ['all'], { cwd: ROOT, env: engine.env, maxBuffer: 64 * 1024 * 1024 });
    demoPort = await freePort();
    started.push(await runUntilReady(['-p', `127.0.0.1:${demoPort}:4000`, DEMO]));
  }, BUILD_MS);

  afterAll(async () => {
    for (const id of started) await podman('rm', '-f', id).catch(() => undefined);
  });

  test("the demo answers the README's example, and serves the dashboard and the explorer", async () => {
    const [example] = graphqlExamples(readFileSync(path.join(ROOT, 'README.md'), 'utf8'), 'README.md');
    const base = `http://127.0.0.1:${demoPort}`;
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: example!.query }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(example!.expected);
    const dashboard = await fetch(`${base}/`);
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toMatch(/<html/i);
    const explorer = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(explorer.status).toBe(200);
    expect(await explorer.text()).toMatch(/ruru/i);
  });

  test('the production image: non-root, one Node, no embedded PostgreSQL', async () => {
    expect(await podman('run', '--rm', PRODUCTION, 'id', '-u')).not.toBe('0');
    const nodes = await podman(
      'run',
      '--rm',
      '--user',
      'root',
      PRODUCTION,
      'find',
      '/',
      '-xdev',
      '-type',
      'f',
      '-name',
      'node',
      '-size',
      '+10M',
    );
    expect(nodes.split('\n')).toEqual(['/usr/local/bin/node']);
    const postgres = await podman('run', '--rm', PRODUCTION, 'find', '/app/node_modules', '-name', 'postgres', '-type', 'f');
    expect(postgres).toBe('');
  });

  test('the production image on real PostgreSQL: ready at /health/ready, and SIGTERM stops it cleanly', async () => {
    const { urls } = await createTestDatabases();
    const port = await freePort();
    const id = await runUntilReady([
      '--network',
      'host',
      ...['-e', `PORT=${port}`, '-e', 'HOST=127.0.0.1'],
      ...['-e', `HUB_DATABASE_URL=${urls.hub}`, '-e', `CCG_DATABASE_URL=${urls.ccg}`],
      ...['-e', `COUNCIL_DATABASE_URL=${urls.council}`, '-e', `TRUST_DATABASE_URL=${urls.trust}`],
      PRODUCTION,
    ]);
    started.push(id);
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
    expect(ready.status).toBe(200);
    await podman('stop', '--time', '30', id);
    expect(await podman('inspect', id, '--format', '{{.State.ExitCode}}')).toBe('0');
    expect(await podman('logs', id)).toMatch(/"msg":"shutting down"/);
  });
});
