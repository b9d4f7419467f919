import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { issueApiKey } from '../src/auth/apiKeys';
import { DEMO_DATA_DIR } from '../src/runtime';
import { startTestHub, type TestHub } from './support/testHub';

/**
 * The locality dashboard and the explorer in a real headless Chromium (Debian's, driven by
 * playwright-core): each demo locality's page renders what the API says it should, nothing
 * is requested from outside the machine, nothing is logged as an error, the page passes
 * axe's WCAG 2 AA rules, and screenshots are written to test-output/ for review.
 */

const CHROMIUM = '/usr/bin/chromium';
const OUTPUT = path.resolve(__dirname, '../test-output');
const ROOT = path.resolve(__dirname, '..');

let hub: TestHub;
let browser: Browser;
let origin: string;

interface Expected {
  code: string;
  name: string;
  wards: { totalCount: number };
  hubs: { totalCount: number };
  estates: { totalCount: number };
  indicators: unknown[];
}
let localities: Expected[];

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'web/dist/dashboard.js')))
    execFileSync('npx', ['tsx', 'scripts/web/build.ts'], { cwd: ROOT, stdio: 'inherit' });
  mkdirSync(OUTPUT, { recursive: true });
  hub = await startTestHub({ extracts: DEMO_DATA_DIR });
  origin = new URL(hub.url).origin;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const answer = await hub.gql<{ localities: { nodes: Expected[] } }>(`{ localities(first: 100) { nodes {
    code name wards { totalCount } hubs { totalCount } estates { totalCount } indicators { trend } } } }`);
  localities = answer.body.data!.localities.nodes;
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

interface Watched {
  page: Page;
  outside: string[];
  consoleErrors: string[];
}

/** A page whose every request is checked: anything not to the hub is recorded and refused. */
async function openPage(width = 1280): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const watched: Watched = { page, outside: [], consoleErrors: [] };
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    watched.outside.push(url);
    return route.abort();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') watched.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => watched.consoleErrors.push(error.message));
  return watched;
}

async function closePage(watched: Watched): Promise<void> {
  await watched.page.context().close();
}

/** The dashboard is done when main is no longer busy and the plan section has been filled. */
async function waitForLocality(page: Page): Promise<void> {
  await page.waitForSelector('main[aria-busy="false"]');
  // Browser-side code is given as text: the tests' TypeScript has no DOM types.
  await page.waitForFunction(`!document.getElementById('plans')?.textContent?.includes('Loading the plan')`);
  await page.waitForFunction(`!document.getElementById('map')?.textContent?.includes('Drawing the map')`);
}

/** Hubs and estates drawn outside every ward of the locality (a wrong position or projection). */
async function placesOffTheWards(page: Page): Promise<string[]> {
  return (await page.evaluate(`[...document.querySelectorAll('#map .marker')].filter((m) => {
    const box = m.getBBox();
    const point = m.ownerSVGElement.createSVGPoint();
    point.x = box.x + box.width / 2;
    point.y = box.y + box.height / 2;
    return ![...document.querySelectorAll('#map .ward path')].some((p) => p.isPointInFill(point));
  }).map((m) => m.getAttribute('data-name'))`)) as string[];
}

/** An API key of Thurrock Council's analyst. */
async function thurrockAnalystKey(label: string): Promise<{ token: string }> {
  const [council] = await hub.databases.hub.query<{ id: string }[]>(`SELECT id FROM partner_organisation WHERE gss_code = 'E06000034'`);
  return issueApiKey(hub.databases.hub, { organisationId: council!.id, role: 'ANALYST', label, expiresInDays: 1 });
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core') });
  const result = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } })`)) as {
    violations: { id: string; nodes: unknown[] }[];
  };
  return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
}

test('every demo locality page shows its wards on the map, its hubs, estates and indicators, offline and without errors', async () => {
  expect(localities.length).toBeGreaterThanOrEqual(8);
  for (const locality of localities) {
    const watched = await openPage();
    const { page } = watched;
    await page.goto(`${origin}/localities/${locality.code}`);
    await waitForLocality(page);
    expect(await page.locator('h1').textContent()).toBe(locality.name);
    expect(await page.locator('#map svg .ward path').count()).toBe(locality.wards.totalCount);
    expect(await page.locator('#hubs .card').count()).toBe(locality.hubs.totalCount);
    expect(await page.locator('#estates .card').count()).toBe(locality.estates.totalCount);
    expect(await page.locator('#indicators tr.indicator').count()).toBe(locality.indicators.length);
    expect(await placesOffTheWards(page)).toEqual([]);
    if (locality.hubs.totalCount === 0) await expect(page.locator('#hubs').textContent()).resolves.toContain('No hub is recorded');
    await page.screenshot({ path: path.join(OUTPUT, `dashboard-${locality.code}.png`), fullPage: true });
    expect(watched.outside).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
    await closePage(watched);
  }
});

test('Purbeck: 13 wards, hubs and estates placed at their postcodes, Wareham Community Hospital with both its sources, withheld values shown as withheld', async () => {
  const watched = await openPage();
  const { page } = watched;
  await page.goto(`${origin}/localities/PUR-PURBECK`);
  await waitForLocality(page);
  expect(await page.locator('#map .ward').count()).toBe(13);
  const wareham = page.locator('#estates .card', { hasText: 'Wareham Community Hospital' });
  await expect(wareham.textContent()).resolves.toContain('dorset-healthcare and purbeck-district-council');
  expect(await page.locator('#map .marker-estate[data-name="Wareham Community Hospital"]').count()).toBe(1);
  expect(await placesOffTheWards(page)).toEqual([]);
  // Provenance on demand: the estate's sources open from the keyboard.
  await wareham.locator('summary', { hasText: 'Sources' }).focus();
  await page.keyboard.press('Enter');
  await expect(wareham.locator('.sources').textContent()).resolves.toMatch(/dorset-healthcare site RDYFD/);
  await expect(wareham.locator('.sources').textContent()).resolves.toMatch(/SYNTH-PROP-0001.*synthetic/);
  await expect(page.locator('#indicators').textContent()).resolves.toMatch(/withheld/);
  await expect(page.locator('#indicators .synthetic').count()).resolves.toBeGreaterThan(0);
  expect(await axeViolations(page)).toEqual([]);
  expect(watched.outside).toEqual([]);
  expect(watched.consoleErrors).toEqual([]);
  await closePage(watched);
});

test('at phone width the page fits the screen', async () => {
  const watched = await openPage(375);
  const { page } = watched;
  await page.goto(`${origin}/localities/THR-TILBURY-CHADWELL`);
  await waitForLocality(page);
  const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join(OUTPUT, 'dashboard-phone-THR-TILBURY-CHADWELL.png'), fullPage: true });
  expect(watched.consoleErrors).toEqual([]);
  await closePage(watched);
});

test('the start page picks a partnership and a locality from the keyboard', async () => {
  const watched = await openPage();
  const { page } = watched;
  await page.goto(`${origin}/`);
  await page.waitForSelector('main[aria-busy="false"]');
  await page.getByLabel('Partnership').selectOption({ label: 'Thurrock Alliance' });
  await page.getByLabel('Locality').selectOption({ label: 'Grays' });
  await page.getByRole('button', { name: 'Show the locality' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(`${origin}/localities/THR-GRAYS`);
  await waitForLocality(page);
  expect(await page.locator('h1').textContent()).toBe('Grays');
  // Thurrock's delivery plan: a RAG summary for the chosen period.
  await expect(page.locator('#plans table').textContent()).resolves.toMatch(/2014\/15/);
  // The demo's indicator targets are generated, and so are the RAGs judged against them.
  await expect(page.locator('#indicators').textContent()).resolves.toMatch(/synthetic target/);
  expect(await axeViolations(page)).toEqual([]);
  expect(watched.outside).toEqual([]);
  expect(watched.consoleErrors).toEqual([]);
  await closePage(watched);
});

test("with a partner key the dashboard shows the locality's budget, and downloads it as CSV with the key's access", async () => {
  const key = await thurrockAnalystKey('browser test');
  const watched = await openPage();
  const { page } = watched;
  await page.goto(`${origin}/localities/THR-GRAYS`);
  await waitForLocality(page);
  await expect(page.locator('#budget').textContent()).resolves.toContain('enter a partner API key');
  await page.getByLabel(/Partner API key/).fill(key.token);
  await page.getByRole('button', { name: 'Use key' }).click();
  await page.waitForSelector('#budget table');
  const budget = (await page.locator('#budget').textContent()) ?? '';
  expect(budget).toMatch(/Planned per head/);
  expect(budget).toMatch(/Total/);
  expect(budget).toMatch(/£[\d,]+\.\d\d/);
  // The demo's ledgers are generated: the API says so and the page says so beside the figures.
  expect(budget).toMatch(/ledger lines summed here were generated for the demo/);
  const { fileName, text } = await download(page, page.getByRole('link', { name: /Download the locality's budget/ }));
  expect(fileName).toBe('budget.csv');
  const expected = await fetch(`${origin}/export/budget.csv?groupBy=FINANCIAL_YEAR,PARTNER,SCHEME&localityCode=THR-GRAYS`, {
    headers: { 'x-api-key': key.token },
  });
  expect(expected.status).toBe(200);
  expect(text).toBe(await expected.text());
  expect(text.trim().split('\n').length).toBeGreaterThan(1);
  // Without the key the same export is refused: the page's file was fetched with it.
  expect((await fetch(`${origin}/export/budget.csv?localityCode=THR-GRAYS`)).status).toBe(403);
  expect(watched.outside).toEqual([]);
  expect(watched.consoleErrors).toEqual([]);
  await closePage(watched);
});

/** Clicks the control and reads the file the browser saved. */
async function download(page: Page, control: Locator): Promise<{ fileName: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), control.click()]);
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { fileName: file.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}

test('an indicator downloads as the CSV export, under the same disclosure control as the page', async () => {
  const watched = await openPage();
  const { page } = watched;
  await page.goto(`${origin}/localities/THR-TILBURY-CHADWELL`);
  await waitForLocality(page);
  const { fileName, text } = await download(page, page.getByRole('link', { name: /Download .* values as CSV/ }));
  expect(fileName).toBe('indicator-values.csv');
  const exported = await fetch(
    `${origin}/export/indicator-values.csv?${new URLSearchParams({ indicator: (await indicatorId('SYNTH-IND-0001'))!, area: 'THR-TILBURY-CHADWELL' })}`,
  );
  // The file the page saved is the export itself: the public's, withheld values withheld.
  expect(text).toBe(await exported.text());
  const [header, ...rows] = text.trim().split('\n');
  expect(header!.split(',')).toEqual(
    expect.arrayContaining(['indicator_code', 'area_code', 'period', 'value', 'suppressed', 'provenance']),
  );
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.some((r) => r.includes(',true,'))).toBe(true);
  expect(watched.outside).toEqual([]);
  expect(watched.consoleErrors).toEqual([]);
  await closePage(watched);
});

async function indicatorId(registryId: string): Promise<string | undefined> {
  const answer = await hub.gql<{ locality: { indicators: { indicator: { id: string; sourceCode: string } }[] } }>(
    `{ locality(code: "THR-TILBURY-CHADWELL") { indicators { indicator { id sourceCode } } } }`,
  );
  const ids = answer.body.data!.locality.indicators.map((s) => s.indicator.id);
  return ids.find((id) => Buffer.from(id, 'base64').toString().endsWith(registryId));
}

test("the explorer opens in the browser with the docs' operations and the schema, nothing fetched from outside", async () => {
  const watched = await openPage();
  const { page } = watched;
  await page.goto(`${origin}/graphql`);
  await page.waitForSelector('.graphiql-container .graphiql-editors');
  await page.waitForFunction(`document.body.innerText.includes('ALocalityDashboard')`);
  // The schema's docs, from introspection.
  await page.getByRole('button', { name: /Documentation Explorer/i }).click();
  await page.waitForSelector('.graphiql-doc-explorer-content');
  await page.waitForFunction(`document.querySelector('.graphiql-doc-explorer-content')?.textContent?.includes('Query')`);
  await page.screenshot({ path: path.join(OUTPUT, 'explorer.png') });
  expect(watched.outside).toEqual([]);
  expect(watched.consoleErrors).toEqual([]);
  await closePage(watched);
});

test("the explorer's Download CSV saves the last operation run, with its partner key, through /export/query.csv", async () => {
  const key = await thurrockAnalystKey('explorer export');
  const watched = await openPage();
  const { page } = watched;
  const query =
    'query Spend { budgetSummary(groupBy: [FUND, FINANCIAL_YEAR]) { groups { key { fundCode financialYear lineKind } figures { planned actual } } } }';
  // GraphiQL keeps its tabs in localStorage: open the explorer with one tab holding this query and the key.
  await page.addInitScript(
    `localStorage.setItem('graphiql:tabState', JSON.stringify({ activeTabIndex: 0, tabs: [{ id: 't', hash: null, title: 'Spend',
       query: ${JSON.stringify(query)}, variables: null, headers: ${JSON.stringify(JSON.stringify({ 'x-api-key': key.token }))},
       operationName: 'Spend', response: null }] }))`,
  );
  await page.goto(`${origin}/graphql`);
  await page.waitForSelector('.graphiql-query-editor .view-lines');
  // The explorer opens its own tab of the docs' operations beside it: go back to this one, and run it.
  await page.getByRole('tab', { name: /Spend/ }).click();
  await page.waitForFunction(`document.querySelector('.graphiql-query-editor .view-lines')?.textContent?.includes('budgetSummary')`);
  // A run asked for while the explorer is still starting (loading the schema) can be dropped: ask again until it answers.
  const answered = `document.querySelector('.graphiql-response')?.textContent?.includes('thurrock-better-care-fund')`;
  for (let attempt = 0; attempt < 5 && !(await page.evaluate(answered)); attempt += 1) {
    await page.getByRole('button', { name: /Execute query/ }).click();
    await page.waitForFunction(answered, undefined, { timeout: 5000 }).catch(() => undefined);
  }
  await page.waitForFunction(answered);
  await page.screenshot({ path: path.join(OUTPUT, 'explorer-export.png') });
  const { fileName, text } = await download(page, page.getByRole('button', { name: 'Download CSV' }));
  expect(fileName).toBe('Spend.csv');
  const direct = await fetch(`${origin}/export/query.csv?${new URLSearchParams({ query, operationName: 'Spend' })}`, {
    headers: { 'x-api-key': key.token },
  });
  expect(text).toBe(await direct.text());
  expect(text.split('\n')[0]).toBe('key.fundCode,key.financialYear,key.lineKind,figures.planned,figures.actual');
  expect(text.trim().split('\n').length).toBeGreaterThan(2);
  expect(watched.outside).toEqual([]);
  expect(watched.consoleErrors).toEqual([]);
  await closePage(watched);
});
