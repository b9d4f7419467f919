import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { issueApiKey } from '../src/auth/apiKeys';
import { graphqlExamples, httpExamples, type GraphQLExample } from '../src/docs/examples';
import { DEMO_DATA_DIR } from '../src/runtime';
import { startTestHub, type TestHub } from './support/testHub';

/**
 * Every ```graphql example in README.md and docs/*.md runs against the demo data over HTTP,
 * as the marker before it says (anonymous, `as ROLE of CODE`, or skipped with a reason),
 * and a ```json answer shown after it must be exactly what the hub returns.
 */

const ROOT = path.resolve(__dirname, '..');
const FILES = [
  'README.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const EXAMPLES: GraphQLExample[] = FILES.flatMap((file) => graphqlExamples(readFileSync(path.join(ROOT, file), 'utf8'), file));
const RUNNABLE = EXAMPLES.filter((e) => e.mode.kind !== 'skip');
const HTTP_EXAMPLES = FILES.flatMap((file) => httpExamples(readFileSync(path.join(ROOT, file), 'utf8'), file)).filter(
  (e) => e.mode.kind !== 'skip',
);

let hub: TestHub;
const keys = new Map<string, string>();

beforeAll(async () => {
  hub = await startTestHub({ extracts: DEMO_DATA_DIR });
});
afterAll(async () => {
  await hub?.stop();
});

/** A demo key for the organisation with this ODS or GSS code, issued once per organisation and role. */
async function keyFor(role: 'ANALYST' | 'EDITOR' | 'ADMIN', code: string): Promise<string> {
  const cacheKey = `${role} ${code}`;
  const known = keys.get(cacheKey);
  if (known) return known;
  const [organisation] = await hub.databases.hub.query<{ id: string }[]>(
    `SELECT id FROM partner_organisation WHERE ods_code = $1 OR gss_code = $1`,
    [code],
  );
  if (!organisation) throw new Error(`No demo organisation has ODS or GSS code ${code}`);
  const key = await issueApiKey(hub.databases.hub, { organisationId: organisation.id, role, label: 'docs example', expiresInDays: 1 });
  keys.set(cacheKey, key.token);
  return key.token;
}

/** Each root field answers something: not null, and a list or connection at the root is not empty. */
function emptyRoots(data: Record<string, unknown>): string[] {
  return Object.entries(data).flatMap(([field, value]) => {
    if (value === null || (Array.isArray(value) && value.length === 0)) return [field];
    if (typeof value === 'object' && value !== null) {
      const { nodes, groups } = value as { nodes?: unknown[]; groups?: unknown[] };
      if ((nodes && nodes.length === 0) || (groups && groups.length === 0)) return [field];
    }
    return [];
  });
}

test('the docs hold GraphQL examples, and every skipped one says why', () => {
  expect(RUNNABLE.length).toBeGreaterThanOrEqual(8);
  for (const example of EXAMPLES) {
    if (example.mode.kind === 'skip') expect(example.mode.reason.length).toBeGreaterThan(3);
  }
});

test.each(RUNNABLE.map((example) => [example.location, example] as const))('%s runs against the demo data', async (_location, example) => {
  const headers: Record<string, string> =
    example.mode.kind === 'as' ? { 'x-api-key': await keyFor(example.mode.role, example.mode.organisationCode) } : {};
  const response = await hub.gql(example.query, undefined, headers);
  const { extensions: _extensions, ...body } = response.body;
  if (example.expected !== undefined) {
    expect(body).toEqual(example.expected);
    return;
  }
  expect(body.errors).toBeUndefined();
  expect(response.status).toBe(200);
  expect(emptyRoots(body.data ?? {})).toEqual([]);
});

/**
 * The CSV exports of docs/queries.md ("Can I have that in Power BI?"): each `curl` runs
 * against the demo (with a key of 07G's analyst where it sends one) and answers 200 with a
 * header and rows; the file shown after them is exactly what the first one returns.
 */
test('every export command in docs/queries.md runs, and the first answers what is shown', async () => {
  const markdown = readFileSync(path.join(ROOT, 'docs/queries.md'), 'utf8');
  const section = markdown.slice(markdown.indexOf('**Can I have that in Power BI?**'));
  const lines = /```sh\n([\s\S]*?)```/.exec(section)![1]!.trim().split('\n');
  // The snippet defines what it uses: the key its commands send is set in it, by the command that issues one.
  const definesKey = lines.findIndex((l) => /^KEY=\$\(npm run -s keys -- issue --org 07G /.test(l));
  const usesKey = lines.findIndex((l) => l.includes('$KEY'));
  expect(usesKey === -1 || (definesKey !== -1 && definesKey < usesKey)).toBe(true);
  const commands = lines.filter((l) => l.startsWith('curl '));
  const shown = /```sh\n[\s\S]*?```\n\n```\n([\s\S]*?)```/.exec(section)![1]!;
  expect(commands.length).toBeGreaterThanOrEqual(4);
  const base = hub.url.replace(/\/graphql$/, '');
  const answers = await Promise.all(
    commands.map(async (command) => {
      const url = /'(http:\/\/127\.0\.0\.1:4000[^']+)'/.exec(command)![1]!.replace('http://127.0.0.1:4000', base);
      const headers: Record<string, string> = command.includes('x-api-key') ? { 'x-api-key': await keyFor('ANALYST', '07G') } : {};
      const response = await fetch(url, { headers });
      expect([command, response.status]).toEqual([command, 200]);
      return response.text();
    }),
  );
  for (const text of answers) expect(text.trim().split('\n').length).toBeGreaterThan(1);
  expect(answers[0]).toBe(shown);
});

/** The marker is a comment a reader never sees: the line above it says a key is needed and how to get one. */
test('every example that needs a key says so in a visible line naming the command that issues it', () => {
  const unmarked = FILES.flatMap((file) => {
    const lines = readFileSync(path.join(ROOT, file), 'utf8').split('\n');
    return lines.flatMap((line, i) => {
      const marker = /^<!--\s*example:\s*as\s+(\w+)\s+of\s+(\S+)\s*-->$/.exec(line);
      if (!marker) return [];
      const visible =
        lines
          .slice(0, i)
          .reverse()
          .find((l) => l.trim() !== '') ?? '';
      const command = `npm run keys -- issue --org ${marker[2]} --role ${marker[1]}`;
      return visible.startsWith('*Needs a partner key*') && visible.includes(command) ? [] : [`${file}:${i + 1}`];
    });
  });
  expect(unmarked).toEqual([]);
});

/** README, "Demo keys": the key command as printed, then the curl with that key, answers a total, not null. */
test("the README's key example answers a number", async () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const block = /## Demo keys[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)![1]!;
  const [, org, role] = /npm run keys -- issue --org (\S+) --role (\w+)/.exec(block)!;
  const [organisation] = await hub.databases.hub.query<{ id: string }[]>(
    `SELECT id FROM partner_organisation WHERE id = $1 OR ods_code = $1 OR gss_code = $1`,
    [org],
  );
  const key = await issueApiKey(hub.databases.hub, {
    organisationId: organisation!.id,
    role: role as 'ANALYST',
    label: 'readme',
    expiresInDays: 1,
  });
  const body = JSON.parse(/-d '([^']+)'/.exec(block)![1]!) as { query: string };
  const answer = await hub.gql<{ budgetSummary: { total: { planned: string; actual: string } | null } }>(body.query, undefined, {
    'x-api-key': key.token,
  });
  expect(answer.body.errors).toBeUndefined();
  expect(answer.body.data!.budgetSummary.total?.planned).toMatch(/^\d+\.\d\d$/);
  expect(answer.body.data!.budgetSummary.total?.actual).toMatch(/^\d+\.\d\d$/);
});

/** The FHIR and Open Referral UK requests of the docs: each answers 200 on the demo data, and exactly what is shown after it. */
test.each(HTTP_EXAMPLES.map((example) => [example.location, example] as const))('%s answers as shown', async (_location, example) => {
  const headers: Record<string, string> =
    example.mode.kind === 'as' ? { 'x-api-key': await keyFor(example.mode.role, example.mode.organisationCode) } : {};
  const base = hub.url.replace(/\/graphql$/, '');
  const response = await fetch(`${base}${example.path}`, { headers });
  // The address the docs write, and when the demo was loaded (FHIR's meta.lastUpdated, ORUK's last_modified) as the docs write it.
  const text = (await response.text())
    .replaceAll(base, 'http://127.0.0.1:4000')
    .replace(/"(lastUpdated|last_modified)":"[^"]+"/g, '"$1":"<when the demo data was loaded>"');
  expect([example.path, response.status]).toEqual([example.path, 200]);
  if (example.expected !== undefined) expect(JSON.parse(text)).toEqual(example.expected);
});

/** The CSV-W metadata shown in docs/queries.md ("What does each column of an export mean?") is what the hub serves. */
test('the CSV on the Web metadata document in docs/queries.md is what the hub serves', async () => {
  const markdown = readFileSync(path.join(ROOT, 'docs/queries.md'), 'utf8');
  const section = markdown.slice(markdown.indexOf('**What does each column of an export mean?**'));
  const [, command, shown] = /```sh\n([\s\S]*?)```\n\n```json\n([\s\S]*?)```/.exec(section)!;
  const url = /'(http:\/\/127\.0\.0\.1:4000[^']+)'/.exec(command!)![1]!.replace('http://127.0.0.1:4000', hub.url.replace(/\/graphql$/, ''));
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual(JSON.parse(shown!));
});
