import type { Sql } from '../../db/sql';
import type { EstateCriteria, ServiceCriteria } from '../../model/search';
import { pageServiceTable, searchServiceTable, type ServicePageQuery, type ServiceTable } from '../serviceSearch';
import type { ServiceLineRow, SiteRow } from './rows';

const SERVICE_LINES: ServiceTable = { table: 'service_line', key: 'service_line_id', provider: 'trust_ods' };

/** Service lines matching pushed-down criteria, in one statement. */
export const searchServiceLines = (sql: Sql, c: ServiceCriteria) => searchServiceTable(sql, SERVICE_LINES, c);

/** A page of them in name order, with what the hub needs to know the page is exact (../serviceSearch.ts). */
export const pageServiceLines = (sql: Sql, q: ServicePageQuery) => pageServiceTable<ServiceLineRow>(sql, SERVICE_LINES, q);

/**
 * Sites matching pushed-down criteria, in one statement. `hostCodes` keeps the sites where
 * a service line of one of those providers runs: a join inside this one source.
 */
export const searchSites = (sql: Sql, c: EstateCriteria) =>
  sql.query<SiteRow>(
    `SELECT s.* FROM site s
      WHERE s.withdrawn_at IS NULL
        AND ($1::text[] IS NULL OR s.status = ANY($1))
        AND ($2::text[] IS NULL OR s.site_code = ANY($2))
        AND ($3::text[] IS NULL OR s.trust_ods = ANY($3))
        AND ($4::text[] IS NULL OR EXISTS (SELECT 1 FROM service_line l
                                            WHERE l.site_code = s.site_code AND l.withdrawn_at IS NULL AND l.trust_ods = ANY($4)))`,
    [c.statuses, c.codes, c.ownerCodes, c.hostCodes],
  );
