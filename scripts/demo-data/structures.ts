/**
 * The demo's NHS and local-government structures and denominators, from the reference slices
 * in data/reference (`build.ts` calls `structureTables` and writes them with the rest):
 *
 *   hub/structure.csv       NHS regions, STPs/ICBs, CCGs/sub-ICB locations, PCNs, GP practices,
 *                           Health and Wellbeing Boards, councils (unitary, county, district)
 *                           and English regions, each row one body over one span of dates
 *   hub/structure_link.csv  child → parent, each link with its dates or the date it was observed
 *   hub/lsoa.csv            2011 LSOAs with their best-fit 2018 ward, MSOA and IMD 2019 rank
 *   hub/population_estimate.csv  denominators: resident (ONS mid-2017, by LSOA, ward best fit and
 *                           district) and GP-registered (practice list sizes, January 2021)
 *
 * Dates come from the sources where they give them (ODS open dates; the mySociety register's
 * council start and end dates; PCNs from July 2019, per the reference PROVENANCE); otherwise a
 * row says only when a source observed it (`observed_on`), never an invented date. The ICB
 * date (1 July 2022, when CCGs became sub-ICB locations) is the Health and Care Act 2022's.
 */
import type { Cell, Row } from './csv';
import { myeEstimates } from './mye';

type Out = Record<string, Cell>;

export function structureTables(
  ref: (file: string) => Row[],
): Record<'structure' | 'structure_link' | 'lsoa' | 'population_estimate', Out[]> {
  const structures: Out[] = [];
  const links: Out[] = [];

  const ICB_START = '2022-07-01';
  // NHS England's regions before and after its seven regions of 1 April 2019: the April 2018 lookup
  // has the selected CCGs in Y55 (Midlands and East of England) and Y58 (South West); ODS's
  // December 2019 practice file (epraccur, NationalGrouping) already has the Essex CCGs' practices
  // in Y61 (East of England). A region code in both (Y58) holds throughout.
  const REGIONS_2019 = '2019-04-01';
  const REGIONS_2018_END = '2019-03-31';
  const CCG_END = '2022-06-30';
  const PCN_START = '2019-07-01';
  const HWB_START = '2013-04-01';

  const title = (s: string) =>
    s
      .toLowerCase()
      .replace(/\b([a-z])/g, (c) => c.toUpperCase())
      .replace(/\bPcn\b/, 'PCN')
      .replace(/\bNhs\b/, 'NHS')
      .replace(/\bIcb\b/, 'ICB')
      .replace(/ And /g, ' and ')
      .replace(/ Of /g, ' of ');
  const isoDate = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;

  function structure(
    code: string,
    kind: string,
    name: string,
    gss: string | null,
    from: string | null,
    to: string | null,
    observed: string | null,
    source: string,
  ): void {
    structures.push({ code, valid_from: from, kind, name, gss_code: gss, valid_to: to, observed_on: observed, source });
  }
  function link(
    child: string,
    parent: string,
    relationship: string,
    from: string | null,
    to: string | null,
    observed: string | null,
    source: string,
  ): void {
    links.push({ child_code: child, parent_code: parent, relationship, valid_from: from, valid_to: to, observed_on: observed, source });
  }

  // ---- NHS: practices → PCNs → CCGs / sub-ICB locations → STPs / ICBs → NHS regions ----------
  const MAP = 'ods/gp_practice_pcn_ccg_stp_map_2022-01_selected_ccgs.csv';
  const map = ref(MAP);
  const OBSERVED_2022 = '2022-01-01';
  const seen = new Set<string>();
  const once = (key: string, add: () => void) => {
    if (!seen.has(key)) {
      seen.add(key);
      add();
    }
  };
  for (const r of map) {
    const pcn = r.PCN_CODE!;
    once(`practice ${r.PRACTICE_CODE}`, () => {
      structure(r.PRACTICE_CODE!, 'GP_PRACTICE', title(r.PRACTICE_NAME!), null, null, null, OBSERVED_2022, MAP);
      // No practice was in a PCN before PCNs began: membership (observed in 2022) starts with them.
      if (pcn !== 'U') link(r.PRACTICE_CODE!, pcn, 'MEMBER_OF_PCN', PCN_START, null, OBSERVED_2022, MAP);
      else link(r.PRACTICE_CODE!, r.CCG_CODE!, 'COMMISSIONED_BY', null, null, OBSERVED_2022, MAP);
    });
    if (pcn === 'U') continue; // "Unallocated": practices in no PCN
    once(`pcn ${pcn}`, () => {
      structure(pcn, 'PCN', title(r.PCN_NAME!), null, PCN_START, null, OBSERVED_2022, MAP);
      link(pcn, r.CCG_CODE!, 'PART_OF_CCG', PCN_START, CCG_END, OBSERVED_2022, MAP);
      link(pcn, r.CCG_CODE!, 'PART_OF_SUB_ICB_LOCATION', ICB_START, null, null, MAP);
    });
  }

  const ECCG = 'ods/eccg_ods2025_national.csv';
  const CCG19 = 'ons/ccg19_stp19_lookup_2019-04_national.csv';
  const REGION18 = 'ons/ccg18_nhse_region_local_office_lookup_2018-04_national.csv';
  const eccg = new Map(ref(ECCG).map((r) => [r.OrganisationCode!, r]));
  const ccg19 = new Map(ref(CCG19).map((r) => [r.CCG19CDH!, r]));
  const region18 = new Map(ref(REGION18).map((r) => [r.CCG18CDH!, r]));
  const EPRACCUR = 'ods/epraccur_2019-12_selected_ccgs.csv';

  const stps = new Map<string, { gss: string; name: string; region: string; regionGss: string; regionName: string }>();
  for (const r of map)
    stps.set(r.STP_CODE!, {
      gss: r.ONS_STP_CODE!,
      name: r.STP_NAME!,
      region: r.COMM_REGION_CODE!,
      regionGss: r.ONS_COMM_REGION_CODE!,
      regionName: r.COMM_REGION_NAME!,
    });
  const selectedCcgs = new Set(['07G', '99F', '99G', '11J']);
  for (const code of selectedCcgs) {
    const now = eccg.get(code)!;
    const in2019 = ccg19.get(code)!;
    const in2018 = region18.get(code)!;
    const opened = isoDate(now.OpenDate!);
    structure(code, 'CCG', in2019.CCG19NM!, in2019.CCG19CD!, opened, CCG_END, '2019-04-01', CCG19);
    const stp = map.find((r) => r.CCG_CODE === code)!.STP_CODE!;
    // ODS names a sub-ICB location "NHS <ICB> - <its old CCG code>".
    structure(code, 'SUB_ICB_LOCATION', `NHS ${stps.get(stp)!.name} ICB - ${code}`, in2019.CCG19CD!, ICB_START, null, null, ECCG);
    link(code, stp, 'PART_OF_STP', null, CCG_END, '2019-04-01', CCG19);
    link(code, stp, 'PART_OF_ICB', ICB_START, null, null, ECCG);
    const later = stps.get(stp)!.region;
    const changed = later !== in2018.NHSER18CDH;
    link(code, in2018.NHSER18CDH!, 'IN_NHS_REGION', null, changed ? REGIONS_2018_END : null, '2018-04-01', REGION18);
    if (changed) link(code, later, 'IN_NHS_REGION', REGIONS_2019, CCG_END, '2019-12-01', EPRACCUR);
    once(`region ${in2018.NHSER18CDH}`, () =>
      structure(
        in2018.NHSER18CDH!,
        'NHS_REGION',
        in2018.NHSER18NM!,
        in2018.NHSER18CD!,
        null,
        changed ? REGIONS_2018_END : null,
        '2018-04-01',
        REGION18,
      ),
    );
  }
  const regions2018 = new Set([...region18.values()].filter((r) => selectedCcgs.has(r.CCG18CDH!)).map((r) => r.NHSER18CDH!));
  for (const [code, stp] of stps) {
    structure(code, 'STP', stp.name, stp.gss, null, CCG_END, OBSERVED_2022, MAP);
    structure(code, 'ICB', `NHS ${stp.name} ICB`, stp.gss, ICB_START, null, null, ECCG);
    // The 2022 map (the STP's) and ODS in 2025 (the ICB's sub-ICB locations) agree. A region
    // that began in April 2019 holds from then: before it the STP was in its CCGs' 2018 region
    // (DERIVED: the selected CCGs of each STP agree).
    const isNew = !regions2018.has(stp.region);
    link(code, stp.region, 'IN_NHS_REGION', isNew ? REGIONS_2019 : null, null, null, `${MAP}; ${ECCG}`);
    if (isNew) {
      const ccgRegions = new Set(map.filter((r) => r.STP_CODE === code).map((r) => region18.get(r.CCG_CODE!)!.NHSER18CDH!));
      if (ccgRegions.size !== 1) throw new Error(`STP ${code}: its CCGs were in ${ccgRegions.size} regions in 2018`);
      link(code, [...ccgRegions][0]!, 'IN_NHS_REGION', null, REGIONS_2018_END, '2018-04-01', `${REGION18} (DERIVED: its CCGs' region)`);
    }
    once(`region ${stp.region}`, () =>
      structure(stp.region, 'NHS_REGION', stp.regionName, stp.regionGss, isNew ? REGIONS_2019 : null, null, OBSERVED_2022, MAP),
    );
  }

  // The slices are filtered to four CCGs and five districts, but an ICB or a county also holds members outside
  // them. Those are named, coded and linked (nothing else is known of them) so that a total rolled up over an ICB
  // or a county is known to lack them, rather than a sum of the selection passing for the whole.
  for (const [code, stp] of stps) {
    const prefix = `NHS ${stp.name} ICB - `.toUpperCase();
    for (const r of eccg.values()) {
      const sub = r.OrganisationCode!;
      if (selectedCcgs.has(sub) || !r.Name!.toUpperCase().startsWith(prefix) || r.CloseDate) continue;
      structure(sub, 'SUB_ICB_LOCATION', `NHS ${stp.name} ICB - ${sub}`, ccg19.get(sub)?.CCG19CD ?? null, ICB_START, null, null, ECCG);
      link(sub, code, 'PART_OF_ICB', ICB_START, null, null, ECCG);
    }
  }

  // ---- Local government: districts → counties, unitaries, regions; Health and Wellbeing Boards ----
  const LA = 'geography/uk_local_authorities_mysociety_national.csv';
  const authorities = ref(LA);
  const WARDS = 'ons/ward18_lad18_cty18_rgn_ctry_lookup_2018-12_selected.csv';
  const regionOf = new Map(ref(WARDS).flatMap((r) => [[r.LAD18CD!, r] as const, ...(r.CTY18CD ? [[r.CTY18CD, r] as const] : [])]));
  const COUNCIL_KIND: Record<string, string> = { UA: 'UNITARY_AUTHORITY', NMD: 'DISTRICT', CTY: 'COUNTY' };
  // The register's start-date for Thurrock and Southend (2005-06-20) is undocumented and is not
  // when they became unitary: that was 1 April 1998, by statutory order (a documented fact, not
  // in the reference data).
  const UNITARY_ORDER =
    'The Essex (Boroughs of Colchester, Southend-on-Sea and Thurrock and District of Tendring) (Structural, Boundary and Electoral Changes) Order 1996: unitary from 1998-04-01';
  const UNITARY_SINCE: Record<string, string> = { E06000033: '1998-04-01', E06000034: '1998-04-01' };
  const councils = ['E06000033', 'E06000034', 'E07000069', 'E07000075', 'E07000051', 'E10000012', 'E10000009', 'E06000059'];
  for (const gss of councils) {
    const la = authorities.find((a) => a['gss-code'] === gss)!;
    const kind = COUNCIL_KIND[la['local-authority-type']!]!;
    const [from, to] = [UNITARY_SINCE[gss] ?? (la['start-date'] || null), la['end-date'] || null];
    structure(gss, kind, la['official-name']!, gss, from, to, null, UNITARY_SINCE[gss] ? `${LA}; ${UNITARY_ORDER}` : LA);
    if (kind === 'DISTRICT') {
      const county = authorities.find((a) => a['local-authority-code'] === la['county-la'])!;
      link(gss, county['gss-code']!, 'IN_COUNTY', from, to, null, LA);
    }
    if (to && la['replaced-by']) {
      const successor = authorities.find((a) => a['local-authority-code'] === la['replaced-by'])!;
      link(gss, successor['gss-code']!, 'REPLACED_BY', successor['start-date'] || null, null, null, LA);
    }
    const region = regionOf.get(gss) ?? (gss === 'E06000059' ? regionOf.get('E07000051') : undefined);
    if (region) link(gss, region.GOR10CD!, 'IN_REGION', null, null, '2018-12-01', WARDS);
    if (kind !== 'DISTRICT') {
      // Upper-tier councils each have a Health and Wellbeing Board (Health and Social Care Act 2012).
      // A board is known by its council's GSS code (kind tells the two apart).
      const hwb = gss;
      structure(
        hwb,
        'HEALTH_AND_WELLBEING_BOARD',
        `${la['official-name']!.replace(/ (Borough |County )?Council$/, '')} Health and Wellbeing Board`,
        gss,
        from && from > HWB_START ? from : HWB_START,
        to,
        null,
        LA,
      );
    }
  }
  for (const county of councils.filter((gss) => authorities.find((a) => a['gss-code'] === gss)!['local-authority-type'] === 'CTY')) {
    const countyCode = authorities.find((a) => a['gss-code'] === county)!['local-authority-code'];
    for (const la of authorities.filter((a) => a['county-la'] === countyCode && !councils.includes(a['gss-code']!))) {
      const [from, to] = [la['start-date'] || null, la['end-date'] || null];
      structure(la['gss-code']!, 'DISTRICT', la['official-name']!, la['gss-code']!, from, to, null, LA);
      link(la['gss-code']!, county, 'IN_COUNTY', from, to, null, LA);
    }
  }
  for (const r of new Map([...regionOf.values()].map((w) => [w.GOR10CD!, w])).values()) {
    structure(r.GOR10CD!, 'REGION', r.GOR10NM!, r.GOR10CD!, null, null, '2018-12-01', WARDS);
  }

  // ---- LSOAs: best-fit ward (2018), MSOA (by the ONS naming rule), IMD 2019 ----------------------
  const LSOA = 'geography/lsoa11_selected_with_centroids.csv';
  const IMD = 'ons/imd2019_lsoa11_lookup_selected.csv';
  const MSOA = 'geography/msoa11_selected_with_hcl_names_and_centroids.csv';
  const imd = new Map(ref(IMD).map((r) => [r.LSOA11CD!, r.IMD19!]));
  const msoaByName = new Map(ref(MSOA).map((r) => [r.MSOA11NM!, r]));
  const lsoas: Out[] = ref(LSOA).map((r) => {
    // An LSOA's name is its MSOA's plus a letter (e.g. "Thurrock 001A" in "Thurrock 001").
    const msoa = msoaByName.get(r.LSOA11NM!.slice(0, -1));
    const rank = imd.get(r.LSOA11CD!);
    return {
      code: r.LSOA11CD,
      name: r.LSOA11NM,
      ward_gss: r.WD18CD,
      lad_gss: r.LAD18CD,
      msoa_code: msoa?.MSOA11CD ?? null,
      msoa_name: msoa?.MSOA11HCLNM ?? null,
      imd2019_rank: rank ?? null,
    };
  });

  // ---- Denominators -------------------------------------------------------------------------------
  const SAPE = 'population/ons_mid2017_population_lsoa_and_lad_selected.csv';
  const WARD_POP = 'population/ward18_population_mid2017_derived_from_lsoa_bestfit.csv';
  const LISTS = 'ods/gp_registered_patients_2021-01_selected_ccgs.csv';
  const estimate = (area_code: string, area_kind: string, basis: string, reference_date: string, count: string, source: string): Out => ({
    area_code,
    area_kind,
    basis,
    reference_date,
    age_band: 'ALL',
    sex: 'ALL',
    count,
    source,
  });
  const populations: Out[] = [
    ...ref(SAPE).map((r) => estimate(r.AreaCode!, r.AreaLevel!, 'RESIDENT', '2017-06-30', r.AllAges_mid2017!, SAPE)),
    ...ref(WARD_POP).map((r) => estimate(r.WD18CD!, 'WARD', 'RESIDENT', '2017-06-30', r.AllAges_mid2017_sum_of_bestfit_LSOAs!, WARD_POP)),
    ...ref(LISTS)
      .filter((r) => r.SEX === 'ALL' && r.AGE === 'ALL')
      .map((r) => estimate(r.CODE!, 'PRACTICE', 'GP_REGISTERED', '2021-01-01', r.NUMBER_OF_PATIENTS!, LISTS)),
  ];

  const held = new Map(
    populations.map((r) => [`${String(r.area_code)}|${String(r.reference_date)}|${String(r.age_band)}|${String(r.sex)}`, String(r.count)]),
  );
  populations.push(...myeEstimates(ref, held));

  return { structure: structures, structure_link: links, lsoa: lsoas, population_estimate: populations };
}

/** data/demo/PROVENANCE-structures.md, written by the build beside the tables. */
export const STRUCTURES_PROVENANCE = `# Demo dataset: NHS and local-government structures (provenance)

Generated by \`npx tsx scripts/demo-data/structures.ts\` from the reference data (\`../shared/data/reference/\`,
described in its own PROVENANCE.md), which users of this repository do not have; the CSVs are the shipped artefact.
No value in these files is synthetic.

| file | rows | what |
| --- | --- | --- |
| \`hub/structure.csv\` | 225 | NHS regions, STPs and ICBs, CCGs and sub-ICB locations, PCNs, GP practices, Health and Wellbeing Boards, councils and English regions: one row per body per span of dates, keyed by code and kind |
| \`hub/structure_link.csv\` | 252 | child → parent links (MEMBER_OF_PCN, COMMISSIONED_BY, PART_OF_CCG, PART_OF_SUB_ICB_LOCATION, PART_OF_STP, PART_OF_ICB, IN_NHS_REGION, IN_COUNTY, IN_REGION, REPLACED_BY) |
| \`hub/lsoa.csv\` | 344 | 2011 LSOAs of the five districts with best-fit 2018 ward, MSOA and IMD 2019 rank |
| \`hub/population_estimate.csv\` | 1491 | denominators: resident (ONS mid-2017 by LSOA and district; by ward, DERIVED by best fit; ONS mid-2014 to mid-2020 by age band and sex for districts, counties, the East of England and England) and GP-registered (practice list sizes, January 2021, all ages, persons) |

## Sources, per column

- Practices, PCNs, their CCGs, STPs and NHS regions: \`ods/gp_practice_pcn_ccg_stp_map_2022-01_selected_ccgs.csv\`
  (NHS Digital, "Patients Registered at a GP Practice" mapping, extract 1 January 2022; OGL v3). Names are title-cased
  from the file's capitals. These rows and links have no dates in the source: \`observed_on\` is the extract date.
  PCNs, and practices' membership of them, start on 2019-07-01 (PCNs began in July 2019, per the reference
  PROVENANCE): no link answers before it. Practices in no PCN ("U", unallocated) are linked to their CCG
  (\`COMMISSIONED_BY\`).
- CCG names and GSS codes (E38): \`ons/ccg19_stp19_lookup_2019-04_national.csv\` (ONS, April 2019; OGL v3); CCG open dates
  from \`ods/eccg_ods2025_national.csv\` (\`OpenDate\`, NHS England ODS, about 2025; OGL v3); CCG → STP observed April 2019.
- CCG → NHS England region in 2018 (\`Y55\`, \`Y58\`, E40): \`ons/ccg18_nhse_region_local_office_lookup_2018-04_national.csv\`
  (ONS, April 2018; OGL v3), \`observed_on\` 2018-04-01. NHS England's seven regions began on 2019-04-01: \`Y55\`
  (Midlands and East of England) ends on 2019-03-31 and \`Y61\` (East of England) starts on 2019-04-01, as ODS's
  December 2019 practice file agrees (\`ods/epraccur_2019-12_selected_ccgs.csv\`: the Essex CCGs' open practices are
  in \`Y61\`, only closed ones in \`Y55\`), which dates the CCGs' \`Y61\` links (to 2022-06-30). \`Y58\` (South West) is in
  both and holds throughout. An STP's region before April 2019 is its CCGs' (DERIVED; they agree).
- Sub-ICB locations and ICBs: CCGs became sub-ICB locations of ICBs on **1 July 2022** (Health and Care Act 2022); the
  CCG and STP rows end on 2022-06-30 and the sub-ICB location and ICB rows (same ODS and GSS codes) start on
  2022-07-01. Sub-ICB names follow ODS ("NHS MID AND SOUTH ESSEX ICB - 07G" in \`eccg_ods2025\`); the ICB's name is the
  STP name in the same form (DERIVED). ICB → region: the 2022 map and ODS 2025 agree, so the link is undated.
- The other members of the selection's ICBs and counties (Mid and South Essex's sub-ICB locations 06Q and 99E; Essex's
  and Dorset County Council's other districts): code, name, GSS code, dates and the one link to their ICB or county,
  from the same national files (\`eccg_ods2025\`, mySociety), and nothing else, so that a total over an ICB or a county
  is known to lack them rather than a sum of the selection passing for the whole.
- Councils (unitary, county, district), their start and end dates, county and successor: \`geography/uk_local_authorities_mysociety_national.csv\`
  (mySociety, CC BY 4.0: "Contains data from mySociety's uk_local_authority_names_and_codes"), except that the
  register's undocumented start-date for Thurrock and Southend (2005-06-20) is replaced by the day they became unitary,
  1998-04-01 (The Essex (Boroughs of Colchester, Southend-on-Sea and Thurrock and District of Tendring) (Structural,
  Boundary and Electoral Changes) Order 1996; a documented fact, named in the row's source); English regions (E12):
  \`ons/ward18_lad18_cty18_rgn_ctry_lookup_2018-12_selected.csv\` (ONS, December 2018; OGL v3), \`observed_on\` 2018-12-01.
- Health and Wellbeing Boards: one per upper-tier council (Health and Social Care Act 2012, boards from 2013-04-01),
  known by the council's GSS code; dates are the council's where later (Dorset Council's from 2019-04-01) and end
  with it (Dorset County Council's on 2019-03-31). Names are DERIVED from the council's name.
- LSOAs: \`geography/lsoa11_selected_with_centroids.csv\` (ONS LSOA11 → WD18 best fit; OGL v3); IMD 2019 national rank
  from \`ons/imd2019_lsoa11_lookup_selected.csv\` (MHCLG via ONS; OGL v3); MSOA code and House of Commons Library name
  from \`geography/msoa11_selected_with_hcl_names_and_centroids.csv\` (OGL v3; HCL names under the Open Parliament
  Licence), matched by the ONS naming rule that an LSOA's name is its MSOA's plus a letter (DERIVED).

- Denominators: \`population/ons_mid2017_population_lsoa_and_lad_selected.csv\` (ONS SAPE20DT1, mid-2017, all ages; OGL
  v3) for LSOAs and districts, \`reference_date\` 2017-06-30; \`population/ward18_population_mid2017_derived_from_lsoa_bestfit.csv\`
  for wards (DERIVED in the reference data: LSOA estimates summed by the LSOA→ward best fit, not official ward
  estimates); \`ods/gp_registered_patients_2021-01_selected_ccgs.csv\` (NHS Digital, "Patients Registered at a GP
  Practice", January 2021, all persons; OGL v3), \`reference_date\` 2021-01-01.
- Denominators by age, sex and year: \`population/mye/\` (ONS mid-year estimates MYE2, single year of age, mid-2014 to
  mid-2020, persons and by sex; OGL v3; see its own PROVENANCE.md) for the districts, Essex and Dorset counties, the East
  of England region (E12000006) and England (E92000001), \`reference_date\` 30 June of each year, \`area_kind\` LAD,
  COUNTY, REGION or COUNTRY. The bands ALL, 0-17, 18+, 18-64 and 65+ are sums of the single years (DERIVED); sex ALL,
  MALE, FEMALE. Each vintage is on its own year's geography: Purbeck and Dorset County to mid-2017 and Purbeck mid-2018
  (from the Nomis extract, males + females), Dorset Council from mid-2018. The mid-2017 district totals equal SAPE's and are
  not repeated. Wards, LSOAs and localities have mid-2017 all-age estimates only, so their per-head figures for another
  year use mid-2017 and say \`matchesYear: false\`.

Attribution: Contains public sector information licensed under the Open Government Licence v3.0. Source: Office for
National Statistics licensed under the OGL v3.0. Contains data from mySociety (CC BY 4.0). Contains Parliamentary
information licensed under the Open Parliament Licence v3.0.

## Also added by the same change (not in PROVENANCE.md, which \`build.ts\` generates)

- \`hub/indicator.csv\`: \`periodicity\` (MONTH for the monthly DToC situation reports; QUARTER for the synthetic
  indicator), \`suppression_threshold\` and \`rounding_base\` (empty: the hub's policy applies).
- \`ccg/ledger_line.csv\`, \`council/ledger_line.csv\`: \`funding_stream\` — **SYNTHETIC**, like the ledgers themselves:
  the CCG's lines are \`NHS_MINIMUM\` (the NHS minimum contribution) and the council's \`LA_ADDITIONAL\`; no seed
  gives the demo fund's funding streams.
- \`hub/scheme.csv\`: \`scheme_type\`, \`area_of_spend\` and \`classification_synthetic\` (true) — **SYNTHETIC**: the demo's
  own reading of the seeds' scheme descriptions against the BCF return's scheme types (interim beds at Collins House:
  bed-based intermediate care, social care; the frailty pathway: integrated care planning and navigation, community
  health; Local Area Coordination: prevention / early intervention, social care).
- \`ccg/ledger_quarter.csv\`, \`council/ledger_quarter.csv\` — **SYNTHETIC** (96 rows): quarterly monitoring of the
  synthetic 2018/19 allocation lines, generated by \`npx tsx scripts/demo-data/quarters.ts\` (spend to date a cumulative
  share of the line's actual, forecast outturn the planned amount × 0.97–1.03 until Q4, then the actual).
`;
