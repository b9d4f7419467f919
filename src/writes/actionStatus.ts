import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { forbidden, type Caller } from '../auth/caller';
import { organisationForCode, organisationForId } from '../model/lookups';
import { requirePeriod } from '../model/periods';
import type { HubContext } from '../server/context';
import { badUserInput, notFound } from '../server/errors';
import { GraphQLError } from 'graphql';
import { RAG_LETTERS, toActionStatus, type ActionStatusModel, type RagName } from '../sources/council/planMapper';
import type { ActionStatusRow } from '../sources/council/planRows';

/**
 * Writing an action's RAG for a period: validated, only by the lead organisation's editors,
 * refused when stale (optimistic concurrency on the row's version), and audited in the same
 * transaction in the council's database, so the change and its audit record stand or fall
 * together.
 */

export interface AuditModel {
  at: Date;
  actor: string;
  organisationId: string | null;
  operation: string;
  table: string;
  key: string;
  before: string | null;
  after: string | null;
}

export interface RecordActionStatusInput {
  actionId: string;
  period: string;
  rag: RagName;
  comment?: string | null;
  expectedVersion?: string | null;
}

/** The version token of a status row: its last-changed time in microseconds (as the plan loader reads it). */
const VERSION_SQL = `(extract(epoch from updated_at) * 1000000)::bigint::text`;

const conflict = (current: string | null) =>
  new GraphQLError(
    current === null
      ? 'This period has no status yet: record it with expectedVersion null.'
      : 'The status has changed since you read it: read it again and retry with its current version.',
    { extensions: { code: 'CONFLICT', argumentName: 'input.expectedVersion', currentVersion: current } },
  );

async function requireOwner(ctx: HubContext, caller: Caller, leadOrgCode: string | null): Promise<void> {
  if (caller.role === 'ADMIN') return;
  const own = caller.organisationId ? await organisationForId(ctx.loaders, caller.organisationId) : null;
  const lead = await organisationForCode(ctx.loaders, leadOrgCode);
  if (!own || !lead || own.id !== lead.id) {
    throw forbidden(`Only editors of the action's lead organisation${lead ? ` (${lead.name})` : ''} may record its status.`);
  }
}

function validate(input: RecordActionStatusInput): { period: string; comment: string | null } {
  const period = requirePeriod(input.period, 'input.period').text;
  const comment = input.comment?.trim() || null;
  if (comment && comment.length > 2000) throw badUserInput('input.comment', `The comment is ${comment.length} characters; at most 2000.`);
  return { period, comment };
}

type Row = ActionStatusRow & { version: string };

async function writeInTransaction(
  client: pg.PoolClient,
  caller: Caller,
  actionRef: string,
  input: RecordActionStatusInput,
  values: { period: string; comment: string | null },
): Promise<Row> {
  const existing = (
    await client.query<Row>(`SELECT *, ${VERSION_SQL} AS version FROM action_status WHERE action_ref = $1 AND period = $2 FOR UPDATE`, [
      actionRef,
      values.period,
    ])
  ).rows[0];
  if ((existing?.version ?? null) !== (input.expectedVersion ?? null)) throw conflict(existing?.version ?? null);
  const [written] = (
    await client.query<Row>(
      `INSERT INTO action_status (action_ref, period, rag, comment) VALUES ($1, $2, $3, $4)
       ON CONFLICT (action_ref, period) DO UPDATE SET rag = EXCLUDED.rag, comment = EXCLUDED.comment,
         updated_at = clock_timestamp(), withdrawn_at = NULL
       RETURNING *, ${VERSION_SQL} AS version`,
      [actionRef, values.period, RAG_LETTERS[input.rag], values.comment],
    )
  ).rows;
  const snapshot = (r: Row | undefined) => (r ? JSON.stringify({ rag: r.rag, comment: r.comment, version: r.version }) : null);
  await client.query(
    `INSERT INTO audit_log (actor, organisation_id, operation, table_name, row_key, before, after)
     VALUES ($1, $2, 'recordActionStatus', 'action_status', $3, $4::jsonb, $5::jsonb)`,
    [caller.subject, caller.organisationId, `${actionRef}/${values.period}`, snapshot(existing), snapshot(written)],
  );
  return written!;
}

export async function recordActionStatus(
  ctx: HubContext,
  council: DataSource,
  actionRef: string,
  input: RecordActionStatusInput,
): Promise<{ status: ActionStatusModel; version: string }> {
  const values = validate(input);
  const action = await ctx.loaders.council.actionByRef.load(actionRef);
  if (!action) throw notFound('input.actionId', `No plan action has id "${input.actionId}".`);
  await requireOwner(ctx, ctx.caller, action.lead_org_code);
  const client = await (council.driver as unknown as { master: pg.Pool }).master.connect();
  try {
    await client.query('BEGIN');
    const row = await writeInTransaction(client, ctx.caller, actionRef, input, values);
    await client.query('COMMIT');
    ctx.loaders.council.statusesByAction.clear(actionRef);
    return { status: toActionStatus(row), version: row.version };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
