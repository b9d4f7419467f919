import type { SourceName } from '../../src/config/config';

/**
 * The tables the generator fills, in load order (parents before children), with the
 * columns it writes. Columns it leaves out keep their defaults; the generator writes every
 * `updated_at` itself so that the same seed gives the same rows.
 */

export type Cell = string | number | boolean | Date | null | readonly string[];
export type RowObject = Record<string, Cell>;

export interface TableSpec {
  source: SourceName;
  table: string;
  columns: readonly string[];
}

const INDICATOR_VALUE_COLUMNS = ['indicator_code', 'area_code', 'period', 'value', 'numerator', 'denominator', 'updated_at'] as const;
const LEDGER_LINE_COLUMNS = [
  'line_ref',
  'org_code',
  'fund_code',
  'scheme_code',
  'financial_year',
  'locality_code',
  'service_ref',
  'line_kind',
  'planned',
  'actual',
  'updated_at',
] as const;

export const TABLE_SPECS = [
  {
    source: 'hub',
    table: 'partner_organisation',
    columns: [
      'id',
      'name',
      'short_name',
      'kind',
      'sector',
      'ods_code',
      'gss_code',
      'charity_number',
      'valid_from',
      'valid_to',
      'successor_id',
      'updated_at',
    ],
  },
  {
    source: 'hub',
    table: 'partnership',
    columns: ['id', 'name', 'short_name', 'governance_body', 'reports_to', 'description', 'updated_at'],
  },
  { source: 'hub', table: 'partnership_member', columns: ['partnership_id', 'organisation_id', 'role', 'updated_at'] },
  { source: 'hub', table: 'locality', columns: ['id', 'code', 'name', 'place_gss', 'partnership_id', 'description', 'updated_at'] },
  { source: 'hub', table: 'locality_ward', columns: ['locality_id', 'ward_gss', 'updated_at'] },
  { source: 'hub', table: 'postcode_ward', columns: ['postcode', 'ward_gss'] },
  {
    source: 'ccg',
    table: 'practice',
    columns: ['ods_code', 'name', 'ccg_code', 'pcn_code', 'postcode', 'status', 'open_date', 'close_date', 'updated_at'],
  },
  {
    source: 'ccg',
    table: 'gp_hub',
    columns: [
      'hub_code',
      'name',
      'ccg_code',
      'host_practice_ods',
      'postcode',
      'status',
      'opened_on',
      'opened_text',
      'opening_hours',
      'seven_day_access',
      'updated_at',
    ],
  },
  {
    source: 'ccg',
    table: 'commissioned_service',
    columns: [
      'service_code',
      'name',
      'ccg_code',
      'provider_ods',
      'care_setting',
      'gp_hub_code',
      'postcode',
      'cohort',
      'days_of_operation',
      'funding_stream',
      'updated_at',
    ],
  },
  { source: 'council', table: 'ward', columns: ['gss_code', 'name', 'lad_gss', 'population', 'updated_at'] },
  {
    source: 'council',
    table: 'community_hub',
    columns: ['hub_ref', 'council_gss', 'name', 'ward_gss', 'status', 'opened_on', 'opened_text', 'updated_at'],
  },
  {
    source: 'council',
    table: 'property',
    columns: [
      'asset_ref',
      'uprn',
      'council_gss',
      'name',
      'address',
      'postcode',
      'ward_gss',
      'owner_name',
      'owner_code',
      'tenure',
      'current_use',
      'status',
      'proposed_reuse',
      'updated_at',
    ],
  },
  {
    source: 'council',
    table: 'care_service',
    columns: [
      'service_ref',
      'council_gss',
      'name',
      'provider_code',
      'care_setting',
      'hub_ref',
      'ward_gss',
      'cohort',
      'days_of_operation',
      'funding_stream',
      'updated_at',
    ],
  },
  {
    source: 'trust',
    table: 'site',
    columns: ['site_code', 'trust_ods', 'name', 'address', 'postcode', 'site_type', 'status', 'updated_at'],
  },
  {
    source: 'trust',
    table: 'service_line',
    columns: ['service_line_id', 'trust_ods', 'name', 'care_setting', 'site_code', 'cohort', 'days_of_operation', 'updated_at'],
  },
  // What each partnership agrees (hub) and what each partner measures, spends and does (its own source).
  { source: 'hub', table: 'outcome_domain', columns: ['id', 'partnership_id', 'name', 'description', 'position', 'updated_at'] },
  { source: 'hub', table: 'outcome', columns: ['id', 'domain_id', 'name', 'description', 'updated_at'] },
  {
    source: 'hub',
    table: 'indicator',
    columns: ['id', 'outcome_id', 'name', 'unit', 'polarity', 'measured_by', 'source_code', 'counts_people', 'published', 'updated_at'],
  },
  { source: 'hub', table: 'indicator_target', columns: ['indicator_id', 'area_code', 'period', 'target', 'amber_tolerance', 'updated_at'] },
  {
    source: 'hub',
    table: 'fund',
    columns: ['id', 'name', 'partnership_id', 'agreement_id', 'host_organisation_id', 'description', 'updated_at'],
  },
  { source: 'hub', table: 'scheme', columns: ['id', 'fund_id', 'name', 'description', 'updated_at'] },
  { source: 'ccg', table: 'indicator_value', columns: INDICATOR_VALUE_COLUMNS },
  { source: 'ccg', table: 'ledger_line', columns: LEDGER_LINE_COLUMNS },
  { source: 'council', table: 'indicator_value', columns: INDICATOR_VALUE_COLUMNS },
  { source: 'council', table: 'ledger_line', columns: LEDGER_LINE_COLUMNS },
  { source: 'trust', table: 'indicator_value', columns: INDICATOR_VALUE_COLUMNS },
  { source: 'trust', table: 'ledger_line', columns: LEDGER_LINE_COLUMNS },
  { source: 'council', table: 'plan_strategy', columns: ['strategy_ref', 'title', 'period_text', 'partnership_code', 'updated_at'] },
  { source: 'council', table: 'plan_objective', columns: ['objective_ref', 'strategy_ref', 'theme', 'title', 'position', 'updated_at'] },
  { source: 'council', table: 'plan_ambition', columns: ['ambition_ref', 'objective_ref', 'number', 'text', 'updated_at'] },
  {
    source: 'council',
    table: 'plan_action',
    columns: [
      'action_ref',
      'objective_ref',
      'position',
      'title',
      'lead_person',
      'lead_org_code',
      'deadline_text',
      'deadline_date',
      'comments',
      'updated_at',
    ],
  },
  { source: 'council', table: 'action_status', columns: ['action_ref', 'period', 'rag', 'comment', 'updated_at'] },
] as const satisfies readonly TableSpec[];

/** `<source>.<table>`: the measures and ledger tables have the same name in every partner source. */
type KeyOf<S> = S extends { source: infer A extends string; table: infer B extends string } ? `${A}.${B}` : never;
export type TableKey = KeyOf<(typeof TABLE_SPECS)[number]>;

export const tableKey = (spec: TableSpec): TableKey => `${spec.source}.${spec.table}` as TableKey; // checked by the specs above

/** The crosswalk tables the hub's own link functions fill (columns without `now()` defaults). */
export const CROSSWALK_SPECS: readonly TableSpec[] = [
  { source: 'hub', table: 'shared_entity', columns: ['kind', 'id'] },
  { source: 'hub', table: 'source_link', columns: ['kind', 'entity_id', 'source', 'native_table', 'native_key'] },
];

/** Tables whose `name` column the safety check reads before anything is truncated. */
export const NAME_PROBES: readonly { source: SourceName; table: string }[] = [
  { source: 'hub', table: 'partner_organisation' },
  { source: 'hub', table: 'locality' },
  { source: 'ccg', table: 'practice' },
  { source: 'council', table: 'ward' },
  { source: 'trust', table: 'site' },
];
