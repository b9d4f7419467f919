import { sourceKinds } from '../sources/kinds';
import type { EstateWrites } from '../sources/capabilities';
import type { PartnerSource } from '../sources/registry';
import { sourceToWrite } from './sourceFor';
import { forbidden, seesPartnership } from '../auth/caller';
import { localIdOf } from '../graphql/globalId';
import { money, value as decimal } from '../model/decimal';
import { codesOf, organisationForCode, organisationForId } from '../model/lookups';
import { requireFinancialYear, requirePeriod } from '../model/periods';
import type { EstateStatus, NativeRef, OrganisationModel, Provenance } from '../model/types';
import type { HubContext } from '../server/context';
import { badUserInput, notFound } from '../server/errors';
import { writeToSource, type WrittenRow } from './auditedWrite';

/**
 * Writes partners do day to day, each into the source that owns the row: an estate's entry
 * in the caller's own register, an indicator value in the source that measures it, a line
 * of the caller's own ledger. Validation and ownership here; the transaction is auditedWrite.
 */

export interface WriteOutcome {
  version: string;
  record: Provenance;
}

const outcome = (source: PartnerSource, table: string, key: string, row: WrittenRow): WriteOutcome => ({
  version: row.version,
  record: { source: source.id, kind: source.kind.id, table, nativeKey: key, lastChangedAt: row.updated_at },
});

async function callerOrganisation(ctx: HubContext): Promise<OrganisationModel> {
  const org = ctx.caller.organisationId ? await organisationForId(ctx.loaders, ctx.caller.organisationId) : null;
  if (!org) throw forbidden('This change is made by a partner organisation: use a key or token issued to one.');
  return org;
}

export async function updateEstateStatus(
  ctx: HubContext,
  input: { estateId: string; status: string; proposedReuse?: string | null; expectedVersion: string },
): Promise<WriteOutcome> {
  const estate = await ctx.loaders.entities.estateById.load(localIdOf(input.estateId, 'Estate', 'input.estateId'));
  if (!estate) throw notFound('input.estateId', `No estate has id "${input.estateId}".`);
  const org = await callerOrganisation(ctx);
  const mine = codesOf(org);
  // Who holds each record: the partner whose register it is (the council's property register, the trust's site list).
  const registers = estate.records.map((r) => estateWritesOf(ctx, r.ref));
  const holders = await Promise.all(estate.records.map((r, i) => registers[i]?.holderOf(ctx.loaders, r.ref.key) ?? null));
  const i = estate.records.findIndex((_, j) => holders[j] && mine.includes(holders[j]));
  if (i < 0) throw forbidden(`Only the partners whose registers hold this estate may change it; ${org.name} holds no entry for it.`);
  const record = estate.records[i]!;
  const register = registers[i]!; // a record with a holder is one of an estate register's
  const source = ctx.loaders.partners.find((p) => p.id === record.ref.source)!;
  if (!register.statuses.includes(input.status as EstateStatus))
    throw badUserInput('input.status', `${register.register} has no ${input.status} status: use one of ${register.statuses.join(', ')}.`);
  if (!register.proposedReuseColumn && input.proposedReuse != null)
    throw badUserInput('input.proposedReuse', `${register.register} records no proposed reuse.`);
  const { table, keyColumn } = register.records;
  const row = await writeToSource(ctx, source.id, {
    operation: 'updateEstateStatus',
    table,
    key: { [keyColumn]: record.ref.key },
    values: {
      status: input.status,
      ...(register.proposedReuseColumn ? { [register.proposedReuseColumn]: input.proposedReuse?.trim() || null } : {}),
    },
    expectedVersion: input.expectedVersion,
    mode: 'UPDATE',
  });
  return outcome(source, table, record.ref.key, row);
}

/** The estate register a record is an entry of, if partners write to it (src/sources/capabilities.ts). */
function estateWritesOf(ctx: HubContext, ref: NativeRef): EstateWrites | undefined {
  const writes = ctx.loaders.partners.find((p) => p.id === ref.source)?.adapter.estateWrites;
  return writes?.records.table === ref.table ? writes : undefined;
}

function validNumbers(input: { value?: string | null; numerator?: number | null; denominator?: number | null }) {
  let value: string | null = null;
  if (input.value != null) {
    try {
      value = decimal(input.value.trim()).toPlainString();
    } catch {
      throw badUserInput('input.value', `"${input.value}" is not a decimal number with at most 6 places.`);
    }
  }
  for (const [name, n] of [
    ['numerator', input.numerator],
    ['denominator', input.denominator],
  ] as const) {
    if (n != null && n < 0) throw badUserInput(`input.${name}`, `The ${name} cannot be negative; got ${n}.`);
  }
  if (input.numerator != null && input.denominator != null && input.numerator > input.denominator) {
    throw badUserInput('input.numerator', `The numerator (${input.numerator}) is larger than the denominator (${input.denominator}).`);
  }
  return value;
}

/**
 * An indicator's area must be the partnership's: one of its localities, a local authority
 * that is a member, or a ward of one. Unknown codes are NOT_FOUND; another partnership's
 * area is FORBIDDEN, so one partner cannot overwrite another place's figures.
 */
async function requireAreaOfPartnership(ctx: HubContext, given: string, partnershipId: string): Promise<string> {
  const code = given.trim().toUpperCase();
  const [locality, ward] = await Promise.all([
    ctx.loaders.hub.localityByCode.load(code),
    /^E05\d{6}$/.test(code) ? ctx.loaders.across('areas').wardByGss.load(code) : null,
  ]);
  const authorityCode = ward ? ward.localAuthorityGssCode : /^[EWSN]\d{8}$/.test(code) ? code : null;
  const authority = authorityCode ? await organisationForCode(ctx.loaders, authorityCode) : null;
  if (!locality && !authority)
    throw notFound('input.area', `"${given}" is not a locality code, ward or local-authority GSS code the hub knows.`);
  const members = await ctx.loaders.hub.membersByPartnership.load(partnershipId);
  const ours = locality ? locality.partnershipId === partnershipId : members.some((m) => m.organisation_id === authority!.id);
  if (!ours) throw forbidden(`"${given}" is not an area of the indicator's partnership.`, 'input.area');
  return code;
}

export async function recordIndicatorValue(
  ctx: HubContext,
  input: {
    indicatorId: string;
    area: string;
    period: string;
    value?: string | null;
    numerator?: number | null;
    denominator?: number | null;
    expectedVersion?: string | null;
  },
): Promise<WriteOutcome> {
  const indicator = await ctx.loaders.hub.indicatorById.load(localIdOf(input.indicatorId, 'Indicator', 'input.indicatorId'));
  if (!indicator) throw notFound('input.indicatorId', `No indicator has id "${input.indicatorId}".`);
  const period = requirePeriod(input.period, 'input.period').text;
  const value = validNumbers(input);
  const org = ctx.caller.role === 'ADMIN' ? null : await callerOrganisation(ctx);
  const measuring = sourceKinds().find((k) => k.id === indicator.measuredBy);
  if (org && !measuring?.organisationKinds.includes(org.kind)) {
    throw forbidden(`"${indicator.name}" is measured in ${indicator.measuredBy} sources; ${org.name} does not record it.`);
  }
  const partnershipId = (
    await ctx.loaders.hub.domainById.load((await ctx.loaders.hub.outcomeById.load(indicator.outcomeId))?.domainId ?? '')
  )?.partnershipId;
  if (!partnershipId || !seesPartnership(ctx.caller, partnershipId)) {
    throw forbidden(`"${indicator.name}" is an indicator of a partnership ${org?.name ?? 'the caller'} is not a member of.`);
  }
  const area = await requireAreaOfPartnership(ctx, input.area, partnershipId);
  const source = sourceToWrite(ctx, indicator.measuredBy, org, `"${indicator.name}"`);
  const row = await writeToSource(ctx, source.id, {
    operation: 'recordIndicatorValue',
    table: 'indicator_value',
    key: { indicator_code: indicator.sourceCode, area_code: area, period },
    values: { value, numerator: input.numerator ?? null, denominator: input.denominator ?? null },
    expectedVersion: input.expectedVersion ?? null,
  });
  return outcome(source, 'indicator_value', `${indicator.sourceCode}/${area}/${period}`, row);
}

export async function recordBudgetLine(
  ctx: HubContext,
  input: {
    lineRef: string;
    fundId: string;
    schemeId?: string | null;
    financialYear: string;
    localityCode?: string | null;
    lineKind: 'CONTRIBUTION' | 'ALLOCATION';
    planned: string;
    actual?: string | null;
    expectedVersion?: string | null;
  },
): Promise<WriteOutcome> {
  const org = await callerOrganisation(ctx);
  const ledgerKind = sourceKinds().find((k) => k.organisationKinds.includes(org.kind));
  const code = org.odsCode ?? org.gssCode;
  if (!ledgerKind || !code) throw forbidden(`${org.name} keeps no ledger the hub reads (CCGs, councils and trusts do).`);
  const source = sourceToWrite(ctx, ledgerKind.id, org, 'its ledger');
  const fund = await ctx.loaders.hub.fundById.load(localIdOf(input.fundId, 'Fund', 'input.fundId'));
  if (!fund) throw notFound('input.fundId', `No fund has id "${input.fundId}".`);
  if (!seesPartnership(ctx.caller, fund.partnershipId)) throw forbidden(`${org.name} is not a partner in the fund "${fund.name}".`);
  const schemeId = input.schemeId == null ? null : localIdOf(input.schemeId, 'Scheme', 'input.schemeId');
  if (schemeId && (await ctx.loaders.hub.schemeById.load(schemeId))?.fundId !== fund.id) {
    throw notFound('input.schemeId', `Fund "${fund.name}" has no scheme "${input.schemeId}".`);
  }
  const localityCode = input.localityCode?.trim().toUpperCase() || null;
  const locality = localityCode ? await ctx.loaders.hub.localityByCode.load(localityCode) : null;
  if (localityCode && !locality) throw notFound('input.localityCode', `No locality has code "${input.localityCode}".`);
  if (locality && locality.partnershipId !== fund.partnershipId) {
    throw badUserInput('input.localityCode', `Locality ${locality.code} is not in the partnership of the fund "${fund.name}".`);
  }
  const lineRef = input.lineRef.trim();
  if (!lineRef || lineRef.length > 100) throw badUserInput('input.lineRef', 'The line reference must be 1 to 100 characters.');
  const row = await writeToSource(ctx, source.id, {
    operation: 'recordBudgetLine',
    table: 'ledger_line',
    key: { line_ref: lineRef },
    values: {
      org_code: code,
      fund_code: fund.id,
      scheme_code: schemeId,
      financial_year: requireFinancialYear(input.financialYear, 'input.financialYear'),
      locality_code: localityCode,
      service_ref: null,
      line_kind: input.lineKind,
      planned: money(input.planned).toString(),
      actual: input.actual == null ? null : money(input.actual).toString(),
    },
    expectedVersion: input.expectedVersion ?? null,
    guard: (existing) => {
      if (existing && existing.org_code !== code) throw forbidden(`Ledger line ${lineRef} belongs to another organisation.`);
    },
  });
  return outcome(source, 'ledger_line', lineRef, row);
}
