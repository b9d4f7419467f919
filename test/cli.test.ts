import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SourceName } from '../src/config/config';
import type { Databases, DefaultDatabases } from '../src/db/databases';
import { freePort } from './support/freePort';
import { environment, run, runScript } from './support/processes';
import { openFixtureDatabases } from './support/testHub';

/** `npm run ingest` and `npm run keys` as an operator runs them: separate processes, their exit codes and what they print. */

let databases: DefaultDatabases;
let urls: Record<SourceName, string>;
let close: () => Promise<void>;
let dir: string;
beforeAll(async () => {
  ({ databases, urls, close } = await openFixtureDatabases());
  dir = mkdtempSync(path.join(os.tmpdir(), 'hub-cli-'));
});
afterAll(async () => {
  await close();
});

const env = () => environment(urls);
const file = (name: string, lines: string[]) => {
  const at = path.join(dir, name);
  writeFileSync(at, `${lines.join('\n')}\n`);
  return at;
};
/** A fixture organisation known by its GSS code. */
const GSS_ORG = { code: 'E06000034', id: 'thurrock-council' };
const SITES = 'site_code,trust_ods,name,address,postcode,site_type,status';

describe('ingest', () => {
  test('--help prints the usage and exits 0', async () => {
    const result = await run('cli/ingest.ts', ['--help'], env());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run ingest -- --source <source id> --table <table>/);
    // The sources --source takes, as configured (here the four default ones, from their URL variables).
    expect(result.stdout).toMatch(/^Configured sources \(4\):\n {2}hub +hub-registry\n {2}ccg +\S+\n {2}council +\S+\n {2}trust +\S+$/m);
  });

  test("--help lists the demo's twenty sources when nothing else is configured", async () => {
    const result = await run('cli/ingest.ts', ['--help'], environment(null));
    expect(result.code).toBe(0);
    const listed = /^Configured sources \((\d+)\):$/m.exec(result.stdout);
    expect(Number(listed![1])).toBeGreaterThanOrEqual(20);
    expect(result.stdout).toMatch(/^ {2}thurrock-council +\S+$/m);
  });

  test('a usage mistake exits 2 naming it, with the usage', async () => {
    const missing = await run('cli/ingest.ts', ['--source', 'trust', 'x.csv'], env());
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^--source and --table are required\.\n\nUsage:/);
    const table = await run('cli/ingest.ts', ['--source', 'trust', '--table', 'wards', file('w.csv', [SITES])], env());
    expect(table.code).toBe(2);
    expect(table.stderr).toContain('unknown table "wards" for source trust');
  });

  test('a good extract loads, exits 0 and prints what it did', async () => {
    const result = await run(
      'cli/ingest.ts',
      [
        '--source',
        'trust',
        '--table',
        'site',
        '--by',
        'cli test',
        file('good.csv', [SITES, 'ZCLI1,RAT,CLI CLINIC,,ZA1 1AA,Clinic,IN_USE']),
      ],
      env(),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^trust\.site: 1 rows read, 1 inserted, 0 updated, 0 unchanged, 0 withdrawn, 0 rejected in [\d.]+ s \(\d+ rows\/s\); run run-\d+\n$/,
    );
    const [row] = await databases.trust.query<{ name: string }[]>(`SELECT name FROM site WHERE site_code = 'ZCLI1'`);
    expect(row).toEqual({ name: 'CLI CLINIC' });
  });

  test('an extract with a bad row loads nothing and exits 1 saying where the rejects are', async () => {
    const bad = file('bad.csv', [SITES, 'ZCLI2,RAT,FINE,,ZA1 1AA,,IN_USE', 'ZBAD,RAT,SHORT CODE,,ZA1 1AA,,IN_USE']);
    const result = await run('cli/ingest.ts', ['--source', 'trust', '--table', 'site', bad], env());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nothing was loaded');
    expect(result.stderr).toContain(`${bad}.rejects.csv`);
    expect(await databases.trust.query(`SELECT 1 FROM site WHERE site_code = 'ZCLI2'`)).toEqual([]);
  });

  test('a configuration error exits 1 with the reason', async () => {
    const result = await run('cli/ingest.ts', ['--source', 'trust', '--table', 'site', file('c.csv', [SITES])], {
      ...env(),
      DB_POOL_MAX: 'lots',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^ingest failed: Invalid configuration:\n {2}- DB_POOL_MAX: must be a whole number/);
  });
});

describe('keys', () => {
  test('issue prints the key once; list shows it; revoke revokes it once', async () => {
    const issued = await run('cli/keys.ts', ['issue', '--org', 'nelft', '--role', 'analyst', '--label', 'cli test', '--days', '7'], env());
    expect(issued.stderr).toBe('');
    expect(issued.code).toBe(0);
    const [token, about] = issued.stdout.split('\n');
    const id = /^ich_([0-9a-f]{16})\./.exec(token!)![1]!;
    expect(about).toMatch(
      new RegExp(
        `^Key ${id} for North East London NHS Foundation Trust \\(nelft\\) as ANALYST, expires \\d{4}-\\d\\d-\\d\\dT.*\\. It is shown only now\\.$`,
      ),
    );

    const listed = await run('cli/keys.ts', ['list'], env());
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^${id} {2}ANALYST {2}nelft +expires \\S+ {2}cli test$`, 'm'));

    const revoked = await run('cli/keys.ts', ['revoke', '--id', id], env());
    expect([revoked.code, revoked.stdout]).toEqual([0, `Key ${id} revoked.\n`]);
    const again = await run('cli/keys.ts', ['revoke', '--id', id], env());
    expect([again.code, again.stdout]).toEqual([1, '']);
    expect(again.stderr).toMatch(new RegExp(`^Key ${id} was already revoked at \\d{4}-`));
    expect((await run('cli/keys.ts', ['list'], env())).stdout).toMatch(new RegExp(`^${id} .* revoked {2}cli test$`, 'm'));
  });

  test('issue refuses a closed organisation, naming its date and successor, and stores no key', async () => {
    const result = await run('cli/keys.ts', ['issue', '--org', 'sept', '--role', 'ANALYST', '--label', 'closed'], env());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/closed on 2017-03-31; its keys and tokens are no longer accepted\. Its successor is .* \("eput"\)/);
    expect((await run('cli/keys.ts', ['list'], env())).stdout).not.toContain('closed');
  });

  test.each([
    ['its ODS code', 'RAT', 'nelft'],
    ['its ODS code in lower case', 'rat', 'nelft'],
    ['its GSS code', GSS_ORG.code, GSS_ORG.id],
  ])('issue --org takes an organisation by %s', async (_how, org, id) => {
    const issued = await run('cli/keys.ts', ['issue', '--org', org, '--role', 'ANALYST', '--label', 'by code'], env());
    expect([issued.code, issued.stderr]).toEqual([0, '']);
    const [token, about] = issued.stdout.split('\n');
    expect(about).toContain(`(${id}) as ANALYST`);
    const [stored] = await databases.hub.query<{ organisation_id: string }[]>(`SELECT organisation_id FROM api_key WHERE id = $1`, [
      /^ich_([0-9a-f]{16})\./.exec(token!)![1],
    ]);
    expect(stored!.organisation_id).toBe(id);
  });

  test.each([
    [['rotate'], 'Say issue, revoke or list.'],
    [['issue', '--role', 'OWNER', '--label', 'x'], '--role must be one of ANALYST, EDITOR, ADMIN.'],
    [['issue', '--role', 'ANALYST', '--label', 'x'], '--org is required for ANALYST and EDITOR keys.'],
    [
      ['issue', '--org', 'atlantis', '--role', 'ANALYST', '--label', 'x'],
      'No partner organisation has the id, ODS code or GSS code "atlantis".',
    ],
    [['issue', '--org', 'nelft', '--role', 'ANALYST', '--label', 'x', '--days', '0'], '--days must be a whole number from 1 to 730.'],
  ])('keys %j exits 2 with the reason and the usage', async (args, reason) => {
    const result = await run('cli/keys.ts', args, env());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^${reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n\nUsage:`));
    expect(result.stdout).toBe('');
  });
});

test.each([
  ['keys', 'cli/keys.ts', ['list']],
  ['ingest', 'cli/ingest.ts', ['--source', 'trust', '--table', 'site', '/dev/null']],
])('%s names the database it could not reach, and why', async (_name, entry, args) => {
  const port = await freePort(); // nothing listens there
  const down = `postgres://hub@127.0.0.1:${port}`;
  const urlsDown = { hub: `${down}/hub`, ccg: `${down}/ccg`, council: `${down}/council`, trust: `${down}/trust` };
  const result = await run(entry, args, environment(urlsDown, { SOURCE_START_WAIT_SECONDS: '0' }));
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`Source "hub" is not reachable (connect ECONNREFUSED 127.0.0.1:${port})`);
});

describe('supergraph', () => {
  test('a subgraph that cannot be reached is named, with its address and why, and nothing is written', async () => {
    const port = await freePort(); // nothing listens there
    const out = path.join(dir, 'supergraph.graphql');
    const url = `http://127.0.0.1:${port}/graphql`;
    const result = await runScript('federation/supergraph.ts', ['--subgraph', `partner=${url}`, '--out', out], environment(null));
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`Could not reach subgraph "partner" at ${url}: connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(existsSync(out)).toBe(false);
  });
});
