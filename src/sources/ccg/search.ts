import type { Sql } from '../../db/sql';
import type { CommissionedServiceRow } from './rows';
import type { ServiceCriteria } from '../../model/search';

/** Commissioned services matching pushed-down criteria, in one statement. */
export const searchCommissionedServices = (sql: Sql, c: ServiceCriteria) =>
  sql.query<CommissionedServiceRow>(
    `SELECT * FROM commissioned_service
      WHERE withdrawn_at IS NULL
        AND ($1::text[] IS NULL OR care_setting = ANY($1))
        AND ($2::text[] IS NULL OR provider_ods = ANY($2))
        AND ($3::text[] IS NULL OR service_code = ANY($3) OR provider_ods = ANY($3))
        AND ($4::text IS NULL OR strpos(lower(name), lower($4)) > 0)`,
    [c.careSettings, c.providerCodes, c.codes, c.nameContains],
  );
