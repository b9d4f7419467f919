import { markRows } from '../db/rowSource';
import { forbidden, type Caller } from '../auth/caller';
import { organisationForCode, organisationForId } from '../model/lookups';
import { requirePeriod } from '../model/periods';
import type { HubContext } from '../server/context';
import { badUserInput, notFound } from '../server/errors';
import type { ActionStatusModel, RagName } from '../model/plans';
import { writeToSource } from './auditedWrite';

/**
 * Writing an action's RAG for a period: validated, and only by the lead organisation's
 * editors. The write itself (version check, upsert, audit record, one transaction) is
 * `auditedWrite`.
 */

export interface RecordActionStatusInput {
  actionId: string;
  period: string;
  rag: RagName;
  comment?: string | null;
  expectedVersion?: string | null;
}

/** The caller's organisation must be the one named by `code` (administrators may act for any). */
export async function requireOwnOrganisation(ctx: HubContext, caller: Caller, code: string | null, what: string): Promise<void> {
  if (caller.role === 'ADMIN') return;
  const own = caller.organisationId ? await organisationForId(ctx.loaders, caller.organisationId) : null;
  const owner = await organisationForCode(ctx.loaders, code);
  if (!own || !owner || own.id !== owner.id) {
    throw forbidden(`Only editors of ${what}${owner ? ` (${owner.name})` : ''} may change it.`);
  }
}

function validate(input: RecordActionStatusInput): { period: string; comment: string | null } {
  const period = requirePeriod(input.period, 'input.period').text;
  const comment = input.comment?.trim() || null;
  if (comment && comment.length > 2000) throw badUserInput('input.comment', `The comment is ${comment.length} characters; at most 2000.`);
  return { period, comment };
}

export async function recordActionStatus(
  ctx: HubContext,
  actionRef: string,
  input: RecordActionStatusInput,
): Promise<{ status: ActionStatusModel; version: string }> {
  const values = validate(input);
  const action = await ctx.loaders.across('plans').actionByRef.load(actionRef);
  if (!action) throw notFound('input.actionId', `No plan action has id "${input.actionId}".`);
  await requireOwnOrganisation(ctx, ctx.caller, action.leadOrgCode, "the action's lead organisation");
  // The status goes to the source whose plan tracker holds the action.
  const source = ctx.loaders.partners.find((p) => p.id === action.sources[0]!.source)!; // a plan action is read from one source
  const plans = source.adapter.plans!; // it was read through this source's plans
  const row = await writeToSource(ctx, source.id, {
    operation: 'recordActionStatus',
    table: plans.statusWrite.table,
    key: plans.statusWrite.key(actionRef, values.period),
    values: plans.statusWrite.values(input.rag, values.comment),
    expectedVersion: input.expectedVersion ?? null,
  });
  ctx.loaders.across('plans').statusesByAction.clear(actionRef);
  plans.loaders(ctx.loaders).statusesByAction.clear(actionRef);
  markRows([row], source.id);
  return { status: plans.statusWrite.toModel(row), version: row.version };
}
