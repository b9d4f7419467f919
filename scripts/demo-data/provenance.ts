/**
 * Renders data/demo/PROVENANCE.md and data/demo/README.md from the facts build.ts computed
 * (row counts, the derived Thurrock ward table, rows left out), so the documentation always
 * matches the CSVs.
 */
import type { FileName } from './schema';
import {
  AGREEMENTS,
  AGREEMENTS_LEFT_OUT,
  CROSSWALK,
  GP_HUBS,
  ORGANISATIONS,
  ORGANISATIONS_LEFT_OUT,
  PROPERTIES,
  SEED_FILES,
  SEED_TITLES,
  type SeedId,
} from './documents';
import {
  ccgDeliverySections,
  councilDeliverySections,
  hubDeliverySections,
  syntheticSection,
  type DeliveryReport,
} from './provenance-delivery';

export interface ThurrockWardRow {
  wardGss: string;
  wardName: string;
  practices: string[];
  pcnCounts: string;
  localityId: string;
  method: 'most practices' | 'name' | 'nearest centroid';
  detail: string;
}

export interface BuildReport {
  rowCounts: Partial<Record<FileName, number>>;
  thurrockWards: ThurrockWardRow[];
  practicesLeftOut: { code: string; name: string; ccg: string; postcode: string; status: string }[];
  sitesLeftOut: { code: string; name: string; parent: string; postcode: string }[];
  notes: string[];
  sharedEstate?: { entityId: string; ward: string; wardName: string; locality: string }[];
  communityHubWards?: { hubRef: string; name: string; placeName: string; ward: string | null }[];
  wardNames?: Map<string, string>;
  localityOfWard?: Map<string, string>;
  delivery?: DeliveryReport;
}

/** Reference files used, with their source and commit exactly as ../shared/data/reference/PROVENANCE.md gives them. */
const REFS: Record<string, { source: string; licence: string }> = {
  'ods/epraccur_2019-12_selected_ccgs.csv': {
    source:
      'NHS Digital ODS epraccur, December 2019 release, filtered to commissioners 07G/99F/99G/11J; github.com/psychty/primary-care-geographies `epraccur.csv` @ abc5ff0de635a97c9d611a6ec07396abf11db80a',
    licence: 'OGL v3',
  },
  'ods/gp_practice_pcn_ccg_stp_map_2022-01_selected_ccgs.csv': {
    source:
      'NHS Digital "Patients Registered at a GP Practice" practice→PCN→CCG map, EXTRACT_DATE 01Jan2022; github.com/nhsx-mirror/SystemHierarchies `data/gp-reg-pat-prac-map.csv` @ c4d6cff5a8ca65ee287814ee312d0cdfa0c35833',
    licence: 'OGL v3',
  },
  'ods/etr_ods2025_national.csv': {
    source:
      'NHS Digital / NHS England ODS etr (NHS trusts), ~2025 extract; github.com/jhau/nhs-spend `data/etr.csv` @ e602ea98154e694e9afddca87e50caef0b8488b9',
    licence: 'OGL v3',
  },
  'ods/eccg_ods2025_national.csv': {
    source:
      'NHS England ODS eccg (CCGs / sub-ICB locations), ~2025 extract; github.com/jhau/nhs-spend `data/eccg.csv` @ e602ea98154e694e9afddca87e50caef0b8488b9',
    licence: 'OGL v3',
  },
  'ods/eric_2018-19_trust_data_selected_trusts.csv': {
    source:
      'NHS Digital ERIC 2018/19 trust-level file; github.com/UKHSA-Internal/coronavirus-hospital-onset-dashboard `lookup/ERIC - 201819 - TrustData v4.csv` @ 343efb782fc45d8f18afafa4668f82a9e9c62cc9',
    licence: 'OGL v3',
  },
  'ons/ccg19_names_codes_2019-04_national.csv': {
    source:
      'ONS "Clinical Commissioning Groups (April 2019) Names and Codes in England"; github.com/jtrim-ons/ons-lookups `csv/273.csv` @ 85d0ba6e476badf3861d8dc7485aecf40598d031',
    licence: 'OGL v3',
  },
  'ons/ccg17_names_codes_2017-04_national.csv': {
    source:
      'ONS "Clinical Commissioning Groups (April 2017) Names and Codes in England (Version 3)"; github.com/jtrim-ons/ons-lookups `csv/270.csv` @ 85d0ba6e476badf3861d8dc7485aecf40598d031',
    licence: 'OGL v3',
  },
  'geography/uk_local_authorities_mysociety_national.csv': {
    source:
      'mySociety register of UK local authorities (data package v1.7.3); github.com/mysociety/uk_local_authority_names_and_codes `data/packages/uk_la_future/uk_local_authorities_future.csv` @ 67ef8b118938678401a452f4f19f669a7221cc73',
    licence: 'CC BY 4.0 (mySociety)',
  },
  'geography/wards_2016-2026_selected_with_centroids.csv': {
    source:
      'ONS ward lists and centroids compiled by David Kane; github.com/drkane/geo-lookups `ward_all_codes.csv` + `ward_latlong.csv` @ e20a072d5fc0918437abaa3622be63f40b71d9dd (rows with SOURCEFILE = 2016 are used: the 2016–2018 set for Thurrock, Southend, Castle Point, Rochford and the 2015 set for Purbeck)',
    licence: 'OGL v3 (ONS); the repository itself has no licence file',
  },
  'population/ward18_population_mid2017_derived_from_lsoa_bestfit.csv': {
    source:
      'DERIVED in the shared reference folder: ONS mid-2017 LSOA population estimates (SAPE20DT1; github.com/hsma-programme/hsma6_geographic_optimisation_and_visualisation_book @ 36269cc0b0173085eca5fd318b561e19235808ef) summed by the ONS LSOA11→WD18 best-fit lookup (jtrim-ons/ons-lookups csv/168 @ 85d0ba6e476badf3861d8dc7485aecf40598d031)',
    licence: 'OGL v3',
  },
  'postcodes/codepoint_open_2018-07_selected_lads.csv': {
    source:
      'OS Code-Point Open 2018.3.0 (July 2018), every postcode in the five LADs; github.com/megan-stamper/nhs-project `codepo_gb/Data/CSV/*.csv` @ 8e8824c7502b563452aa1ac4f333ee02e7a38dd5',
    licence: 'OS OpenData / OGL v3',
  },
  'social_care/dtoc_delayed_days_by_reason_2011-2019_selected_las.csv': {
    source:
      'NHS England Statistics, Delayed Transfers of Care monthly situation reports (LA type B), delayed days by reason, April 2011 – December 2019; github.com/psychty/DTOC `DToC_Days_Reason_for_Delay.csv` @ a789281edfacc62c8b9d4cc66d2969685b568151 (filtered to Thurrock, Southend, Essex, Dorset, England; `period_iso` derived)',
    licence: 'OGL v3',
  },
  'social_care/dtoc_delayed_days_by_responsible_org_2011-2019_selected_las.csv': {
    source:
      'As above, by responsible organisation (NHS, Social Care, Both); github.com/psychty/DTOC `DToC_Days_Responsible_Organisation.csv` @ a789281edfacc62c8b9d4cc66d2969685b568151 (used only to cross-check the monthly totals)',
    licence: 'OGL v3',
  },
  'nhs_website/hospitals_2018-01_national.csv': {
    source:
      'NHS Choices "Hospital" dataset, January 2018; github.com/TheRealMolen/nhs `data/Hospital.csv` @ 51414f42a0490cbc7fa980758e18513ef7b8c0a8',
    licence:
      'published as open data by NHS Choices (listed under the OGL); the copied file carries no licence text – check before wider redistribution',
  },
};

function seed(id: SeedId): string {
  return `seed ${id} (\`${SEED_FILES[id]}\`)`;
}

function table(header: string[], rows: string[][]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

export function renderProvenance(r: BuildReport): string {
  const n = (f: FileName) => {
    const c = r.rowCounts[f] ?? 0;
    return `${c} ${c === 1 ? 'row' : 'rows'}`;
  };
  const wardName = (code: string) => r.wardNames?.get(code) ?? '';
  const out: string[] = [];
  const p = (...lines: string[]) => out.push(...lines);

  p(
    '# Demo dataset: provenance',
    '',
    'Generated by `npx tsx scripts/demo-data/build.ts` (do not edit by hand; edit `scripts/demo-data/documents.ts` or the build script and re-run).',
    '',
    'Every value in these files comes from one of the five seed documents (`../shared/seeds/`) or from the reference data',
    '(`data/reference/`, copied into this repository and described in its own PROVENANCE.md), **except** the values listed under **SYNTHETIC** at the',
    'end: the indicator targets (`hub/indicator_target.csv`), one synthetic locality-level indicator (`hub/outcome.csv` and',
    '`hub/indicator.csv` rows keyed `SYNTH-…`, and all of `ccg/indicator_value.csv`), the pooled-fund ledgers',
    '(`ccg/ledger_line.csv`, `council/ledger_line.csv`, line refs `SYNTH-…`) and the council property key `SYNTH-PROP-0001`.',
    'Those are generated deterministically for the demo and are not real figures. Where a value is **DERIVED** the method is',
    'given below. Where no source gives a value the cell is empty (NULL).',
    '',
    '## Conventions',
    '',
    '- UTF-8, comma-separated, header row, RFC 4180 quoting (a field is quoted only if it contains a comma, quote or line break; quotes are doubled); records end with LF. Empty cell = NULL.',
    '- Dates are `YYYY-MM-DD`. Where a source gives only a month (e.g. "March 2019", "opened May 14", "first review in April 2020"), the date column holds the **first day of that month** and the matching `*_text` column (where the table has one) keeps the original wording. Exception: a plan action\'s `deadline_date` holds the **last** day of the month it names (a deadline means by the end of the month; rule under council/plan_action.csv). ODS dates (`YYYYMMDD`) are reformatted, not changed.',
    '- Periods (`indicator_value`, `indicator_target`, `action_status`) are `YYYY-MM` (a month), `2014/15` (a financial year, April–March) or `2017/18 Q1` (a quarter of one). Money is decimal pounds with pence.',
    '- Booleans are `true`/`false`. `[json]` columns hold a JSON array of strings.',
    '- Postcodes are in the normalised one-space form of `Postcode_normalised` in the Code-Point file.',
    '- Rows are sorted by their key (code-point order).',
    '- Quoted text (principles, objectives, `named_as`, signatory names and roles) is copied from the seeds; `scripts/demo-data/check.ts` verifies each quote against the seed text. Markdown emphasis from the seed conversion (`*…*`) is dropped; line breaks inside a quote become spaces; the three sub-bullets of Purbeck objective 2 are joined as ": a; b; c".',
    '',
    '## Sources',
    '',
    '### Seed documents (`../shared/seeds/`)',
    '',
    table(
      ['seed', 'file', 'document'],
      (Object.keys(SEED_FILES) as SeedId[]).map((id) => [id, `\`${SEED_FILES[id]}\``, SEED_TITLES[id]]),
    ),
    '',
    "The seed documents are public papers of Thurrock Council / Thurrock Health and Wellbeing Board, the South East Essex partners and Purbeck District Council. No licence statement accompanies the copies in `../shared/seeds/`; the dataset reproduces short factual extracts and the agreements' principles and objectives, with attribution to the issuing bodies.",
    '',
    '### Reference files (`data/reference/`)',
    '',
    table(
      ['file', 'source (repository, path @ commit)', 'licence'],
      Object.entries(REFS).map(([f, x]) => [`\`${f}\``, x.source, x.licence]),
    ),
    '',
    '### Attribution (copied from the shared reference PROVENANCE.md)',
    '',
    '- Contains public sector information licensed under the Open Government Licence v3.0 (NHS Digital / NHS England / ODS / ERIC; ONS lookups and population estimates).',
    '- Source: Office for National Statistics licensed under the OGL v3.0. Contains OS data © Crown copyright and database right [year].',
    '- OS Code-Point Open: Contains OS data © Crown copyright and database right 2018; Contains Royal Mail data © Royal Mail copyright and database right 2018; Contains National Statistics data © Crown copyright and database right 2018.',
    '- mySociety uk_local_authority_names_and_codes: CC BY 4.0 (mySociety).',
    '- drkane/geo-lookups: data from the ONS Geoportal under OGL v3 (the repository itself has no licence file).',
    '- NHS Choices (NHS website) datasets: published as open data by NHS Choices, which listed them under the OGL. The copied files contain no licence text, so check this before any wider redistribution.',
    '',
  );

  // ------------------------------------------------------------------------------------ hub
  p(
    '## hub/',
    '',
    `### hub/partner_organisation.csv — ${n('hub/partner_organisation.csv')}`,
    '',
    '- `id`: lowercase slug chosen for the demo (not a real-world identifier).',
    '- `name`: CCGs from `ons/ccg19_names_codes_2019-04` `CCG19NM` (checked identical in `ons/ccg17_names_codes_2017-04`); trusts from `ods/etr_ods2025` `Name` as given (upper case), except RAJ, whose etr name is the post-2020 "MID AND SOUTH ESSEX NHS FOUNDATION TRUST" — its 2018/19 name is taken from `ods/eric_2018-19` `Trust Name`; councils from mySociety `official-name`; voluntary bodies as the seeds write them (Healthwatch Thurrock as `docs/domain.md` writes it; seed 004 writes "Thurrock Healthwatch", kept as `short_name`).',
    '- `short_name`: the abbreviation the seeds use (e.g. "CAVs", "SAVs", "SUHFT", "EPUT", "ECC", "SBC", "CPRCCG", "Southend CCG", "Thurrock CCG", "BTUH", "NELFT", "SEPT", "EEAS", "Dorset Healthcare", "Thurrock CVS"). Empty where the seeds only use a generic term ("the Council", "the County Council", "the District Council", "(CCG)") or no abbreviation.',
    '- `kind`, `sector`: classification from the seeds / `docs/domain.md`.',
    '- `ods_code`: CCG and trust ODS codes (reference PROVENANCE key table; confirmed in `ods/eccg`, `ods/etr`).',
    '- `gss_code`: councils — GSS code from mySociety `gss-code`; CCGs — the ONS CCG code (`CCG19CD`, E38…).',
    '- `charity_number`: always empty — no source in the reference data (deliberately not looked up).',
    '- `valid_from` / `valid_to`: CCGs from `ods/eccg` `OpenDate` / `CloseDate` (no close date: the codes continue as sub-ICB locations); trusts from `ods/etr` `OpenDate` / `CloseDate` (RWN closed 2017-03-31, R1L opened 2017-04-01, RDD closed 2020-03-31); councils from mySociety `end-date` (Purbeck and Dorset County Council end 2019-03-31) and, for Dorset Council only, `start-date` (2019-04-01). mySociety gives Thurrock and Southend a `start-date` of 2005-06-20, whose meaning the reference does not document (it is not presented as the date the councils were established), so it is not used (empty). Voluntary bodies: empty.',
    '- `successor_id`: Purbeck District Council and Dorset County Council → `dorset-council` (mySociety `replaced-by` = DST, checked by the build); SEPT (RWN) → `eput` (R1L) (reference PROVENANCE and `docs/domain.md`: SEPT closed 2017 and its services passed to EPUT); BTUH (RDD) → `suhft` (RAJ) (reference PROVENANCE: RDD closed 2020-03-31 and RAJ became Mid and South Essex NHS FT from 2020-04-01; `docs/domain.md`: BTUH and Southend University Hospital merged in 2020).',
    '- `dorset-council` is not named in any seed; it is included only as the successor organisation.',
    '',
    'Where each organisation is named in the seeds:',
    '',
    table(
      ['id', 'named in'],
      ORGANISATIONS.map((o) => [o.id, o.namedIn]),
    ),
    '',
    'Named in the seeds but **not** included as partner organisations:',
    '',
    table(
      ['organisation', 'seed', 'why left out'],
      ORGANISATIONS_LEFT_OUT.map((o) => [o.name, o.seed, o.why]),
    ),
    '',
    `### hub/organisation_period.csv — ${n('hub/organisation_period.csv')}`,
    '',
    "- Organisations in time: one row per period of an organisation's name, kind and codes; the `source` column of each row names the reference file and column (or the seed) it comes from. `partner_organisation.csv` keeps each organisation as the seeds recorded it; these rows say what it was called before and after.",
    '- **CCGs** (07G, 99F, 99G, 11J): period 1 from the ODS `OpenDate` (2013-04-01) to 2022-06-30 under the ONS 2019 CCG name and GSS code; period 2 from 2022-07-01 under the ODS eccg 2025 name (e.g. "NHS MID AND SOUTH ESSEX ICB - 07G"), kind `SUB_ICB_LOCATION`, same ODS code, no GSS code (none in the reference data). The change date, 1 July 2022 (CCGs abolished and ICBs established by the Health and Care Act 2022), is **not in a reference file**; it is the one date here taken from legislation, and each row says so.',
    '- **Trusts**: ODS etr 2025 `Name`, `OpenDate`, `CloseDate`. RAJ has two periods: "SOUTHEND UNIVERSITY HOSPITAL NHS FOUNDATION TRUST" (ERIC 2018/19 trust name) to 2020-03-31, and "MID AND SOUTH ESSEX NHS FOUNDATION TRUST" (etr 2025) from 2020-04-01. **DERIVED**: that date is the day after its predecessor RDD (BTUH) closed (etr `CloseDate` 20200331); etr gives RAJ\'s original open date only.',
    '- **Councils**: mySociety `official-name`, `start-date` (Dorset Council only; see partner_organisation) and `end-date`. **Voluntary bodies**: the seed name, no dates (none known).',
    '',
    `### hub/organisation_succession.csv — ${n('hub/organisation_succession.csv')}`,
    '',
    "- One row per organisation with a `successor_id`: `effective_on` = the day after the predecessor's close date; `kind`, `description` and `source` from `scripts/demo-data/organisations-in-time.ts`: BTUH → RAJ (MERGER, 2020-04-01; etr RDD CloseDate, RAJ 2025 name), SEPT → EPUT (TRANSFER, 2017-04-01; etr RWN CloseDate, R1L OpenDate), Purbeck District Council and Dorset County Council → Dorset Council (REORGANISATION, 2019-04-01; mySociety end-date, replaced-by, start-date).",
    '',
    `### hub/engagement_plan.csv — ${n('hub/engagement_plan.csv')}; hub/engagement_plan_party.csv — ${n('hub/engagement_plan_party.csv')}; hub/engagement_plan_stakeholder.csv — ${n('hub/engagement_plan_stakeholder.csv')}`,
    '',
    '- Seed 004 (`004_c29daff56d4e6e8f.txt`), the July 2014 communication and engagement plan, as one object (facts in `scripts/demo-data/document-facts.ts`). By line of the seed file: `title` line 1; `subtitle` line 3; `version_text` line 5; `status` DRAFT (line 5 "Draft"); `issued_on`/`issued_text` line 9 "July 2014" (first of the month); `integrated_by_year` 2018, line 15 "expected to be fully integrated by 2018"; `initial_focus` line 35; `vision_principles` lines 21–29 (the five numbered principles); `guided_by` line 57; `engagement_principles` lines 63–66; `communication_principles` lines 73–76; `part_of`, `overseen_by`, `reports_to` line 80; `engagement_group` line 118; `key_questions` lines 147–155 (the trailing ";" dropped); `review_after_months` [3, 6, 12] and `review_text` line 159.',
    '- `engagement_plan_party`: the six bodies of line 7 ("Jointly produced by …") in that order, with `named_as` as line 7 writes them and `roles`: PRODUCER (line 7), PRINCIPLES_AUTHOR (line 19: the Council and the CCG "together with" the VCS, Healthwatch, the CRG and the Coalition "have already developed the high level principles"), COMMISSIONER (the Council and the CCG, line 17; citizens co-produce "with the Council and the CCG", line 53), ENGAGEMENT_GROUP_MEMBER (line 120: "The Group\'s membership includes: Thurrock CVS, Thurrock Healthwatch, Thurrock Commissioning Reference Group and Thurrock Coalition"). The Clinical / Commissioning Reference Group has no `organisation_id`: it is not a registered organisation (see "Named in the seeds but not registered"). `source_lines` gives the lines.',
    '- `engagement_plan_stakeholder`: lines 93–102, one row per bullet, as written; `organisation_ids` only where the bullet names registered organisations (line 97 Thurrock Council; line 98 Thurrock CCG; line 98 NELFT, SEPT, BTUH, EEAS).',
    '',
    `### hub/agreement.csv (next steps) and hub/agreement_prospective_party.csv — ${n('hub/agreement_prospective_party.csv')}`,
    '',
    '- `thurrock-alliance-agreement-planned` (status PLANNED): seed 000 line 33 (§3.3) "exploring producing a formal Alliance Agreement … a draft of this agreement will be available by early 2019, so that it can be operational in 2019/20" → `operational_period` 2019/20, `expected_text` "a draft available by early 2019". No parties: the report names none.',
    '- `thurrock-draft-mou-2018`: `considered_by` seed 000 line 15 ("presented to the HWB and partner agency Boards for consideration and comment"); `expected_text`/`expected_on` line 20 ("endorsing the final version at its meeting in January 2019"; first of the month). `principles` seed 000 §3.1 (line 32: "by adopting it organisations will be confirming their intent to work in a collegiate fashion"; "Working in this way will require the continued deepening of trust across the Thurrock Alliance"). Its parties and the rest of its text are in Appendix A, which is not part of the seed, so no parties are recorded.',
    '- `se-essex-locality-partnership-mou-2019`: `reviewed_by` seed 002 line 90 ("This review will be conducted by the South East Essex Locality Partnership"). `agreement_prospective_party`: seed 002 line 38 ("we would welcome the participation of Castle Point and Rochford District Councils"); `named_as` is that phrase.',
    '- `hub/agreement_objective_item.csv`: the three bullets under Purbeck objective 2 (seed 003 lines 72–74), one row each; the build checks the objective text (which keeps them joined as ": a; b; c") ends with them.',
    "- `hub/source_document.csv`, `hub/source_document_person.csv`: the five seed documents themselves (`scripts/demo-data/document-facts.ts` SOURCE_DOCUMENTS): title, kind, the meeting each was put to and its date, the recommendation, and the people each names with the capacity and post as written and `source_line` = the line of the seed file (seed 000 lines 1–9, 20; seed 003 lines 3, 5, 20, 50). Roger Harris's organisation is left empty: the seed names his post but not the organisation.",
    '- `council/community_hub.csv` `credited_period`: the reporting period seed 001 credits the opening to or plans it in (line 164: "Two Hubs are open (South Ockendon and Chadwell) and Tilbury and Stifford Clays opening in 2015/16"): THR-CH-01 and THR-CH-02 2014/15, THR-CH-03 and THR-CH-04 2015/16.',
    '- `hub/agreement_representation.csv`: seed 002 line 36, primary care (general practice) represented in the interim by the two CCGs (99F, 99G), `basis` quoted from the same line.',
    '- `hub/partnership_milestone.csv`: dated events the documents report, in their words, with `source_line`: seed 000 line 24 (February 2016, Thurrock CCG shared its transformation plan), line 27 (September 2017, Public Health Thurrock launched "The Case for Change"; actor Thurrock Council, whose public health team it is), line 28 (November 2017, endorsed by the Health Overview and Scrutiny Committee; PLANNED: replicated across the other three localities "over the next 18 months"); seed 003 line 20 (22 November 2017, Policy Group\'s recommendation). Purbeck agreement `considered_by` Policy Group and Council (seed 003 line 20) and `expected_text` (line 16).',
    '- `locality.pilot`: seed 000 line 28 (§2.4), the new model of care "is now being piloted in Tilbury and Chadwell" (endorsed by the Health Overview and Scrutiny Committee in November 2017); empty for the other localities.',
    '- `council/plan_action.csv` `capacity`, `capacity_unit`, `capacity_quote`: a number the action\'s comments count, with the quote (checked to be in the comments): THR-JHWS-O04-X07 12 interim beds (seed 001 line 51 "Better Care Fund will fund 12 beds"); THR-JHWS-O10-X01 9 local area coordinators (seed 001 line 112 "LACs have expanded to a total of 9 LACs.").',
    '',
    `### hub/partnership.csv — ${n('hub/partnership.csv')}`,
    '',
    `- **thurrock-alliance**: name from ${seed('000')} §3.1 ("the Thurrock Alliance"). \`governance_body\` empty (none named). \`reports_to\` = ["Thurrock Health and Wellbeing Board"]: the report on the Alliance's draft MoU is made to the Thurrock HWB, which is asked to consider it and endorse the final version (§1.1). \`description\` summarises the seed.`,
    `- **south-east-essex-locality-partnership**: ${seed('002')}. \`governance_body\` = "South East Essex Partnership" and \`reports_to\` = Southend and Essex Health and Wellbeing Boards (Governance section).`,
    `- **purbeck-masterplan-partnership**: ${seed('003')}. \`governance_body\` empty and \`reports_to\` empty: the MoU says a local governance structure and programme Board *will be* established.`,
    '- `short_name`: empty (no seed gives one).',
    '',
    `### hub/partnership_member.csv — ${n('hub/partnership_member.csv')}`,
    '',
    '- Thurrock Alliance: only NHS Thurrock CCG and Thurrock Council, the two organisations seed 000 names as partners (§2.1–2.3). The seed refers to unnamed "statutory and non-statutory partners"; the Thurrock voluntary bodies (seed 004) and NHS providers (seeds 001, 004) are not recorded as Alliance members because no seed says they are.',
    '- South East Essex: the eight parties listed in seed 002 ("Parties to the Memorandum of Understanding"). Castle Point and Rochford District Councils are only welcomed as future parties and are not members.',
    '- Purbeck: the four parties listed in the seed 003 MoU.',
    '- `role`: short description of the basis ("party to the MoU"; for Thurrock, what seed 000 says each partner did).',
    '',
    `### hub/data_sharing.csv — ${n('hub/data_sharing.csv')} — **wholly SYNTHETIC**`,
    '',
    "- Demo configuration, not a fact of the seeds: no seed document states a data-sharing agreement. Each partnership shares each data category (schema/access.graphql `DataCategory`) with its own members, partner analysts and up, and its audit trail with member editors: the hub's default, written out so it can be edited. `synthetic` = true on every row. docs/access.md explains the rule.",
    '',
    `### hub/agreement.csv — ${n('hub/agreement.csv')}`,
    '',
    table(
      ['id', 'kind / status / legally_binding', 'dates', 'source and notes'],
      AGREEMENTS.map((a) => [
        a.id,
        `${a.kind} / ${a.status} / ${a.legallyBinding}`,
        `agreed_on ${a.agreedOn ?? '(empty)'}; agreed_text "${a.agreedText ?? ''}"; review ${a.reviewCycle ?? '(empty)'}; first review ${a.firstReviewOn ?? '(empty)'}`,
        `${seed(a.seed)} — ${a.sourceSection}. ${a.notes}`,
      ]),
    ),
    '',
    '- **Thurrock draft MoU** (seed 000): DRAFT and not legally binding (§1.1, §3.1). The MoU text (Appendix A) is not part of the seed, so `principles`, `objectives` and its parties are empty. `agreed_on` is empty; `agreed_text` records the November 2018 draft.',
    '- **South East Essex MoU** (seed 002): SIGNED because "Each organisation named above has formally signed off this MoU". `agreed_on` = 2019-03-01 (first-of-month convention for the "March 2019" date on the signature page); `agreed_text` = "March 2019". `review_cycle` = "annually"; `first_review_on` = 2020-04-01 ("the first review in April 2020"). The 11 principles are the bulleted "Key principles", verbatim; the objectives are the four bullets of the "overall system ambition" under "Our objectives".',
    '- **Purbeck MoU** (seed 003): FINAL, not SIGNED — the report recommends that the MoU "is signed by the Chief Executive" and the appendix has a "Signed" block with organisation names only; the seed does not confirm signature. Not legally binding ("it will not be legally binding or legally enforceable by any party"). Objectives: the four numbered objectives; principles: the seven paragraphs under "Overarching Principles".',
    '- **Section 75 agreements** (seed 001): only what seed 001 says. The Better Care Pooled Fund S75 — "Development and agreement of the Better Care Pooled Fund S75 Agreement" → FINAL (agreed; signature not mentioned). The revised mental-health section 75 agreement with SEPT — "Section 75 agreement signed and implemented" → SIGNED. `legally_binding` = true for both because a Section 75 agreement is the legal vehicle for pooled NHS/council budgets (`docs/domain.md`), not because the seed says so. Both are attached to the `thurrock-alliance` partnership (the Thurrock partnership in this dataset; seed 000 lists the Better Care Fund among the partners\' joint work programmes) although they predate the "Alliance" name.',
    '- `source_document`: the seed file and the sections used.',
    '',
    'Agreements mentioned in the seeds but **not** recorded:',
    '',
    ...AGREEMENTS_LEFT_OUT.map((x) => `- ${x}`),
    '',
    `### hub/agreement_party.csv — ${n('hub/agreement_party.csv')}`,
    '',
    '- SE Essex (8) and Purbeck (4): the parties in the order the MoU lists them (`position`), `named_as` exactly as written (e.g. "Essex Partnership NHS Foundation Trust (EPUT)", "Southend University NHS Foundation (SUHFT)" — sic).',
    '- Better Care Pooled Fund S75: Thurrock Council and NHS Thurrock CCG — **DERIVED**: seed 001 does not name the parties; seed 004 says the Council and the CCG create the Better Care Fund plan (a single pooled budget) and that the Health and Social Care Transformation Programme, which owns the "Pooled Fund Arrangements (Section 75 Agreement)" work stream in seed 001, is "a joint governance arrangement between Thurrock Council and Thurrock Clinical Commissioning Group". `named_as` empty (the agreement text is not available).',
    '- Mental-health S75: SEPT only ("Work with the provider SEPT … through the revised section 75 agreement"); the commissioning party is not named, so it is not recorded. `named_as` empty.',
    '- Thurrock draft MoU: no parties (not listed in seed 000).',
    '',
    `### hub/agreement_signatory.csv — ${n('hub/agreement_signatory.csv')}`,
    '',
    "- SE Essex: the eight signatories on the seed 002 signature page, in printed order, with name and role as printed (Janis Gibson has no role → empty; Malcolm McCann's role is printed over two lines and joined with a space).",
    '- Purbeck: the four organisations of the "Signed" block; `person_name` and `role` empty (the seed gives none).',
    '',
    `### hub/locality.csv — ${n('hub/locality.csv')}`,
    '',
    '- **Thurrock (4)**: seed 000 §2.4 says the new model of care is piloted in Tilbury and Chadwell and will be replicated "across the other three localities in the borough". The seeds do not name the other three; the demo uses the four Thurrock Primary Care Networks of `ods/gp_practice_pcn_ccg_stp_map_2022-01` as the localities: Tilbury and Chadwell (U06243), Grays (U68127), Aveley, South Ockendon and Purfleet — ASOP (U28765), Stanford-le-Hope (U98530). PCNs began in July 2019, after the seeds; using them as the 2018 localities is an assumption of the demo.',
    '- **South East Essex (3)**: seed 002 speaks of "the emerging localities within SE Essex" but does not name or define any. The demo uses **one locality per local authority area** — Southend-on-Sea, Castle Point, Rochford — and says so in each `description`. These are not the partnership\'s own localities.',
    '- **Purbeck (1)**: the former Purbeck district (E07000051), the masterplan area of seed 003.',
    '- `id`, `code`: demo identifiers (e.g. `THR-TILBURY-CHADWELL`). `place_gss`: the LAD GSS code.',
    '- `pcn_code`: for the four Thurrock localities, the `PCN_CODE` of the PCN each is built from (above; `ods/gp_practice_pcn_ccg_stp_map_2022-01`); empty elsewhere (no PCN corresponds to a whole district).',
    '',
    `### hub/locality_ward.csv — ${n('hub/locality_ward.csv')}`,
    '',
    '- South East Essex and Purbeck localities: **all wards of the LAD** in `geography/wards_2016-2026…` rows with `SOURCEFILE` = 2016 (Southend 17, Castle Point 14, Rochford 13 — the 2016–2018 set; Purbeck 13 — the 2015 set).',
    '- **Thurrock: DERIVED.** Method, applied to the 20 Thurrock wards of the 2016 set (codes unchanged 2013–2019):',
    '  1. Take every Thurrock (CCG 07G) practice in the PCN map (Jan 2022), and find its ward: `PRACTICE_POSTCODE` → `Admin_ward_code` in the Code-Point file (all 27 practice postcodes are in the 2018 Code-Point file).',
    '  2. A ward with practices goes to the PCN that holds most of its practices (there were no ties).',
    '  3. A ward with no practice whose **name contains a place named in exactly one locality name** goes to that locality. This step exists for one ward: *Chadwell St Mary* contains "Chadwell" from "Tilbury and Chadwell" (seed 000 names that locality). By centroid alone it would go to Grays (nearest practice ward Little Thurrock Rectory, 1.95 km, versus Tilbury St Chads 2.16 km).',
    '  4. Any other ward with no practice goes to the locality of the **nearest ward centroid** (great-circle distance between `latitude`/`longitude` centroids in the wards file) among the wards assigned in step 2.',
    '',
    'Result:',
    '',
    table(
      ['ward_gss', 'ward', 'practices (PCN map)', 'practices per PCN', 'locality', 'method', 'detail'],
      r.thurrockWards.map((w) => [
        w.wardGss,
        w.wardName,
        w.practices.join(' ') || '—',
        w.pcnCounts || '—',
        w.localityId,
        w.method,
        w.detail || '',
      ]),
    ),
    '',
    `### hub/postcode_ward.csv — ${n('hub/postcode_ward.csv')}`,
    '',
    '- Every row of `postcodes/codepoint_open_2018-07_selected_lads.csv`: `Postcode_normalised` → `Admin_ward_code` (ward GSS as at 2018). It covers every postcode used in the ccg, council and trust files (checked).',
    '',
    `### hub/crosswalk.csv — ${n('hub/crosswalk.csv')}`,
    '',
    'Explicit identity links only (two partner records that are the same real thing). `entity_id` is a demo slug.',
    '',
    table(
      ['kind', 'entity_id', 'links', 'why'],
      CROSSWALK.map((c) => [c.kind, c.entityId, c.links.map((l) => `${l.source}/${l.nativeTable}/${l.nativeKey}`).join('; '), c.why]),
    ),
    '',
    ...(r.sharedEstate ?? []).map(
      (e) =>
        `- The estate in both a council source and a trust source is **${e.entityId}**: ward ${e.ward} (${e.wardName}) → locality **${e.locality}**.`,
    ),
    '- Not linked (no second partner record): the Grays GP hub\'s ODS address is "Thurrock Comm Hospital, Long Lane", RM16 2PX — the same postcode as trust site R1L50 Thurrock Community Hospital — but `gp_hub` is not an estate record, so no ESTATE link is made.',
    '',
    ...hubDeliverySections(n),
  );

  // ------------------------------------------------------------------------------------ ccg
  p(
    '## ccg/',
    '',
    `### ccg/practice.csv — ${n('ccg/practice.csv')}`,
    '',
    '- From `ods/epraccur_2019-12_selected_ccgs.csv`, rows with `PrescribingSetting` = 4 (GP practices). `ods_code` = `OrganisationCode`, `name` = `Name` (as given), `ccg_code` = `Commissioner`, `postcode` = `Postcode`, `status` = `StatusCode` (A/C/D/P as given), `open_date`/`close_date` = `OpenDate`/`CloseDate` reformatted.',
    '- `pcn_code`: `PCN_CODE` from `ods/gp_practice_pcn_ccg_stp_map_2022-01` where the practice is in that map (practices closed before 2022 have none → empty).',
    `- **Scope:** only practices whose postcode lies in the five demo LADs (i.e. is in the Code-Point file), so every practice postcode resolves in \`postcode_ward\`. This keeps all 07G, 99F and 99G practices and the Purbeck practices of NHS Dorset CCG (11J); **${r.practicesLeftOut.length} NHS Dorset CCG practices elsewhere in Dorset are left out**: ${r.practicesLeftOut.map((x) => x.code).join(', ')}.`,
    '',
    `### ccg/gp_hub.csv — ${n('ccg/gp_hub.csv')}`,
    '',
    '- Seed 001: "four \'extended access\' GP hubs have been planned. The opening of the Hubs will be phased."; "Primary Care capacity has been expanded through the delivery of 4 GP hubs with extended opening hours. One of the 4 GP hubs will open in April 15."; Successes 14/15: "One GP Hub opened in Corringham."',
    '- Seed 001 names only Corringham. **DERIVED identification:** `ods/epraccur_2019-12` has exactly four NHS Thurrock CCG (07G) prescribing cost centres named "… HUB", all opened in 2015 (Y04999 CORRINGHAM HUB 2015-04-25, Y05075 TILBURY HUB 2015-06-20, Y05129 GRAYS HUB 2015-08-01, Y05130 PURFLEET HUB 2015-09-05). The demo takes these as the four extended-access hubs. Their names, postcodes, open dates and status come from that ODS file; nothing about the other three hubs is invented.',
    "- `hub_code`: demo key `07G-HUB-<PLACE>`. `name`: ODS `Name`. `ccg_code`: 07G. `postcode`: ODS `Postcode`. `status`: OPEN (ODS `StatusCode` A in December 2019). `opened_on`: ODS `OpenDate` of the hub's cost centre. For Corringham the seed lists the opening under 2014/15 achievements while ODS gives 2015-04-25; `opened_text` keeps the seed wording. `opened_text` is empty for the three hubs the seeds do not name.",
    '- `ods_code`: the hub\'s own ODS code (its prescribing cost centre in `ods/epraccur_2019-12`, table below). `credited_period`: the reporting period the seed credits the opening to, where it does: Corringham `2014/15` (seed 001, "Thurrock Council\'s Successes", Achievements for 14/15: "One GP Hub opened in Corringham."), beside its real ODS open date 2015-04-25 in `opened_on`; empty for the three hubs the seeds do not name.',
    '- `host_practice_ods`: empty. ODS only shows co-location: Corringham Hub is at Neera Medical Centre, 2 Wharf Road (the address of practice F81177), Tilbury Hub at London Road RM18 8EB (practice F81110 Tilbury Health Centre), Purfleet Hub at Purfleet Care Centre (practice Y00033), Grays Hub at Thurrock Community Hospital. A shared address does not establish a hosting relationship.',
    '- `opening_hours`: "extended opening hours" (seed 001; no hours are given). `seven_day_access`: empty — a 7-day service was an aim ("GP Hubs will include a 7 day a week service", status TBC/amber) and the Prime Minister\'s Challenge Fund bid was "Not successful".',
    '',
    table(
      ['hub_code', 'ODS code', 'note'],
      GP_HUBS.map((h) => [h.hubCode, h.epraccurCode, h.note]),
    ),
    '',
    `### ccg/commissioned_service.csv — ${n('ccg/commissioned_service.csv')}`,
    '',
    'Services seed 001 says NHS Thurrock CCG commissions. `service_code` is a demo key (`07G-SVC-nnn`); `name` paraphrases the seed; empty cells where the seed says nothing.',
    '',
    '- 07G-SVC-001 Thurrock Health Centre Walk-In Service — "Undertake re-commissioning of Thurrock Health Centre and Walk-In Service"; a public consultation was held and a decision was due in 15/16. `postcode` from ODS Y03420 "THURROCK WALK IN CENTRE" (walk-in centre setting, 55-57 High Street, Grays, RM17 6NB; ODS: opened 2011-07-01, **closed 2018-01-31**). Provider empty (Y03420 is a cost centre, not a partner organisation or GP practice).',
    '- 07G-SVC-002…005 GP extended access at each of the four GP hubs (`gp_hub_code`; `postcode` copied from the hub) — "delivery of 4 GP hubs with extended opening hours". Provider, days and funding empty (seed 001: the CCG secured funding to extend hub opening hours, but the PMCF bid for 7-day opening was not successful).',
    '- 07G-SVC-006 End of life care, provider RAT (NELFT) — "NELFT community providers have an end of life CQUIN which is reviewed quarterly"; `funding_stream` = "CQUIN"; `cohort` from "Improve the number of people recorded as \'end of life\'".',
    '- 07G-SVC-007 Recovery college — "Explore the option of commissioning a recovery college for Thurrock jointly between the CCG and Council"; "Recovery college to be commissioned 15/16 Service spec written." (planned; also in council/care_service, linked in the crosswalk).',
    '- 07G-SVC-008 Personal health budgets — "to be introduced initially for day opportunities within Mental Health (Mind Contract)". Provider empty (Mind is not a partner organisation).',
    '- 07G-SVC-009 Children and young people\'s emotional wellbeing and mental health (EWMH) service, integrated tier 2 and tier 3 — jointly re-commissioned by "The Seven CCGS, Essex County Council, Southend Council and Thurrock Council"; "one provider has been appointed" (not named → provider empty); new service from 1 November 2015.',
    '',
    ...ccgDeliverySections(n, r.delivery),
  );

  // -------------------------------------------------------------------------------- council
  const hubLines = (r.communityHubWards ?? []).map((h) => [
    h.hubRef,
    h.name,
    h.placeName || '—',
    h.ward ? `${h.ward} (${wardName(h.ward)})` : 'empty',
  ]);
  p(
    '## council/',
    '',
    `### council/ward.csv — ${n('council/ward.csv')}`,
    '',
    '- Every ward used by `locality_ward`, `postcode_ward`, `community_hub`, `property` and `care_service`: the 77 wards of the five LADs in `geography/wards_2016-2026…` with `SOURCEFILE` = 2016 (`gss_code` = `WDCD`, `name` = `WDNM`, `lad_gss` = `LADCD`).',
    "- `population`: **DERIVED** — `AllAges_mid2017_sum_of_bestfit_LSOAs` from `population/ward18_population_mid2017_derived_from_lsoa_bestfit.csv`, i.e. ONS mid-2017 LSOA estimates summed by the LSOA→ward best-fit lookup. Not an official ONS ward estimate. It is available for all 77 wards (including Purbeck's 2015 wards, whose codes are the 2018 codes).",
    ...r.notes.filter((x) => x.startsWith('Ward ')).map((x) => `- ${x}`),
    '',
    `### council/community_hub.csv — ${n('council/community_hub.csv')}`,
    '',
    '- Thurrock Community Hubs from seed 001 ("Delivery of more Community Hubs (as part of Stronger Together Programme): Chadwell (opened May 14) Aveley and Tilbury Hubs in progress"; "Two Hubs are open (South Ockendon and Chadwell) and Tilbury and Stifford Clays should open 2015/16"). `hub_ref` is a demo key (`THR-CH-nn`). Statuses: Chadwell St Mary OPEN (`opened_on` 2014-05-01 by the first-of-month convention, `opened_text` "opened May 14"); South Ockendon OPEN (no date given); Tilbury and Stifford Clays PLANNED ("should open 2015/16"); Aveley PLANNED ("in progress").',
    '- The seed writes "Chadwell" for the hub and "Chadwell St Mary" for the community builder\'s place; the hub is named "Chadwell St Mary Community Hub".',
    '- `ward_gss`: filled only where the hub\'s place name is **exactly** one Thurrock ward name (case-insensitive). South Ockendon (ward is "Ockendon"), Tilbury (two wards: Tilbury Riverside and Thurrock Park; Tilbury St Chads) and Aveley (ward is "Aveley and Uplands") are not exact matches, so they are empty.',
    '- **PUR-CH-01 Purbeck integrated hub**: seed 003 — "the Purbeck Project which brings together in a single hub primary care, community health, social care …" and "NHS and social care commissioners and providers agree to work together to deliver an integrated hub". Recorded as PLANNED in Purbeck District Council\'s register (E07000051), because the MoU is the district council\'s paper and the hub is the masterplan\'s planned hub; its location, date and operator are not stated, so `ward_gss`, `opened_on` and `opened_text` are empty. (It could equally belong to Dorset County Council as the social-care authority; the seed does not say who would hold it.)',
    '',
    table(['hub_ref', 'name', 'place name matched', 'ward_gss'], hubLines),
    '',
    `### council/property.csv — ${n('council/property.csv')}`,
    '',
    '- Seed 003 commits the partners to "review and discussion of our respective public sector land" ("One Public Estate"; §2.2 "utilising their estates and other vacant public land in the town" — Wareham). The demo\'s council property register is Purbeck District Council\'s register of public estate in Wareham. The only public building in Wareham in the reference data is Wareham Community Hospital, so the register has one row, built from `nhs_website/hospitals_2018-01` row RDYFD: `name` = `OrganisationName`, `address` = Address1–3, City, County joined with ", ", `postcode` = `Postcode`, `owner_name` = `ParentName`, `owner_code` = `ParentODSCode` (RDY), `current_use` = `OrganisationType`. `ward_gss` via `postcode_ward`. `status` IN_USE (listed in the January 2018 hospitals file). `uprn`, `tenure`, `proposed_reuse`: empty (no source).',
    `- **SYNTHETIC:** \`asset_ref\` ${PROPERTIES.map((x) => `\`${x.assetRef}\``).join(', ')} — the council's own asset reference is not in any source, so an obviously synthetic key is used. All other values in the row are from the reference data.`,
    '- The Thurrock community hubs are not included as property rows: the seeds do not say who owns their buildings.',
    '',
    `### council/care_service.csv — ${n('council/care_service.csv')}`,
    '',
    "Thurrock Council services named in seeds 001 / 004. `service_ref` is a demo key (`THR-SVC-nnn`); `provider_code` is a partner organisation's ODS or GSS code, or empty where the seed names no provider (or only one without a code).",
    '',
    '- THR-SVC-001 Local Area Coordination — 9 Local Area Co-ordinators ("LACs have expanded to a total of 9 LACs"; "Funding approved through the Better Care Fund"); provider Thurrock Council (listed under "Thurrock Council\'s Successes"); cohort "a broad range of marginalised service users" (seed wording). Seed 004 also names local area coordinators.',
    '- THR-SVC-002/003 Community builders in Chadwell St Mary and South Ockendon ("Two community builders are in post in Chadwell St Mary and South Ockendon"), at hubs THR-CH-01 / THR-CH-02; `ward_gss` copied from the hub (empty for South Ockendon). `care_setting` VOLUNTARY (Asset Based Community Development with the community; seed 004 "Asset Based Community Development community builders") — a classification choice.',
    '- THR-SVC-004 Interim beds at Collins House — "Increase interim bed capacity (via Collins House)"; "Better Care Fund will fund 12 beds".',
    '- THR-SVC-005 Rapid Response and Assessment Service (RRAS) — "the service does offer a 7 day a week service offer"; "Rapid Response 7 days"; cohort from "a dedicated service for patients in crisis in the form of RRAS". Provider not named → empty.',
    '- THR-SVC-006 Smoking cessation / prevention, provider RAT (NELFT) — "We are working with current provider NELFT to develop a revised model with a greater preventative focus for 15/16."',
    '- THR-SVC-007 Recovery college (joint with the CCG; see 07G-SVC-007).',
    "- THR-SVC-008 Children and young people's EWMH service (joint with the CCGs; see 07G-SVC-009).",
    '- THR-SVC-009 Information and advice portal — "the Council has launched an information and advice portal"; provider Thurrock Council.',
    '- THR-SVC-010 Time Banking — "Introduction of Time Banking in Thurrock to stimulate volunteering and community support."',
    '- THR-SVC-011 Preventative mental health and wellbeing grant funding pilot "in partnership with Community Voluntary Service (CVS)", projects awarded in quarter 4 of 2014/15. Provider empty (Thurrock CVS has no code in any source).',
    '',
    ...councilDeliverySections(n, r.delivery),
  );

  // ---------------------------------------------------------------------------------- trust
  p(
    '## trust/',
    '',
    `### trust/site.csv — ${n('trust/site.csv')}`,
    '',
    '- From `nhs_website/hospitals_2018-01_national.csv`: every row whose postcode is in the five demo LADs and whose `ParentODSCode` is a partner trust, plus RDDH0 Basildon University Hospital (the main site of BTUH, which seeds 001 and 004 name; it is in Basildon, outside the five LADs). `site_code` = `OrganisationCode`, `trust_ods` = `ParentODSCode`, `name` = `OrganisationName`, `address` = Address1–3, City, County joined with ", ", `postcode` = `Postcode` (normalised), `site_type` = `SubType` (empty where the file says "UNKNOWN"), `status` IN_USE (all rows are "Visible" in January 2018; the file gives no other status).',
    ...r.notes
      .filter((x) => x.startsWith('Site '))
      .map(
        (x) =>
          `- ${x} (The Code-Point file only covers the five LADs, and \`postcode_ward.ward_gss\` cannot be empty; the postcode is in the source file.)`,
      ),
    `- Left out (in the five LADs but not run by a partner trust): ${r.sitesLeftOut.map((s) => `${s.code} ${s.name} (${s.parent}, ${s.postcode})`).join('; ')}.`,
    '- Orsett Hospital appears twice (RDDH1 BTUH, RATPH NELFT minor injuries unit) and is one ESTATE in the crosswalk.',
    '',
    `### trust/service_line.csv — ${n('trust/service_line.csv')}`,
    '',
    'Only services a seed or the reference data says a trust provides. `service_line_id` is a demo key (`<trust>-SL-nnn`); `site_code` only where the source ties the service to a site.',
    '',
    '- RAT-SL-001 Minor injuries unit at Orsett Hospital (site RATPH) — hospitals file row RATPH "Orsett Hospital Minor Injuries Unit - North East London NHS Foundation Trust".',
    '- RAT-SL-002 End of life care (community) — seed 001 "NELFT community providers have an end of life CQUIN". No site given.',
    '- RAT-SL-003 Smoking cessation / prevention — seed 001 "current provider NELFT". No site given.',
    '- RDD-SL-001 Accident and Emergency — seed 001 ("Identify how A&E 4 hour wait can be maintained"; "identify efficiencies in BTUH"). The seed does not name the site, so `site_code` is empty.',
    '- RDD-SL-002/003 Dermatology at Canvey Island (RDD02) and Benfleet (RDD03) — hospitals file rows "Basildon Hospital - Dermatology Canvey Island" / "… Benfleet".',
    '- RWN-SL-001 SEPT mental health "Initial response recovery and wellbeing teams" — seed 001, the new model under the revised section 75 agreement.',
    '- `cohort`, `days_of_operation`: empty except where seed 001 gives them.',
    '',
  );

  p(...syntheticSection());
  return `${out.join('\n')}\n`;
}

export function renderReadme(): string {
  return [
    '# Demo dataset',
    '',
    "This folder is the integrated care hub's demo dataset: real public data (not invented, apart from a few clearly marked synthetic files; licences and caveats in `PROVENANCE.md`) about the Thurrock, South East Essex (Southend-on-Sea, Castle Point, Rochford) and Purbeck partnerships, in the shape of each source system — the hub's own registry (`hub/`: organisations, partnerships, agreements, localities, outcomes framework and indicators, the Better Care Fund and its schemes), a CCG's primary-care system (`ccg/`), councils' registers (`council/`: wards, hubs, estate, services, the 2014/15 health and wellbeing delivery-plan tracker, the engagement plan and real monthly Delayed Transfers of Care figures) and NHS trusts' site and service-line lists (`trust/`) — as UTF-8 CSV files with a header row, one file per table. The facts come from five public council/NHS papers (2014–2019) and from public ONS, NHS Digital, NHS England, OS and mySociety reference data. **Some files are synthetic** — indicator targets, a synthetic locality-level indicator and the pooled-fund ledgers, generated for the demo because no source gives such figures; their keys start `SYNTH-` or the whole file is listed as synthetic at the end of `PROVENANCE.md`, and a `synthetic` column marks each such row (`true`), which the hub shows in its API. `PROVENANCE.md` says where every column comes from, how derived values were computed, exactly which rows and files are synthetic and how they were generated, and the licences and attributions. The files were generated by `npx tsx scripts/demo-data/build.ts` (with `scripts/demo-data/documents.ts` and `plan.ts` holding the facts transcribed from the papers, `synthetic.ts` generating the synthetic values, `scripts/demo-data/check.ts` verifying headers, formats, foreign keys and every cell against the loader's column types, and `check-plan.ts` verifying the rebuilt delivery plan against the paper's text), which reads only the reference slices in `data/reference/` (with their licences and attribution), so it runs from a clone; `test/demoBuild.test.ts` rebuilds the dataset and checks it is byte-for-byte these files.",
    '',
    "**One folder per partner organisation's source.** Real places keep each partner's data in that partner's own system, and so does the demo: the build writes the tables by kind of system (what `ccg/`, `council/` and `trust/` mean in `PROVENANCE.md` below), then `scripts/demo-data/split.ts` splits them into one folder per organisation whose data the documents or the reference data give, named by the source's id: the councils' registers (`thurrock-council/`, `southend-on-sea-borough-council/`, `essex-county-council/`, `castle-point-borough-council/`, `rochford-district-council/`, `purbeck-district-council/`), the CCGs' primary-care systems (`nhs-thurrock-ccg/`, `nhs-southend-ccg/`, `nhs-castle-point-and-rochford-ccg/`, `nhs-dorset-ccg/`) and the trusts' site lists (`btuh/`, `suhft/`, `eput/`, `sept/`, `nelft/`, `dorset-healthcare/`). Each row goes to the organisation whose code it carries (a ward to its district or unitary council, a site to its trust, a CCG's indicator value to the CCG of its locality, a quarter to its ledger line's organisation; Thurrock's plan tracker and engagement records to Thurrock Council); the crosswalk names the sources by these ids. `sources.json` declares them (id, kind, organisations): `npm start` runs them on the embedded PostgreSQL when no sources file or database URL is set.",
    '',
    'The partnerships\' data-sharing configuration (`hub/data_sharing.csv`: which data categories each partnership shares, and with whom) is demo configuration, wholly synthetic: each partnership shares every category with its own members, its audit trail with their editors, which is also the hub\'s default. Change a line to share a category with an organisation outside a partnership or to restrict it to editors; `docs/access.md` ("Between partners") explains the rule.',
    '',
    'The NHS and local-government structures and denominators (`hub/structure.csv`, `hub/structure_link.csv`, `hub/lsoa.csv`, `hub/population_estimate.csv`) are built by `scripts/demo-data/structures.ts`, and the quarterly monitoring (`ccg/` and `council/ledger_quarter.csv`, synthetic) by `quarters.ts`; their provenance, and that of the columns added for analysts (indicator periodicity; ledger funding streams and scheme classification, both synthetic), is in `PROVENANCE-structures.md`.',
    '',
  ].join('\n');
}
