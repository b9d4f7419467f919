import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
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

/** The dashboard is done when main is no longer busy and the indicators, plan and map have been filled. */
async function waitForLocality(page: Page): Promise<void> {
  await page.waitForSelector('main[aria-busy="false"]');
  await page.waitForFunction(`!document.getElementById('indicators')?.textContent?.includes('Loading the indicators')`);
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

/** The texts of one column (1-based) of the table inside. */
function column(within: Locator, index: number): Promise<string[]> {
  return within.locator(`tbody tr td:nth-child(${index})`).allTextContents();
}

/** How many of the locality's own indicator values, as the public gets them, match. */
async function publicValues(code: string, match: (v: { suppressed: boolean; value: string | null }) => boolean): Promise<number> {
  const answer = await hub.gql<{ locality: { indicators: { values: { suppressed: boolean; value: string | null }[] }[] } }>(
    `query ($code: String!) { locality(code: $code) { indicators { values { suppressed value } } } }`,
    { code },
  );
  return answer.body.data!.locality.indicators.flatMap((s) => s.values).filter(match).length;
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
    // Its own indicators, each a chart; its council area's follow, labelled by level.
    expect(await page.locator(`#indicators article.indicator[data-area="${locality.code}"] figure.chart svg`).count()).toBe(
      locality.indicators.length,
    );
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
  // Its two sources named by the partners whose data they hold, not by the sources' ids.
  const holders = await hub.gql<{ locality: { estates: { nodes: { name: string; sources: { holders: { name: string }[] }[] }[] } } }>(
    `{ locality(code: "PUR-PURBECK") { estates { nodes { name sources { holders { name } } } } } }`,
  );
  const estate = holders.body.data!.locality.estates.nodes.find((e) => e.name === 'Wareham Community Hospital')!;
  const names = estate.sources.flatMap((s) => s.holders.map((h) => h.name));
  expect(names).toHaveLength(2);
  await expect(wareham.locator('.source-count').textContent()).resolves.toBe(`Known to 2 source(s): ${names.join(' and ')}`);
  expect(await page.locator('#map .marker-estate[data-name="Wareham Community Hospital"]').count()).toBe(1);
  expect(await placesOffTheWards(page)).toEqual([]);
  // Provenance on demand: the estate's sources open from the keyboard.
  await wareham.locator('summary', { hasText: 'Sources' }).focus();
  await page.keyboard.press('Enter');
  await expect(wareham.locator('.sources').textContent()).resolves.toContain(`${names[0]} (source dorset-healthcare) site RDYFD`);
  await expect(wareham.locator('.sources').textContent()).resolves.toMatch(/SYNTH-PROP-0001.*synthetic/);
  await expect(page.locator('#indicators').textContent()).resolves.toMatch(/withheld/);
  await expect(page.locator('#indicators .synthetic').count()).resolves.toBeGreaterThan(0);
  // Every Purbeck value of the demo indicator is withheld from the public: marked on the chart, none drawn as a point or zero.
  const own = page.locator('#indicators article.indicator[data-area="PUR-PURBECK"]');
  const withheld = await publicValues('PUR-PURBECK', (v) => v.suppressed);
  expect(withheld).toBeGreaterThan(0);
  expect(await own.locator('.withheld-mark path').count()).toBe(withheld);
  const cells = await own.locator('.numbers tbody tr td:nth-child(2)').allTextContents();
  expect(cells.filter((c) => c === 'withheld').length).toBe(withheld);
  expect(cells).not.toContain('0');
  await page.screenshot({ path: path.join(OUTPUT, 'dashboard-withheld-PUR-PURBECK.png'), fullPage: true });
  expect(await axeViolations(page)).toEqual([]);
  expect(watched.outside).toEqual([]);
  expect(watched.consoleErrors).toEqual([]);
  await closePage(watched);
});

test.each([
  ['THR-TILBURY-CHADWELL', '/localities/THR-TILBURY-CHADWELL'],
  ['landing', '/'],
  ['compare', '/compare?codes=THR-GRAYS,SEE-SOUTHEND-ON-SEA,PUR-PURBECK'],
])('at 390 px the %s page fits the screen: nothing scrolls sideways', async (name, url) => {
  const watched = await openPage(390);
  const { page } = watched;
  await page.goto(`${origin}${url}`);
  await page.waitForSelector('main[aria-busy="false"]');
  await page.waitForSelector('figure.chart svg');
  if (url.startsWith('/localities/')) await waitForLocality(page);
  const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
  expect(overflow).toBeLessThanOrEqual(0);
  // Every chart fits too (a chart wider than the screen would be cut off by its box, not scroll the page).
  const wide = (await page.evaluate(
    `[...document.querySelectorAll('figure.chart svg')].filter((s) => s.getBoundingClientRect().right > window.innerWidth + 1).length`,
  )) as number;
  expect(wide).toBe(0);
  await page.screenshot({ path: path.join(OUTPUT, `dashboard-phone-${name}.png`), fullPage: true });
  expect(watched.consoleErrors).toEqual([]);
  await closePage(watched);
});

test('the start page picks a partnership and a locality from the keyboard', async () => {
  const watched = await openPage();
  const { page } = watched;
  await page.goto(`${origin}/`);
  await page.waitForSelector('main[aria-busy="false"]');
  await page.getByLabel('Partnership').selectOption({ label: 'Thurrock Alliance' });
  await page.getByLabel('Locality', { exact: true }).selectOption({ label: 'Grays' });
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
  await page.waitForSelector('#budget table', { state: 'attached' });
  await waitForLocality(page);
  const budget = (await page.locator('#budget').textContent()) ?? '';
  expect(budget).toMatch(/Planned per head/);
  expect(budget).toMatch(/£[\d,]+\.\d\d/);
  // Planned and actual as bars, two a year; the per-head figures name what they divide by.
  const years = await page.locator('#chart-budget .numbers tbody tr').count();
  expect(years).toBeGreaterThan(0);
  expect(await page.locator('#chart-budget svg g[data-mark="bar"] rect').count()).toBe(2 * years);
  expect(budget).toMatch(/58,463 resident population/);
  // The ledgers' partners by name, not by source id.
  expect(budget).toMatch(/come from: [^.]*Thurrock Council/);
  expect(budget).not.toMatch(/thurrock-council,/);
  await page.screenshot({ path: path.join(OUTPUT, 'dashboard-budget-THR-GRAYS.png'), fullPage: true });
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
  const { fileName, text } = await download(page, page.getByRole('link', { name: /Download .* values as CSV/ }).first());
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
  // A run asked for while the explorer is still starting is dropped: run once its schema is in (the docs show it).
  await page.getByRole('button', { name: /Documentation Explorer/i }).click();
  await page.waitForFunction(`document.querySelector('.graphiql-doc-explorer-content')?.textContent?.includes('Query')`);
  await page.getByRole('button', { name: /Execute query/ }).click();
  await page.waitForFunction(`document.querySelector('.graphiql-response')?.textContent?.includes('thurrock-better-care-fund')`);
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

test("the explorer's Download CSV asks which list of the answer to save, and saves that one", async () => {
  const key = await thurrockAnalystKey('explorer lists');
  const watched = await openPage();
  const { page } = watched;
  const query = 'query Two { dataQuality { source table } localities { nodes { code name } } }';
  await page.goto(`${origin}/graphql`);
  await page.waitForSelector('#hub-export-csv');
  // The operation sent as the explorer sends one (its fetch, which the button remembers), without
  // waiting on GraphiQL's own start-up: the other explorer test drives its Execute button.
  const answer = (await page.evaluate(
    `fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': ${JSON.stringify(key.token)} },
       body: JSON.stringify({ query: ${JSON.stringify(query)}, operationName: 'Two' }) }).then((r) => r.json())`,
  )) as { data: unknown };
  expect(JSON.stringify(answer.data)).toContain('PUR-PURBECK');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const picker = page.getByRole('combobox', { name: 'List' });
  await picker.waitFor();
  expect(await picker.locator('option').allTextContents()).toEqual([
    expect.stringMatching(/^dataQuality \(\d+ rows\)$/),
    expect.stringMatching(/^localities\.nodes \(\d+ rows\)$/),
  ]);
  await picker.selectOption('localities.nodes');
  await page.screenshot({ path: path.join(OUTPUT, 'explorer-export-lists.png') });
  const { fileName, text } = await download(page, page.getByRole('button', { name: 'Download', exact: true }));
  expect(fileName).toBe('Two-localities.nodes.csv');
  const direct = await fetch(
    `${origin}/export/query.csv?${new URLSearchParams({ query, operationName: 'Two', rows: 'localities.nodes' })}`,
    {
      headers: { 'x-api-key': key.token },
    },
  );
  expect(text).toBe(await direct.text());
  expect(text.split('\n')[0]).toBe('code,name');
  expect(watched.outside).toEqual([]);
  expect(watched.consoleErrors).toEqual([]);
  await closePage(watched);
});

test('a wrong key leaves the public view in place and says why beside the key box', async () => {
  const watched = await openPage();
  const { page } = watched;
  await page.goto(`${origin}/localities/THR-GRAYS`);
  await waitForLocality(page);
  await page.getByLabel(/Partner API key/).fill('ich_not.a-key');
  await page.getByRole('button', { name: 'Use key' }).click();
  await page.waitForFunction(`document.getElementById('key-status')?.textContent?.includes('Key not accepted')`);
  await waitForLocality(page);
  expect(await page.locator('h1').textContent()).toBe('Grays');
  await expect(page.locator('#key-status').textContent()).resolves.toMatch(/public view: The API key is malformed/);
  expect(await page.locator('#api-key').getAttribute('aria-invalid')).toBe('true');
  // The public content is all there: indicators as charts, hubs, the plan.
  expect(await page.locator('#indicators figure.chart svg').count()).toBeGreaterThan(0);
  expect(await page.locator('#hubs .card').count()).toBeGreaterThan(0);
  await expect(page.locator('#budget').textContent()).resolves.toContain('was not accepted');
  await expect(page.locator('main').textContent()).resolves.not.toContain('[GraphQL]');
  await page.screenshot({ path: path.join(OUTPUT, 'dashboard-wrong-key.png') });
  expect(await axeViolations(page)).toEqual([]);
  expect(watched.outside).toEqual([]);
  // The browser logs the refused request's 401 itself; the page logs nothing else.
  expect(watched.consoleErrors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  await closePage(watched);
});

test("a chart's table holds exactly its numbers, and its CSV is that table", async () => {
  const watched = await openPage();
  const { page } = watched;
  await page.goto(`${origin}/localities/SEE-SOUTHEND-ON-SEA`);
  await waitForLocality(page);
  const figure = page.locator('#indicators article.indicator[data-area="SEE-SOUTHEND-ON-SEA"] figure.chart').first();
  await figure.locator('summary', { hasText: 'The numbers as a table' }).click();
  const periods = await column(figure, 1);
  const values = await column(figure, 2);
  const rows = periods.map((period, i) => [period, values[i]]);
  expect(rows.length).toBe(await publicValues('SEE-SOUTHEND-ON-SEA', () => true));
  // Recorded values are points on the line; the table has one row per period.
  expect(await figure.locator('g[data-mark="dot"] circle').count()).toBe(rows.filter((r) => /^[\d.]+$/.test(r[1] ?? '')).length);
  const { fileName, text } = await download(page, figure.getByRole('button', { name: 'Download these numbers as CSV' }));
  expect(fileName).toMatch(/^indicator-SEE-SOUTHEND-ON-SEA-\d+\.csv$/);
  const lines = text.trim().split('\r\n');
  expect(lines[0]).toBe('Period,Value,95% CI lower,95% CI upper,Target,RAG,Reason');
  expect(lines.length - 1).toBe(rows.length);
  expect(lines[1]!.startsWith(`${rows[0]![0]},${rows[0]![1]},`)).toBe(true);
  expect(watched.consoleErrors).toEqual([]);
  await closePage(watched);
});

test('the landing page maps every locality of a partnership shaded by an indicator, ranks them, and finds a ward', async () => {
  const watched = await openPage();
  const { page } = watched;
  await page.goto(`${origin}/`);
  await page.waitForSelector('#chart-map svg');
  await page.getByLabel('Partnership').selectOption({ label: 'Thurrock Alliance' });
  await page.waitForFunction(`document.getElementById('chart-map')?.dataset.localities === '4'`);
  // Every ward of the four Thurrock localities drawn, and each ranked or named as not ranked.
  const thurrock = localities.filter((l) => l.code.startsWith('THR-'));
  const wards = thurrock.reduce((n, l) => n + l.wards.totalCount, 0);
  expect(await page.locator('#chart-map svg g[data-mark="geo"] path').count()).toBe(wards);
  const ranked = await column(page.locator('#chart-ranking'), 2);
  expect(ranked.sort()).toEqual(thurrock.map((l) => l.name).sort());
  const recorded = await Promise.all(thurrock.map(async (l) => (await latestPublic(l.code)) !== null));
  expect(await page.locator('#chart-ranking svg g[data-mark="bar"] rect').count()).toBe(recorded.filter(Boolean).length);
  await page.screenshot({ path: path.join(OUTPUT, 'dashboard-landing.png'), fullPage: true });
  expect(await axeViolations(page)).toEqual([]);
  await page.getByLabel('Find a locality, ward or postcode').fill('Tilbury Riverside');
  await page.getByRole('button', { name: 'Find' }).click();
  await page.waitForURL(`${origin}/localities/THR-TILBURY-CHADWELL`);
  expect(watched.outside).toEqual([]);
  expect(watched.consoleErrors).toEqual([]);
  await closePage(watched);
});

async function latestPublic(code: string): Promise<string | null> {
  const answer = await hub.gql<{ locality: { indicators: { latest: { value: string | null } | null }[] } }>(
    `query ($code: String!) { locality(code: $code) { indicators { latest { value } } } }`,
    { code },
  );
  return answer.body.data!.locality.indicators[0]?.latest?.value ?? null;
}

test('the compare view puts two to four localities side by side, an indicator of each on one chart', async () => {
  const watched = await openPage();
  const { page } = watched;
  await page.goto(`${origin}/compare?codes=THR-GRAYS`);
  await page.waitForSelector('main[aria-busy="false"]');
  await page.getByLabel('Southend-on-Sea').check();
  await page.getByLabel('Purbeck').check();
  await page.getByRole('button', { name: 'Compare' }).click();
  await page.waitForURL(/\/compare\?codes=/);
  await page.waitForSelector('#compare-indicators figure.chart svg');
  expect(new URL(page.url()).searchParams.get('codes')!.split(',').sort()).toEqual(['PUR-PURBECK', 'SEE-SOUTHEND-ON-SEA', 'THR-GRAYS']);
  expect(await page.locator('article.compared').count()).toBe(3);
  await expect(page.locator('article.compared[data-code="THR-GRAYS"]').textContent()).resolves.toContain('58,463');
  // One line per locality with any recorded value (Purbeck's are all withheld from the public: marked, not drawn).
  const figure = page.locator('#compare-indicators figure.chart').first();
  const rows = await column(figure, 1);
  expect(new Set(rows)).toEqual(new Set(['Grays', 'Southend-on-Sea', 'Purbeck']));
  expect(await figure.locator('.withheld-mark path').count()).toBeGreaterThan(0);
  await page.screenshot({ path: path.join(OUTPUT, 'dashboard-compare.png'), fullPage: true });
  expect(await axeViolations(page)).toEqual([]);
  expect(watched.outside).toEqual([]);
  expect(watched.consoleErrors).toEqual([]);
  await closePage(watched);
});

/** The pages of the PDF the browser prints the page as (A4). */
async function printedPages(page: Page): Promise<number> {
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

test('a locality page prints as a one-page briefing: the charts and figures, without the controls, with a key too', async () => {
  const key = await thurrockAnalystKey('print');
  const watched = await openPage();
  const { page } = watched;
  await page.goto(`${origin}/localities/THR-GRAYS`);
  await waitForLocality(page);
  await page.emulateMedia({ media: 'print' });
  expect(await page.locator('#key-form').isVisible()).toBe(false);
  expect(await page.locator('#hubs').isVisible()).toBe(false);
  // Every indicator covering Grays, at each level, is on the briefing.
  const levels = await page.locator('#indicators article.indicator').count();
  expect(levels).toBeGreaterThanOrEqual(4);
  expect(await page.locator('#indicators article.indicator figure.chart svg:visible').count()).toBe(levels);
  await page.screenshot({ path: path.join(OUTPUT, 'dashboard-print-THR-GRAYS.png'), fullPage: true });
  expect(await printedPages(page)).toBe(1);
  // With a partner key the budget's two charts join it, still on one page, each naming what it shows.
  await page.evaluate(`sessionStorage.setItem('hub-dashboard-api-key', ${JSON.stringify(key.token)})`);
  await page.reload();
  await page.waitForSelector('#chart-budget-per-head svg');
  await waitForLocality(page);
  expect(await page.locator('#chart-budget-per-head figcaption').isVisible()).toBe(true);
  await page.screenshot({ path: path.join(OUTPUT, 'dashboard-print-budget-THR-GRAYS.png'), fullPage: true });
  expect(await printedPages(page)).toBe(1);
  expect(watched.consoleErrors).toEqual([]);
  await closePage(watched);
});

/* The dashboard around pictures (issue 31): each part at a desktop width and at 390 px. */

const WIDTHS = [1280, 390] as const;
const ENGLAND = 'E92000001';

/** Nothing on the page scrolls sideways, and no chart is wider than the screen. */
async function expectFits(page: Page): Promise<void> {
  expect((await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number).toBeLessThanOrEqual(0);
  const wide = (await page.evaluate(
    `[...document.querySelectorAll('figure.chart svg')].filter((s) => s.getBoundingClientRect().right > window.innerWidth + 1).length`,
  )) as number;
  expect(wide).toBe(0);
}

/** A page opened with a partner key already given (as the key box saves it). */
async function openWithKey(width: number, token: string): Promise<Watched> {
  const watched = await openPage(width);
  await watched.page.addInitScript(`sessionStorage.setItem('hub-dashboard-api-key', ${JSON.stringify(token)})`);
  return watched;
}

interface TableOf {
  header: string[];
  rows: string[][];
}

/** The table behind a chart, as its cells' text. */
async function tableOf(figure: Locator): Promise<TableOf> {
  const header = await figure.locator('.numbers thead th').allTextContents();
  const rows = await Promise.all((await figure.locator('.numbers tbody tr').all()).map((tr) => tr.locator('td').allTextContents()));
  return { header, rows };
}

/** A column of a chart's table by its header. */
function columnOf(table: TableOf, label: string): string[] {
  const index = table.header.indexOf(label);
  expect(index).toBeGreaterThanOrEqual(0);
  return table.rows.map((r) => r[index]!);
}

/** The series' ids by the measuring partner's code. */
async function indicatorIds(): Promise<Record<string, string>> {
  const answer = await hub.gql<{
    partnerships: { nodes: { outcomeDomains: { outcomes: { indicators: { id: string; sourceCode: string }[] }[] }[] }[] };
  }>(`{ partnerships(first: 100) { nodes { outcomeDomains { outcomes { indicators { id sourceCode } } } } } }`);
  const all = answer.body.data!.partnerships.nodes.flatMap((p) => p.outcomeDomains.flatMap((d) => d.outcomes.flatMap((o) => o.indicators)));
  return Object.fromEntries(all.map((i) => [i.sourceCode, i.id]));
}

interface ApiSeries {
  areaCode: string;
  rolledUpFrom: string[] | null;
  values: { period: string; value: string | null; suppressed: boolean }[];
  latest: {
    period: string;
    value: string | null;
    rag: { reason: string } | null;
    comparators: { areaCode: string; value: string | null }[];
  } | null;
}

async function seriesOf(indicator: string, area: string, headers: Record<string, string> = {}): Promise<ApiSeries> {
  const answer = await hub.gql<{ indicator: { series: ApiSeries } }>(
    `query ($id: ID!, $area: String!) { indicator(id: $id) { series(area: $area) { areaCode rolledUpFrom
       values { period value suppressed } latest { period value rag { reason } comparators { areaCode value } } } } }`,
    { id: indicator, area },
    headers,
  );
  expect(answer.body.errors).toBeUndefined();
  return answer.body.data!.indicator.series;
}

test.each(WIDTHS)(
  "at %i px the landing ranking draws each locality's 95%% confidence interval and England's value, and its table and CSV give them",
  async (width) => {
    const ids = await indicatorIds();
    const synthetic = Buffer.from(ids['SYNTH-REABLEMENT-91D']!, 'base64')
      .toString()
      .replace(/^Indicator:/, '');
    // The demo holds England values for delayed transfers only (a council-level measure): one for this
    // indicator's latest quarter is added for the test, as the reference data would hold it.
    await hub.databases.hub.query(
      `INSERT INTO comparator_value (indicator_id, area_code, area_name, period, value, numerator, denominator, source)
       VALUES ($1, $2, 'England', '2018/19 Q4', 82.4, 8240, 10000, 'browser test')`,
      [synthetic, ENGLAND],
    );
    hub.expireCaches();
    const watched = await openPage(width);
    const { page } = watched;
    try {
      const answer = await hub.gql<{
        localities: {
          nodes: {
            name: string;
            indicators: {
              latest: {
                value: string | null;
                confidenceInterval: { lower: string; upper: string } | null;
                comparators: { areaCode: string; value: string }[];
              } | null;
            }[];
          }[];
        };
      }>(
        `{ localities(first: 100) { nodes { name indicators { latest { value confidenceInterval { lower upper } comparators { areaCode value } } } } } }`,
      );
      const expected = answer.body.data!.localities.nodes.map((l) => ({ name: l.name, latest: l.indicators[0]?.latest ?? null }));
      const ranked = expected.filter((l) => l.latest?.value != null);
      expect(ranked.length).toBeGreaterThan(2);
      await page.goto(`${origin}/?partnership=all`);
      await page.waitForSelector('#chart-ranking svg');
      const figure = page.locator('#chart-ranking');
      // Every ranked locality's interval is a line across its bar; England's value a tick on each.
      expect(await figure.locator('svg g.interval line').count()).toBe(ranked.filter((l) => l.latest!.confidenceInterval).length);
      expect(await figure.locator('svg g.england line').count()).toBe(ranked.length);
      const table = await tableOf(figure);
      for (const l of ranked) {
        const row = columnOf(table, 'Locality').indexOf(l.name);
        expect(row).toBeGreaterThanOrEqual(0);
        const cell = (label: string) => columnOf(table, label)[row];
        expect(cell('Value')).toBe(String(Number(l.latest!.value)));
        expect(cell('95% CI lower')).toBe(String(Number(l.latest!.confidenceInterval!.lower)));
        expect(cell('95% CI upper')).toBe(String(Number(l.latest!.confidenceInterval!.upper)));
        expect(cell('England')).toBe(String(Number(l.latest!.comparators.find((c) => c.areaCode === ENGLAND)!.value)));
      }
      await expect(figure.textContent()).resolves.toContain("Red tick: England's value of the same period (82.4 in 2018/19 Q4)");
      const { text } = await download(page, figure.getByRole('button', { name: 'Download these numbers as CSV' }));
      expect(parse(text)).toEqual([table.header, ...table.rows]);
      await expectFits(page);
      await page.screenshot({ path: path.join(OUTPUT, `dashboard-ranking-${width}.png`), fullPage: true });
      expect(await axeViolations(page)).toEqual([]);
      expect(watched.outside).toEqual([]);
      expect(watched.consoleErrors).toEqual([]);
    } finally {
      await hub.databases.hub.query(`DELETE FROM comparator_value WHERE source = 'browser test'`);
      hub.expireCaches();
      await closePage(watched);
    }
  },
);

/** A postcode the hub places in a locality's ward that the page's own map data does not hold. */
async function postcodeOnlyTheHubPlaces(): Promise<{ postcode: string; code: string }> {
  const shipped = JSON.parse(readFileSync(path.join(ROOT, 'web/geo/postcodes.json'), 'utf8')) as Record<string, unknown>;
  const wards = await hub.databases.hub.query<{ postcode: string; locality_code: string }[]>(
    `SELECT p.postcode, l.code AS locality_code FROM postcode_ward p
       JOIN locality_ward w ON w.ward_gss = p.ward_gss JOIN locality l ON l.id = w.locality_id ORDER BY p.postcode`,
  );
  const found = wards.find((w) => !(w.postcode in shipped));
  expect(found).toBeDefined();
  return { postcode: found!.postcode, code: found!.locality_code };
}

test.each(WIDTHS)('at %i px the search finds a locality by any postcode the hub places, and says why when none', async (width) => {
  const { postcode, code } = await postcodeOnlyTheHubPlaces();
  const placed = await hub.gql<{ locality: { code: string } }>(`query ($p: String!) { locality(postcode: $p) { code } }`, {
    p: postcode,
  });
  expect(placed.body.data!.locality.code).toBe(code);
  const watched = await openPage(width);
  const { page } = watched;
  await page.goto(`${origin}/`);
  await page.waitForSelector('#chart-map svg');
  const search = page.getByLabel('Find a locality, ward or postcode');
  await search.fill('ZZ1 1ZZ');
  await page.getByRole('button', { name: 'Find' }).click();
  await page.waitForFunction(
    `document.querySelector('.search [role=status]')?.textContent?.includes('No locality contains the postcode ZZ1 1ZZ')`,
  );
  await page.screenshot({ path: path.join(OUTPUT, `dashboard-search-${width}.png`) });
  await search.fill(postcode.toLowerCase().replace(' ', ''));
  await page.getByRole('button', { name: 'Find' }).click();
  await page.waitForURL(`${origin}/localities/${code}`);
  await page.waitForSelector('main[aria-busy="false"]');
  expect(watched.outside).toEqual([]);
  expect(watched.consoleErrors).toEqual([]);
  await closePage(watched);
});

/** A figure's drawn points agree with its table: recorded values as dots, withheld ones as marks on the axis. */
async function expectSeriesDrawn(figure: Locator, values: ApiSeries['values']): Promise<void> {
  const recorded = values.filter((v) => v.value !== null && !v.suppressed);
  const withheld = values.filter((v) => v.suppressed);
  expect(await figure.locator('svg g[data-mark="dot"]:not(.withheld-mark) circle').count()).toBe(recorded.length);
  expect(await figure.locator('svg .withheld-mark path').count()).toBe(withheld.length);
  const table = await tableOf(figure);
  expect(columnOf(table, 'Period')).toEqual(values.map((v) => v.period));
  expect(columnOf(table, 'Value')).toEqual(
    values.map((v) => (v.suppressed ? 'withheld' : v.value === null ? 'not recorded' : String(Number(v.value)))),
  );
}

test.each(WIDTHS)(
  "at %i px a locality page shows each indicator covering it labelled by level: its own, its councils', its CCG's, and says which levels have none",
  async (width) => {
    const ids = await indicatorIds();
    const dtoc = ids['DTOC-DELAYED-DAYS-TOTAL']!;
    const synthetic = ids['SYNTH-REABLEMENT-91D']!;
    const watched = await openPage(width);
    const { page } = watched;
    // Castle Point is in a two-tier area: delayed transfers are measured for its county, Essex.
    await page.goto(`${origin}/localities/SEE-CASTLE-POINT`);
    await waitForLocality(page);
    const county = page.locator('#indicators article.indicator[data-area="E10000012"]');
    await expect(county.locator('.level').textContent()).resolves.toBe('County council: Essex County Council (E10000012)');
    await expect(county.locator('h3').textContent()).resolves.toMatch(/^Delayed transfers of care/);
    const essex = await seriesOf(dtoc, 'E10000012');
    await expectSeriesDrawn(county.locator('figure.chart'), essex.values);
    // The latest value, its RAG with the reason, and England's value beside it.
    await expect(county.locator('.latest').textContent()).resolves.toContain(`${essex.latest!.value} (${essex.latest!.period})`);
    await expect(county.locator('.reason').first().textContent()).resolves.toBe(essex.latest!.rag!.reason);
    const england = essex.latest!.comparators.find((c) => c.areaCode === ENGLAND)!;
    await expect(county.locator('.comparator').first().textContent()).resolves.toContain(
      `England in ${essex.latest!.period}: ${Number(england.value).toLocaleString('en-GB')}`,
    );
    const absent = (await page.locator('#indicators .not-measured').textContent()) ?? '';
    expect(absent).toContain('District council: Castle Point Borough Council (E07000069)');
    expect(absent).toContain('summed from this locality alone');
    expect(absent).toContain('Region: East of England (E12000006): no indicator is measured.');
    expect(absent).toContain('CCG: the hub records no PCN for this locality');
    await expectFits(page);
    await page.screenshot({ path: path.join(OUTPUT, `dashboard-levels-SEE-CASTLE-POINT-${width}.png`), fullPage: true });
    // Tilbury's PCN was part of NHS Thurrock CCG: the indicator summed for the CCG, withheld values marked as withheld.
    await page.goto(`${origin}/localities/THR-TILBURY-CHADWELL`);
    await waitForLocality(page);
    const ccg = page.locator('#indicators article.indicator[data-area="07G"]');
    await expect(ccg.locator('.level').textContent()).resolves.toBe('CCG: NHS Thurrock CCG (07G), summed from 4 parts');
    const thurrockCcg = await seriesOf(synthetic, '07G');
    expect(thurrockCcg.values.some((v) => v.suppressed)).toBe(true);
    await expectSeriesDrawn(ccg.locator('figure.chart'), thurrockCcg.values);
    const council = page.locator('#indicators article.indicator[data-area="E06000034"]');
    expect((await council.locator('.level').allTextContents()).sort()).toEqual([
      'Council: Thurrock Council (E06000034)',
      'Council: Thurrock Council (E06000034), summed from 4 parts',
    ]);
    await expect(page.locator('#indicators .not-measured').textContent()).resolves.toContain(
      'NHS region: East of England (Y61): no indicator is measured.',
    );
    await expectFits(page);
    await page.screenshot({ path: path.join(OUTPUT, `dashboard-levels-THR-TILBURY-CHADWELL-${width}.png`), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    expect(watched.outside).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
    await closePage(watched);
  },
);

interface ApiBudgetYear {
  key: { financialYear: string };
  figures: {
    planned: string;
    actual: string | null;
    variance: string | null;
    lines: number;
    perHead: { planned: string; actual: string | null; denominator: { population: number; referenceDate: string } } | null;
  };
}

test.each(WIDTHS)(
  'at %i px the budget is planned-vs-actual bars by year with the variance, per head naming its denominator, and the reason where a figure is missing',
  async (width) => {
    const key = await thurrockAnalystKey(`budget ${width}`);
    // A 2019/20 line with no actual yet (as a ledger holds one before the year's outturn).
    const ledger = hub.databases['thurrock-council']!;
    await ledger.query(
      `INSERT INTO ledger_line (line_ref, org_code, fund_code, scheme_code, financial_year, locality_code, line_kind, planned, actual, synthetic, funding_stream)
       VALUES ('BROWSER-TEST-NO-ACTUAL', 'E06000034', 'thurrock-better-care-fund', 'thurrock-bcf-frailty-pathway', '2019/20', 'THR-GRAYS',
               'ALLOCATION', 250000.00, NULL, false, 'LA_ADDITIONAL')`,
    );
    hub.expireCaches();
    const watched = await openWithKey(width, key.token);
    const { page } = watched;
    try {
      const answer = await hub.gql<{ budgetSummary: { groups: ApiBudgetYear[] } }>(
        `{ budgetSummary(groupBy: [LOCALITY, FINANCIAL_YEAR], filter: { localityCode: "THR-GRAYS", lineKind: ALLOCATION }) { groups {
           key { financialYear } figures { planned actual variance lines perHead { planned actual denominator { population referenceDate } } } } } }`,
        {},
        { 'x-api-key': key.token },
      );
      const years = answer.body.data!.budgetSummary.groups;
      const open = years.find((y) => y.key.financialYear === '2019/20')!;
      expect(open.figures.actual).toBeNull();
      await page.goto(`${origin}/localities/THR-GRAYS`);
      await page.waitForSelector('#chart-budget svg');
      await waitForLocality(page);
      const spend = page.locator('#chart-budget');
      const withActual = years.filter((y) => y.figures.actual !== null);
      // Planned for every year, actual where one is recorded: never a zero bar for "not reported".
      expect(await spend.locator('svg g[data-mark="bar"] rect').count()).toBe(years.length + withActual.length);
      // Each year's variance above its bars (shortened where the screen is narrow; exact in its title and the table).
      const exact = await spend.locator('svg g.variance title').allTextContents();
      // A label's text is followed by its title in the drawing: what is read on screen is what comes before it.
      const labels = await spend.locator('svg g.variance text').allTextContents();
      const variances = labels.map((label, i) => label.slice(0, label.length - exact[i]!.length));
      expect(variances).toHaveLength(years.length);
      expect(variances[years.indexOf(open)]).toBe('no actual');
      expect(exact[years.indexOf(open)]).toBe('2019/20: no actual recorded');
      for (const y of withActual) {
        const shown = exact[years.indexOf(y)]!;
        expect(shown.replace(/^.*variance /, '').replace(/[^\d.]/g, '')).toBe(y.figures.variance!.replace('-', ''));
        expect(shown).toContain(y.figures.variance!.startsWith('-') ? 'variance −£' : 'variance +£');
        expect(variances[years.indexOf(y)]!.startsWith(y.figures.variance!.startsWith('-') ? '−£' : '+£')).toBe(true);
      }
      const table = await tableOf(spend);
      expect(columnOf(table, 'Financial year')).toEqual(years.map((y) => y.key.financialYear));
      const row = years.indexOf(open);
      expect(columnOf(table, 'Actual')[row]).toBe('not available: none of its 1 line(s) has an actual recorded yet');
      expect(columnOf(table, 'Variance')[row]).toBe('not available: none of its 1 line(s) has an actual recorded yet');
      await expect(spend.textContent()).resolves.toContain(
        '2019/20: no actual is drawn because none of its 1 line(s) has one recorded yet',
      );
      // Per head: the population divided by named in the title and on every row.
      const perHead = page.locator('#chart-budget-per-head');
      const denominator = years[0]!.figures.perHead!.denominator;
      await expect(perHead.locator('figcaption').textContent()).resolves.toContain(
        `per head of the ${denominator.population.toLocaleString('en-GB')} resident population (estimate of ${denominator.referenceDate})`,
      );
      expect(await perHead.locator('svg g[data-mark="bar"] rect').count()).toBe(years.length + withActual.length);
      const perHeadTable = await tableOf(perHead);
      expect(columnOf(perHeadTable, 'Planned per head')).toEqual(years.map((y) => `£${y.figures.perHead!.planned}`));
      expect(columnOf(perHeadTable, 'Actual per head')[row]).toBe('not available: none of its 1 line(s) has an actual recorded yet');
      for (const cell of columnOf(perHeadTable, 'Per head of'))
        expect(cell).toMatch(
          new RegExp(`^${denominator.population.toLocaleString('en-GB')} resident population, estimate of ${denominator.referenceDate}`),
        );
      await expectFits(page);
      await page.locator('#budget').screenshot({ path: path.join(OUTPUT, `dashboard-budget-charts-${width}.png`) });
      expect(await axeViolations(page)).toEqual([]);
      expect(watched.outside).toEqual([]);
      expect(watched.consoleErrors).toEqual([]);
    } finally {
      await ledger.query(`DELETE FROM ledger_line WHERE line_ref = 'BROWSER-TEST-NO-ACTUAL'`);
      hub.expireCaches();
      await closePage(watched);
    }
  },
);

test.each(WIDTHS)("at %i px the delivery plan's RAG mix is a stacked bar per period with the API's counts", async (width) => {
  const partnership = await hub.gql<{
    locality: { partnership: { deliveryPlans: { id: string; actions: { nodes: { statusHistory: { period: string }[] }[] } }[] } };
  }>(`{ locality(code: "THR-GRAYS") { partnership { deliveryPlans { id actions(first: 100) { nodes { statusHistory { period } } } } } } }`);
  const [plan] = partnership.body.data!.locality.partnership.deliveryPlans;
  const periods = [...new Set(plan!.actions.nodes.flatMap((a) => a.statusHistory.map((s) => s.period)))].sort();
  expect(periods.length).toBeGreaterThan(0);
  const expected: string[][] = [];
  for (const period of periods) {
    const summary = await hub.gql<{ deliveryPlan: { ragSummary: Record<'red' | 'amber' | 'green' | 'notRecorded', number> } }>(
      `query ($id: ID!, $period: String!) { deliveryPlan(id: $id) { ragSummary(period: $period) { red amber green notRecorded } } }`,
      { id: plan!.id, period },
    );
    const counts = summary.body.data!.deliveryPlan.ragSummary;
    expected.push([period, 'Red', String(counts.red)], [period, 'Amber', String(counts.amber)], [period, 'Green', String(counts.green)]);
    expected.push([period, 'Not recorded', String(counts.notRecorded)]);
  }
  const watched = await openPage(width);
  const { page } = watched;
  await page.goto(`${origin}/localities/THR-GRAYS`);
  await waitForLocality(page);
  const figure = page.locator('#chart-plan-0');
  const table = await tableOf(figure);
  expect(table.rows).toEqual(expected);
  // One segment per status with any actions, stacked in one bar per period.
  expect(await figure.locator('svg g[data-mark="bar"] rect').count()).toBe(expected.filter((r) => r[2] !== '0').length);
  await expectFits(page);
  await figure.screenshot({ path: path.join(OUTPUT, `dashboard-plan-rag-${width}.png`) });
  expect(watched.consoleErrors).toEqual([]);
  await closePage(watched);
});

/**
 * Every chart on the page: a table of its numbers, a CSV of exactly that table, and as many
 * marks drawn as the table has numbers to draw.
 */
async function expectEveryChartExplained(page: Page, name: string): Promise<number> {
  const figures = page.locator('figure.chart');
  const count = await figures.count();
  for (let i = 0; i < count; i += 1) {
    const figure = figures.nth(i);
    const id = (await figure.getAttribute('id')) ?? '';
    const table = await tableOf(figure);
    expect(table.header.length).toBeGreaterThan(0);
    const { text } = await download(page, figure.getByRole('button', { name: 'Download these numbers as CSV' }));
    expect({ id, csv: parse(text) }).toEqual({ id, csv: [table.header, ...table.rows] });
    const drawn = (selector: string) => figure.locator(selector).count();
    const numeric = (label: string) => columnOf(table, label).filter((c) => /^-?[\d.]+$/.test(c)).length;
    if (id.startsWith('chart-indicator-') || id.startsWith('chart-compare-')) {
      expect({ id, dots: await drawn('svg g[data-mark="dot"]:not(.withheld-mark) circle') }).toEqual({ id, dots: numeric('Value') });
      expect({ id, withheld: await drawn('svg .withheld-mark path') }).toEqual({
        id,
        withheld: columnOf(table, 'Value').filter((c) => c === 'withheld').length,
      });
    } else if (id === 'chart-ranking') {
      expect(await drawn('svg g[data-mark="bar"] rect')).toBe(numeric('Value'));
    } else if (id === 'chart-map') {
      expect(await drawn('svg g[data-mark="geo"] path')).toBe(table.rows.length);
    } else if (id === 'chart-wards') {
      const drawnRows = (kind: string) => table.rows.filter((r) => r[0] === kind && !r[3]!.startsWith('not drawn')).length;
      expect(await drawn('svg .ward path')).toBe(drawnRows('ward'));
      expect(await drawn('svg .marker')).toBe(drawnRows('hub') + drawnRows('estate'));
    } else if (id.startsWith('chart-plan-')) {
      expect(await drawn('svg g[data-mark="bar"] rect')).toBe(columnOf(table, 'Actions').filter((c) => c !== '0').length);
    } else if (id === 'chart-budget') {
      expect(await drawn('svg g[data-mark="bar"] rect')).toBe(
        table.rows.length + columnOf(table, 'Actual').filter((c) => c.startsWith('£')).length,
      );
    } else if (id === 'chart-budget-per-head') {
      const amounts = [...columnOf(table, 'Planned per head'), ...columnOf(table, 'Actual per head')].filter((c) => c.startsWith('£'));
      expect(await drawn('svg g[data-mark="bar"] rect')).toBe(amounts.length);
    } else {
      throw new Error(`${name}: no check of what the chart ${id} draws`);
    }
  }
  return count;
}

test.each(WIDTHS)('at %i px every chart has a table of its numbers and a CSV of exactly what it draws', async (width) => {
  const key = await thurrockAnalystKey(`charts ${width}`);
  const watched = await openWithKey(width, key.token);
  const { page } = watched;
  await page.goto(`${origin}/localities/THR-GRAYS`);
  await waitForLocality(page);
  await page.waitForSelector('#chart-budget-per-head svg');
  // Indicators at three levels, the budget twice, the plan's RAG mix and the map of wards.
  expect(await expectEveryChartExplained(page, 'locality')).toBeGreaterThanOrEqual(8);
  await page.goto(`${origin}/`);
  await page.waitForSelector('#chart-map svg');
  expect(await expectEveryChartExplained(page, 'landing')).toBe(2);
  await page.goto(`${origin}/compare?codes=THR-GRAYS,SEE-SOUTHEND-ON-SEA,PUR-PURBECK`);
  await page.waitForSelector('#compare-indicators figure.chart svg');
  expect(await expectEveryChartExplained(page, 'compare')).toBeGreaterThanOrEqual(1);
  expect(watched.outside).toEqual([]);
  expect(watched.consoleErrors).toEqual([]);
  await closePage(watched);
});
