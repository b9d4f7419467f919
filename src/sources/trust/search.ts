import type { Sql } from '../../db/sql';
import type { EstateCriteria, ServiceCriteria, ServiceHitRow } from '../../model/search';
import type { SiteRow } from './rows';

/**
 * Service lines matching pushed-down criteria, in one statement: only the columns the hub needs to
 * match, order and page them (the page's rows are read in full afterwards, by key).
 */
export const searchServiceLines = (sql: Sql, c: ServiceCriteria) =>
  sql.query<ServiceHitRow>(
    `SELECT service_line_id AS key, name, care_setting, trust_ods AS provider_code FROM service_line
      WHERE withdrawn_at IS NULL
        AND ($1::text[] IS NULL OR care_setting = ANY($1))
        AND ($2::text[] IS NULL OR trust_ods = ANY($2))
        AND ($3::text[] IS NULL OR service_line_id = ANY($3) OR trust_ods = ANY($3))
        AND ($4::text IS NULL OR strpos(lower(name), lower($4)) > 0)`,
    [c.careSettings, c.providerCodes, c.codes, c.nameContains],
  );

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
