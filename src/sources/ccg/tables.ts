import { HUB_STATUS, MEASURES_AND_LEDGER, SETTINGS, opt, req, partnerTables } from '../../ingestion/tables';

/** A commissioner's primary-care system: every table an extract can load, in dependency order (a table after those it references). */
export const TABLES = partnerTables([
  {
    table: 'practice',
    key: ['ods_code'],
    columns: [
      req('ods_code', 'odsPractice'),
      req('name', 'text'),
      req('ccg_code', 'odsOrg'),
      opt('pcn_code', 'text'),
      opt('postcode', 'postcode'),
      req('status', { oneOf: ['A', 'C', 'D', 'P'] }),
      opt('open_date', 'date'),
      opt('close_date', 'date'),
    ],
  },
  {
    table: 'gp_hub',
    key: ['hub_code'],
    columns: [
      req('hub_code', 'text'),
      req('name', 'text'),
      req('ccg_code', 'odsOrg'),
      opt('host_practice_ods', 'odsPractice'),
      opt('postcode', 'postcode'),
      req('status', HUB_STATUS),
      opt('opened_on', 'date'),
      opt('opened_text', 'text'),
      opt('opening_hours', 'text'),
      opt('seven_day_access', 'boolean'),
      opt('ods_code', 'odsPractice'),
      opt('credited_period', 'period'),
    ],
  },
  {
    table: 'commissioned_service',
    key: ['service_code'],
    columns: [
      req('service_code', 'text'),
      req('name', 'text'),
      req('ccg_code', 'odsOrg'),
      opt('provider_ods', 'organisationCode'),
      req('care_setting', SETTINGS),
      opt('gp_hub_code', 'text'),
      opt('postcode', 'postcode'),
      opt('cohort', 'text'),
      opt('days_of_operation', 'text'),
      opt('funding_stream', 'text'),
    ],
  },
  ...MEASURES_AND_LEDGER,
]);
