import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import type { HubConfig } from '../../src/config/config';
import { HUB_KIND_ID, HUB_SOURCE_ID, type SourceConfig } from '../../src/config/sources';
import { closeDatabases, openDatabases } from '../../src/db/databases';
import { createLogger } from '../../src/observability/logger';
import { PACKAGE_ROOT } from '../../src/packageRoot';
import { openConfiguredDatabases, prepareData } from '../../src/runtime';
import { sourceKinds } from '../../src/sources/kinds';

/**
 * Template databases: a test file's databases are copies (`CREATE DATABASE … TEMPLATE`) of
 * databases migrated once per run, one per source kind, and, for the data sets most files
 * start on (the fixtures, the demo), of databases migrated and loaded once per run for each
 * set of sources, by the same start-up steps a hub runs (`prepareData`). Each template's name
 * carries a hash of what made it (migrations, the loading code, the data, the sources), so
 * a change makes a new one and the old are dropped as stale. Whichever worker needs a
 * template first builds it under an advisory lock; the others wait on the lock, then copy.
 */

const MAX_NAME = 63; // PostgreSQL's identifier length

export function adminUrl(): string {
  const url = process.env.HUB_TEST_PG_ADMIN_URL;
  if (!url) throw new Error('HUB_TEST_PG_ADMIN_URL is not set: run the tests through jest (globalSetup starts PostgreSQL).');
  return url;
}

/** The URL of a database on the run's PostgreSQL. */
export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `work` on one connection to the run's PostgreSQL as its administrator. */
export async function asAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const quoted = (name: string) => `"${name}"`;

function hashOf(parts: readonly (string | Buffer)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

/** Every file under the folders, by path and content, in a stable order. */
function folderContents(folders: readonly string[]): (string | Buffer)[] {
  return folders.flatMap((folder) =>
    readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name))
      .sort()
      .flatMap((file) => [path.relative(PACKAGE_ROOT, file), readFileSync(file)]),
  );
}

/** What every template is made by: the migrations and the code that loads and links extracts. */
const SCHEMA_AND_LOADING = ['migrations', 'src/sources', 'src/ingestion', 'src/crosswalk'].map((p) => path.join(PACKAGE_ROOT, p));
let codeHash: string | undefined;
const madeBy = (): string => (codeHash ??= hashOf(folderContents(SCHEMA_AND_LOADING)).slice(0, 8));

/** `tpl_<code hash>_<set hash>_<n>_<source id>`, within PostgreSQL's limit. */
function templateName(set: string, index: number, source: string): string {
  return `tpl_${madeBy()}_${set}_${index}_${source.replace(/-/g, '_')}`.slice(0, MAX_NAME);
}

/** Templates made by other code or migrations than these: dropped, so a long-lived server does not fill up. */
async function dropStale(client: Client): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'tpl\\_%' AND datname NOT LIKE $1`,
    [`tpl\\_${madeBy()}\\_%`],
  );
  for (const { datname } of rows) {
    await client.query(`ALTER DATABASE ${quoted(datname)} IS_TEMPLATE false`);
    await client.query(`DROP DATABASE IF EXISTS ${quoted(datname)} WITH (FORCE)`);
  }
}

/**
 * The template databases `names`, built by `build` (given their URLs) unless a finished set is
 * there. A set is finished when every database of it is marked a template, which is done last:
 * a build that died half-way is dropped and made again.
 */
async function ensureTemplates(
  set: string,
  names: readonly string[],
  from: readonly (string | null)[],
  build: (urls: string[]) => Promise<void>,
): Promise<void> {
  await asAdmin(async (client) => {
    // Held until this connection ends: the other workers wait here while one builds.
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [`hub test template ${set}`]);
    const { rows } = await client.query<{ datname: string; datistemplate: boolean }>(
      'SELECT datname, datistemplate FROM pg_database WHERE datname = ANY($1)',
      [names],
    );
    if (rows.length === names.length && rows.every((r) => r.datistemplate)) return;
    await dropStale(client);
    for (const { datname } of rows) {
      await client.query(`ALTER DATABASE ${quoted(datname)} IS_TEMPLATE false`);
      await client.query(`DROP DATABASE ${quoted(datname)} WITH (FORCE)`);
    }
    try {
      for (const [i, name] of names.entries()) {
        await client.query(`CREATE DATABASE ${quoted(name)}${from[i] ? ` TEMPLATE ${quoted(from[i])}` : ''}`);
      }
      await build(names.map(databaseUrl));
    } catch (error) {
      for (const name of names) await client.query(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`);
      throw error;
    }
    for (const name of names) await client.query(`ALTER DATABASE ${quoted(name)} IS_TEMPLATE true`);
  });
}

const KIND_IDS = (): string[] => [HUB_KIND_ID, ...sourceKinds().map((k) => k.id)];

/** One migrated, empty template per source kind, by kind id. */
async function kindTemplates(): Promise<Map<string, string>> {
  const kinds = KIND_IDS();
  const names = kinds.map((kind, i) => templateName('kinds', i, kind));
  await ensureTemplates(
    'kinds',
    names,
    kinds.map(() => null),
    async (urls) => {
      // One source of each kind, the registry as `hub`: opening them migrates each to its kind's latest.
      const sources = kinds.map((kind, i) => ({ id: kind === HUB_KIND_ID ? HUB_SOURCE_ID : kind, kind, organisations: [], url: urls[i]! }));
      await closeDatabases(await openDatabases(sources, { poolMax: 1, statementTimeoutMs: 120_000 }));
    },
  );
  return new Map(kinds.map((kind, i) => [kind, names[i]!]));
}

/**
 * The template of each configured source, by source id: migrated and loaded with `dataFolder`
 * where one is given (a data set many files share), otherwise migrated and empty.
 */
export async function templatesFor(config: HubConfig, dataFolder: string | null): Promise<Record<string, string>> {
  const byKind = await kindTemplates();
  const kindTemplate = (source: SourceConfig) => {
    const template = byKind.get(source.kind);
    if (!template) throw new Error(`No template for source kind "${source.kind}" (source "${source.id}")`);
    return template;
  };
  if (!dataFolder) return Object.fromEntries(config.sources.map((s) => [s.id, kindTemplate(s)]));
  const declared = config.sources.map(({ id, kind, organisations }) => JSON.stringify({ id, kind, organisations }));
  const set = hashOf([...declared, ...folderContents([dataFolder])]).slice(0, 6);
  const names = config.sources.map((s, i) => templateName(set, i, s.id));
  await ensureTemplates(set, names, config.sources.map(kindTemplate), async (urls) => {
    const onTemplates = { ...config, sources: config.sources.map((s, i) => ({ ...s, url: urls[i]!, readUrl: undefined })) };
    const logger = createLogger('silent');
    const opened = await openConfiguredDatabases(onTemplates, logger);
    try {
      await prepareData(onTemplates, opened.databases, logger, dataFolder);
    } finally {
      await opened.close();
    }
  });
  return Object.fromEntries(config.sources.map((s, i) => [s.id, names[i]!]));
}
