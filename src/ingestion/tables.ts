import type { DataCategory } from '../generated/graphql';
import type { ColumnSpec } from './columns';

/**
 * What an extract table is: its key and the declared type of each column. The hub's registry
 * declares its tables here (HUB_TABLES); each partner kind declares its own in its folder
 * (src/sources/<kind>/tables.ts), in dependency order (a table after those it references).
 */

export interface TableSpec {
  table: string;
  /** The extract file name in a folder of extracts (default `<table>.csv`). */
  file: string;
  key: readonly string[];
  columns: readonly ColumnSpec[];
  /** Has `updated_at` (bumped when a row changes) and, for partner sources, `withdrawn_at`. */
  tracksChanges: boolean;
  withdrawable: boolean;
  /** SQL run on the staging table before the merge (e.g. to create parent rows). */
  beforeMerge?: string;
  /** SQL run after the merge (e.g. to drop what the merge left orphaned). */
  afterMerge?: string;
}

const ORGANISATION_KINDS = ['CCG', 'COUNCIL', 'NHS_TRUST', 'VOLUNTARY', 'GP_PRACTICE', 'OTHER'] as const;
export const SETTINGS = { oneOf: ['PRIMARY', 'COMMUNITY', 'ACUTE', 'MENTAL_HEALTH', 'SOCIAL_CARE', 'VOLUNTARY'] } as const;
export const ESTATE_STATUS = ['IN_USE', 'VACANT', 'SURPLUS', 'PLANNED_DISPOSAL', 'LAND_SWAP', 'PLANNED'] as const;
/** schema/access.graphql's `DataCategory`, as data: the compiler checks it names every value and no other. */
export const DATA_CATEGORIES = [
  'PLAN_COMMENTS',
  'ESTATE_DISPOSAL',
  'INGEST_RECORDS',
  'BUDGET_DETAIL',
  'SMALL_NUMBERS',
  'AUDIT_TRAIL',
] as const satisfies readonly DataCategory[];
const everyCategory: Exclude<DataCategory, (typeof DATA_CATEGORIES)[number]> extends never ? true : never = true;
void everyCategory;
export const HUB_STATUS = { oneOf: ['PLANNED', 'OPEN', 'CLOSED'] } as const;

export const req = (name: string, type: ColumnSpec['type']): ColumnSpec => ({ name, type, required: true });
export const opt = (name: string, type: ColumnSpec['type']): ColumnSpec => ({ name, type });

/** `true` marks a row whose values were generated (demo data), not recorded; absent means recorded. */
export const SYNTHETIC = opt('synthetic', 'boolean');

type Declared = Omit<TableSpec, 'file' | 'tracksChanges' | 'withdrawable'> & Partial<Pick<TableSpec, 'file' | 'tracksChanges'>>;

/** Every partner source keeps its indicator measurements and pooled-fund ledger in this one shape. */
export const MEASURES_AND_LEDGER: Declared[] = [
  {
    table: 'indicator_value',
    key: ['indicator_code', 'area_code', 'period'],
    columns: [
      req('indicator_code', 'text'),
      req('area_code', 'text'),
      req('period', 'period'),
      opt('value', 'decimal'),
      opt('numerator', 'integer'),
      opt('denominator', 'integer'),
      SYNTHETIC,
    ],
  },
  {
    table: 'ledger_line',
    key: ['line_ref'],
    columns: [
      req('line_ref', 'text'),
      req('org_code', 'organisationCode'),
      req('fund_code', 'text'),
      opt('scheme_code', 'text'),
      req('financial_year', 'financialYear'),
      opt('locality_code', 'text'),
      opt('service_ref', 'text'),
      req('line_kind', { oneOf: ['CONTRIBUTION', 'ALLOCATION'] }),
      req('planned', 'money'),
      opt('actual', 'money'),
      SYNTHETIC,
      opt('funding_stream', { oneOf: ['NHS_MINIMUM', 'IBCF', 'DFG', 'WINTER_PRESSURES', 'LA_ADDITIONAL', 'NHS_ADDITIONAL'] }),
    ],
  },
  {
    table: 'ledger_quarter',
    key: ['line_ref', 'quarter'],
    columns: [
      req('line_ref', 'text'),
      req('quarter', 'period'),
      req('actual_to_date', 'money'),
      req('forecast_outturn', 'money'),
      SYNTHETIC,
    ],
  },
];

const declare = (tables: Declared[], withdrawable: boolean): TableSpec[] =>
  tables.map((t) => ({ file: `${t.table}.csv`, tracksChanges: true, ...t, withdrawable }));

/** A partner kind's tables: a partner withdraws a row rather than delete it (the crosswalk and audit keep pointing at it). */
export const partnerTables = (tables: Declared[]): readonly TableSpec[] => declare(tables, true);

/** The hub's own registry: organisations, partnerships, localities, outcomes and the crosswalk. */
export const HUB_TABLES: readonly TableSpec[] = declare(
  [
    {
      table: 'partner_organisation',
      key: ['id'],
      columns: [
        req('id', 'text'),
        req('name', 'text'),
        opt('short_name', 'text'),
        req('kind', { oneOf: ORGANISATION_KINDS }),
        req('sector', { oneOf: ['STATUTORY', 'VOLUNTARY'] }),
        opt('ods_code', 'odsOrg'),
        opt('gss_code', 'gss'),
        opt('charity_number', 'text'),
        opt('valid_from', 'date'),
        opt('valid_to', 'date'),
        opt('successor_id', 'text'),
      ],
    },
    {
      // What an organisation was called, coded and of what kind, over one period.
      table: 'organisation_period',
      key: ['organisation_id', 'position'],
      columns: [
        req('organisation_id', 'text'),
        req('position', 'integer'),
        opt('valid_from', 'date'),
        opt('valid_to', 'date'),
        req('name', 'text'),
        req('kind', { oneOf: [...ORGANISATION_KINDS, 'SUB_ICB_LOCATION'] }),
        opt('ods_code', 'odsOrg'),
        opt('gss_code', 'gss'),
        req('source', 'text'),
      ],
    },
    {
      table: 'organisation_succession',
      key: ['predecessor_id', 'successor_id'],
      columns: [
        req('predecessor_id', 'text'),
        req('successor_id', 'text'),
        req('effective_on', 'date'),
        req('kind', { oneOf: ['MERGER', 'TRANSFER', 'REORGANISATION'] }),
        opt('description', 'text'),
        req('source', 'text'),
      ],
    },
    {
      table: 'partnership',
      key: ['id'],
      columns: [
        req('id', 'text'),
        req('name', 'text'),
        opt('short_name', 'text'),
        opt('governance_body', 'text'),
        opt('reports_to', 'textArray'),
        opt('description', 'text'),
      ],
    },
    {
      table: 'partnership_member',
      key: ['partnership_id', 'organisation_id'],
      columns: [req('partnership_id', 'text'), req('organisation_id', 'text'), opt('role', 'text')],
    },
    {
      // A partnership's data-sharing agreement: who reads which category (migrations/hub/…-DataSharing.ts).
      table: 'data_sharing',
      key: ['partnership_id', 'category', 'reader'],
      columns: [
        req('partnership_id', 'text'),
        req('category', { oneOf: DATA_CATEGORIES }),
        req('reader', 'text'),
        req('min_role', { oneOf: ['ANALYST', 'EDITOR', 'ADMIN'] }),
        opt('description', 'text'),
        SYNTHETIC,
      ],
    },
    {
      table: 'agreement',
      key: ['id'],
      columns: [
        req('id', 'text'),
        req('partnership_id', 'text'),
        req('kind', { oneOf: ['MOU', 'ALLIANCE_AGREEMENT', 'SECTION_75'] }),
        req('title', 'text'),
        req('status', { oneOf: ['PLANNED', 'DRAFT', 'FINAL', 'SIGNED'] }),
        req('legally_binding', 'boolean'),
        opt('agreed_on', 'date'),
        opt('agreed_text', 'text'),
        opt('review_cycle', 'text'),
        opt('first_review_on', 'date'),
        opt('principles', 'textArray'),
        opt('objectives', 'textArray'),
        opt('source_document', 'text'),
        opt('reviewed_by', 'text'),
        opt('operational_period', 'period'),
        opt('expected_text', 'text'),
        opt('expected_on', 'date'),
        opt('considered_by', 'textArray'),
      ],
    },
    {
      // The sub-items of an agreement's numbered objective (its bullets).
      table: 'agreement_objective_item',
      key: ['agreement_id', 'objective_number', 'position'],
      columns: [req('agreement_id', 'text'), req('objective_number', 'integer'), req('position', 'integer'), req('text', 'text')],
    },
    {
      // Members that are not parties (e.g. primary care), and the parties that represent them.
      table: 'agreement_representation',
      key: ['agreement_id', 'position'],
      columns: [
        req('agreement_id', 'text'),
        req('position', 'integer'),
        req('represented', 'text'),
        opt('represented_by', 'textArray'),
        opt('interim', 'boolean'),
        opt('basis', 'text'),
      ],
    },
    {
      // Organisations an agreement says it would welcome as parties later.
      table: 'agreement_prospective_party',
      key: ['agreement_id', 'organisation_id'],
      columns: [req('agreement_id', 'text'), req('organisation_id', 'text'), opt('named_as', 'text')],
    },
    {
      // The documents the registry's facts were read from, and the people each names.
      table: 'source_document',
      key: ['id'],
      columns: [
        req('id', 'text'),
        opt('seed_file', 'text'),
        req('title', 'text'),
        req('kind', { oneOf: ['REPORT', 'PLAN', 'AGREEMENT'] }),
        opt('partnership_id', 'text'),
        opt('presented_to', 'text'),
        opt('agenda_item', 'text'),
        opt('issued_on', 'date'),
        opt('issued_text', 'text'),
        opt('recommendation', 'text'),
      ],
    },
    {
      table: 'source_document_person',
      key: ['document_id', 'position'],
      columns: [
        req('document_id', 'text'),
        req('position', 'integer'),
        req('person_name', 'text'),
        req('capacity', 'text'),
        opt('role', 'text'),
        opt('organisation_id', 'text'),
        opt('source_line', 'integer'),
      ],
    },
    {
      // Dated events a document reports for a partnership (done or planned).
      table: 'partnership_milestone',
      key: ['partnership_id', 'position'],
      columns: [
        req('partnership_id', 'text'),
        req('position', 'integer'),
        opt('occurred_on', 'date'),
        opt('occurred_text', 'text'),
        req('status', { oneOf: ['DONE', 'PLANNED'] }),
        req('event', 'text'),
        opt('actor_text', 'text'),
        opt('actor_organisation_id', 'text'),
        opt('document_id', 'text'),
        opt('source_line', 'integer'),
      ],
    },
    {
      table: 'engagement_plan',
      key: ['id'],
      columns: [
        req('id', 'text'),
        req('partnership_id', 'text'),
        req('title', 'text'),
        opt('subtitle', 'text'),
        opt('version_text', 'text'),
        req('status', { oneOf: ['DRAFT', 'FINAL'] }),
        opt('issued_on', 'date'),
        opt('issued_text', 'text'),
        opt('integrated_by_year', 'integer'),
        opt('initial_focus', 'text'),
        opt('part_of', 'text'),
        opt('overseen_by', 'text'),
        opt('reports_to', 'text'),
        opt('engagement_group', 'text'),
        opt('guided_by', 'textArray'),
        opt('vision_principles', 'textArray'),
        opt('engagement_principles', 'textArray'),
        opt('communication_principles', 'textArray'),
        opt('key_questions', 'textArray'),
        opt('review_after_months', 'textArray'),
        opt('review_text', 'text'),
        opt('source_document', 'text'),
      ],
    },
    {
      table: 'engagement_plan_party',
      key: ['plan_id', 'position'],
      columns: [
        req('plan_id', 'text'),
        req('position', 'integer'),
        opt('organisation_id', 'text'),
        req('named_as', 'text'),
        opt('roles', 'textArray'),
        opt('source_lines', 'text'),
      ],
    },
    {
      table: 'engagement_plan_stakeholder',
      key: ['plan_id', 'position'],
      columns: [req('plan_id', 'text'), req('position', 'integer'), req('stakeholder', 'text'), opt('organisation_ids', 'textArray')],
    },
    {
      table: 'agreement_party',
      key: ['agreement_id', 'organisation_id'],
      columns: [req('agreement_id', 'text'), req('organisation_id', 'text'), req('position', 'integer'), opt('named_as', 'text')],
    },
    {
      table: 'agreement_signatory',
      key: ['agreement_id', 'position'],
      columns: [
        req('agreement_id', 'text'),
        req('position', 'integer'),
        opt('person_name', 'text'),
        opt('role', 'text'),
        req('organisation_id', 'text'),
      ],
    },
    {
      table: 'locality',
      key: ['id'],
      columns: [
        req('id', 'text'),
        req('code', 'text'),
        req('name', 'text'),
        req('place_gss', 'gssLocalAuthority'),
        opt('partnership_id', 'text'),
        opt('description', 'text'),
        opt('pcn_code', 'text'),
        opt('pilot', 'text'),
      ],
    },
    { table: 'locality_ward', key: ['locality_id', 'ward_gss'], columns: [req('locality_id', 'text'), req('ward_gss', 'gssWard')] },
    {
      table: 'postcode_ward',
      key: ['postcode'],
      columns: [req('postcode', 'postcode'), req('ward_gss', 'gssWard')],
      tracksChanges: false,
      // The crosswalk keeps each postcode-placed record's ward (migrations/hub/…-PlacedLinks.ts)
      // with its postcode: where the lookup moved a postcode, its records move with it.
      afterMerge: `WITH moved AS (
                     SELECT l.kind, l.source, l.native_table, l.native_key, w.ward_gss
                       FROM source_link l LEFT JOIN postcode_ward w ON w.postcode = l.postcode
                      WHERE l.postcode IS NOT NULL AND l.ward_gss IS DISTINCT FROM w.ward_gss)
                   UPDATE source_link l SET ward_gss = m.ward_gss FROM moved m
                    WHERE l.kind = m.kind AND l.source = m.source AND l.native_table = m.native_table AND l.native_key = m.native_key`,
    },
    {
      table: 'structure',
      key: ['code', 'kind'],
      columns: [
        req('code', 'text'),
        opt('valid_from', 'date'),
        req('kind', {
          oneOf: [
            'NHS_REGION',
            'STP',
            'ICB',
            'CCG',
            'SUB_ICB_LOCATION',
            'PCN',
            'GP_PRACTICE',
            'HEALTH_AND_WELLBEING_BOARD',
            'UNITARY_AUTHORITY',
            'COUNTY',
            'DISTRICT',
            'REGION',
          ],
        }),
        req('name', 'text'),
        opt('gss_code', 'text'),
        opt('valid_to', 'date'),
        opt('observed_on', 'date'),
        req('source', 'text'),
      ],
    },
    {
      table: 'structure_link',
      key: ['child_code', 'parent_code', 'relationship'],
      columns: [
        req('child_code', 'text'),
        req('parent_code', 'text'),
        req('relationship', 'text'),
        opt('valid_from', 'date'),
        opt('valid_to', 'date'),
        opt('observed_on', 'date'),
        req('source', 'text'),
      ],
    },
    {
      table: 'lsoa',
      key: ['code'],
      columns: [
        req('code', 'text'),
        req('name', 'text'),
        req('ward_gss', 'gssWard'),
        req('lad_gss', 'gss'),
        opt('msoa_code', 'text'),
        opt('msoa_name', 'text'),
        opt('imd2019_rank', 'integer'),
      ],
    },
    {
      table: 'population_estimate',
      key: ['area_code', 'basis', 'reference_date', 'age_band', 'sex'],
      columns: [
        req('area_code', 'text'),
        req('area_kind', { oneOf: ['LSOA', 'WARD', 'LAD', 'PRACTICE', 'COUNTY', 'REGION', 'COUNTRY'] }),
        req('basis', { oneOf: ['RESIDENT', 'GP_REGISTERED'] }),
        req('reference_date', 'date'),
        req('age_band', 'text'),
        req('sex', 'text'),
        req('count', 'integer'),
        req('source', 'text'),
      ],
    },
    {
      table: 'comparator_value',
      key: ['indicator_id', 'area_code', 'period'],
      columns: [
        req('indicator_id', 'text'),
        req('area_code', 'text'),
        req('area_name', 'text'),
        req('period', 'period'),
        opt('value', 'decimal'),
        opt('numerator', 'integer'),
        opt('denominator', 'integer'),
        req('source', 'text'),
      ],
    },
    {
      table: 'outcome_domain',
      key: ['id'],
      columns: [
        req('id', 'text'),
        req('partnership_id', 'text'),
        req('name', 'text'),
        opt('description', 'text'),
        req('position', 'integer'),
      ],
    },
    {
      table: 'outcome',
      key: ['id'],
      columns: [req('id', 'text'), req('domain_id', 'text'), req('name', 'text'), opt('description', 'text'), SYNTHETIC],
    },
    {
      table: 'indicator',
      key: ['id'],
      columns: [
        req('id', 'text'),
        req('outcome_id', 'text'),
        req('name', 'text'),
        req('unit', 'text'),
        req('polarity', { oneOf: ['HIGHER_IS_BETTER', 'LOWER_IS_BETTER'] }),
        req('measured_by', 'sourceKind'),
        req('source_code', 'text'),
        req('counts_people', 'boolean'),
        req('published', 'boolean'),
        SYNTHETIC,
        opt('periodicity', { oneOf: ['MONTH', 'QUARTER', 'YEAR'] }),
        opt('suppression_threshold', 'integer'),
        opt('rounding_base', 'integer'),
      ],
    },
    {
      table: 'indicator_target',
      key: ['indicator_id', 'area_code', 'period'],
      columns: [
        req('indicator_id', 'text'),
        req('area_code', 'text'),
        req('period', 'period'),
        req('target', 'decimal'),
        req('amber_tolerance', 'decimal'),
        SYNTHETIC,
      ],
    },
    {
      table: 'fund',
      key: ['id'],
      columns: [
        req('id', 'text'),
        req('name', 'text'),
        req('partnership_id', 'text'),
        opt('agreement_id', 'text'),
        opt('host_organisation_id', 'text'),
        opt('description', 'text'),
      ],
    },
    {
      table: 'scheme',
      key: ['id'],
      columns: [
        req('id', 'text'),
        req('fund_id', 'text'),
        req('name', 'text'),
        opt('description', 'text'),
        opt('scheme_type', 'text'),
        opt('area_of_spend', { oneOf: ['SOCIAL_CARE', 'COMMUNITY_HEALTH', 'ACUTE', 'PRIMARY_CARE', 'MENTAL_HEALTH', 'OTHER'] }),
        opt('classification_synthetic', 'boolean'),
      ],
    },
    {
      // The identity crosswalk's explicit links: records of two partners that are one thing.
      table: 'source_link',
      file: 'crosswalk.csv',
      key: ['kind', 'source', 'native_table', 'native_key'],
      columns: [
        req('kind', { oneOf: ['ESTATE', 'HUB', 'SERVICE'] }),
        req('entity_id', 'text'),
        // A configured source's id: ingest checks it against the sources the hub runs with.
        req('source', 'sourceId'),
        req('native_table', 'text'),
        req('native_key', 'text'),
      ],
      tracksChanges: false,
      beforeMerge: `INSERT INTO shared_entity (kind, id) SELECT DISTINCT kind, entity_id FROM {stage} ON CONFLICT DO NOTHING`,
      // A record moved onto an explicit entity leaves its implicit one empty: remove it.
      afterMerge: `DELETE FROM shared_entity e
                    WHERE NOT EXISTS (SELECT 1 FROM source_link l WHERE l.kind = e.kind AND l.entity_id = e.id)`,
    },
  ],
  false,
);
