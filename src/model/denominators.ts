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
const PCN = /^U\d{5}$/;

const practicesOf = async (loaders: SourceLoaders, pcnCode: string): Promise<string[]> =>
  (await loaders.hub.linksByParent.load(pcnCode)).filter((l) => l.relationship === 'MEMBER_OF_PCN').map((l) => l.child_code);

/**
 * The areas whose estimates make up an area's population on a basis: a locality's wards
 * (resident) or its PCN's practices (registered, where it stands in for a PCN); a PCN's
 * practices; a sub-ICB location's (CCG's) practices, in its PCNs or commissioned by it
 * directly; otherwise the area itself (a district, unitary, ward, LSOA or practice).
 */
export async function areaCodesFor(loaders: SourceLoaders, areaCode: string, basis: DenominatorModel['basis']): Promise<string[]> {
  const locality = LOCAL_AUTHORITY.test(areaCode) ? null : await loaders.hub.localityByCode.load(areaCode);
  if (locality) {
    if (basis === 'GP_REGISTERED') return locality.pcnCode ? practicesOf(loaders, locality.pcnCode) : [];
    return (await loaders.hub.wardsByLocality.load(locality.id)).map((w) => w.ward_gss);
  }
  if (basis === 'GP_REGISTERED' && PCN.test(areaCode)) return practicesOf(loaders, areaCode);
  if (basis === 'GP_REGISTERED' && /^[0-9A-Z]{3}$/.test(areaCode)) {
    const links = await loaders.hub.linksByParent.load(areaCode);
    const pcns = [...new Set(links.filter((l) => l.relationship === 'PART_OF_SUB_ICB_LOCATION').map((l) => l.child_code))];
    const direct = links.filter((l) => l.relationship === 'COMMISSIONED_BY').map((l) => l.child_code);
    if (pcns.length + direct.length > 0) return [...(await Promise.all(pcns.map((p) => practicesOf(loaders, p)))).flat(), ...direct];
  }
  return [areaCode];
}

/**
 * The population of any area an indicator is measured for, on a basis and for a cohort.
 * Null where the hub holds no such estimate (a county: only some of its districts are in the
 * reference data, and a partial sum would understate it).
 */
export async function areaDenominator(
  loaders: SourceLoaders,
  areaCode: string,
  basis: DenominatorModel['basis'],
  financialYear: string | null,
  cohort: Cohort = ALL_PEOPLE,
): Promise<DenominatorModel | null> {
  return populationOf(loaders, await areaCodesFor(loaders, areaCode, basis), basis, financialYear, cohort);
}

/**
 * Every estimate the hub holds for an area: one per basis, date, age band and sex that
 * every one of its constituent areas has (a partial sum is no estimate).
 */
export async function estimatesFor(loaders: SourceLoaders, areaCode: string): Promise<DenominatorModel[]> {
  const out: DenominatorModel[] = [];
  for (const basis of ['RESIDENT', 'GP_REGISTERED'] as const) {
    const codes = await areaCodesFor(loaders, areaCode, basis);
    if (codes.length === 0) continue;
    const perArea = await Promise.all(codes.map((code) => loaders.hub.populationByArea.load(code)));
    const cell = (r: PopulationRow) => `${r.reference_date}|${r.age_band}|${r.sex}`;
    const shared = [...new Set(perArea[0]!.filter((r) => r.basis === basis).map(cell))].filter((c) =>
      perArea.every((rows) => rows.some((r) => r.basis === basis && cell(r) === c)),
    );
    for (const c of shared.sort()) {
      const [date, ageBand, sex] = c.split('|') as [string, string, string];
      const rows = perArea.map((rows) => rows.find((r) => r.basis === basis && cell(r) === c)!);
      out.push({
        basis,
        population: rows.reduce((sum, r) => sum + r.count, 0),
        referenceDate: date,
        ageBand,
        sex,
        areaCodes: codes,
        matchesYear: null,
        sources: [...new Set(rows.map((r) => r.source))],
      });
    }
  }
  return out;
}

/**
 * Registered patients of a locality, place or fund where each of its localities stands in
 * for a PCN (the PCN analyst's denominator): the sum of those PCNs' practice lists. Null
 * where any locality is not a PCN's (its residents are then the only honest denominator).
 */
export async function registeredDenominator(
  loaders: SourceLoaders,
  area: { localityCode: string } | { placeCode: string } | { fundId: string },
  financialYear: string | null,
): Promise<DenominatorModel | null> {
  let localities;
  if ('localityCode' in area) localities = [await loaders.hub.localityByCode.load(area.localityCode)];
  else if ('placeCode' in area) localities = await loaders.hub.localitiesByPlace.load(area.placeCode);
  else {
    const fund = await loaders.hub.fundById.load(area.fundId);
    localities = fund ? await loaders.hub.localitiesByPartnership.load(fund.partnershipId) : [];
  }
  if (localities.length === 0 || localities.some((l) => !l?.pcnCode)) return null;
  const practices = (await Promise.all(localities.map((l) => practicesOf(loaders, l!.pcnCode!)))).flat();
  return populationOf(loaders, practices, 'GP_REGISTERED', financialYear);
}
