import type { Sql } from '../../db/sql';
import type { EstateCriteria, ServiceCriteria } from '../../model/search';
import { pageServiceTable, searchServiceTable, type ServicePageQuery, type ServiceTable } from '../serviceSearch';
import type { CareServiceRow, PropertyRow } from './rows';

const CARE_SERVICES: ServiceTable = { table: 'care_service', key: 'service_ref', provider: 'provider_code' };

/** Care services matching pushed-down criteria, in one statement. */
export const searchCareServices = (sql: Sql, c: ServiceCriteria) => searchServiceTable(sql, CARE_SERVICES, c);

/** A page of them in name order, with what the hub needs to know the page is exact (../serviceSearch.ts). */
export const pageCareServices = (sql: Sql, q: ServicePageQuery) => pageServiceTable<CareServiceRow>(sql, CARE_SERVICES, q);

/** Property-register rows matching pushed-down criteria, in one statement. */
export const searchProperties = (sql: Sql, c: EstateCriteria) =>
  sql.query<PropertyRow>(
    `SELECT * FROM property
      WHERE withdrawn_at IS NULL
        AND ($1::text[] IS NULL OR status = ANY($1))
        AND ($2::text[] IS NULL OR asset_ref = ANY($2) OR uprn = ANY($2))
        AND ($3::text[] IS NULL OR owner_code = ANY($3))`,
    [c.statuses, c.codes, c.ownerCodes],
  );
