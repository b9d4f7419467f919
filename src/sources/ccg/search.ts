import type { Sql } from '../../db/sql';
import type { ServiceCriteria } from '../../model/search';
import type { OrganisationPageQuery } from '../capabilities';
import { pageServiceTable, searchServiceTable, type ServicePageQuery, type ServiceTable } from '../serviceSearch';
import { PRACTICE_ID_PREFIX, practiceToOrganisation } from './mapper';
import type { CommissionedServiceRow, PracticeRow } from './rows';

const COMMISSIONED_SERVICES: ServiceTable = { table: 'commissioned_service', key: 'service_code', provider: 'provider_ods' };

/** Commissioned services matching pushed-down criteria, in one statement. */
export const searchCommissionedServices = (sql: Sql, c: ServiceCriteria) => searchServiceTable(sql, COMMISSIONED_SERVICES, c);

/** A page of them in name order, with what the hub needs to know the page is exact (../serviceSearch.ts). */
export const pageCommissionedServices = (sql: Sql, q: ServicePageQuery) =>
  pageServiceTable<CommissionedServiceRow>(sql, COMMISSIONED_SERVICES, q);

/** The id the hub gives a practice (../mapper.ts): ordered as the registry's ids are. */
const PRACTICE_ID = `'${PRACTICE_ID_PREFIX}' || lower(ods_code)`;

/** A page of the live practices among `codes`, in id order after the cursor, and how many there are: one statement each. */
export async function pagePractices(sql: Sql, q: OrganisationPageQuery) {
  const [rows, totals] = await Promise.all([
    sql.query<PracticeRow>(
      `SELECT * FROM practice WHERE ods_code = ANY($1) AND withdrawn_at IS NULL AND ($2::text IS NULL OR ${PRACTICE_ID} COLLATE "C" > $2)
        ORDER BY ${PRACTICE_ID} COLLATE "C" LIMIT $3`,
      [q.codes, q.afterId, q.limit],
    ),
    sql.query<{ count: number }>(`SELECT count(*)::int AS count FROM practice WHERE ods_code = ANY($1) AND withdrawn_at IS NULL`, [
      q.codes,
    ]),
  ]);
  return { organisations: rows.map(practiceToOrganisation), count: totals[0]?.count ?? 0 };
}
