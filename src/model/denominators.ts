import type { SourceLoaders } from '../loaders';
import type { PopulationRow } from '../sources/hub/structureLoaders';
import { parsePeriod } from './periods';

/**
 * Denominators that say what they are: a population of named areas, on one basis (resident
 * or GP-registered), at one date, for one cohort. A per-head figure for a financial year uses
 * the estimate dated within that year where there is one (mid-2017 for 2017/18), else the
 * nearest, and says whether it matched. Every area must have an estimate of the same date,
 * or there is no denominator (a partial sum would understate the population).
 */

export interface DenominatorModel {
  basis: 'RESIDENT' | 'GP_REGISTERED';
  population: number;
  referenceDate: string;
  ageBand: string;
  sex: string;
  areaCodes: string[];
  /** Null when no financial year was asked for. */
  matchesYear: boolean | null;
  sources: string[];
}

const yearBounds = (financialYear: string) => {
  const year = parsePeriod(financialYear)!;
  return { from: `${year.start}-01`, to: `${year.end}-31` };
};

const distance = (date: string, financialYear: string): number => {
  const { from, to } = yearBounds(financialYear);
  if (date >= from && date <= to) return 0;
  return Math.abs(Date.parse(date < from ? from : to) - Date.parse(date));
};

/** Who is counted: an age band ('ALL', '18+', '65+', …) and sex ('ALL', 'MALE', 'FEMALE'). */
export interface Cohort {
  ageBand: string;
  sex: string;
}

export const ALL_PEOPLE: Cohort = { ageBand: 'ALL', sex: 'ALL' };

export async function populationOf(
  loaders: SourceLoaders,
  areaCodes: readonly string[],
  basis: DenominatorModel['basis'],
  financialYear: string | null,
  cohort: Cohort = ALL_PEOPLE,
): Promise<DenominatorModel | null> {
  if (areaCodes.length === 0) return null;
  const perArea = await Promise.all(areaCodes.map((code) => loaders.hub.populationByArea.load(code)));
  const usable = perArea.map((rows) => rows.filter((r) => r.basis === basis && r.age_band === cohort.ageBand && r.sex === cohort.sex));
  const dates = [...new Set(usable[0]!.map((r) => r.reference_date))].filter((d) =>
    usable.every((rows) => rows.some((r) => r.reference_date === d)),
  );
  if (dates.length === 0) return null;
  const date = financialYear ? dates.sort((a, b) => distance(a, financialYear) - distance(b, financialYear))[0]! : dates.sort().at(-1)!;
  const rows = usable.map((rows) => rows.find((r) => r.reference_date === date)!) as PopulationRow[];
  return {
    basis,
    population: rows.reduce((sum, r) => sum + r.count, 0),
    referenceDate: date,
    ageBand: cohort.ageBand,
    sex: cohort.sex,
    areaCodes: [...areaCodes],
    matchesYear: financialYear ? distance(date, financialYear) === 0 : null,
    sources: [...new Set(rows.map((r) => r.source))],
  };
}

/** A locality's resident population: the sum of its wards' estimates. */
export async function localityDenominator(loaders: SourceLoaders, localityCode: string, financialYear: string | null) {
  const locality = await loaders.hub.localityByCode.load(localityCode);
  if (!locality) return null;
  const wards = await loaders.hub.wardsByLocality.load(locality.id);
  return populationOf(
    loaders,
    wards.map((w) => w.ward_gss),
    'RESIDENT',
    financialYear,
  );
}

/** A place's (local authority district's) resident population: the ONS district estimate itself. */
export const placeDenominator = (loaders: SourceLoaders, placeGss: string, financialYear: string | null) =>
  populationOf(loaders, [placeGss], 'RESIDENT', financialYear);

/** A fund's population: the residents of its partnership's localities (their wards). */
export async function fundDenominator(loaders: SourceLoaders, fundId: string, financialYear: string | null) {
  const fund = await loaders.hub.fundById.load(fundId);
  if (!fund) return null;
  const localities = await loaders.hub.localitiesByPartnership.load(fund.partnershipId);
  const wards = (await Promise.all(localities.map((l) => loaders.hub.wardsByLocality.load(l.id)))).flat();
  return populationOf(
    loaders,
    wards.map((w) => w.ward_gss),
    'RESIDENT',
    financialYear,
  );
}

/** A PCN's (or any group of practices') registered list: the sum of its practices' list sizes. */
export async function practicesDenominator(loaders: SourceLoaders, pcnCode: string) {
  const members = (await loaders.hub.linksByParent.load(pcnCode)).filter((l) => l.relationship === 'MEMBER_OF_PCN');
  return populationOf(
    loaders,
    members.map((m) => m.child_code),
    'GP_REGISTERED',
    null,
  );
}

const LOCAL_AUTHORITY = /^E0[6-9]\d{6}$/;

/**
 * The population of any area an indicator is measured for, on a basis and for a cohort: a
 * locality's wards, a district or unitary's own estimate, a PCN's practices (registered), a
 * ward or practice itself. Null where the hub holds no such estimate (a county: only some of
 * its districts are in the reference data, and a partial sum would understate it).
 */
export async function areaDenominator(
  loaders: SourceLoaders,
  areaCode: string,
  basis: DenominatorModel['basis'],
  financialYear: string | null,
  cohort: Cohort = ALL_PEOPLE,
): Promise<DenominatorModel | null> {
  const locality = LOCAL_AUTHORITY.test(areaCode) ? null : await loaders.hub.localityByCode.load(areaCode);
  if (locality) {
    const codes =
      basis === 'GP_REGISTERED' && locality.pcnCode
        ? (await loaders.hub.linksByParent.load(locality.pcnCode))
            .filter((l) => l.relationship === 'MEMBER_OF_PCN')
            .map((l) => l.child_code)
        : (await loaders.hub.wardsByLocality.load(locality.id)).map((w) => w.ward_gss);
    return populationOf(loaders, codes, basis, financialYear, cohort);
  }
  if (basis === 'GP_REGISTERED' && /^U\d{5}$/.test(areaCode)) {
    const members = (await loaders.hub.linksByParent.load(areaCode)).filter((l) => l.relationship === 'MEMBER_OF_PCN');
    return populationOf(
      loaders,
      members.map((m) => m.child_code),
      basis,
      financialYear,
      cohort,
    );
  }
  return populationOf(loaders, [areaCode], basis, financialYear, cohort);
}
