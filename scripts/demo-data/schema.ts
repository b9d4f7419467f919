/**
 * The demo dataset's files and their exact column lists (header order). Shared by
 * build.ts (writer) and check.ts (verifier). Column names follow the source-system tables in
 * migrations/{hub,ccg,council,trust}; `crosswalk.csv` feeds the hub's shared_entity/source_link.
 */
const INDICATOR_VALUE_COLUMNS = ['indicator_code', 'area_code', 'period', 'value', 'numerator', 'denominator', 'synthetic'] as const;
const LEDGER_QUARTER_COLUMNS = ['line_ref', 'quarter', 'actual_to_date', 'forecast_outturn', 'synthetic'] as const;
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
  'synthetic',
  'funding_stream',
] as const;

export const FILES = {
  'hub/partner_organisation.csv': [
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
  ],
  'hub/organisation_period.csv': [
    'organisation_id',
    'position',
    'valid_from',
    'valid_to',
    'name',
    'kind',
    'ods_code',
    'gss_code',
    'source',
  ],
  'hub/organisation_succession.csv': ['predecessor_id', 'successor_id', 'effective_on', 'kind', 'description', 'source'],
  'hub/partnership.csv': ['id', 'name', 'short_name', 'governance_body', 'reports_to', 'description'],
  'hub/partnership_member.csv': ['partnership_id', 'organisation_id', 'role'],
  'hub/data_sharing.csv': ['partnership_id', 'category', 'reader', 'min_role', 'description', 'synthetic'],
  'hub/agreement.csv': [
    'id',
    'partnership_id',
    'kind',
    'title',
    'status',
    'legally_binding',
    'agreed_on',
    'agreed_text',
    'review_cycle',
    'first_review_on',
    'principles',
    'objectives',
    'source_document',
    'reviewed_by',
    'operational_period',
    'expected_text',
    'expected_on',
    'considered_by',
  ],
  'hub/agreement_objective_item.csv': ['agreement_id', 'objective_number', 'position', 'text'],
  'hub/agreement_prospective_party.csv': ['agreement_id', 'organisation_id', 'named_as'],
  'hub/agreement_representation.csv': ['agreement_id', 'position', 'represented', 'represented_by', 'interim', 'basis'],
  'hub/engagement_plan.csv': [
    'id',
    'partnership_id',
    'title',
    'subtitle',
    'version_text',
    'status',
    'issued_on',
    'issued_text',
    'integrated_by_year',
    'initial_focus',
    'part_of',
    'overseen_by',
    'reports_to',
    'engagement_group',
    'guided_by',
    'vision_principles',
    'engagement_principles',
    'communication_principles',
    'key_questions',
    'review_after_months',
    'review_text',
    'source_document',
  ],
  'hub/engagement_plan_party.csv': ['plan_id', 'position', 'organisation_id', 'named_as', 'roles', 'source_lines'],
  'hub/source_document.csv': [
    'id',
    'seed_file',
    'title',
    'kind',
    'partnership_id',
    'presented_to',
    'agenda_item',
    'issued_on',
    'issued_text',
    'recommendation',
  ],
  'hub/source_document_person.csv': ['document_id', 'position', 'person_name', 'capacity', 'role', 'organisation_id', 'source_line'],
  'hub/partnership_milestone.csv': [
    'partnership_id',
    'position',
    'occurred_on',
    'occurred_text',
    'status',
    'event',
    'actor_text',
    'actor_organisation_id',
    'document_id',
    'source_line',
  ],
  'hub/engagement_plan_stakeholder.csv': ['plan_id', 'position', 'stakeholder', 'organisation_ids'],
  'hub/agreement_party.csv': ['agreement_id', 'organisation_id', 'position', 'named_as'],
  'hub/agreement_signatory.csv': ['agreement_id', 'position', 'person_name', 'role', 'organisation_id'],
  'hub/locality.csv': ['id', 'code', 'name', 'place_gss', 'partnership_id', 'description', 'pcn_code', 'pilot'],
  'hub/locality_ward.csv': ['locality_id', 'ward_gss'],
  'hub/postcode_ward.csv': ['postcode', 'ward_gss'],
  'hub/outcome_domain.csv': ['id', 'partnership_id', 'name', 'description', 'position'],
  'hub/outcome.csv': ['id', 'domain_id', 'name', 'description', 'synthetic'],
  'hub/indicator.csv': [
    'id',
    'outcome_id',
    'name',
    'unit',
    'polarity',
    'measured_by',
    'source_code',
    'counts_people',
    'published',
    'synthetic',
    'periodicity',
    'suppression_threshold',
    'rounding_base',
  ],
  'hub/indicator_target.csv': ['indicator_id', 'area_code', 'period', 'target', 'amber_tolerance', 'synthetic'],
  'hub/fund.csv': ['id', 'name', 'partnership_id', 'agreement_id', 'host_organisation_id', 'description'],
  'hub/scheme.csv': ['id', 'fund_id', 'name', 'description', 'scheme_type', 'area_of_spend', 'classification_synthetic'],
  'hub/structure.csv': ['code', 'valid_from', 'kind', 'name', 'gss_code', 'valid_to', 'observed_on', 'source'],
  'hub/structure_link.csv': ['child_code', 'parent_code', 'relationship', 'valid_from', 'valid_to', 'observed_on', 'source'],
  'hub/lsoa.csv': ['code', 'name', 'ward_gss', 'lad_gss', 'msoa_code', 'msoa_name', 'imd2019_rank'],
  'hub/population_estimate.csv': ['area_code', 'area_kind', 'basis', 'reference_date', 'age_band', 'sex', 'count', 'source'],
  'hub/comparator_value.csv': ['indicator_id', 'area_code', 'area_name', 'period', 'value', 'numerator', 'denominator', 'source'],
  'hub/crosswalk.csv': ['kind', 'entity_id', 'source', 'native_table', 'native_key'],
  'ccg/practice.csv': ['ods_code', 'name', 'ccg_code', 'pcn_code', 'postcode', 'status', 'open_date', 'close_date'],
  'ccg/gp_hub.csv': [
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
    'ods_code',
    'credited_period',
  ],
  'ccg/commissioned_service.csv': [
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
  ],
  'ccg/indicator_value.csv': INDICATOR_VALUE_COLUMNS,
  'ccg/ledger_line.csv': LEDGER_LINE_COLUMNS,
  'ccg/ledger_quarter.csv': LEDGER_QUARTER_COLUMNS,
  'council/ward.csv': ['gss_code', 'name', 'lad_gss', 'population'],
  'council/community_hub.csv': ['hub_ref', 'council_gss', 'name', 'ward_gss', 'status', 'opened_on', 'opened_text', 'credited_period'],
  'council/property.csv': [
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
    'synthetic',
  ],
  'council/care_service.csv': [
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
  ],
  'council/indicator_value.csv': INDICATOR_VALUE_COLUMNS,
  'council/ledger_line.csv': LEDGER_LINE_COLUMNS,
  'council/ledger_quarter.csv': LEDGER_QUARTER_COLUMNS,
  'council/plan_strategy.csv': ['strategy_ref', 'title', 'period_text', 'partnership_code'],
  'council/plan_objective.csv': ['objective_ref', 'strategy_ref', 'theme', 'title', 'position'],
  'council/plan_ambition.csv': ['ambition_ref', 'objective_ref', 'number', 'text'],
  'council/plan_action.csv': [
    'action_ref',
    'objective_ref',
    'position',
    'title',
    'lead_person',
    'lead_org_code',
    'deadline_text',
    'deadline_date',
    'comments',
    'capacity',
    'capacity_unit',
    'capacity_quote',
  ],
  'council/action_status.csv': ['action_ref', 'period', 'rag', 'comment'],
  'council/engagement_activity.csv': ['activity_ref', 'kind', 'title', 'audience', 'locality_code', 'held_on', 'held_text', 'description'],
  'council/you_said_we_did.csv': ['record_ref', 'activity_ref', 'you_said', 'we_did', 'action_ref', 'service_source', 'service_key'],
  'trust/site.csv': ['site_code', 'trust_ods', 'name', 'address', 'postcode', 'site_type', 'status'],
  'trust/service_line.csv': ['service_line_id', 'trust_ods', 'name', 'care_setting', 'site_code', 'cohort', 'days_of_operation'],
} as const;

export type FileName = keyof typeof FILES;

/** Primary key columns per file; rows are sorted by these (numeric where marked). */
export const KEYS: Record<FileName, readonly string[]> = {
  'hub/partner_organisation.csv': ['id'],
  'hub/organisation_period.csv': ['organisation_id', 'position'],
  'hub/organisation_succession.csv': ['predecessor_id', 'successor_id'],
  'hub/partnership.csv': ['id'],
  'hub/partnership_member.csv': ['partnership_id', 'organisation_id'],
  'hub/data_sharing.csv': ['partnership_id', 'category', 'reader'],
  'hub/agreement.csv': ['id'],
  'hub/agreement_party.csv': ['agreement_id', 'organisation_id'],
  'hub/agreement_objective_item.csv': ['agreement_id', 'objective_number', 'position'],
  'hub/agreement_prospective_party.csv': ['agreement_id', 'organisation_id'],
  'hub/agreement_representation.csv': ['agreement_id', 'position'],
  'hub/engagement_plan.csv': ['id'],
  'hub/engagement_plan_party.csv': ['plan_id', 'position'],
  'hub/source_document.csv': ['id'],
  'hub/source_document_person.csv': ['document_id', 'position'],
  'hub/partnership_milestone.csv': ['partnership_id', 'position'],
  'hub/engagement_plan_stakeholder.csv': ['plan_id', 'position'],
  'hub/agreement_signatory.csv': ['agreement_id', 'position'],
  'hub/locality.csv': ['id'],
  'hub/locality_ward.csv': ['locality_id', 'ward_gss'],
  'hub/postcode_ward.csv': ['postcode'],
  'hub/outcome_domain.csv': ['id'],
  'hub/outcome.csv': ['id'],
  'hub/indicator.csv': ['id'],
  'hub/indicator_target.csv': ['indicator_id', 'area_code', 'period'],
  'hub/fund.csv': ['id'],
  'hub/scheme.csv': ['id'],
  'hub/structure.csv': ['code', 'kind'],
  'hub/structure_link.csv': ['child_code', 'parent_code', 'relationship'],
  'hub/lsoa.csv': ['code'],
  'hub/population_estimate.csv': ['area_code', 'basis', 'reference_date', 'age_band', 'sex'],
  'hub/comparator_value.csv': ['indicator_id', 'area_code', 'period'],
  'hub/crosswalk.csv': ['kind', 'source', 'native_table', 'native_key'],
  'ccg/practice.csv': ['ods_code'],
  'ccg/gp_hub.csv': ['hub_code'],
  'ccg/commissioned_service.csv': ['service_code'],
  'ccg/indicator_value.csv': ['indicator_code', 'area_code', 'period'],
  'ccg/ledger_line.csv': ['line_ref'],
  'ccg/ledger_quarter.csv': ['line_ref', 'quarter'],
  'council/ward.csv': ['gss_code'],
  'council/community_hub.csv': ['hub_ref'],
  'council/property.csv': ['asset_ref'],
  'council/care_service.csv': ['service_ref'],
  'council/indicator_value.csv': ['indicator_code', 'area_code', 'period'],
  'council/ledger_line.csv': ['line_ref'],
  'council/ledger_quarter.csv': ['line_ref', 'quarter'],
  'council/plan_strategy.csv': ['strategy_ref'],
  'council/plan_objective.csv': ['objective_ref'],
  'council/plan_ambition.csv': ['ambition_ref'],
  'council/plan_action.csv': ['action_ref'],
  'council/action_status.csv': ['action_ref', 'period'],
  'council/engagement_activity.csv': ['activity_ref'],
  'council/you_said_we_did.csv': ['record_ref'],
  'trust/site.csv': ['site_code'],
  'trust/service_line.csv': ['service_line_id'],
};

/** Key columns compared as integers when sorting. */
export const NUMERIC_KEY_COLUMNS = new Set(['position', 'objective_number']);

/** Code-point (not locale) comparison, so the sort order is the same on every machine. */
export function compareKeys(columns: readonly string[], a: Record<string, unknown>, b: Record<string, unknown>): number {
  for (const c of columns) {
    const x = a[c] === null || a[c] === undefined ? '' : String(a[c]);
    const y = b[c] === null || b[c] === undefined ? '' : String(b[c]);
    if (NUMERIC_KEY_COLUMNS.has(c)) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
      continue;
    }
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

export const KIND = ['CCG', 'COUNCIL', 'NHS_TRUST', 'VOLUNTARY', 'GP_PRACTICE', 'OTHER'] as const;
export const SECTOR = ['STATUTORY', 'VOLUNTARY'] as const;
export const AGREEMENT_KIND = ['MOU', 'ALLIANCE_AGREEMENT', 'SECTION_75'] as const;
export const AGREEMENT_STATUS = ['PLANNED', 'DRAFT', 'FINAL', 'SIGNED'] as const;
export const HUB_STATUS = ['PLANNED', 'OPEN', 'CLOSED'] as const;
export const CARE_SETTING = ['PRIMARY', 'COMMUNITY', 'ACUTE', 'MENTAL_HEALTH', 'SOCIAL_CARE', 'VOLUNTARY'] as const;
export const ESTATE_STATUS = ['IN_USE', 'VACANT', 'SURPLUS', 'PLANNED_DISPOSAL', 'LAND_SWAP', 'PLANNED'] as const;
export const SITE_STATUS = [...ESTATE_STATUS, 'CLOSED'] as const;
export const CROSSWALK_KIND = ['ESTATE', 'HUB', 'SERVICE'] as const;
export const CROSSWALK_SOURCE = ['ccg', 'council', 'trust'] as const;

export type CareSetting = (typeof CARE_SETTING)[number];
export type HubStatus = (typeof HUB_STATUS)[number];
export type AgreementKind = (typeof AGREEMENT_KIND)[number];
export type AgreementStatus = (typeof AGREEMENT_STATUS)[number];
export type OrgKind = (typeof KIND)[number];
export type Sector = (typeof SECTOR)[number];
export type EstateStatus = (typeof ESTATE_STATUS)[number];
export type CrosswalkKind = (typeof CROSSWALK_KIND)[number];
export type CrosswalkSource = (typeof CROSSWALK_SOURCE)[number];
