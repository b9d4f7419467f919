import type { MutationResolvers, QueryResolvers } from '../generated/graphql';
import { localIdOf } from '../graphql/globalId';
import { partnershipsReadable } from '../auth/caller';
import { organisationForId } from '../model/lookups';
import { badUserInput } from '../server/errors';
import { sqlOf } from '../db/sql';
import { recordActionStatus } from '../writes/actionStatus';
import type { AuditModel } from '../writes/auditedWrite';
import type { HubContext } from '../server/context';
import { recordBudgetLine, recordIndicatorValue, updateEstateStatus } from '../writes/partnerWrites';

const recordActionStatusResolver: NonNullable<MutationResolvers['recordActionStatus']> = async (_, { input }, ctx) => {
  const actionRef = localIdOf(input.actionId, 'PlanAction', 'input.actionId');
  const { status, version } = await recordActionStatus(ctx, actionRef, input);
  const action = await ctx.loaders.across('plans').actionByRef.load(actionRef);
  return { action: action!, status, version }; // found by the write a moment ago
};

interface AuditRow {
  at: Date;
  actor: string;
  organisation_id: string | null;
  operation: string;
  table_name: string;
  row_key: string;
  before: unknown;
  after: unknown;
}

/**
 * Whose changes a caller may read: an administrator everyone's (null); a partner its own and
 * those made by the members of the partnerships that share their audit trail with it, since
 * before and after images carry another partnership's amounts and comments.
 */
async function visibleAuthors(ctx: HubContext): Promise<string[] | null> {
  const readable = partnershipsReadable(ctx.caller, 'AUDIT_TRAIL');
  if (readable === null) return null;
  const members = await Promise.all([...readable].map((id) => ctx.loaders.hub.membersByPartnership.load(id)));
  return [...new Set([...members.flat().map((m) => m.organisation_id), ...(ctx.caller.organisationId ? [ctx.caller.organisationId] : [])])];
}

const auditTrail: NonNullable<QueryResolvers['auditTrail']> = async (_, args, ctx) => {
  const first = args.first ?? ctx.limits.defaultPageSize;
  if (first < 1 || first > ctx.limits.maxPageSize)
    throw badUserInput('first', `"first" must be between 1 and ${ctx.limits.maxPageSize}; got ${first}.`);
  const authors = await visibleAuthors(ctx);
  // Each partner database keeps the audit of its own data: read the newest of each, then merge.
  const perSource = await Promise.all(
    ctx.loaders.partners.map(async ({ id: source }) =>
      (
        await sqlOf(ctx.sql, source).query<AuditRow>(
          `SELECT * FROM audit_log WHERE ($1::text IS NULL OR table_name = $1) AND ($2::text IS NULL OR row_key = $2)
              AND ($4::text[] IS NULL OR organisation_id = ANY($4)) ORDER BY id DESC LIMIT $3`,
          [args.table ?? null, args.key ?? null, first, authors],
        )
      ).map((r) => ({ ...r, source })),
    ),
  );
  const rows = perSource
    .flat()
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, first);
  return rows.map((r): AuditModel => ({
    at: r.at,
    source: r.source,
    actor: r.actor,
    organisationId: r.organisation_id,
    operation: r.operation,
    table: r.table_name,
    key: r.row_key,
    before: r.before === null ? null : JSON.stringify(r.before),
    after: r.after === null ? null : JSON.stringify(r.after),
  }));
};

export const mutationResolvers = {
  Mutation: {
    recordActionStatus: recordActionStatusResolver,
    updateEstateStatus: ((_, { input }, ctx) => updateEstateStatus(ctx, input)) as NonNullable<MutationResolvers['updateEstateStatus']>,
    recordIndicatorValue: ((_, { input }, ctx) => recordIndicatorValue(ctx, input)) as NonNullable<
      MutationResolvers['recordIndicatorValue']
    >,
    recordBudgetLine: ((_, { input }, ctx) => recordBudgetLine(ctx, input)) as NonNullable<MutationResolvers['recordBudgetLine']>,
  },
  Query: { auditTrail },
  AuditRecord: {
    organisation: (a: AuditModel, _: unknown, ctx: HubContext) =>
      a.organisationId ? organisationForId(ctx.loaders, a.organisationId) : null,
  },
};
