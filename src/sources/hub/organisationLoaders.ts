import DataLoader from 'dataloader';
import type { Sql } from '../../db/sql';
import { batchOptions, manyByKey, oneByKey, queryByKeys } from '../../loaders/batch';
import type { OrganisationModel, PartnershipModel, SuccessionModel } from '../../model/types';
import { toOrganisation, toOrganisationPeriod, toPartnership, toSuccession } from './mapper';
import { rowFromJson, rowsJson, type JsonRow } from './primedReads';
import type { OrganisationPeriodRow, OrganisationRow, PartnershipRow, SuccessionRow } from './rows';

/** Partner organisations in the hub's registry, and the partnerships they are members of. */

export interface Membership {
  memberId: string;
  partnership: PartnershipModel;
}

export const codesOfRow = (row: OrganisationRow): string[] =>
  [row.ods_code, row.gss_code, row.charity_number].filter((c): c is string => c !== null);

/** Answers code loaders: each organisation under every one of its codes (ODS, GSS, charity number). */
function byAnyCode<R extends OrganisationRow, V>(codes: readonly string[], rows: R[], toValue: (row: R) => V): (V | null)[] {
  const byCode = new Map<string, V>();
  for (const row of rows) {
    const value = toValue(row);
    for (const code of codesOfRow(row)) byCode.set(code, value);
  }
  return codes.map((code) => byCode.get(code) ?? null);
}

export function createOrganisationLoaders(sql: Sql) {
  const select =
    <R>(text: string) =>
    (keys: string[]) =>
      queryByKeys<R>(sql, text, keys);
  /** An organisation's partnerships in one statement (membership and partnership joined: both live in the hub). */
  const partnershipsByOrganisation = manyByKey<Membership>(
    'hub.partnershipsByOrganisation',
    async (ids) =>
      (
        await select<PartnershipRow & { member_id: string }>(
          `SELECT m.organisation_id AS member_id, p.* FROM partnership_member m JOIN partnership p ON p.id = m.partnership_id
           WHERE m.organisation_id = ANY($1) ORDER BY m.partnership_id`,
        )(ids)
      ).map((row) => ({ memberId: row.member_id, partnership: toPartnership(row) })),
    (m) => m.memberId,
  );
  /** Any of an organisation's codes (ODS, GSS, charity number) → the organisation. */
  const organisationByCode = new DataLoader<string, OrganisationModel | null>(
    async (codes) =>
      byAnyCode(
        codes,
        await queryByKeys<OrganisationRow>(
          sql,
          `SELECT * FROM partner_organisation WHERE ods_code = ANY($1) OR gss_code = ANY($1) OR charity_number = ANY($1)`,
          codes,
        ),
        toOrganisation,
      ),
    { name: 'hub.organisationByCode', ...batchOptions() },
  );
  /**
   * The same, with the organisation's partnerships read in the same statement, priming
   * `organisationByCode` and `partnershipsByOrganisation`: for a query that asks for an
   * organisation's partnerships, which would otherwise be a second round trip.
   */
  const organisationWithPartnershipsByCode = new DataLoader<string, OrganisationModel | null>(
    async (codes) => {
      const rows = await queryByKeys<OrganisationRow & { partnerships: JsonRow<PartnershipRow>[] }>(
        sql,
        `SELECT o.*, ${rowsJson('partnership', 'x.id IN (SELECT m.partnership_id FROM partnership_member m WHERE m.organisation_id = o.id)')} AS partnerships
           FROM partner_organisation o WHERE o.ods_code = ANY($1) OR o.gss_code = ANY($1) OR o.charity_number = ANY($1)`,
        codes,
      );
      const found = byAnyCode(codes, rows, (row) => {
        const partnerships = row.partnerships.map((p) => ({
          memberId: row.id,
          partnership: toPartnership(rowFromJson<PartnershipRow>(p)),
        }));
        partnershipsByOrganisation.prime(row.id, partnerships);
        const organisation = toOrganisation(row);
        for (const code of codesOfRow(row)) organisationByCode.prime(code, organisation);
        return organisation;
      });
      // Misses too: a GP practice's code is not in the registry, and asking again would be a second statement.
      codes.forEach((code, i) => organisationByCode.prime(code, found[i] ?? null));
      return found;
    },
    { name: 'hub.organisationWithPartnershipsByCode', ...batchOptions() },
  );
  /** Successions by one end (the other end orders those of one date). */
  const successionsBy = (column: 'predecessor_id' | 'successor_id', other: string, keyOf: (s: SuccessionModel) => string) =>
    manyByKey(
      `hub.successionsBy${column === 'predecessor_id' ? 'Predecessor' : 'Successor'}`,
      async (ids) =>
        (
          await select<SuccessionRow>(`SELECT * FROM organisation_succession WHERE ${column} = ANY($1) ORDER BY effective_on, ${other}`)(
            ids,
          )
        ).map(toSuccession),
      keyOf,
    );
  return {
    /** An organisation's names, codes and kinds over time, oldest first. */
    periodsByOrganisation: manyByKey(
      'hub.periodsByOrganisation',
      async (ids) =>
        (
          await select<OrganisationPeriodRow>(
            `SELECT * FROM organisation_period WHERE organisation_id = ANY($1) ORDER BY organisation_id, position`,
          )(ids)
        ).map(toOrganisationPeriod),
      (p) => p.organisationId,
    ),
    successionsByPredecessor: successionsBy('predecessor_id', 'successor_id', (s) => s.predecessorId),
    successionsBySuccessor: successionsBy('successor_id', 'predecessor_id', (s) => s.successorId),
    organisationById: oneByKey(
      'hub.organisationById',
      async (ids) => (await select<OrganisationRow>(`SELECT * FROM partner_organisation WHERE id = ANY($1)`)(ids)).map(toOrganisation),
      (o) => o.id,
    ),
    organisationByCode,
    organisationWithPartnershipsByCode,
    organisationsByKind: manyByKey(
      'hub.organisationsByKind',
      async (kinds) =>
        (await select<OrganisationRow>(`SELECT * FROM partner_organisation WHERE kind = ANY($1)`)(kinds)).map(toOrganisation),
      (o) => o.kind,
    ),
    partnershipsByOrganisation,
  };
}
