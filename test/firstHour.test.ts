import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { until } from './support/overlap';
import { environment } from './support/processes';
import { createTestDatabases, startTestHub, type TestHub } from './support/testHub';

/**
 * What a new user meets in the first hour, through HTTP and the shell as they meet it: the
 * icon every page asks for, a mistyped URL, an export without its parameter, a browser app
 * on another origin downloading CSV, a production hub's /graphql opened in a browser, and
 * the built JavaScript run in place.
 */

const ROOT = path.resolve(__dirname, '..');
const ALLOWED = 'https://dashboard.example.org';

let hub: TestHub;
let production: TestHub;
let origin: string;

beforeAll(async () => {
  [hub, production] = await Promise.all([
    startTestHub({ env: { CORS_ORIGINS: ALLOWED } }),
    // Production's defaults for a browser-facing hub: no explorer, no introspection.
    startTestHub({ env: { EXPLORER: 'false', INTROSPECTION: 'false' } }),
  ]);
  origin = new URL(hub.url).origin;
});
afterAll(async () => {
  await Promise.all([hub?.stop(), production?.stop()]);
});

test('/favicon.ico is served, so no page logs a 404 for it', async () => {
  const response = await fetch(`${origin}/favicon.ico`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
  // An ICO file starts with reserved 0, type 1 (icon).
  expect([...new Uint8Array(await response.arrayBuffer()).slice(0, 4)]).toEqual([0, 0, 1, 0]);
});

test('an unknown route answers JSON to a program and a small page to a browser, both 404', async () => {
  const program = await fetch(`${origin}/graphq`, { headers: { accept: 'application/json' } });
  expect(program.status).toBe(404);
  expect(await program.json()).toEqual({
    errors: [{ message: expect.stringContaining('Nothing is at GET /graphq') as string, extensions: { code: 'NOT_FOUND' } }],
  });
  const browser = await fetch(`${origin}/locality/THR-GRAYS`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
  expect(browser.status).toBe(404);
  expect(browser.headers.get('content-type')).toMatch(/^text\/html/);
  const page = await browser.text();
  expect(page).toContain('Nothing is at /locality/THR-GRAYS');
  expect(page).toContain('href="/"');
  expect(page).not.toContain('Cannot GET');
});

test('an export missing its parameter names the parameter the URL takes, not an internal variable', async () => {
  const missing = await fetch(`${origin}/export/indicator-values.csv?area=E06000034`);
  expect(missing.status).toBe(400);
  const body = (await missing.json()) as { errors: { message: string; extensions: { code: string; argumentName: string } }[] };
  expect(body.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'indicator' });
  expect(body.errors[0]!.message).toContain('"indicator"');
  expect(JSON.stringify(body)).not.toContain('$id');
  const bothMissing = (await (await fetch(`${origin}/export/indicator-values.csv`)).json()) as { errors: { message: string }[] };
  expect(bothMissing.errors.map((e) => /"(\w+)" parameter/.exec(e.message)?.[1])).toEqual(['indicator', 'area']);
  const badKind = (await (await fetch(`${origin}/export/structures.csv?kinds=PCN,PARISH`)).json()) as { errors: { message: string }[] };
  expect(badKind.errors[0]!.message).toMatch(/^The "kinds" parameter is not valid/);
});

test('exports send CORS headers to an allowed origin (and its preflight for x-api-key), none to others', async () => {
  const allowed = await fetch(`${origin}/export/structures.csv?kinds=PCN`, { headers: { origin: ALLOWED } });
  expect(allowed.status).toBe(200);
  expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  const preflight = await fetch(`${origin}/export/budget.csv`, {
    method: 'OPTIONS',
    headers: { origin: ALLOWED, 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-api-key' },
  });
  expect(preflight.status).toBeLessThan(300);
  expect(preflight.headers.get('access-control-allow-headers')).toContain('x-api-key');
  const other = await fetch(`${origin}/export/structures.csv?kinds=PCN`, { headers: { origin: 'https://elsewhere.example' } });
  expect(other.headers.get('access-control-allow-origin')).toBeNull();
});

test("with the explorer off, a browser's GET /graphql gets a page saying so and how to turn it on", async () => {
  const response = await fetch(production.url, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  const page = await response.text();
  expect(page).toContain('explorer is off');
  expect(page).toContain('EXPLORER=true');
  // A program's GET with a query is still the API.
  const api = await fetch(`${production.url}?query=${encodeURIComponent('{ __typename }')}`);
  expect(await api.json()).toMatchObject({ data: { __typename: 'Query' } });
});

test("the introspection refusal names the hub's setting, not Apollo's constructor", async () => {
  const answer = await production.gql('{ __schema { queryType { name } } }');
  const message = answer.body.errors![0]!.message;
  expect(message).toContain('INTROSPECTION=true');
  expect(message).not.toContain('ApolloServer');
});

describe('the built JavaScript', () => {
  let created: Awaited<ReturnType<typeof createTestDatabases>>;
  beforeAll(async () => {
    created = await createTestDatabases();
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  }, 180_000);
  afterAll(async () => {
    await created?.drop();
  });

  /** `node build/src/main.js` from another folder: its paths come from the package root, not the working directory. */
  async function runBuilt(extra: Record<string, string>): Promise<{ stdout: string; url: string; stop: () => Promise<void> }> {
    const child = spawn(process.execPath, [path.join(ROOT, 'build/src/main.js')], {
      cwd: '/',
      env: environment(created.urls, { PORT: '0', LOAD_DEMO_DATA: 'false', LOG_LEVEL: 'info', ...extra }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await until(() => /GraphQL at (\S+)/.test(stdout) || child.exitCode !== null, 'the built hub to say where it serves', 60_000);
    const url = /GraphQL at (\S+)/.exec(stdout)?.[1];
    if (!url) throw new Error(`The built hub did not start: ${stderr}`);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    return {
      get stdout() {
        return stdout;
      },
      url,
      stop: async () => {
        child.kill('SIGTERM');
        await exited;
      },
    };
  }

  test('runs in place, serves the API and the dashboard, and logs readable lines in development', async () => {
    const built = await runBuilt({});
    try {
      const answer = await fetch(`${built.url}?query=${encodeURIComponent('{ localities { totalCount } }')}`);
      expect(await answer.json()).toMatchObject({ data: { localities: { totalCount: 0 } } });
      expect((await fetch(new URL('/favicon.ico', built.url))).status).toBe(200);
      const logLines = built.stdout.split('\n').filter((l) => /\bINFO\b/.test(l));
      expect(logLines.length).toBeGreaterThan(0);
      expect(built.stdout.split('\n').filter((l) => l.startsWith('{"level"'))).toEqual([]);
    } finally {
      await built.stop();
    }
  });

  test('logs JSON in production', async () => {
    const built = await runBuilt({ NODE_ENV: 'production' });
    try {
      const json = built.stdout.split('\n').filter((l) => l.startsWith('{'));
      expect(json.length).toBeGreaterThan(0);
      for (const line of json) expect(JSON.parse(line)).toHaveProperty('level');
    } finally {
      await built.stop();
    }
  });
});
