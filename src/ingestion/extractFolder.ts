import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { DataSource, EntityManager } from 'typeorm';
import type { SourceName } from '../config/config';

/**
 * Loads a folder of partner extracts (`<table>.csv`, header = column names) into one
 * source database, all tables in one transaction: a bad file leaves nothing half-loaded.
 * Empty cells are NULL; array columns hold JSON arrays.
 */

/** Tables in dependency order, per database. */
export const EXTRACT_TABLES: Record<SourceName, readonly string[]> = {
  hub: [
    'partner_organisation', 'partnership', 'partnership_member', 'agreement', 'agreement_party',
    'agreement_signatory', 'locality', 'locality_ward', 'postcode_ward',
  ],
  ccg: ['practice', 'gp_hub', 'commissioned_service'],
  council: ['ward', 'community_hub', 'property', 'care_service'],
  trust: ['site', 'service_line'],
};

export class ExtractError extends Error {
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'ExtractError';
  }
}

interface ColumnInfo {
  column_name: string;
  data_type: string;
}

export function readCsv(file: string): Record<string, string>[] {
  try {
    return parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, bom: true });
  } catch (error) {
    throw new ExtractError(file, error instanceof Error ? error.message : String(error));
  }
}

async function insertTable(manager: EntityManager, table: string, file: string): Promise<number> {
  const rows = readCsv(file);
  if (rows.length === 0) return 0;
  const columns = await manager.query<ColumnInfo[]>(
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
    [table],
  );
  const types = new Map(columns.map((c) => [c.column_name, c.data_type]));
  const header = Object.keys(rows[0]!);
  const unknown = header.filter((name) => !types.has(name));
  if (unknown.length > 0) throw new ExtractError(file, `unknown column(s) for table ${table}: ${unknown.join(', ')}`);

  const records = rows.map((row, index) =>
    Object.fromEntries(
      header.map((name) => {
        const cell = row[name] ?? '';
        if (cell === '') return [name, null];
        if (types.get(name) !== 'ARRAY') return [name, cell];
        try {
          return [name, JSON.parse(cell) as unknown];
        } catch {
          throw new ExtractError(file, `line ${index + 2}, column ${name}: not a JSON array`);
        }
      }),
    ),
  );
  const list = header.map((name) => `"${name}"`).join(', ');
  await manager.query(
    `INSERT INTO ${table} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${table}, $1::json)`,
    [JSON.stringify(records)],
  );
  return rows.length;
}

export async function loadExtractFolder(
  dataSource: DataSource,
  source: SourceName,
  folder: string,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await dataSource.transaction(async (manager) => {
    for (const table of EXTRACT_TABLES[source]) {
      const file = path.join(folder, `${table}.csv`);
      if (existsSync(file)) counts[table] = await insertTable(manager, table, file);
    }
  });
  return counts;
}
