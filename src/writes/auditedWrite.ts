import { GraphQLError } from 'graphql';
import type pg from 'pg';
import { DatabaseError } from 'pg';
import { ErrorCode, unstorable } from '../server/errors';
import type { DataSource } from 'typeorm';
import type { Caller } from '../auth/caller';
import { databaseOf } from '../db/databases';
import { parseLsn, type Lsn } from '../db/lsn';
import type { HubContext } from '../server/context';
import { VERSION_SQL } from '../db/versions';

/**
 * Every write through the hub, in one transaction in the partner's own database: lock the
 * row, refuse a stale version (optimistic concurrency), update it or create it (exactly one
 * of racing creators wins), and write the audit record.
 * A failure anywhere leaves neither the change nor its audit record.
 */

/** One audit record as the API shows it. */
export interface AuditModel {
  at: Date;
  /** The configured source's id. */
  source: string;
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
    { extensions: { code: ErrorCode.CONFLICT, argumentName: 'input.expectedVersion', currentVersion: current } },
  );
}

const snapshot = (row: WrittenRow | undefined): string | null => {
  if (!row) return null;
  const { updated_at: _changed, withdrawn_at: _withdrawn, ...rest } = row;
  return JSON.stringify(rest);
};

async function writeRow(client: pg.PoolClient, caller: Caller, w: AuditedWrite): Promise<WrittenRow> {
  const keyValues = Object.values(w.key);
  const where = Object.keys(w.key)
    .map((k, i) => `${ident(k)} = $${i + 1}`)
    .join(' AND ');
  const [existing] = (
    await client.query<WrittenRow>(`SELECT *, ${VERSION_SQL} AS version FROM ${ident(w.table)} WHERE ${where} FOR UPDATE`, keyValues)
  ).rows;
  w.guard?.(existing);
  if ((existing?.version ?? null) !== w.expectedVersion) throw conflict(existing?.version ?? null);
  const written = existing ? await updateRow(client, w, where) : await insertRow(client, w, where);
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
  sets.push(bumpVersion(w.table));
  // Writing a withdrawn row (UPSERT) brings it back, as a fresh extract would.
  if (w.mode !== 'UPDATE') sets.push('withdrawn_at = NULL');
  const [written] = (
    await client.query<WrittenRow>(
      `UPDATE ${ident(w.table)} SET ${sets.join(', ')} WHERE ${where} RETURNING *, ${VERSION_SQL} AS version`,
      [...Object.values(w.key), ...Object.values(w.values)],
    )
  ).rows;
  return written!;
}

/**
 * A row that did not exist when locked: FOR UPDATE locks nothing, so writers racing to create
 * it all get here. `ON CONFLICT DO NOTHING` waits for whichever inserted first and lets only
 * that one win; every other writer gets CONFLICT with the winner's version, never an overwrite.
 */
async function insertRow(client: pg.PoolClient, w: AuditedWrite, where: string): Promise<WrittenRow> {
  if (w.mode === 'UPDATE') throw new GraphQLError('The row to change no longer exists.', { extensions: { code: ErrorCode.NOT_FOUND } });
  const columns = [...Object.keys(w.key), ...Object.keys(w.values)];
  const [written] = (
    await client.query<WrittenRow>(
      `INSERT INTO ${ident(w.table)} (${columns.map(ident).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT DO NOTHING RETURNING *, ${VERSION_SQL} AS version`,
      [...Object.values(w.key), ...Object.values(w.values)],
    )
  ).rows;
  if (written) return written;
  // The winner has committed (the insert waited for it), so this statement's snapshot sees its row.
  const [current] = (
    await client.query<{ version: string }>(`SELECT ${VERSION_SQL} AS version FROM ${ident(w.table)} WHERE ${where}`, Object.values(w.key))
  ).rows;
  throw conflict(current?.version ?? null);
}

/**
 * Where the primary's WAL is once the transaction has ended: at or past the end of its commit
 * record, and a position a standby's replay reaches. With `synchronous_commit` on (or `local`,
 * `remote_write`, `remote_apply`) COMMIT returned once the commit record was flushed, so the
 * flushed position is past it; and it is the end of a record, which is what
 * `pg_last_wal_replay_lsn()` reports. With `synchronous_commit` off the commit may not be
 * flushed yet, so the position inserted so far, also past it (and written within
 * `wal_writer_delay`); that one can sit a page header past the last record's end until the
 * next record is written, which only makes a standby's reader fall back to the primary.
 * Either may be a little further on than the commit (other sessions' WAL): a standby's
 * reader then waits a moment longer. A failure to read it loses the token, not the write.
 */
const WAL_POSITION = `SELECT (CASE WHEN current_setting('synchronous_commit') = 'off'
  THEN pg_current_wal_insert_lsn() ELSE pg_current_wal_flush_lsn() END)::text AS lsn`;

async function walPosition(client: pg.PoolClient): Promise<Lsn | null> {
  try {
    const { rows } = await client.query<{ lsn: string }>(WAL_POSITION);
    return parseLsn(rows[0]?.lsn ?? '');
  } catch {
    return null;
  }
}

/**
 * `ended` is told the primary's WAL position after the transaction, committed or rolled back
 * (a refused write's caller reads the row again, and must see the version it was refused against).
 */
export async function auditedWrite(
  dataSource: DataSource,
  caller: Caller,
  w: AuditedWrite,
  ended: (lsn: Lsn | null) => void = () => undefined,
): Promise<WrittenRow> {
  const client = await (dataSource.driver as unknown as { master: pg.Pool }).master.connect();
  try {
    await client.query('BEGIN');
    const row = await writeRow(client, caller, w);
    await client.query('COMMIT');
    ended(await walPosition(client));
    return row;
  } catch (error) {
    await client.query('ROLLBACK');
    ended(await walPosition(client));
    // A data exception (class 22: out of range, unstorable character) is the value's fault, not the hub's.
    if (error instanceof DatabaseError && error.code?.startsWith('22'))
      throw unstorable(`A value cannot be stored in ${w.table}: ${error.message}.`);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * A request's write to a source: on the source's primary, after which the request's reads of
 * that source, and its caller's for READ_YOUR_WRITES_SECONDS, go to the primary too (a read
 * replica may not have replayed the write yet), and the response carries the primary's WAL
 * position as a read-after token for any hub process's later reads (src/db/replicas.ts).
 * Also after a failed write: a CONFLICT's caller reads the row again, and must read the
 * version the primary refused it against.
 */
export async function writeToSource(ctx: HubContext, source: string, w: AuditedWrite): Promise<WrittenRow> {
  let lsn: Lsn | null = null;
  try {
    return await auditedWrite(databaseOf(ctx.databases, source), ctx.caller, w, (ended) => (lsn = ended));
  } finally {
    ctx.reads.wrote(source, lsn);
  }
}
