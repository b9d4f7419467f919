import DataLoader from 'dataloader';
import { timestamptzFromText } from '../../db/databases';
import type { Sql } from '../../db/sql';
import { batchOptions, orderByKeys } from '../../loaders/batch';
import type { LocalityModel, OrganisationModel, PartnershipModel } from '../../model/types';
import { toLocality, toOrganisation, toPartnership } from './mapper';
import { codesOfRow } from './organisationLoaders';
import { toFund, type FundModel, type Row } from './outcomeLoaders';
import type { LocalityRow, OrganisationRow, PartnershipRow } from './rows';

/** The loaders a partnership's overview primes. */
export interface OverviewTargets {
  partnershipById: DataLoader<string, PartnershipModel | null>;
  fundsByPartnership: DataLoader<string, FundModel[]>;
  memberOrganisationsByPartnership: DataLoader<string, { memberOf: string; organisation: OrganisationModel }[]>;
  organisationByCode: DataLoader<string, OrganisationModel | null>;
  localitiesByPartnership: DataLoader<string, LocalityModel[]>;
  localityById: DataLoader<string, LocalityModel | null>;
  localityByCode: DataLoader<string, LocalityModel | null>;
  wardsByLocality: DataLoader<string, { locality_id: string; ward_gss: string }[]>;
}

/** A table's rows as a JSON array beside the partnership, timestamps as PostgreSQL's text (parsed as pg parses them). */
const rowsAsJson = (from: string, where: string, extra = '') =>
  `coalesce((SELECT json_agg(to_jsonb(x) || jsonb_build_object('updated_at', x.updated_at::text${extra}) ORDER BY x.id)
               FROM ${from} WHERE ${where}), '[]')`;

type JsonRow<R> = Omit<R, 'updated_at'> & { updated_at: string };
const withTimestamp = <R extends { updated_at: Date }>(row: JsonRow<R>): R => ({ ...row, updated_at: timestamptzFromText(row.updated_at) }) as unknown as R;

interface OverviewRow extends PartnershipRow {
  funds: JsonRow<Row>[];
  members: JsonRow<OrganisationRow>[];
  localities: (JsonRow<LocalityRow> & { ward_gss_codes: string[] })[];
}

function prime(t: OverviewTargets, row: OverviewRow): PartnershipModel {
  const partnership = toPartnership(row);
  t.partnershipById.prime(row.id, partnership);
  t.fundsByPartnership.prime(row.id, row.funds.map((f) => toFund(withTimestamp<Row>(f))));
  const members = row.members.map((m) => {
    const member = withTimestamp<OrganisationRow>(m);
    const organisation = toOrganisation(member);
    for (const code of codesOfRow(member)) t.organisationByCode.prime(code, organisation);
    return { memberOf: row.id, organisation };
  });
  t.memberOrganisationsByPartnership.prime(row.id, members);
  const localities = row.localities.map((l) => {
    const locality = toLocality(withTimestamp<LocalityRow>(l));
    t.localityById.prime(locality.id, locality);
    t.localityByCode.prime(locality.code, locality);
    t.wardsByLocality.prime(locality.id, l.ward_gss_codes.map((ward_gss) => ({ locality_id: locality.id, ward_gss })));
    return locality;
  });
  t.localitiesByPartnership.prime(row.id, localities);
  return partnership;
}

/**
 * A partnership with its funds, member organisations and localities (with their wards) in
 * one statement, priming the loaders of each. A budget summary of one partnership needs
 * all of them before its ledgers can be read and its groups named: four statements, now one.
 */
export function partnershipOverviewLoader(sql: Sql, targets: OverviewTargets): DataLoader<string, PartnershipModel | null> {
  return new DataLoader<string, PartnershipModel | null>(
    async (ids) => {
      const rows = await sql.query<OverviewRow>(
        `SELECT p.*,
                ${rowsAsJson('fund x', 'x.partnership_id = p.id')} AS funds,
                ${rowsAsJson('partner_organisation x', 'x.id IN (SELECT m.organisation_id FROM partnership_member m WHERE m.partnership_id = p.id)')} AS members,
                ${rowsAsJson('locality x', 'x.partnership_id = p.id', `, 'ward_gss_codes', ARRAY(SELECT w.ward_gss FROM locality_ward w WHERE w.locality_id = x.id ORDER BY w.ward_gss)`)} AS localities
           FROM partnership p WHERE p.id = ANY($1)`,
        [ids],
      );
      return orderByKeys(ids, rows.map((row) => prime(targets, row)), (p) => p.id);
    },
    { name: 'hub.partnershipOverview', ...batchOptions() },
  );
}
