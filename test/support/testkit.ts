import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { issueApiKey } from '../../src/auth/apiKeys';
import type { Role } from '../../src/auth/caller';
import type { SourceName } from '../../src/config/config';
import type { Databases } from '../../src/db/databases';
import { ingestExtract, type IngestResult } from '../../src/ingestion/ingest';

/**
 * Seeding a test's own data through the paths partners' data takes: an extract through
 * `ingest` (validated, merged, recorded, new records linked into the crosswalk), and API keys
 * issued as `npm run keys` issues them. Nothing is written with
 * raw SQL, so a test's data obeys the same rules as real data.
 */

let folder: string | undefined;
let files = 0;

/** Writes the rows as a CSV extract with these columns and loads it through `ingest`. */
export async function ingestRows(
  databases: Databases,
  source: SourceName,
  table: string,
  rows: Record<string, string | number | null>[],
  options: { full?: boolean } = {},
): Promise<IngestResult> {
  folder ??= mkdtempSync(path.join(os.tmpdir(), 'hub-testkit-'));
  files += 1;
  const file = path.join(folder, `${files}-${source}-${table}.csv`);
  const columns = Object.keys(rows[0] ?? {});
  writeFileSync(file, stringify(rows, { header: true, columns, cast: { number: String } }));
  return ingestExtract(databases, { source, table, file, runBy: 'testkit', ...options });
}

/** An API key for an organisation and role; the token to send as `x-api-key`. */
export async function apiKey(databases: Databases, organisationId: string | null, role: Exclude<Role, 'PUBLIC'>): Promise<string> {
  return (await issueApiKey(databases.hub, { organisationId, role, label: 'testkit', expiresInDays: 1 })).token;
}
