/**
 * Builds the demo dataset in data/demo/ from
 *   - the reference CSVs in data/reference (slices of public data, with their provenance), and
 *   - the hand-curated seed-document facts in scripts/demo-data/documents.ts.
 *
 * Run from the repository root:  npx tsx scripts/demo-data/build.ts [output folder]
 *
 * The output is deterministic: same inputs, same bytes (test/demoBuild.test.ts rebuilds into
 * a temporary folder and compares it with data/demo). After writing, the checks in check.ts
 * are run and the build fails if any check fails. The quotes are also checked against the
 * seed papers when a folder of them is given in DEMO_SEEDS_DIR (default ../shared/seeds,
 * where the project keeps them; they are not shipped, so a clone skips that check).
 */
import fs from 'node:fs';
import path from 'node:path';
import { readCsv, stringifyCsv, type Cell, type Row } from './csv';
import { FILES, KEYS, compareKeys, type FileName } from './schema';
import { splitBySource } from './split';
import {
  AGREEMENTS,
  CARE_SERVICES,
  COMMISSIONED_SERVICES,
  COMMUNITY_HUBS,
  CROSSWALK,
  DTOC_AREAS,
  DTOC_FROM,
  DTOC_INDICATOR,
  DTOC_TO,
  ENGAGEMENT_ACTIVITIES,
  ENGAGEMENT_HELD_TEXT,
  EXTRA_SITES_OUTSIDE_LADS,
  FUNDS,
  GP_HUBS,
  LOCALITIES,
  ORGANISATIONS,
  OUTCOMES,
  OUTCOME_DOMAINS,
  PARTNERSHIPS,
  PARTNERSHIP_MEMBERS,
  PROPERTIES,
  SCHEMES,
  SEED_FILES,
  SERVICE_LINES,
  type IndicatorFact,
} from './documents';
import { dayAfter } from '../../src/model/organisationsInTime';
import { CCGS_ABOLISHED, SUCCESSIONS } from './organisations-in-time';
import {
  COMMUNITY_HUB_PERIODS,
  PILOTS,
  PROSPECTIVE_PARTIES,
  agreementPlanColumns,
  capacityColumns,
  engagementPlanTables,
  milestoneRows,
  objectiveItemRows,
  representationRows,
  sourceDocumentTables,
} from './document-tables';
import { ledgerQuarters } from './quarters';
import { STRUCTURES_PROVENANCE, structureTables } from './structures';
import { PLAN_OBJECTIVES, PLAN_STRATEGY, deadlineDate, joinParts } from './plan';
import {
  SCHEME_CLASSIFICATION,
  SYNTH_INDICATOR,
  SYNTH_OUTCOME,
  dtocTargets,
  synthIndicatorTargets,
  synthIndicatorValues,
  synthLedger,
} from './synthetic';
import { renderProvenance, renderReadme, type BuildReport, type ThurrockWardRow } from './provenance';
import { runChecks } from './check';
import { writeVoluntaryDirectories } from './voluntary';

const ROOT = path.resolve(__dirname, '..', '..');
const REF = path.join(ROOT, 'data', 'reference');
const OUT = path.resolve(process.argv[2] ?? path.join(ROOT, 'data', 'demo'));
const SEEDS = path.resolve(process.env.DEMO_SEEDS_DIR ?? path.join(ROOT, '..', 'shared', 'seeds'));

/** The five local authority districts of the demo (reference PROVENANCE "Area and organisation keys"). */
const DEMO_LADS = ['E06000034', 'E06000033', 'E07000069', 'E07000075', 'E07000051'] as const;

type Out = Record<string, Cell>;

function ref(rel: string): Row[] {
  return readCsv(path.join(REF, rel)).rows;
}

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`build: missing ${what}`);
  return value;
}

function odsDate(yyyymmdd: string | undefined): string | null {
  if (!yyyymmdd) return null;
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(yyyymmdd);
  if (!m) throw new Error(`build: bad ODS date ${yyyymmdd}`);
  return `${m[1]}-${m[2]}-${m[3]}`;
}

function normalisePostcode(raw: string): string {
  const s = raw.toUpperCase().replace(/\s+/g, '');
  return s.length > 3 ? `${s.slice(0, -3)} ${s.slice(-3)}` : s;
}

function blank(v: string | undefined | null): string | null {
  return v === undefined || v === null || v.trim() === '' ? null : v.trim();
}

/** The hospitals file only has OrganisationStatus "Visible" for these rows: listed = in use. */
function siteStatus(status: string | undefined, code: string): string {
  if (status === 'Visible') return 'IN_USE';
  throw new Error(`build: site ${code} has OrganisationStatus ${status}; add a mapping`);
}

function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const a = Math.sin(r(lat2 - lat1) / 2) ** 2 + Math.cos(r(lat1)) * Math.cos(r(lat2)) * Math.sin(r(lon2 - lon1) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(a));
}

function main(): void {
  if (!fs.existsSync(REF)) {
    throw new Error(`build: reference data not found at ${REF}.`);
  }
  const report: BuildReport = {
    rowCounts: {},
    thurrockWards: [],
    practicesLeftOut: [],
    sitesLeftOut: [],
    notes: [],
  };

  // ---- reference: postcodes, wards, population -------------------------------------------
  const codepoint = ref('postcodes/codepoint_open_2018-07_selected_lads.csv');
  const postcodeWard = new Map<string, string>();
  for (const r of codepoint) {
    const pc = must(r.Postcode_normalised, 'Postcode_normalised');
    const ward = must(blank(r.Admin_ward_code), `ward for ${pc}`);
    if (postcodeWard.has(pc)) throw new Error(`build: duplicate postcode ${pc}`);
    postcodeWard.set(pc, ward);
  }

  const wardRows = ref('geography/wards_2016-2026_selected_with_centroids.csv').filter(
    (r) => r.SOURCEFILE === '2016' && (DEMO_LADS as readonly string[]).includes(r.LADCD ?? ''),
  );
  const wards = new Map<string, { name: string; lad: string; lat: number; lon: number }>();
  for (const r of wardRows) {
    wards.set(must(r.WDCD, 'WDCD'), {
      name: must(r.WDNM, 'WDNM'),
      lad: must(r.LADCD, 'LADCD'),
      lat: Number(r.latitude),
      lon: Number(r.longitude),
    });
  }
  const population = new Map<string, { name: string; pop: number }>();
  for (const r of ref('population/ward18_population_mid2017_derived_from_lsoa_bestfit.csv')) {
    population.set(must(r.WD18CD, 'WD18CD'), { name: must(r.WD18NM, 'WD18NM'), pop: Number(r.AllAges_mid2017_sum_of_bestfit_LSOAs) });
  }
  for (const [code, w] of wards) {
    const p = population.get(code);
    if (p && p.name !== w.name)
      report.notes.push(`Ward ${code}: name "${w.name}" (wards file) vs "${p.name}" (population file); wards file name used.`);
  }
  for (const ward of new Set(postcodeWard.values())) {
    if (!wards.has(ward)) throw new Error(`build: postcode ward ${ward} is not in the 2016 ward set`);
  }

  // ---- reference: organisations ----------------------------------------------------------
  const ccg19 = new Map(ref('ons/ccg19_names_codes_2019-04_national.csv').map((r) => [r.CCG19CDH ?? '', r]));
  const ccg17 = new Map(ref('ons/ccg17_names_codes_2017-04_national.csv').map((r) => [r.CCG17CDH ?? '', r]));
  const eccg = new Map(ref('ods/eccg_ods2025_national.csv').map((r) => [r.OrganisationCode ?? '', r]));
  const etr = new Map(ref('ods/etr_ods2025_national.csv').map((r) => [r.OrganisationCode ?? '', r]));
  const eric = new Map(ref('ods/eric_2018-19_trust_data_selected_trusts.csv').map((r) => [r['Trust Code'] ?? '', r]));
  const mysoc = ref('geography/uk_local_authorities_mysociety_national.csv');
  const mysocByGss = new Map(mysoc.map((r) => [r['gss-code'] ?? '', r]));
  const mysocByCode = new Map(mysoc.map((r) => [r['local-authority-code'] ?? '', r]));

  const successorTargets = new Set(ORGANISATIONS.map((o) => o.successorId).filter((x): x is string => !!x));
  const orgById = new Map(ORGANISATIONS.map((o) => [o.id, o]));
  const partnerRows: Out[] = [];
  // Organisations in time: what each was called, coded and of what kind, over which dates.
  const periodRows: Out[] = [];
  const period = (
    o: { id: string },
    p: { from: string | null; to: string | null; name: string; kind: string; ods?: string | null; gss?: string | null; source: string },
  ) =>
    periodRows.push({
      organisation_id: o.id,
      position: periodRows.filter((r) => r.organisation_id === o.id).length + 1,
      valid_from: p.from,
      valid_to: p.to,
      name: p.name,
      kind: p.kind,
      ods_code: p.ods ?? null,
      gss_code: p.gss ?? null,
      source: p.source,
    });
  for (const o of ORGANISATIONS) {
    let name: string;
    let validFrom: string | null = null;
    let validTo: string | null = null;
    let gss: string | null = o.gss ?? null;
    if (o.nameFrom === 'ons_ccg') {
      const r19 = must(ccg19.get(must(o.ods, 'ods')), `ccg19 ${o.ods}`);
      const r17 = must(ccg17.get(o.ods ?? ''), `ccg17 ${o.ods}`);
      name = must(r19.CCG19NM, 'CCG19NM');
      if (r17.CCG17NM !== name) throw new Error(`build: ${o.ods} name differs between ccg17 and ccg19`);
      gss = must(r19.CCG19CD, 'CCG19CD');
      const e = must(eccg.get(o.ods ?? ''), `eccg ${o.ods}`);
      validFrom = odsDate(e.OpenDate);
      validTo = odsDate(e.CloseDate);
      const today = must(e.Name, 'eccg Name');
      if (!today.endsWith(` ICB - ${o.ods}`)) throw new Error(`build: ${o.ods} is not a sub-ICB location in eccg 2025 (${today})`);
      period(o, {
        from: validFrom,
        to: CCGS_ABOLISHED.lastDay,
        name,
        kind: 'CCG',
        ods: o.ods,
        gss,
        source: `ons/ccg19_names_codes_2019-04 CCG19NM (also ccg17); opened ods/eccg_ods2025 OpenDate; ${CCGS_ABOLISHED.source}`,
      });
      period(o, {
        from: CCGS_ABOLISHED.firstDayAfter,
        to: validTo,
        name: today,
        kind: 'SUB_ICB_LOCATION',
        ods: o.ods,
        source: `ods/eccg_ods2025_national Name (same ODS code); ${CCGS_ABOLISHED.source}`,
      });
    } else if (o.nameFrom === 'etr' || o.nameFrom === 'eric') {
      const t = must(etr.get(must(o.ods, 'ods')), `etr ${o.ods}`);
      name = o.nameFrom === 'etr' ? must(t.Name, 'Name') : must(eric.get(o.ods ?? '')?.['Trust Name'], `eric ${o.ods}`);
      validFrom = odsDate(t.OpenDate);
      validTo = odsDate(t.CloseDate);
      const today = must(t.Name, 'Name');
      if (today === name) {
        period(o, {
          from: validFrom,
          to: validTo,
          name,
          kind: 'NHS_TRUST',
          ods: o.ods,
          source: 'ods/etr_ods2025_national Name, OpenDate, CloseDate',
        });
      } else {
        // Renamed: it took over a predecessor, whose close date (the day before) dates the new name.
        const closes = ORGANISATIONS.filter((p) => p.successorId === o.id).map((p) =>
          odsDate(must(etr.get(p.ods ?? ''), `etr ${p.ods}`).CloseDate),
        );
        const closed = must(closes.sort().at(-1), `close date of a predecessor of renamed ${o.id}`);
        const renamedOn = dayAfter(closed);
        period(o, {
          from: validFrom,
          to: closed,
          name,
          kind: 'NHS_TRUST',
          ods: o.ods,
          source: 'ods/eric_2018-19_trust_data Trust Name; ods/etr_ods2025_national OpenDate',
        });
        period(o, {
          from: renamedOn,
          to: validTo,
          name: today,
          kind: 'NHS_TRUST',
          ods: o.ods,
          source: `ods/etr_ods2025_national Name (same ODS code); DERIVED start: the day after its predecessor closed (etr CloseDate ${closed.replace(/-/g, '')})`,
        });
      }
    } else if (o.nameFrom === 'mysociety') {
      const m = must(mysocByGss.get(must(o.gss, 'gss')), `mysociety ${o.gss}`);
      name = must(m['official-name'], 'official-name');
      validTo = blank(m['end-date']);
      // start-date is used only for a successor authority created in the period (Dorset Council,
      // 2019-04-01); for Thurrock and Southend the register's start-date (2005-06-20) is not the
      // date the council was established, so it is not used.
      if (successorTargets.has(o.id)) validFrom = blank(m['start-date']);
      const replacedBy = blank(m['replaced-by']);
      if (replacedBy || o.successorId) {
        const succ = must(orgById.get(must(o.successorId, `successor of ${o.id}`)), 'successor org');
        const succGss = must(mysocByCode.get(must(replacedBy, `replaced-by for ${o.id}`)), 'replaced-by row')['gss-code'];
        if (succ.gss !== succGss) throw new Error(`build: successor of ${o.id} does not match mysociety replaced-by`);
      }
      period(o, {
        from: validFrom,
        to: validTo,
        name,
        kind: 'COUNCIL',
        gss,
        source: 'geography/uk_local_authorities_mysociety official-name, start-date (for a successor authority), end-date',
      });
    } else {
      name = must(o.name, `document name for ${o.id}`);
      period(o, { from: null, to: null, name, kind: o.kind, source: `seed ${o.namedIn}` });
    }
    if (o.successorId && !validTo) throw new Error(`build: ${o.id} has a successor but no close date in the reference`);
    partnerRows.push({
      id: o.id,
      name,
      short_name: o.shortName,
      kind: o.kind,
      sector: o.sector,
      ods_code: o.ods ?? null,
      gss_code: gss,
      charity_number: null,
      valid_from: validFrom,
      valid_to: validTo,
      successor_id: o.successorId ?? null,
    });
  }

  // Successions: each close with a successor, from the day after the close date.
  const successionRows: Out[] = partnerRows.flatMap((r) => {
    if (!r.successor_id) return [];
    const succ = must(
      partnerRows.find((s) => s.id === r.successor_id),
      `successor ${r.successor_id}`,
    );
    const on = dayAfter(String(r.valid_to));
    const fact = must(SUCCESSIONS[String(r.id)], `a SUCCESSIONS entry for ${r.id}`);
    if (succ.valid_from && succ.valid_from > on) throw new Error(`build: ${succ.id} opens after ${r.id} closes`);
    return [
      {
        predecessor_id: r.id,
        successor_id: succ.id,
        effective_on: on,
        kind: fact.kind,
        description: fact.description,
        source: fact.source,
      },
    ];
  });

  // ---- hub: partnerships, members, agreements --------------------------------------------
  const partnershipRows: Out[] = PARTNERSHIPS.map((p) => ({
    id: p.id,
    name: p.name,
    short_name: p.shortName,
    governance_body: p.governanceBody,
    reports_to: JSON.stringify(p.reportsTo),
    description: p.description,
  }));
  const memberRows: Out[] = PARTNERSHIP_MEMBERS.map((m) => ({
    partnership_id: m.partnershipId,
    organisation_id: m.organisationId,
    role: m.role,
  }));
  const agreementRows: Out[] = [];
  const partyRows: Out[] = [];
  const signatoryRows: Out[] = [];
  for (const a of AGREEMENTS) {
    agreementRows.push({
      id: a.id,
      partnership_id: a.partnershipId,
      kind: a.kind,
      title: a.title,
      status: a.status,
      legally_binding: a.legallyBinding,
      agreed_on: a.agreedOn,
      agreed_text: a.agreedText,
      review_cycle: a.reviewCycle,
      first_review_on: a.firstReviewOn,
      principles: JSON.stringify(a.principles),
      objectives: JSON.stringify(a.objectives),
      source_document: `seeds/${SEED_FILES[a.seed]} (${a.sourceSection})`,
      ...agreementPlanColumns(a.id),
    });
    a.parties.forEach((p, i) =>
      partyRows.push({ agreement_id: a.id, organisation_id: p.organisationId, position: i + 1, named_as: p.namedAs }),
    );
    a.signatories.forEach((s, i) =>
      signatoryRows.push({
        agreement_id: a.id,
        position: i + 1,
        person_name: s.personName,
        role: s.role,
        organisation_id: s.organisationId,
      }),
    );
  }

  // ---- ccg: practices ---------------------------------------------------------------------
  const epraccur = ref('ods/epraccur_2019-12_selected_ccgs.csv');
  const epraccurByCode = new Map(epraccur.map((r) => [r.OrganisationCode ?? '', r]));
  const pcnMap = ref('ods/gp_practice_pcn_ccg_stp_map_2022-01_selected_ccgs.csv');
  const pcnByPractice = new Map(pcnMap.map((r) => [r.PRACTICE_CODE ?? '', r]));
  const practiceRows: Out[] = [];
  for (const r of epraccur) {
    if (r.PrescribingSetting !== '4') continue;
    const code = must(r.OrganisationCode, 'OrganisationCode');
    const pc = normalisePostcode(must(r.Postcode, 'Postcode'));
    if (!postcodeWard.has(pc)) {
      report.practicesLeftOut.push({ code, name: r.Name ?? '', ccg: r.Commissioner ?? '', postcode: pc, status: r.StatusCode ?? '' });
      continue;
    }
    practiceRows.push({
      ods_code: code,
      name: r.Name,
      ccg_code: r.Commissioner,
      pcn_code: blank(pcnByPractice.get(code)?.PCN_CODE),
      postcode: pc,
      status: r.StatusCode,
      open_date: odsDate(r.OpenDate),
      close_date: odsDate(r.CloseDate),
    });
  }

  // ---- ccg: GP hubs and commissioned services --------------------------------------------
  const gpHubRows: Out[] = [];
  const gpHubPostcode = new Map<string, string>();
  for (const h of GP_HUBS) {
    const e = must(epraccurByCode.get(h.epraccurCode), `epraccur ${h.epraccurCode}`);
    if (e.Commissioner !== h.ccgCode) throw new Error(`build: ${h.epraccurCode} commissioner mismatch`);
    const pc = normalisePostcode(must(e.Postcode, 'Postcode'));
    if (!postcodeWard.has(pc)) throw new Error(`build: GP hub postcode ${pc} not in postcode lookup`);
    gpHubPostcode.set(h.hubCode, pc);
    const status = e.StatusCode === 'A' ? 'OPEN' : e.StatusCode === 'C' ? 'CLOSED' : null;
    gpHubRows.push({
      hub_code: h.hubCode,
      name: e.Name,
      ccg_code: h.ccgCode,
      host_practice_ods: null,
      postcode: pc,
      status: must(status, `status for ${h.epraccurCode}`),
      opened_on: odsDate(e.OpenDate),
      opened_text: h.openedText,
      opening_hours: h.openingHours,
      seven_day_access: h.sevenDayAccess,
      ods_code: h.epraccurCode,
      credited_period: h.creditedPeriod,
    });
  }
  const commissionedRows: Out[] = COMMISSIONED_SERVICES.map((s) => {
    let postcode: string | null = null;
    if (s.postcodeFrom && 'epraccur' in s.postcodeFrom) {
      postcode = normalisePostcode(must(epraccurByCode.get(s.postcodeFrom.epraccur)?.Postcode, `epraccur ${s.postcodeFrom.epraccur}`));
    } else if (s.postcodeFrom && 'gpHub' in s.postcodeFrom) {
      postcode = must(gpHubPostcode.get(must(s.gpHubCode, 'gpHubCode')), 'hub postcode');
    }
    return {
      service_code: s.serviceCode,
      name: s.name,
      ccg_code: s.ccgCode,
      provider_ods: s.providerOds,
      care_setting: s.careSetting,
      gp_hub_code: s.gpHubCode,
      postcode,
      cohort: s.cohort,
      days_of_operation: s.daysOfOperation,
      funding_stream: s.fundingStream,
    };
  });

  // ---- hub: localities and locality_ward ------------------------------------------------
  const localityRows: Out[] = LOCALITIES.map((l) => ({
    id: l.id,
    code: l.code,
    name: l.name,
    place_gss: l.placeGss,
    partnership_id: l.partnershipId,
    description: l.description,
    pcn_code: l.wards.method === 'thurrock-pcn' ? l.wards.pcnCode : null,
    pilot: PILOTS[l.id] ?? null,
  }));
  const localityWardRows: Out[] = [];
  // Thurrock: DERIVED assignment of wards to PCN-based localities.
  const thurrockLocalities = LOCALITIES.flatMap((l) => (l.wards.method === 'thurrock-pcn' ? [{ l, w: l.wards }] : []));
  const pcnToLocality = new Map(thurrockLocalities.map(({ l, w }) => [w.pcnCode, l.id]));
  const thurrockWards = [...wards.entries()].filter(([, w]) => w.lad === 'E06000034');
  const practicesByWard = new Map<string, { code: string; pcn: string }[]>();
  for (const r of pcnMap) {
    if (r.CCG_CODE !== '07G') continue;
    const code = must(r.PRACTICE_CODE, 'PRACTICE_CODE');
    let pc = normalisePostcode(must(r.PRACTICE_POSTCODE, 'PRACTICE_POSTCODE'));
    if (!postcodeWard.has(pc)) pc = normalisePostcode(must(epraccurByCode.get(code)?.Postcode, `epraccur postcode ${code}`));
    const ward = must(postcodeWard.get(pc), `ward for practice ${code} (${pc})`);
    const pcn = must(r.PCN_CODE, 'PCN_CODE');
    if (!pcnToLocality.has(pcn)) throw new Error(`build: Thurrock PCN ${pcn} has no locality`);
    const list = practicesByWard.get(ward) ?? [];
    list.push({ code, pcn });
    practicesByWard.set(ward, list);
  }
  const assigned = new Map<string, ThurrockWardRow>();
  for (const [code, w] of thurrockWards) {
    const practices = practicesByWard.get(code) ?? [];
    if (practices.length === 0) continue;
    const counts = new Map<string, number>();
    for (const p of practices) counts.set(p.pcn, (counts.get(p.pcn) ?? 0) + 1);
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const top = must(ranked[0], 'top pcn');
    if (ranked[1] && ranked[1][1] === top[1]) throw new Error(`build: tie between PCNs in ward ${code}; add a tie-break rule`);
    assigned.set(code, {
      wardGss: code,
      wardName: w.name,
      practices: practices.map((p) => p.code).sort(),
      pcnCounts: ranked.map(([pcn, n]) => `${pcn}×${n}`).join(', '),
      localityId: must(pcnToLocality.get(top[0]), 'locality'),
      method: 'most practices',
      detail: '',
    });
  }
  const byPractices = [...assigned.values()]; // step 2 only: later steps must not chain off each other
  for (const [code, w] of thurrockWards) {
    if (assigned.has(code)) continue;
    // nearest ward centroid among the wards assigned by practices
    const nearest = byPractices
      .map((a) => {
        const o = must(wards.get(a.wardGss), 'ward');
        return { a, km: haversineKm(w.lat, w.lon, o.lat, o.lon) };
      })
      .sort((x, y) => x.km - y.km)[0];
    const near = must(nearest, 'nearest ward');
    const nearestText = `nearest practice ward centroid: ${near.a.wardName} (${near.km.toFixed(2)} km) → ${near.a.localityId}`;
    // name evidence: the ward's name contains a place named in exactly one locality's name
    const byName = thurrockLocalities.filter(({ w: lw }) =>
      lw.nameWords.some((word) => new RegExp(`\\b${word.replace(/[-]/g, '\\-')}\\b`, 'i').test(w.name)),
    );
    if (byName.length === 1) {
      const hit = must(byName[0], 'name hit');
      assigned.set(code, {
        wardGss: code,
        wardName: w.name,
        practices: [],
        pcnCounts: '',
        localityId: hit.l.id,
        method: 'name',
        detail: `ward name contains "${hit.w.nameWords.find((word) => new RegExp(`\\b${word}\\b`, 'i').test(w.name))}" from the locality name "${hit.l.name}" (would otherwise be: ${nearestText})`,
      });
    } else {
      assigned.set(code, {
        wardGss: code,
        wardName: w.name,
        practices: [],
        pcnCounts: '',
        localityId: near.a.localityId,
        method: 'nearest centroid',
        detail: nearestText,
      });
    }
  }
  report.thurrockWards = [...assigned.values()].sort((a, b) => (a.wardGss < b.wardGss ? -1 : 1));
  for (const a of report.thurrockWards) localityWardRows.push({ locality_id: a.localityId, ward_gss: a.wardGss });
  for (const l of LOCALITIES) {
    if (l.wards.method !== 'all-lad-wards') continue;
    for (const [code, w] of wards) if (w.lad === l.placeGss) localityWardRows.push({ locality_id: l.id, ward_gss: code });
  }
  const localityOfWard = new Map(localityWardRows.map((r) => [String(r.ward_gss), String(r.locality_id)]));

  // ---- council: wards ---------------------------------------------------------------------
  const wardOutRows: Out[] = [...wards.entries()].map(([code, w]) => ({
    gss_code: code,
    name: w.name,
    lad_gss: w.lad,
    population: population.get(code)?.pop ?? null,
  }));

  // ---- council: community hubs ------------------------------------------------------------
  const hubWard = new Map<string, string | null>();
  const communityHubRows: Out[] = COMMUNITY_HUBS.map((h) => {
    const matches = [...wards.entries()].filter(
      ([, w]) => w.lad === h.councilGss && h.placeName !== '' && w.name.toLowerCase() === h.placeName.toLowerCase(),
    );
    const ward = matches.length === 1 ? (matches[0] as [string, unknown])[0] : null;
    hubWard.set(h.hubRef, ward);
    return {
      hub_ref: h.hubRef,
      council_gss: h.councilGss,
      name: h.name,
      ward_gss: ward,
      status: h.status,
      opened_on: h.openedOn,
      opened_text: h.openedText,
      credited_period: COMMUNITY_HUB_PERIODS[h.hubRef] ?? null,
    };
  });

  // ---- trust: sites (nhs_website hospitals) ----------------------------------------------
  const hospitals = ref('nhs_website/hospitals_2018-01_national.csv');
  const hospitalByCode = new Map(hospitals.map((r) => [r.OrganisationCode ?? '', r]));
  const trustOds = new Set(ORGANISATIONS.filter((o) => o.kind === 'NHS_TRUST').map((o) => must(o.ods, 'trust ods')));
  const address = (r: Row) =>
    [r.Address1, r.Address2, r.Address3, r.City, r.County]
      .map(blank)
      .filter((x) => x)
      .join(', ') || null;
  const siteRows: Out[] = [];
  for (const r of hospitals) {
    const pc = normalisePostcode(r.Postcode ?? '');
    const code = must(r.OrganisationCode, 'OrganisationCode');
    const inLads = postcodeWard.has(pc);
    if (!inLads && !EXTRA_SITES_OUTSIDE_LADS.includes(code)) continue;
    const parent = r.ParentODSCode ?? '';
    if (!trustOds.has(parent)) {
      report.sitesLeftOut.push({ code, name: r.OrganisationName ?? '', parent: `${parent} ${r.ParentName ?? ''}`.trim(), postcode: pc });
      continue;
    }
    if (!inLads)
      report.notes.push(
        `Site ${code} (${r.OrganisationName}) postcode ${pc} is outside the five-LAD postcode lookup, so trust/site.postcode is empty for it.`,
      );
    siteRows.push({
      site_code: code,
      trust_ods: parent,
      name: r.OrganisationName,
      address: address(r),
      postcode: inLads ? pc : null,
      site_type: r.SubType && r.SubType !== 'UNKNOWN' ? r.SubType : null,
      status: siteStatus(r.OrganisationStatus, code),
    });
  }

  // ---- council: property (One Public Estate register, Wareham) ---------------------------
  const propertyRows: Out[] = PROPERTIES.map((p) => {
    const h = must(hospitalByCode.get(p.hospitalSiteCode), `hospital ${p.hospitalSiteCode}`);
    if (h.ParentODSCode !== p.ownerOds) throw new Error(`build: owner of ${p.hospitalSiteCode} is ${h.ParentODSCode}`);
    const pc = normalisePostcode(must(h.Postcode, 'Postcode'));
    return {
      asset_ref: p.assetRef,
      uprn: null,
      council_gss: p.councilGss,
      name: h.OrganisationName,
      address: address(h),
      postcode: pc,
      ward_gss: must(postcodeWard.get(pc), `ward for ${pc}`),
      owner_name: h.ParentName,
      owner_code: p.ownerOds,
      tenure: p.tenure,
      current_use: blank(h.OrganisationType),
      status: p.status,
      proposed_reuse: p.proposedReuse,
      // SYNTHETIC key: the row's other values are real, but its asset reference is invented.
      synthetic: p.assetRef.startsWith('SYNTH-'),
    };
  });

  // ---- council: care services -------------------------------------------------------------
  const careServiceRows: Out[] = CARE_SERVICES.map((s) => ({
    service_ref: s.serviceRef,
    council_gss: s.councilGss,
    name: s.name,
    provider_code: s.providerCode,
    care_setting: s.careSetting,
    hub_ref: s.hubRef,
    ward_gss: s.wardFromHub && s.hubRef ? (hubWard.get(s.hubRef) ?? null) : null,
    cohort: s.cohort,
    days_of_operation: s.daysOfOperation,
    funding_stream: s.fundingStream,
  }));

  // ---- trust: service lines ---------------------------------------------------------------
  const serviceLineRows: Out[] = SERVICE_LINES.map((s) => ({
    service_line_id: s.serviceLineId,
    trust_ods: s.trustOds,
    name: s.name,
    care_setting: s.careSetting,
    site_code: s.siteCode,
    cohort: s.cohort,
    days_of_operation: s.daysOfOperation,
  }));

  // ---- hub: crosswalk, postcode_ward ------------------------------------------------------
  const crosswalkRows: Out[] = CROSSWALK.flatMap((c) =>
    c.links.map((l) => ({
      kind: c.kind,
      entity_id: c.entityId,
      source: l.source,
      native_table: l.nativeTable,
      native_key: l.nativeKey,
    })),
  );
  const postcodeWardRows: Out[] = [...postcodeWard.entries()].map(([postcode, ward]) => ({ postcode, ward_gss: ward }));

  // ---- council: delivery-plan tracker (seed 001) ----------------------------------------
  const planStrategyRows: Out[] = [
    {
      strategy_ref: PLAN_STRATEGY.strategyRef,
      title: PLAN_STRATEGY.title,
      period_text: PLAN_STRATEGY.periodText,
      partnership_code: PLAN_STRATEGY.partnershipCode,
    },
  ];
  const planObjectiveRows: Out[] = [];
  const planAmbitionRows: Out[] = [];
  const planActionRows: Out[] = [];
  const actionStatusRows: Out[] = [];
  PLAN_OBJECTIVES.forEach((o, i) => {
    const objectiveRef = `THR-JHWS-O${String(i + 1).padStart(2, '0')}`;
    planObjectiveRows.push({
      objective_ref: objectiveRef,
      strategy_ref: PLAN_STRATEGY.strategyRef,
      theme: o.theme,
      title: o.title,
      position: i + 1,
    });
    o.ambitions.forEach((a, j) =>
      planAmbitionRows.push({
        ambition_ref: `${objectiveRef}-A${String(j + 1).padStart(2, '0')}`,
        objective_ref: objectiveRef,
        number: a.number,
        text: joinParts(a.parts),
      }),
    );
    o.actions.forEach((a, j) => {
      const actionRef = `${objectiveRef}-X${String(j + 1).padStart(2, '0')}`;
      const deadlineText = joinParts(a.deadline);
      planActionRows.push({
        action_ref: actionRef,
        objective_ref: objectiveRef,
        position: j + 1,
        title: joinParts(a.title),
        lead_person: a.lead,
        lead_org_code: a.leadOrg?.code ?? null,
        deadline_text: deadlineText || null,
        deadline_date: deadlineDate(deadlineText),
        comments: a.comments.length > 0 ? joinParts(a.comments) : null,
        ...capacityColumns(actionRef, a.comments.length > 0 ? joinParts(a.comments) : ''),
      });
      if (a.rag) actionStatusRows.push({ action_ref: actionRef, period: PLAN_STRATEGY.statusPeriod, rag: a.rag, comment: null });
    });
  });

  // ---- council: engagement activity (seed 004); "you said, we did" stays empty -----------
  const engagementRows: Out[] = ENGAGEMENT_ACTIVITIES.map((a) => ({
    activity_ref: a.activityRef,
    kind: a.kind,
    title: a.title,
    audience: a.audience,
    locality_code: null,
    held_on: null,
    held_text: ENGAGEMENT_HELD_TEXT,
    description: a.description,
  }));
  const youSaidWeDidRows: Out[] = [];

  // ---- hub: outcomes framework, indicators (real DToC + SYNTHETIC) -----------------------
  const outcomeDomainRows: Out[] = OUTCOME_DOMAINS.map((d) => ({
    id: d.id,
    partnership_id: d.partnershipId,
    name: d.name,
    description: d.description,
    position: d.position,
  }));
  const outcomeRows: Out[] = [...OUTCOMES, SYNTH_OUTCOME].map((o) => ({
    id: o.id,
    domain_id: o.domainId,
    name: o.name,
    description: o.description,
    synthetic: o === SYNTH_OUTCOME,
  }));
  const indicatorRow = (i: IndicatorFact): Out => ({
    id: i.id,
    outcome_id: i.outcomeId,
    name: i.name,
    unit: i.unit,
    polarity: i.polarity,
    measured_by: i.measuredBy,
    source_code: i.sourceCode,
    counts_people: i.countsPeople,
    published: i.published,
    synthetic: i === SYNTH_INDICATOR,
    periodicity: i.periodicity,
    suppression_threshold: i.suppressionThreshold ?? null,
    rounding_base: i.roundingBase ?? null,
  });
  const indicatorRows: Out[] = [indicatorRow(DTOC_INDICATOR), indicatorRow(SYNTH_INDICATOR)];

  // council/indicator_value.csv: REAL monthly DToC totals
  const dtoc = ref('social_care/dtoc_delayed_days_by_reason_2011-2019_selected_las.csv');
  const dtocByOrg = new Map(
    ref('social_care/dtoc_delayed_days_by_responsible_org_2011-2019_selected_las.csv').map((r) => [`${r.Name}|${r.period_iso}`, r]),
  );
  const dtocMonthly = new Map<string, number>();
  const dtocValueRows: Out[] = [];
  for (const area of DTOC_AREAS) {
    const rows = dtoc.filter((r) => r.Name === area.name);
    const seen = new Set<string>();
    for (const r of rows) {
      const month = must(r.period_iso, 'period_iso');
      if (seen.has(month)) throw new Error(`build: DToC ${area.name} has two rows for ${month}`);
      seen.add(month);
      if (/^E\d{8}$/.test(r.Code ?? '') && r.Code !== area.gss)
        throw new Error(`build: DToC ${area.name} ${month} has code ${r.Code}, expected ${area.gss}`);
      const total = must(r['Total Delayed Transfers of Care'], 'Total Delayed Transfers of Care');
      if (!/^\d+$/.test(total)) throw new Error(`build: DToC ${area.name} ${month} total "${total}" is not a whole number`);
      const byOrg = must(dtocByOrg.get(`${r.Name}|${month}`), `DToC by responsible org ${area.name} ${month}`);
      const orgSum = ['NHS', 'Social Care', 'Both'].reduce((s2, k) => s2 + Number(must(byOrg[k], k)), 0);
      if (orgSum !== Number(total)) throw new Error(`build: DToC ${area.name} ${month}: total ${total} != NHS+Social Care+Both ${orgSum}`);
      dtocMonthly.set(`${area.gss}|${month}`, Number(total));
      if (month < DTOC_FROM || month > DTOC_TO) continue;
      dtocValueRows.push({
        indicator_code: DTOC_INDICATOR.sourceCode,
        area_code: area.gss,
        period: month,
        value: total,
        numerator: null,
        denominator: null,
        synthetic: false,
      });
    }
  }

  // The England comparator of the same measure, from the same file (its rows are England's own returns).
  const comparatorRows: Out[] = dtoc
    .filter((r) => r.Name === 'England' && must(r.period_iso, 'period_iso') >= DTOC_FROM && r.period_iso! <= DTOC_TO)
    .map((r) => ({
      indicator_id: DTOC_INDICATOR.id,
      area_code: 'E92000001',
      area_name: 'England',
      period: r.period_iso!,
      value: must(r['Total Delayed Transfers of Care'], 'Total Delayed Transfers of Care'),
      numerator: null,
      denominator: null,
      source: 'social_care/dtoc_delayed_days_by_reason_2011-2019_selected_las.csv',
    }));

  // SYNTHETIC: ccg/indicator_value.csv, hub/indicator_target.csv
  const localityCodes = LOCALITIES.map((l) => l.code);
  const synthValueRows: Out[] = synthIndicatorValues(localityCodes).map((r) => ({ ...r, synthetic: true }));
  const targetRows: Out[] = [
    ...dtocTargets(
      DTOC_INDICATOR.id,
      DTOC_AREAS.map((a) => a.gss),
      (gss, m) => dtocMonthly.get(`${gss}|${m}`),
    ),
    ...synthIndicatorTargets(localityCodes),
  ].map((r) => ({ ...r, synthetic: true }));

  // ---- hub: fund and schemes; SYNTHETIC ledgers --------------------------------------------
  const fundRows: Out[] = FUNDS.map((f) => ({
    id: f.id,
    name: f.name,
    partnership_id: f.partnershipId,
    agreement_id: f.agreementId,
    host_organisation_id: f.hostOrganisationId,
    description: f.description,
  }));
  const schemeRows: Out[] = SCHEMES.map((s2) => ({
    id: s2.id,
    fund_id: s2.fundId,
    name: s2.name,
    description: s2.description,
    scheme_type: SCHEME_CLASSIFICATION[s2.id]?.schemeType ?? null,
    area_of_spend: SCHEME_CLASSIFICATION[s2.id]?.areaOfSpend ?? null,
    classification_synthetic: SCHEME_CLASSIFICATION[s2.id] ? true : null,
  }));
  const thurrockLocalityCodes = LOCALITIES.filter((l) => l.partnershipId === 'thurrock-alliance').map((l) => l.code);
  const ledgers = synthLedger(must(FUNDS[0], 'fund').id, SCHEMES, thurrockLocalityCodes);

  report.delivery = {
    dtocRows: DTOC_AREAS.map((a) => ({ ...a, n: dtocValueRows.filter((r) => r.area_code === a.gss).length })),
    smallNumerators: synthValueRows
      .filter((r) => Number(r.numerator) < 5)
      .map((r) => ({
        area: String(r.area_code),
        period: String(r.period),
        numerator: Number(r.numerator),
        denominator: Number(r.denominator),
      })),
    ledgerTotals: (['ccg', 'council'] as const)
      .flatMap((source) =>
        ledgers[source]
          .filter((r) => r.line_kind === 'CONTRIBUTION')
          .map((r) => ({
            fy: r.financial_year,
            source: `${source} (${r.org_code})`,
            planned: r.planned,
            actual: r.actual,
          })),
      )
      .sort((a, b) => (a.fy < b.fy ? -1 : a.fy > b.fy ? 1 : a.source < b.source ? -1 : 1)),
  };

  // ---- write ------------------------------------------------------------------------------
  // NHS and local-government structures and denominators (scripts/demo-data/structures.ts).
  const structures = structureTables(ref);
  const tables: Record<FileName, Out[]> = {
    'hub/partner_organisation.csv': partnerRows,
    'hub/organisation_period.csv': periodRows,
    'hub/organisation_succession.csv': successionRows,
    'hub/partnership.csv': partnershipRows,
    'hub/partnership_member.csv': memberRows,
    'hub/data_sharing.csv': dataSharingRows(partnershipRows.map((p) => String(p.id))),
    'hub/agreement.csv': agreementRows,
    'hub/agreement_party.csv': partyRows,
    'hub/agreement_objective_item.csv': objectiveItemRows(AGREEMENTS),
    'hub/agreement_representation.csv': representationRows(),
    'hub/agreement_prospective_party.csv': PROSPECTIVE_PARTIES.map((p) => ({
      agreement_id: p.agreementId,
      organisation_id: p.organisationId,
      named_as: p.namedAs,
    })),
    ...engagementPlanTables(),
    ...sourceDocumentTables(),
    'hub/partnership_milestone.csv': milestoneRows(),
    'hub/agreement_signatory.csv': signatoryRows,
    'hub/locality.csv': localityRows,
    'hub/locality_ward.csv': localityWardRows,
    'hub/postcode_ward.csv': postcodeWardRows,
    'hub/outcome_domain.csv': outcomeDomainRows,
    'hub/outcome.csv': outcomeRows,
    'hub/indicator.csv': indicatorRows,
    'hub/indicator_target.csv': targetRows,
    'hub/fund.csv': fundRows,
    'hub/scheme.csv': schemeRows,
    'hub/structure.csv': structures.structure,
    'hub/structure_link.csv': structures.structure_link,
    'hub/lsoa.csv': structures.lsoa,
    'hub/population_estimate.csv': structures.population_estimate,
    'hub/comparator_value.csv': comparatorRows,
    'hub/crosswalk.csv': crosswalkRows,
    'ccg/practice.csv': practiceRows,
    'ccg/gp_hub.csv': gpHubRows,
    'ccg/commissioned_service.csv': commissionedRows,
    'ccg/indicator_value.csv': synthValueRows,
    'ccg/ledger_line.csv': ledgers.ccg.map((r) => ({ ...r, synthetic: true })),
    'ccg/ledger_quarter.csv': ledgerQuarters(ledgers.ccg, 2018_1),
    'council/ward.csv': wardOutRows,
    'council/community_hub.csv': communityHubRows,
    'council/property.csv': propertyRows,
    'council/care_service.csv': careServiceRows,
    'council/indicator_value.csv': dtocValueRows,
    'council/ledger_line.csv': ledgers.council.map((r) => ({ ...r, synthetic: true })),
    'council/ledger_quarter.csv': ledgerQuarters(ledgers.council, 2018_2),
    'council/plan_strategy.csv': planStrategyRows,
    'council/plan_objective.csv': planObjectiveRows,
    'council/plan_ambition.csv': planAmbitionRows,
    'council/plan_action.csv': planActionRows,
    'council/action_status.csv': actionStatusRows,
    'council/engagement_activity.csv': engagementRows,
    'council/you_said_we_did.csv': youSaidWeDidRows,
    'trust/site.csv': siteRows,
    'trust/service_line.csv': serviceLineRows,
  };
  for (const [file, rows] of Object.entries(tables) as [FileName, Out[]][]) {
    rows.sort((a, b) => compareKeys(KEYS[file], a, b));
    const target = path.join(OUT, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, stringifyCsv(FILES[file], rows), 'utf8');
    report.rowCounts[file] = rows.length;
  }

  // facts for PROVENANCE.md
  const sharedEstate = CROSSWALK.filter((c) => c.kind === 'ESTATE' && new Set(c.links.map((l) => l.source)).size > 1).map((c) => {
    const prop = c.links.find((l) => l.source === 'council' && l.nativeTable === 'property');
    const p = propertyRows.find((r) => r.asset_ref === prop?.nativeKey);
    const ward = String(p?.ward_gss ?? '');
    return { entityId: c.entityId, ward, wardName: wards.get(ward)?.name ?? '', locality: localityOfWard.get(ward) ?? '' };
  });
  report.sharedEstate = sharedEstate;
  report.communityHubWards = COMMUNITY_HUBS.map((h) => ({
    hubRef: h.hubRef,
    name: h.name,
    placeName: h.placeName,
    ward: hubWard.get(h.hubRef) ?? null,
  }));
  report.wardNames = new Map([...wards.entries()].map(([k, v]) => [k, v.name]));
  report.localityOfWard = localityOfWard;

  fs.writeFileSync(path.join(OUT, 'PROVENANCE.md'), renderProvenance(report), 'utf8');
  fs.writeFileSync(path.join(OUT, 'README.md'), renderReadme(), 'utf8');
  fs.writeFileSync(path.join(OUT, 'PROVENANCE-structures.md'), STRUCTURES_PROVENANCE, 'utf8');

  for (const [file, n] of Object.entries(report.rowCounts)) console.log(`${String(n).padStart(6)}  ${file}`);
  // Checked by kind, then split into each partner organisation's own source (split.ts).
  const problems = [...runChecks(OUT, SEEDS), ...splitBySource(OUT)];
  if (problems.length > 0) {
    for (const p of problems) console.error(`CHECK FAILED: ${p}`);
    process.exitCode = 1;
  } else {
    console.log('all checks passed');
  }
  writeVoluntaryDirectories(OUT, SEEDS);
}

main();

/**
 * The demo partnerships' data-sharing configuration: each category shared with the
 * partnership's members (the audit trail with their editors), written out so the rule is
 * visible and a partnership can be changed by editing one line. No seed states an agreement
 * on data sharing, so every row is marked synthetic.
 */
function dataSharingRows(partnershipIds: readonly string[]): Out[] {
  const categories: [string, string][] = [
    ['PLAN_COMMENTS', 'ANALYST'],
    ['ESTATE_DISPOSAL', 'ANALYST'],
    ['INGEST_RECORDS', 'ANALYST'],
    ['BUDGET_DETAIL', 'ANALYST'],
    ['SMALL_NUMBERS', 'ANALYST'],
    ['AUDIT_TRAIL', 'EDITOR'],
  ];
  return partnershipIds.flatMap((partnership_id) =>
    categories.map(([category, min_role]) => ({
      partnership_id,
      category,
      reader: 'MEMBERS',
      min_role,
      description: 'Demo configuration: members of the partnership only (the default). No seed document states a data-sharing agreement.',
      synthetic: 'true',
    })),
  );
}
