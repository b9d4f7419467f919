import type { Sql } from '../../db/sql';
import type { ServiceCriteria, ServiceHitRow } from '../../model/search';

/**
 * Commissioned services matching pushed-down criteria, in one statement: only the columns the
 * hub needs to match, order and page them (the page's rows are read in full afterwards, by key).
 */
export const searchCommissionedServices = (sql: Sql, c: ServiceCriteria) =>
  sql.query<ServiceHitRow>(
    `SELECT service_code AS key, name, care_setting, provider_ods AS provider_code FROM commissioned_service
      WHERE withdrawn_at IS NULL
        AND ($1::text[] IS NULL OR care_setting = ANY($1))
        AND ($2::text[] IS NULL OR provider_ods = ANY($2))
        AND ($3::text[] IS NULL OR service_code = ANY($3) OR provider_ods = ANY($3))
        AND ($4::text IS NULL OR strpos(lower(name), lower($4)) > 0)`,
    [c.careSettings, c.providerCodes, c.codes, c.nameContains],
  );
