/**
 * Resident denominators by age band, sex and year: ONS mid-year estimates (MYE2, single year of
 * age), mid-2014 to mid-2020, for the demo's districts, counties, the East of England region and
 * England (data/reference/population/mye, with its PROVENANCE.md). Each vintage is on its own
 * year's geography: Purbeck and Dorset County to mid-2017 (Purbeck mid-2018 from Nomis), Dorset
 * Council from mid-2018. The bands are sums of single years; a band is given only where every
 * age in it is.
 */
import type { Cell, Row } from './csv';

type Out = Record<string, Cell>;

const DIR = 'population/mye';
const YEARS = [2014, 2015, 2016, 2017, 2018, 2019, 2020] as const;
const GEOGRAPHY: Record<number, string> = {
  2014: 'lad-county-region',
  2015: 'lad-county-region',
  2016: 'lad-county-region',
  2017: 'lad-county-region',
  2018: 'lad2019-county-region',
  2019: 'lad2020-county-region',
  2020: 'lad2021-county-region',
};
/** The sexes of the files: persons, males, females. */
const SEXES = [
  ['ALL', 'persons'],
  ['MALE', 'males'],
  ['FEMALE', 'females'],
] as const;
/** Age bands the hub's measures are defined on (the BCF delayed-transfers metric is per 100,000 aged 18+). */
const BANDS: Record<string, (age: number) => boolean> = {
  ALL: () => true,
  '0-17': (a) => a <= 17,
  '18+': (a) => a >= 18,
  '18-64': (a) => a >= 18 && a <= 64,
  '65+': (a) => a >= 65,
};
const OLDEST = 90; // "90" or "90+": 90 and over

const kindOf = (code: string): string =>
  code.startsWith('E92') ? 'COUNTRY' : code.startsWith('E12') ? 'REGION' : code.startsWith('E10') ? 'COUNTY' : 'LAD';
const count = (text: string | undefined): number => {
  const n = Number((text ?? '').replace(/,/g, ''));
  if (!Number.isInteger(n)) throw new Error(`mye: not a count: "${text}"`);
  return n;
};

/** Single years of age (0..90+) by area, from one MYE2 sheet; the file's own "All ages" checks them. */
function byAge(rows: Row[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const r of rows) {
    const code = (r.Code ?? r.CODE)!;
    const ages = Array.from({ length: OLDEST + 1 }, (_, a) => count(r[String(a)] ?? r[`${a}+`]));
    const total = count(r['All ages'] ?? r['ALL AGES']);
    if (ages.reduce((s, n) => s + n, 0) !== total) throw new Error(`mye: ${code}'s ages do not sum to its total`);
    out.set(code, ages);
  }
  return out;
}

/** Purbeck's mid-2018 by sex from the Nomis extract (C_AGE 101..191 is age 0..90+). */
function nomis2018(rows: Row[], sex: 'MALE' | 'FEMALE'): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const r of rows.filter((row) => row.GENDER === (sex === 'MALE' ? '1' : '2'))) {
    const ages = out.get(r.GEOGRAPHY_CODE!) ?? new Array<number>(OLDEST + 1).fill(0);
    ages[count(r.C_AGE) - 101] = count(r.OBS_VALUE);
    out.set(r.GEOGRAPHY_CODE!, ages);
  }
  return out;
}

/**
 * One estimate row per area, year, band and sex. `alreadyHeld` names estimates another file
 * gives (the mid-2017 district totals of SAPE): those must agree and are not repeated.
 */
export function myeEstimates(ref: (file: string) => Row[], alreadyHeld: Map<string, string>): Out[] {
  const out: Out[] = [];
  const nomisFile = `${DIR}/by_sex/ons_mye_2018_nomis-NM_2002_1_lad_syoa_by_sex_selected.csv`;
  const nomis = ref(nomisFile);
  for (const year of YEARS) {
    const date = `${year}-06-30`;
    const sheets = SEXES.map(([sex, label]) => {
      const file = `${DIR}/${label === 'persons' ? '' : 'by_sex/'}ons_mye_${year}_${GEOGRAPHY[year]}_syoa_${label}_selected.csv`;
      return { sex, file, ages: byAge(ref(file)) };
    });
    if (year === 2018) {
      // Purbeck ended in April 2019, so the mid-2018 workbook on 2019 codes lacks it: Nomis has it by sex.
      const [male, female] = [nomis2018(nomis, 'MALE'), nomis2018(nomis, 'FEMALE')];
      const purbeck = 'E07000051';
      sheets[1]!.ages.set(purbeck, male.get(purbeck)!);
      sheets[2]!.ages.set(purbeck, female.get(purbeck)!);
      sheets[0]!.ages.set(
        purbeck,
        male.get(purbeck)!.map((n, a) => n + female.get(purbeck)![a]!),
      );
    }
    for (const { sex, file, ages } of sheets) {
      for (const [code, single] of ages) {
        const source = year === 2018 && code === 'E07000051' ? `${nomisFile}${sex === 'ALL' ? ' (males + females)' : ''}` : file;
        for (const [band, holds] of Object.entries(BANDS)) {
          const n = single.reduce((sum, v, age) => (holds(age) ? sum + v : sum), 0);
          const key = `${code}|${date}|${band}|${sex}`;
          const held = alreadyHeld.get(key);
          if (held !== undefined) {
            if (Number(held) !== n) throw new Error(`mye: ${key} is ${n}, another file says ${held}`);
            continue;
          }
          out.push({
            area_code: code,
            area_kind: kindOf(code),
            basis: 'RESIDENT',
            reference_date: date,
            age_band: band,
            sex,
            count: String(n),
            source,
          });
        }
      }
    }
  }
  return out;
}
