import type { Sql } from '../../db/sql';
import type { EstateCriteria, ServiceCriteria, ServiceHitRow } from '../../model/search';
import type { PropertyRow } from './rows';

/**
 * Care services matching pushed-down criteria, in one statement: only the columns the hub needs to
 * match, order and page them (the page's rows are read in full afterwards, by key).
 */
export const searchCareServices = (sql: Sql, c: ServiceCriteria) =>
  sql.query<ServiceHitRow>(
    `SELECT service_ref AS key, name, care_setting, provider_code FROM care_service
      WHERE withdrawn_at IS NULL
        AND ($1::text[] IS NULL OR care_setting = ANY($1))
        AND ($2::text[] IS NULL OR provider_code = ANY($2))
        AND ($3::text[] IS NULL OR service_ref = ANY($3) OR provider_code = ANY($3))
        AND ($4::text IS NULL OR strpos(lower(name), lower($4)) > 0)`,
    [c.careSettings, c.providerCodes, c.codes, c.nameContains],
  );

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
