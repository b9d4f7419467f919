import { GraphQLError } from 'graphql';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import type { Caller } from '../auth/caller';
import { VERSION_SQL } from '../db/versions';

/**
 * Every write through the hub, in one transaction in the partner's own database: lock the
 * row, refuse a stale version (optimistic concurrency), upsert, and write the audit record.
 * A failure anywhere leaves neither the change nor its audit record.
 */


/** One audit record as the API shows it. */
export interface AuditModel {
  at: Date;
  source: 'CCG' | 'COUNCIL' | 'TRUST';
  actor: string;
  organisationId: string | null;
  operation: string;
  table: string;
  key: string;
  before: string | null;
  after: string | null;
}

export interface AuditedWrite {
  operation: string;
  table: string;
  key: Record<string, string | number>;
  values: Record<string, string | number | boolean | null>;
  /** The version the caller read; null when the row is new to them. */
  expectedVersion: string | null;
  /** UPDATE changes an existing row only (a register entry); UPSERT may create it. */
  mode?: 'UPSERT' | 'UPDATE';
  /** Checked on the locked row before writing: throws if the caller may not change it. */
  guard?: (existing: WrittenRow | undefined) => void;
}

export type WrittenRow = Record<string, unknown> & { version: string; updated_at: Date };

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export function conflict(current: string | null): GraphQLError {
  return new GraphQLError(
    current === null
      ? 'There is no such row yet: write it with expectedVersion null.'
      : 'The row has changed since you read it: read it again and retry with its current version.',
    { extensions: { code: 'CONFLICT', argumentName: 'input.expectedVersion', currentVersion: current } },
  );
}

const snapshot = (row: WrittenRow | undefined): string | null => {
  if (!row) return null;
  const { updated_at: _changed, withdrawn_at: _withdrawn, ...rest } = row;
  return JSON.stringify(rest);
};

async function writeRow(client: pg.PoolClient, caller: Caller, w: AuditedWrite): Promise<WrittenRow> {
  const keyNames = Object.keys(w.key);
  const keyValues = Object.values(w.key);
  const where = keyNames.map((k, i) => `${ident(k)} = $${i + 1}`).join(' AND ');
  const [existing] = (await client.query<WrittenRow>(`SELECT *, ${VERSION_SQL} AS version FROM ${ident(w.table)} WHERE ${where} FOR UPDATE`, keyValues)).rows;
  w.guard?.(existing);
  if ((existing?.version ?? null) !== w.expectedVersion) throw conflict(existing?.version ?? null);
  const written = w.mode === 'UPDATE' ? await updateRow(client, w, where) : await upsertRow(client, w);
  await client.query(
    `INSERT INTO audit_log (actor, organisation_id, operation, table_name, row_key, before, after)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`,
    [caller.subject, caller.organisationId, w.operation, w.table, keyValues.join('/'), snapshot(existing), snapshot(written)],
  );
  return written;
}

// A change always gets a new version, even within the same millisecond as the last one.
const bumpVersion = (table: string) => `updated_at = greatest(clock_timestamp(), ${ident(table)}.updated_at + interval '1 millisecond')`;

async function updateRow(client: pg.PoolClient, w: AuditedWrite, where: string): Promise<WrittenRow> {
  const keyCount = Object.keys(w.key).length;
  const sets = Object.keys(w.values).map((c, i) => `${ident(c)} = $${keyCount + i + 1}`);
  const [written] = (
    await client.query<WrittenRow>(
      `UPDATE ${ident(w.table)} SET ${[...sets, bumpVersion(w.table)].join(', ')} WHERE ${where} RETURNING *, ${VERSION_SQL} AS version`,
      [...Object.values(w.key), ...Object.values(w.values)],
    )
  ).rows;
  return written!;
}

async function upsertRow(client: pg.PoolClient, w: AuditedWrite): Promise<WrittenRow> {
  const keyNames = Object.keys(w.key);
  const columns = [...keyNames, ...Object.keys(w.values)];
  const values = [...Object.values(w.key), ...Object.values(w.values)];
  const sets = Object.keys(w.values).map((c) => `${ident(c)} = EXCLUDED.${ident(c)}`);
  sets.push(bumpVersion(w.table), 'withdrawn_at = NULL');
  const [written] = (
    await client.query<WrittenRow>(
      `INSERT INTO ${ident(w.table)} (${columns.map(ident).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (${keyNames.map(ident).join(', ')}) DO UPDATE SET ${sets.join(', ')}
       RETURNING *, ${VERSION_SQL} AS version`,
      values,
    )
  ).rows;
  return written!;
}

export async function auditedWrite(dataSource: DataSource, caller: Caller, w: AuditedWrite): Promise<WrittenRow> {
  const client = await (dataSource.driver as unknown as { master: pg.Pool }).master.connect();
  try {
    await client.query('BEGIN');
    const row = await writeRow(client, caller, w);
    await client.query('COMMIT');
    return row;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
