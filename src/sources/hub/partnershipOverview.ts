import DataLoader from 'dataloader';
import type { Sql } from '../../db/sql';
import { batchOptions, orderByKeys } from '../../loaders/batch';
import type { LocalityModel, OrganisationModel, PartnershipModel } from '../../model/types';
import { toLocality, toOrganisation, toPartnership } from './mapper';
import { codesOfRow } from './organisationLoaders';
import { toFund, type FundModel, type Row } from './outcomeLoaders';
import { rowFromJson, rowsJson, wardCodesOf, wardRows, type JsonRow } from './primedReads';
import type { LocalityRow, LocalityWardRow, OrganisationRow, PartnershipRow } from './rows';

/** The loaders a partnership's overview primes. */
export interface OverviewTargets {
  partnershipById: DataLoader<string, PartnershipModel | null>;
  fundsByPartnership: DataLoader<string, FundModel[]>;
  organisationByCode: DataLoader<string, OrganisationModel | null>;
  localitiesByPartnership: DataLoader<string, LocalityModel[]>;
  localityById: DataLoader<string, LocalityModel | null>;
  localityByCode: DataLoader<string, LocalityModel | null>;
  wardsByLocality: DataLoader<string, LocalityWardRow[]>;
}

interface OverviewRow extends PartnershipRow {
  funds: JsonRow<Row>[];
  members: JsonRow<OrganisationRow>[];
  localities: (JsonRow<LocalityRow> & { ward_gss_codes: string[] })[];
}

function prime(t: OverviewTargets, row: OverviewRow): PartnershipModel {
  const partnership = toPartnership(row);
  t.partnershipById.prime(row.id, partnership);
  t.fundsByPartnership.prime(
    row.id,
    row.funds.map((f) => toFund(rowFromJson<Row>(f))),
  );
  // The members are the partners its budgets name by code: found without another round trip.
  for (const m of row.members) {
    const member = rowFromJson<OrganisationRow>(m);
    const organisation = toOrganisation(member);
    for (const code of codesOfRow(member)) t.organisationByCode.prime(code, organisation);
  }
  const localities = row.localities.map((l) => {
    const locality = toLocality(rowFromJson<LocalityRow>(l));
    t.localityById.prime(locality.id, locality);
    t.localityByCode.prime(locality.code, locality);
    t.wardsByLocality.prime(locality.id, wardRows(locality.id, l.ward_gss_codes));
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
                ${rowsJson('fund', 'x.partnership_id = p.id')} AS funds,
                ${rowsJson('partner_organisation', 'x.id IN (SELECT m.organisation_id FROM partnership_member m WHERE m.partnership_id = p.id)')} AS members,
                ${rowsJson('locality', 'x.partnership_id = p.id', `, 'ward_gss_codes', ${wardCodesOf('x')}`)} AS localities
           FROM partnership p WHERE p.id = ANY($1)`,
        [ids],
      );
      return orderByKeys(
        ids,
        rows.map((row) => prime(targets, row)),
        (p) => p.id,
      );
    },
    { name: 'hub.partnershipOverview', ...batchOptions() },
  );
}
