import { ESTATE_STATUS, MEASURES_AND_LEDGER, SETTINGS, opt, req, partnerTables } from '../../ingestion/tables';

/** A site's statuses: a council's estate statuses, and closed. */
export const SITE_STATUS = [...ESTATE_STATUS, 'CLOSED'] as const;

/** An NHS trust's site list: every table an extract can load, in dependency order (a table after those it references). */
export const TABLES = partnerTables([
  {
    table: 'site',
    key: ['site_code'],
    columns: [
      req('site_code', 'odsSite'),
      req('trust_ods', 'odsOrg'),
      req('name', 'text'),
      opt('address', 'text'),
      opt('postcode', 'postcode'),
      opt('site_type', 'text'),
      req('status', { oneOf: SITE_STATUS }),
    ],
  },
  {
    table: 'service_line',
    key: ['service_line_id'],
    columns: [
      req('service_line_id', 'text'),
      req('trust_ods', 'odsOrg'),
      req('name', 'text'),
      req('care_setting', SETTINGS),
      opt('site_code', 'odsSite'),
      opt('cohort', 'text'),
      opt('days_of_operation', 'text'),
    ],
  },
  ...MEASURES_AND_LEDGER,
]);
