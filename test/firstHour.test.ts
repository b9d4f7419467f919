import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { graphqlExamples, type GraphQLExample } from '../src/docs/examples';
import { freePort } from './support/freePort';
import { until } from './support/overlap';
import { runCommand, startCommand } from './support/processes';
import { startTestHub, type TestHub } from './support/testHub';

/**
 * What a new user meets in the first hour, through HTTP and the shell as they meet it: the
 * icon every page asks for, a mistyped URL, an export without its parameter, a browser app
 * on another origin downloading CSV, a production hub's /graphql opened in a browser; and,
 * last, the README's whole first hour as one script, from a clone to the build run in place.
 */

const ROOT = path.resolve(__dirname, '..');
const ALLOWED = 'https://dashboard.example.org';
const CHROMIUM = '/usr/bin/chromium';
const OUTPUT = path.join(ROOT, 'test-output');

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

/*
 * The README's first hour as one script, as a new user meets it: a clone of this commit, the
 * start command, the dashboard in a browser, a key from the keys command, each of the README's
 * examples (its curl lines run by bash as written, its GraphQL through the docs examples'
 * reader), each CSV export it shows, then the build, run in place as documented and, in
 * production, from another folder. Everything here comes from the README's own text, so a
 * README that stops working fails this test.
 */

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const DOCUMENTED = 'http://127.0.0.1:4000';

/** The README's shell lines: a trailing backslash continues a line; comments dropped. */
function readmeShellLines(): string[] {
  return [...README.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((block) =>
    block[1]!
      .replace(/\\\n\s*/g, '')
      .split('\n')
      .map((line) => line.replace(/\s+#\s.*$/, '').trim())
      .filter((line) => line !== ''),
  );
}

/** The one README line that runs `program`, as its `&&`-joined commands. */
function readmeLine(program: string): string[] {
  const lines = readmeShellLines().filter((line) => line.split(' && ').includes(program));
  expect(lines).toHaveLength(1);
  return lines[0]!.split(' && ');
}

/** Every README example of a CSV export (`GET /export/….csv?…`), without its optional parts. */
function readmeExports(): string[] {
  return [...README.matchAll(/`GET (\/export\/[\w-]+\.csv[^`]*)`/g)].map((m) => m[1]!.replace(/\[[^\]]*\]/g, ''));
}

/** The key command a keyed example's visible line names (`*Needs a partner key* … \`npm run keys -- issue …\``). */
function keyCommandFor(example: GraphQLExample): string {
  const fence = Number(example.location.split(':')[1]) - 1;
  const above = README.split('\n')
    .slice(0, fence - 1)
    .reverse()
    .find((line) => line.trim() !== '');
  const command = /`(npm run keys -- issue [^`]+)`/.exec(above ?? '')?.[1];
  if (!command) throw new Error(`${example.location}: no key command in the line above it`);
  return command;
}

/** Where a started program says it serves GraphQL, once it has. */
async function servedAt(program: { stdout: string; stderr: string; child: ChildProcess }, what: string): Promise<string> {
  await until(() => /GraphQL at (\S+)/.test(program.stdout) || program.child.exitCode !== null, what, 240_000);
  const url = /GraphQL at (\S+)/.exec(program.stdout)?.[1];
  if (!url) throw new Error(`${what} did not start:\n${program.stdout}\n${program.stderr}`);
  return url;
}

const jsonLines = (output: string) => output.split('\n').filter((line) => line.startsWith('{'));
const readableLines = (output: string) => output.split('\n').filter((line) => /^\[\d\d:\d\d:\d\d(\.\d+)?\] INFO: /.test(line));

/** A browser page whose requests outside the hub are refused and recorded, as are its console errors. */
async function watchedPage(browser: Browser, origin: string): Promise<{ page: Page; outside: string[]; errors: string[] }> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const watched = { page, outside: [] as string[], errors: [] as string[] };
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || /^(data|blob):/.test(url)) return route.continue();
    watched.outside.push(url);
    return route.abort();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') watched.errors.push(message.text());
  });
  page.on('pageerror', (error) => watched.errors.push(error.message));
  return watched;
}

test("the README's first hour, as one script: clone, start, dashboard, key, examples, CSV, build, the build run", async () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'hub-first-hour-'));
  const clone = path.join(work, 'hub');
  const started: ReturnType<typeof startCommand>[] = [];
  let browser: Browser | undefined;
  try {
    // A clone of this commit (uncommitted work is not in it), with this checkout's packages for `npm ci`'s.
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    execFileSync('git', ['clone', '-q', '--no-checkout', '--shared', ROOT, clone]);
    execFileSync('git', ['checkout', '-q', '--detach', head], { cwd: clone });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules'));
    const [port, pgPort] = await Promise.all([freePort(), freePort()]);
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), EMBEDDED_PG_PORT: String(pgPort) };

    // The build needs nothing the start makes, so it runs while the hub starts: the two cores share the wait.
    const [build, builtRun] = readmeLine('node build/src/main.js');
    expect(build).toBe('npm run build');
    const building = runCommand(build!, clone, env);

    const [install, startCommandLine] = readmeLine('npm start');
    expect(install).toBe('npm ci'); // done above, by linking the packages
    const hub = startCommand(startCommandLine!, clone, env);
    started.push(hub);
    const url = await servedAt(hub, 'npm start');
    const origin = new URL(url).origin;
    const documented = (text: string) => text.replaceAll(DOCUMENTED, origin);
    // Readable lines for a person, not JSON, and few of them before the banner.
    expect(jsonLines(hub.stdout)).toEqual([]);
    expect(readableLines(hub.stdout.slice(0, hub.stdout.indexOf('GraphQL at'))).length).toBeLessThan(10);

    // The dashboard's start page and the README's deep link, in a browser, with nothing from outside.
    const [landing, deepLink] = /\*\*Locality dashboard\*\*: `([^`]+)`[^`]*`([^`]+)`/.exec(README)!.slice(1).map(documented);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
    const watched = await watchedPage(browser, origin);
    await watched.page.goto(landing!);
    await watched.page.waitForSelector('main[aria-busy="false"]');
    await watched.page.goto(deepLink!);
    await watched.page.waitForSelector('main[aria-busy="false"]');
    expect(await watched.page.locator('h1').textContent()).toBe('Purbeck');
    mkdirSync(OUTPUT, { recursive: true });
    await watched.page.screenshot({ path: path.join(OUTPUT, 'first-hour-PUR-PURBECK.png') });
    expect(watched.outside).toEqual([]);
    expect(watched.errors).toEqual([]);

    // A key, by the README's command, beside the running hub (its banner names the port to add).
    const keysLine = readmeShellLines().find((line) => line.startsWith('npm run keys -- issue'))!;
    expect(hub.stdout).toContain(`EMBEDDED_PG_PORT=${pgPort} ${keysLine}`);
    const keys = new Map<string, Promise<string>>();
    const keyFrom = (command: string) => {
      if (!keys.has(command))
        keys.set(
          command,
          runCommand(command, clone, env).then((issued) => {
            expect([command, issued.code, issued.code === 0 ? '' : issued.stderr]).toEqual([command, 0, '']);
            return /^ich_\S+$/m.exec(issued.stdout)![0];
          }),
        );
      return keys.get(command)!;
    };
    const key = await keyFrom(keysLine);

    // Each curl line as written, with the key where the README shows `ich_...`; every answer whole.
    const curls = readmeShellLines().filter((line) => line.startsWith('curl '));
    expect(curls.length).toBeGreaterThanOrEqual(2);
    const answers = new Map<string, string>();
    for (const curl of curls) {
      const result = await runCommand(documented(curl).replace('ich_...', key), clone, env);
      expect([curl, result.code]).toEqual([curl, 0]);
      const body = JSON.parse(result.stdout) as { data?: unknown; errors?: unknown };
      expect([curl, body.errors, JSON.stringify(body.data)]).toEqual([curl, undefined, expect.not.stringMatching(/null/)]);
      answers.set(curl, JSON.stringify(body.data));
    }

    // Each GraphQL example, with a key from the command its visible line names where it needs one.
    const examples = graphqlExamples(README, 'README.md').filter((e) => e.mode.kind !== 'skip');
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const example of examples) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (example.mode.kind === 'as') headers['x-api-key'] = await keyFrom(keyCommandFor(example));
      const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query: example.query }) });
      const { extensions: _extensions, ...body } = (await response.json()) as Record<string, unknown>;
      if (example.expected !== undefined) expect([example.location, body]).toEqual([example.location, example.expected]);
      else expect([example.location, response.status, body.errors]).toEqual([example.location, 200, undefined]);
    }

    // Each CSV export the README shows, by curl with the key, its placeholders filled from the API.
    const ask = async <T>(query: string): Promise<T> => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        body: JSON.stringify({ query }),
      });
      return ((await response.json()) as { data: T }).data;
    };
    const place = 'THR-TILBURY-CHADWELL'; // the README's locality dashboard example
    const { locality, budgetSummary } = await ask<{
      locality: { indicators: { indicator: { id: string } }[] };
      budgetSummary: { groups: { key: { fund: { id: string } } }[] };
    }>(
      `{ locality(code: "${place}") { indicators { indicator { id } } } budgetSummary(groupBy: [FUND]) { groups { key { fund { id } } } } }`,
    );
    const localitiesQuery = (JSON.parse(/-d '([^']+)'/.exec(curls.find((c) => !c.includes('x-api-key'))!)![1]!) as { query: string }).query;
    const filled: Record<string, string> = {
      indicator: locality.indicators[0]!.indicator.id,
      area: place,
      fundId: budgetSummary.groups[0]!.key.fund.id,
      query: localitiesQuery,
    };
    const exportsShown = readmeExports();
    expect(exportsShown.length).toBeGreaterThanOrEqual(6);
    for (const shown of exportsShown) {
      const address = shown.replace(/([\w]+)=<[^>]+>/g, (_m, name: string) => {
        if (!(name in filled)) throw new Error(`The README's ${shown} has a placeholder this test cannot fill: ${name}`);
        return `${name}=${encodeURIComponent(filled[name]!)}`;
      });
      const file = path.join(work, `${/\/export\/([\w-]+)\.csv/.exec(shown)![1]}.csv`);
      const result = await runCommand(`curl -s -o '${file}' -w '%{http_code}' -H 'x-api-key: ${key}' '${origin}${address}'`, work, env);
      expect([shown, result.stdout]).toEqual([shown, '200']);
      const [header, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
      expect([shown, header!.split(',').length > 1, rows.length > 0]).toEqual([shown, true, true]);
    }

    // Ctrl-C: the hub and its PostgreSQL stop cleanly (a killed PostgreSQL leaves its pid file behind).
    const stopsCleanly = async (program: (typeof started)[number], signal: NodeJS.Signals) => {
      await program.stop(signal);
      expect(program.stdout).toMatch(/shutting down/);
      expect(`${program.stdout}${program.stderr}`).not.toMatch(/shutdown failed/);
      expect(existsSync(path.join(clone, '.data/postgres/postmaster.pid'))).toBe(false);
    };
    await stopsCleanly(hub, 'SIGINT');

    // The build, run as documented: the same hub on the data `npm start` loaded.
    const built = await building;
    expect([build, built.code, built.code === 0 ? '' : `${built.stdout}${built.stderr}`]).toEqual([build, 0, '']);
    const fromBuild = startCommand(builtRun!, clone, env);
    started.push(fromBuild);
    await servedAt(fromBuild, builtRun!);
    expect(fromBuild.stdout).not.toMatch(/loaded \d+ extracts/);
    expect(jsonLines(fromBuild.stdout)).toEqual([]);
    expect(readableLines(fromBuild.stdout).length).toBeGreaterThan(0);
    const again = curls.find((c) => !c.includes('x-api-key'))!;
    const answer = await runCommand(documented(again), clone, env);
    expect(JSON.stringify((JSON.parse(answer.stdout) as { data: unknown }).data)).toBe(answers.get(again));
    await stopsCleanly(fromBuild, 'SIGINT');

    // In production, from another folder: JSON logs, the package's own data, and the explorer off with a page saying so.
    const production = startCommand(`node ${path.join(clone, 'build/src/main.js')}`, '/', { ...env, NODE_ENV: 'production' });
    started.push(production);
    const productionUrl = await servedAt(production, 'the build in production');
    expect(readableLines(production.stdout)).toEqual([]);
    for (const line of jsonLines(production.stdout)) expect(JSON.parse(line)).toHaveProperty('level');
    const count = await fetch(`${productionUrl}?query=${encodeURIComponent('{ localities { totalCount } }')}`);
    const listed = (JSON.parse(answers.get(again)!) as { localities: { nodes: unknown[] } }).localities.nodes;
    expect(await count.json()).toMatchObject({ data: { localities: { totalCount: listed.length } } });
    const page = await fetch(productionUrl, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(await page.text()).toContain('explorer is off');
    const embedded = jsonLines(production.stdout).map((line) => JSON.parse(line) as { msg: string; databaseDir?: string });
    expect(embedded.find((line) => line.msg === 'embedded PostgreSQL started')?.databaseDir).toBe(path.join(clone, '.data/postgres'));
    await stopsCleanly(production, 'SIGTERM');
  } finally {
    await browser?.close();
    for (const program of started) await program.stop('SIGKILL').catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}, 400_000);
