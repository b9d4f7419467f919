import DataLoader from 'dataloader';
import type { Sql } from '../../db/sql';
import { batchOptions, compositeKey, groupByKeys, keyColumns, manyByKey, oneByKey, splitKey, queryByKeys } from '../../loaders/batch';
import type { Provenance } from '../../model/types';
import { hubRecord } from './mapper';

/** The hub registry's outcomes framework and pooled funds. */

export interface DomainModel {
  id: string;
  partnershipId: string;
  name: string;
  description: string | null;
  position: number;
  sources: Provenance[];
}

export interface OutcomeModel {
  id: string;
  domainId: string;
  name: string;
  description: string | null;
  sources: Provenance[];
}

export interface IndicatorModel {
  id: string;
  outcomeId: string;
  name: string;
  unit: string;
  polarity: 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';
  /** The adapter kind whose sources measure it (src/sources/kinds.ts). */
  measuredBy: string;
  sourceCode: string;
  countsPeople: boolean;
  published: boolean;
  /** The period each value is measured over; null where the registry does not say. */
  periodicity: 'MONTH' | 'QUARTER' | 'YEAR' | null;
  /** This indicator's own disclosure control; null: the hub's policy. */
  suppressionThreshold: number | null;
  roundingBase: number | null;
  sources: Provenance[];
}

export interface TargetRow {
  indicator_id: string;
  area_code: string;
  period: string;
  target: string;
  amber_tolerance: string;
  /** The target was generated (demo data), not set by the partnership. */
  synthetic: boolean;
}

/** An indicator's value for a comparator area (England, a region), from reference data. */
export interface ComparatorRow {
  indicator_id: string;
  area_code: string;
  area_name: string;
  period: string;
  value: string | null;
  numerator: number | null;
  denominator: number | null;
  source: string;
}

export interface FundModel {
  id: string;
  name: string;
  description: string | null;
  partnershipId: string;
  agreementId: string | null;
  hostOrganisationId: string | null;
  sources: Provenance[];
}

export interface SchemeModel {
  id: string;
  fundId: string;
  name: string;
  description: string | null;
  /** As a BCF return classifies it; `classificationSynthetic` when the demo, not a document, did. */
  schemeType: string | null;
  areaOfSpend: string | null;
  classificationSynthetic: boolean;
  sources: Provenance[];
}

export type Row = Record<string, unknown> & { id: string; updated_at: Date };

const provenance = (table: string, row: Row): Provenance[] => [hubRecord(table, row.id, row.updated_at, row.synthetic === true)];

const toDomain = (r: Row): DomainModel => ({
  id: r.id,
  partnershipId: r.partnership_id as string,
  name: r.name as string,
  description: r.description as string | null,
  position: r.position as number,
  sources: provenance('outcome_domain', r),
});
const toOutcome = (r: Row): OutcomeModel => ({
  id: r.id,
  domainId: r.domain_id as string,
  name: r.name as string,
  description: r.description as string | null,
  sources: provenance('outcome', r),
});
const toIndicator = (r: Row): IndicatorModel => ({
  id: r.id,
  outcomeId: r.outcome_id as string,
  name: r.name as string,
  unit: r.unit as string,
  polarity: r.polarity as IndicatorModel['polarity'],
  measuredBy: r.measured_by as IndicatorModel['measuredBy'],
  sourceCode: r.source_code as string,
  countsPeople: r.counts_people as boolean,
  published: r.published as boolean,
  periodicity: (r.periodicity as IndicatorModel['periodicity']) ?? null,
  suppressionThreshold: (r.suppression_threshold as number | null) ?? null,
  roundingBase: (r.rounding_base as number | null) ?? null,
  sources: provenance('indicator', r),
});
export const toFund = (r: Row): FundModel => ({
  id: r.id,
  name: r.name as string,
  description: r.description as string | null,
  partnershipId: r.partnership_id as string,
  agreementId: r.agreement_id as string | null,
  hostOrganisationId: r.host_organisation_id as string | null,
  sources: provenance('fund', r),
});
const toScheme = (r: Row): SchemeModel => ({
  id: r.id,
  fundId: r.fund_id as string,
  name: r.name as string,
  description: r.description as string | null,
  schemeType: (r.scheme_type as string | null) ?? null,
  areaOfSpend: (r.area_of_spend as string | null) ?? null,
  classificationSynthetic: r.classification_synthetic === true,
  sources: provenance('scheme', r),
});

export const targetKey = (indicatorId: string, areaCode: string): string => compositeKey(indicatorId, areaCode);

/** An indicator's key in its measuring source, with the area its values are read for. */
export const indicatorInAreaKey = (measuredBy: string, sourceCode: string, areaCode: string): string =>
  compositeKey(measuredBy, sourceCode, areaCode);

/** A target as `indicatorInArea` aggregates them: period, target, amber tolerance, synthetic. */
type TargetTuple = [string, string, string, boolean];

export function createOutcomeLoaders(sql: Sql) {
  const rows = (text: string) => (keys: string[]) => queryByKeys<Row>(sql, text, keys);
  const mapped =
    <M>(text: string, map: (r: Row) => M) =>
    async (keys: string[]) =>
      (await rows(text)(keys)).map(map);
  const targetsBySeries = new DataLoader<string, TargetRow[]>(
    async (keys) => {
      const found = await sql.query<TargetRow>(
        `SELECT t.indicator_id, t.area_code, t.period, t.target::text AS target, t.amber_tolerance::text AS amber_tolerance,
                coalesce(t.synthetic, false) AS synthetic
           FROM indicator_target t JOIN unnest($1::text[], $2::text[]) AS k(indicator_id, area_code)
             ON t.indicator_id = k.indicator_id AND t.area_code = k.area_code`,
        keyColumns(keys),
      );
      return groupByKeys(keys, found, (t) => targetKey(t.indicator_id, t.area_code));
    },
    { name: 'hub.targetsBySeries', ...batchOptions() },
  );
  /**
   * `indicatorInAreaKey(measuring source, its code, area)` → the indicator, reading its
   * targets for the area in the same statement (priming `targetsBySeries`): a dashboard
   * asks for the targets of every indicator it finds, one round trip later.
   */
  const indicatorInArea = new DataLoader<string, IndicatorModel | null>(
    async (keys) => {
      const parts = keys.map(splitKey);
      const found = await sql.query<Row & { area_code: string; targets: TargetTuple[] }>(
        `SELECT i.*, k.area_code,
                coalesce((SELECT json_agg(json_build_array(t.period, t.target::text, t.amber_tolerance::text, coalesce(t.synthetic, false)))
                            FROM indicator_target t WHERE t.indicator_id = i.id AND t.area_code = k.area_code), '[]') AS targets
           FROM indicator i JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(measured_by, source_code, area_code)
             ON i.measured_by = k.measured_by AND i.source_code = k.source_code`,
        [0, 1, 2].map((n) => parts.map((p) => p[n])),
      );
      const byKey = new Map<string, IndicatorModel>();
      for (const row of found) {
        const indicator = toIndicator(row);
        const targets = row.targets.map(([period, target, amber_tolerance, synthetic]) => ({
          indicator_id: row.id,
          area_code: row.area_code,
          period,
          target,
          amber_tolerance,
          synthetic,
        }));
        targetsBySeries.prime(targetKey(row.id, row.area_code), targets);
        byKey.set(indicatorInAreaKey(indicator.measuredBy, indicator.sourceCode, row.area_code), indicator);
      }
      return keys.map((key) => byKey.get(key) ?? null);
    },
    { name: 'hub.indicatorInArea', ...batchOptions() },
  );
  return {
    comparatorsByIndicator: manyByKey(
      'hub.comparatorsByIndicator',
      (keys: string[]) =>
        queryByKeys<ComparatorRow>(
          sql,
          `SELECT indicator_id, area_code, area_name, period, value::text AS value, numerator, denominator, source
             FROM comparator_value WHERE indicator_id = ANY($1) ORDER BY area_code, period`,
          keys,
        ),
      (c) => c.indicator_id,
    ),
    domainById: oneByKey('hub.domainById', mapped(`SELECT * FROM outcome_domain WHERE id = ANY($1)`, toDomain), (d) => d.id),
    domainsByPartnership: manyByKey(
      'hub.domainsByPartnership',
      mapped(`SELECT * FROM outcome_domain WHERE partnership_id = ANY($1) ORDER BY position`, toDomain),
      (d) => d.partnershipId,
    ),
    outcomeById: oneByKey('hub.outcomeById', mapped(`SELECT * FROM outcome WHERE id = ANY($1)`, toOutcome), (o) => o.id),
    outcomesByDomain: manyByKey(
      'hub.outcomesByDomain',
      mapped(`SELECT * FROM outcome WHERE domain_id = ANY($1) ORDER BY id`, toOutcome),
      (o) => o.domainId,
    ),
    indicatorById: oneByKey('hub.indicatorById', mapped(`SELECT * FROM indicator WHERE id = ANY($1)`, toIndicator), (i) => i.id),
    indicatorsByOutcome: manyByKey(
      'hub.indicatorsByOutcome',
      mapped(`SELECT * FROM indicator WHERE outcome_id = ANY($1) ORDER BY id`, toIndicator),
      (i) => i.outcomeId,
    ),
    indicatorInArea,
    /** `targetKey(indicator, area)` → its targets for every period. */
    targetsBySeries,
    fundById: oneByKey('hub.fundById', mapped(`SELECT * FROM fund WHERE id = ANY($1)`, toFund), (f) => f.id),
    fundsByPartnership: manyByKey(
      'hub.fundsByPartnership',
      mapped(`SELECT * FROM fund WHERE partnership_id = ANY($1) ORDER BY id`, toFund),
      (f) => f.partnershipId,
    ),
    allFunds: new DataLoader<'all', FundModel[]>(
      async (keys) => {
        const all = (await sql.query<Row>(`SELECT * FROM fund ORDER BY id`)).map(toFund);
        return keys.map(() => all);
      },
      { name: 'hub.allFunds', ...batchOptions() },
    ),
    schemeById: oneByKey('hub.schemeById', mapped(`SELECT * FROM scheme WHERE id = ANY($1)`, toScheme), (s) => s.id),
    schemesByFund: manyByKey(
      'hub.schemesByFund',
      mapped(`SELECT * FROM scheme WHERE fund_id = ANY($1) ORDER BY id`, toScheme),
      (s) => s.fundId,
    ),
  };
}
