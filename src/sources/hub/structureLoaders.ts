import type { Sql } from '../../db/sql';
import { manyByKey, queryByKeys } from '../../loaders/batch';

/** The hub registry's NHS and local-government structures and LSOAs (reference data). */

export interface StructureRow {
  code: string;
  kind: string;
  name: string;
  gss_code: string | null;
  valid_from: string | null;
  valid_to: string | null;
  observed_on: string | null;
  source: string;
}

export interface StructureLinkRow {
  child_code: string;
  parent_code: string;
  relationship: string;
  valid_from: string | null;
  valid_to: string | null;
  observed_on: string | null;
  source: string;
}

export interface LsoaRow {
  code: string;
  name: string;
  ward_gss: string;
  lad_gss: string;
  msoa_code: string | null;
  msoa_name: string | null;
  imd2019_rank: number | null;
}

// Dates as text (YYYY-MM-DD): they are compared with the caller's `asAt` as text.
const dates = (t: string) => `to_char(${t}.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(${t}.valid_to, 'YYYY-MM-DD') AS valid_to,
  to_char(${t}.observed_on, 'YYYY-MM-DD') AS observed_on`;

export interface PopulationRow {
  area_code: string;
  basis: 'RESIDENT' | 'GP_REGISTERED';
  reference_date: string;
  age_band: string;
  sex: string;
  count: number;
  source: string;
}

export function createStructureLoaders(sql: Sql) {
  const select =
    <R>(text: string) =>
    (keys: string[]) =>
      queryByKeys<R>(sql, text, keys);
  return {
    /** By ODS code, or GSS code where a body has one: every span of dates it names. */
    structuresByCode: manyByKey(
      'hub.structuresByCode',
      select<StructureRow & { key: string }>(
        `SELECT k.key, s.code, s.kind, s.name, s.gss_code, s.source, ${dates('s')}
             FROM unnest($1::text[]) AS k(key) JOIN structure s ON s.code = k.key OR s.gss_code = k.key
            ORDER BY s.valid_from NULLS FIRST, s.kind`,
      ),
      (r) => r.key,
    ),
    structuresByKind: manyByKey(
      'hub.structuresByKind',
      select<StructureRow>(
        `SELECT s.code, s.kind, s.name, s.gss_code, s.source, ${dates('s')} FROM structure s WHERE kind = ANY($1) ORDER BY code`,
      ),
      (r) => r.kind,
    ),
    linksByChild: manyByKey(
      'hub.structureLinksByChild',
      select<StructureLinkRow>(
        `SELECT l.child_code, l.parent_code, l.relationship, l.source, ${dates('l')} FROM structure_link l WHERE child_code = ANY($1) ORDER BY parent_code, relationship`,
      ),
      (r) => r.child_code,
    ),
    linksByParent: manyByKey(
      'hub.structureLinksByParent',
      select<StructureLinkRow>(
        `SELECT l.child_code, l.parent_code, l.relationship, l.source, ${dates('l')} FROM structure_link l WHERE parent_code = ANY($1) ORDER BY child_code, relationship`,
      ),
      (r) => r.parent_code,
    ),
    /** Every estimate for an area (all bases, dates and cohorts), oldest first. */
    populationByArea: manyByKey(
      'hub.populationByArea',
      select<PopulationRow>(
        `SELECT area_code, basis, to_char(reference_date, 'YYYY-MM-DD') AS reference_date, age_band, sex, count, source
           FROM population_estimate WHERE area_code = ANY($1) ORDER BY reference_date`,
      ),
      (r) => r.area_code,
    ),
    lsoasByWard: manyByKey(
      'hub.lsoasByWard',
      select<LsoaRow>(
        `SELECT code, name, ward_gss, lad_gss, msoa_code, msoa_name, imd2019_rank FROM lsoa WHERE ward_gss = ANY($1) ORDER BY code`,
      ),
      (r) => r.ward_gss,
    ),
  };
}
