import type { Sql } from '../../db/sql';
import type { EstateCriteria, ServiceCriteria } from '../../model/search';
import type { CareServiceRow, PropertyRow } from './rows';

/** Care services matching pushed-down criteria, in one statement. */
export const searchCareServices = (sql: Sql, c: ServiceCriteria) =>
  sql.query<CareServiceRow>(
    `SELECT * FROM care_service
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
