/**
 * Hand-curated facts transcribed from the five seed documents in ../shared/seeds/.
 * Every constant says which seed (and which section of it) it comes from. Codes, official
 * names and dates are NOT typed here: build.ts looks them up in the reference CSVs
 * (../shared/data/reference) by the code given below. Quoted text (principles, objectives,
 * names as written, signatories) is copied verbatim; check.ts verifies every quote against
 * the seed text.
 *
 * Seeds:
 *   000 = Thurrock HWB report, November 2018, on a draft MoU
 *   001 = Thurrock Joint Health and Wellbeing Strategy end-of-year delivery plan 2014/15
 *   002 = South East Essex Locality Partnership MoU, March 2019
 *   003 = Purbeck Health, Housing and Social Care Masterplan MoU (Policy Group, 22 Nov 2017)
 *   004 = Thurrock communication and engagement plan, July 2014
 */
import type {
  AgreementKind,
  AgreementStatus,
  CareSetting,
  CrosswalkKind,
  CrosswalkSource,
  EstateStatus,
  HubStatus,
  OrgKind,
  Sector,
} from './schema';

export const SEED_FILES = {
  '000': '000_6090d2701ca42565.txt',
  '001': '001_f7bd4e606bac171c.txt',
  '002': '002_37f18f794dea8b43.txt',
  '003': '003_89a9884d9869a06c.txt',
  '004': '004_c29daff56d4e6e8f.txt',
} as const;
export type SeedId = keyof typeof SEED_FILES;

export const SEED_TITLES: Record<SeedId, string> = {
  '000':
    'Thurrock Health and Wellbeing Board, November 2018, Item 9: "Developing an integrated approach to health and care in Thurrock" (report on the draft MoU)',
  '001': 'Thurrock Joint Health and Wellbeing Strategy End of Year Delivery Plan 2014/15',
  '002': 'South East Essex Locality Partnership Memorandum of Understanding FINAL (March 2019)',
  '003': 'Purbeck District Council Policy Group, 22 November 2017: Purbeck Health and Social Care Masterplan – Memorandum of Understanding',
  '004': 'Better Care in Thurrock: communication and engagement plan, Draft Version 1.0, July 2014',
};

/** A quote that check.ts must find in the given seed. */
export interface Quote {
  seed: SeedId;
  text: string;
}

// ---------------------------------------------------------------------------------------
// Partner organisations
// ---------------------------------------------------------------------------------------

/**
 * Where the organisation's official `name` comes from:
 *  - ons_ccg:   ons/ccg19_names_codes_2019-04 (CCG19NM; identical in ccg17) by ODS code
 *  - etr:       ods/etr_ods2025 Name by ODS code
 *  - eric:      ods/eric_2018-19 Trust Name by ODS code (used for RAJ, whose etr name is the
 *               post-2020 "MID AND SOUTH ESSEX NHS FOUNDATION TRUST")
 *  - mysociety: geography/uk_local_authorities_mysociety official-name by GSS code
 *  - document:  the name as the seed writes it (voluntary bodies have no reference record)
 */
export type NameSource = 'ons_ccg' | 'etr' | 'eric' | 'mysociety' | 'document';

export interface OrgFact {
  id: string;
  kind: OrgKind;
  sector: Sector;
  ods?: string;
  gss?: string;
  nameFrom: NameSource;
  /** only for nameFrom = document */
  name?: string;
  /** as the documents abbreviate it; null where no seed abbreviates the organisation */
  shortName: string | null;
  /** successor organisation id (the reference gives the close date; see build.ts) */
  successorId?: string;
  /** where the seeds name it */
  namedIn: string;
}

export const ORGANISATIONS: OrgFact[] = [
  // CCGs ------------------------------------------------------------------------------
  {
    id: 'nhs-thurrock-ccg',
    kind: 'CCG',
    sector: 'STATUTORY',
    ods: '07G',
    nameFrom: 'ons_ccg',
    shortName: 'Thurrock CCG', // seed 000 §2.1 "Thurrock CCG"
    namedIn: '000 §2.1; 001 passim ("the CCG"); 004 ("NHS Thurrock Clinical Commissioning Group")',
  },
  {
    id: 'nhs-southend-ccg',
    kind: 'CCG',
    sector: 'STATUTORY',
    ods: '99G',
    nameFrom: 'ons_ccg',
    shortName: 'Southend CCG', // seed 002 parties list "(Southend CCG)"
    namedIn: '002 Parties; Signatures',
  },
  {
    id: 'nhs-castle-point-and-rochford-ccg',
    kind: 'CCG',
    sector: 'STATUTORY',
    ods: '99F',
    nameFrom: 'ons_ccg',
    shortName: 'CPRCCG', // seed 002 parties list "(CPRCCG)"
    namedIn: '002 Parties; Signatures',
  },
  {
    id: 'nhs-dorset-ccg',
    kind: 'CCG',
    sector: 'STATUTORY',
    ods: '11J',
    nameFrom: 'ons_ccg',
    shortName: null, // seed 003 only writes the generic "(CCG)" / "the CCG"
    namedIn: '003 §2.1; MoU parties; Signed',
  },
  // Councils --------------------------------------------------------------------------
  {
    id: 'thurrock-council',
    kind: 'COUNCIL',
    sector: 'STATUTORY',
    gss: 'E06000034',
    nameFrom: 'mysociety',
    shortName: null, // seed 004 only writes the generic "(the Council)"
    namedIn: '000 (report header); 001 ("Thurrock Council\'s Successes"); 004',
  },
  {
    id: 'southend-on-sea-borough-council',
    kind: 'COUNCIL',
    sector: 'STATUTORY',
    gss: 'E06000033',
    nameFrom: 'mysociety',
    shortName: 'SBC', // seed 002 "Southend Borough Council (SBC)"
    namedIn: '002 Parties; Signatures; 001 ("Southend Council")',
  },
  {
    id: 'essex-county-council',
    kind: 'COUNCIL',
    sector: 'STATUTORY',
    gss: 'E10000012',
    nameFrom: 'mysociety',
    shortName: 'ECC', // seed 002 "Essex County Council (ECC)"
    namedIn: '002 Parties; Signatures; 001 ("Essex County Council")',
  },
  {
    id: 'castle-point-borough-council',
    kind: 'COUNCIL',
    sector: 'STATUTORY',
    gss: 'E07000069',
    nameFrom: 'mysociety',
    shortName: null,
    namedIn: '002 Parties ("Castle Point and Rochford District Councils" – welcomed as future parties)',
  },
  {
    id: 'rochford-district-council',
    kind: 'COUNCIL',
    sector: 'STATUTORY',
    gss: 'E07000075',
    nameFrom: 'mysociety',
    shortName: null,
    namedIn: '002 Parties ("Castle Point and Rochford District Councils" – welcomed as future parties)',
  },
  {
    id: 'purbeck-district-council',
    kind: 'COUNCIL',
    sector: 'STATUTORY',
    gss: 'E07000051',
    nameFrom: 'mysociety',
    shortName: null, // seed 003 only writes the generic "the District Council"
    successorId: 'dorset-council',
    namedIn: '003 §1, MoU parties, Signed',
  },
  {
    id: 'dorset-county-council',
    kind: 'COUNCIL',
    sector: 'STATUTORY',
    gss: 'E10000009',
    nameFrom: 'mysociety',
    shortName: null, // seed 003 only writes the generic "the County Council"
    successorId: 'dorset-council',
    namedIn: '003 §1, MoU parties, Signed',
  },
  {
    // Not named in any seed: included as the successor of Purbeck DC and Dorset CC (reference:
    // mysociety replaced-by DST; domain.md).
    id: 'dorset-council',
    kind: 'COUNCIL',
    sector: 'STATUTORY',
    gss: 'E06000059',
    nameFrom: 'mysociety',
    shortName: null,
    namedIn: 'not in the seeds; successor of Purbeck District Council and Dorset County Council (reference data)',
  },
  // NHS trusts ------------------------------------------------------------------------
  {
    id: 'eput',
    kind: 'NHS_TRUST',
    sector: 'STATUTORY',
    ods: 'R1L',
    nameFrom: 'etr',
    shortName: 'EPUT', // seed 002 "Essex Partnership NHS Foundation Trust (EPUT)"
    namedIn: '002 Parties; Signatures',
  },
  {
    id: 'sept',
    kind: 'NHS_TRUST',
    sector: 'STATUTORY',
    ods: 'RWN',
    nameFrom: 'etr',
    shortName: 'SEPT', // seeds 001 and 004 "SEPT"
    successorId: 'eput',
    namedIn: '001 (mental health: "the provider SEPT"); 004 ("The 4 main NHS health providers")',
  },
  {
    id: 'suhft',
    kind: 'NHS_TRUST',
    sector: 'STATUTORY',
    ods: 'RAJ',
    nameFrom: 'eric',
    shortName: 'SUHFT', // seed 002 "Southend University NHS Foundation (SUHFT)"
    namedIn: '002 Parties; Signatures',
  },
  {
    id: 'btuh',
    kind: 'NHS_TRUST',
    sector: 'STATUTORY',
    ods: 'RDD',
    nameFrom: 'etr',
    shortName: 'BTUH', // seeds 001 and 004 "BTUH"
    successorId: 'suhft',
    namedIn: '001 (Improve the Quality of Secondary Care); 004',
  },
  {
    id: 'nelft',
    kind: 'NHS_TRUST',
    sector: 'STATUTORY',
    ods: 'RAT',
    nameFrom: 'etr',
    shortName: 'NELFT', // seeds 001 and 004 "NELFT"
    namedIn: '001 (end of life CQUIN; smoking provider); 004',
  },
  {
    id: 'eeas',
    kind: 'NHS_TRUST',
    sector: 'STATUTORY',
    ods: 'RYC',
    nameFrom: 'etr',
    shortName: 'EEAS', // seed 004 "EEAS"
    namedIn: '004 ("The 4 main NHS health providers: NELFT; SEPT; BTUH; EEAS")',
  },
  {
    id: 'dorset-healthcare',
    kind: 'NHS_TRUST',
    sector: 'STATUTORY',
    ods: 'RDY',
    nameFrom: 'etr',
    shortName: 'Dorset Healthcare', // seed 003 §2.2 "Dorset Healthcare and the CCG"
    namedIn: '003 §2.1, MoU parties, Signed',
  },
  // Voluntary sector (no reference record; charity numbers deliberately left empty) ----
  {
    id: 'thurrock-cvs',
    kind: 'VOLUNTARY',
    sector: 'VOLUNTARY',
    nameFrom: 'document',
    name: 'Thurrock Council for Voluntary Services', // seed 004 Introduction
    shortName: 'Thurrock CVS', // seed 004 title block
    namedIn: '004 (title block, Introduction); 001 ("Community Voluntary Service (CVS)")',
  },
  {
    id: 'healthwatch-thurrock',
    kind: 'VOLUNTARY',
    sector: 'VOLUNTARY',
    nameFrom: 'document',
    name: 'Healthwatch Thurrock', // as domain.md names it; seed 004 writes "Thurrock Healthwatch"
    shortName: 'Thurrock Healthwatch', // seed 004
    namedIn: '004 (title block, Introduction)',
  },
  {
    id: 'thurrock-coalition',
    kind: 'VOLUNTARY',
    sector: 'VOLUNTARY',
    nameFrom: 'document',
    name: 'Thurrock Coalition', // seed 004
    shortName: null,
    namedIn: '004 (title block, Introduction)',
  },
  {
    id: 'castle-point-avs',
    kind: 'VOLUNTARY',
    sector: 'VOLUNTARY',
    nameFrom: 'document',
    name: 'Castle Point Association of Voluntary Services', // seed 002 Parties
    shortName: 'CAVs', // seed 002
    namedIn: '002 Parties; Signatures',
  },
  {
    id: 'southend-avs',
    kind: 'VOLUNTARY',
    sector: 'VOLUNTARY',
    nameFrom: 'document',
    name: 'Southend Association of Voluntary Services', // seed 002 Parties
    shortName: 'SAVs', // seed 002
    namedIn: '002 Parties; Signatures',
  },
];

/** Organisations the seeds mention that are deliberately NOT partner organisations. */
export const ORGANISATIONS_LEFT_OUT: { name: string; seed: string; why: string }[] = [
  {
    name: 'Thurrock Clinical / Commissioning Reference Group (the CRG)',
    seed: '004',
    why: 'a reference group, written two ways in the seed; no identifier and no separate legal identity stated',
  },
  { name: 'Public Health Thurrock', seed: '000 §2.3', why: 'a part of Thurrock Council, not a separate organisation' },
  { name: 'Basildon CCG', seed: '001', why: 'outside the five demo areas; mentioned only in passing' },
  {
    name: 'NHS England, CQC, Monitor, NHS Property Services, DCLG',
    seed: '001, 003',
    why: 'national bodies, not parties to any partnership',
  },
  {
    name: 'Mind ("Mind Contract"), Community Catalysts, ASH (Action on Smoking and Health)',
    seed: '001',
    why: 'named as contractors/advisers only; no identifier in the reference data',
  },
  {
    name: 'the "7 CCGs and 3 Local Authorities" of joint mental-health commissioning',
    seed: '001',
    why: 'the other six CCGs are not named',
  },
];

// ---------------------------------------------------------------------------------------
// Partnerships and members
// ---------------------------------------------------------------------------------------

export interface PartnershipFact {
  id: string;
  name: string;
  shortName: string | null;
  governanceBody: string | null;
  reportsTo: string[];
  description: string;
  source: string;
}

export const PARTNERSHIPS: PartnershipFact[] = [
  {
    id: 'thurrock-alliance',
    name: 'Thurrock Alliance',
    shortName: null,
    governanceBody: null, // seed 000 names no governance body for the Alliance
    // seed 000: the Alliance's report on the draft MoU is made to the Thurrock HWB, which is
    // asked to "Consider and comment upon the draft MOU" (§1.1) and to endorse the final version.
    reportsTo: ['Thurrock Health and Wellbeing Board'],
    description:
      'Statutory and non-statutory partners across Thurrock working to align and integrate the planning and delivery of health and care services (seed 000, Executive Summary and §3.1, which names the "Thurrock Alliance"). Joint work programmes include the Better Care Fund. A new locality model of care is piloted in Tilbury and Chadwell and is to be replicated across the other three localities (seed 000 §2.4). The seed does not list the Alliance\'s members.',
    source: '000',
  },
  {
    id: 'south-east-essex-locality-partnership',
    name: 'South East Essex Locality Partnership',
    shortName: null,
    governanceBody: 'South East Essex Partnership', // seed 002 Governance
    reportsTo: ['Southend Health and Wellbeing Board', 'Essex Health and Wellbeing Board'], // seed 002 Governance
    description:
      'Partners across South East Essex working together under the Locality Strategy "Living Well in Thriving Communities" and its MoU (seed 002). The South East Essex Partnership, with senior representation from each partner, oversees the strategy and the MoU. Primary care is represented in the interim by the two CCGs; Castle Point and Rochford District Councils are welcomed as future parties (seed 002, Parties).',
    source: '002',
  },
  {
    id: 'purbeck-masterplan-partnership',
    name: 'Purbeck Health, Housing and Social Care Masterplan partnership',
    shortName: null,
    // seed 003: "We will establish a local governance structure and programme Board" – planned,
    // not yet in place, so no governance body is recorded.
    governanceBody: null,
    reportsTo: [],
    description:
      'Purbeck District Council, Dorset County Council, Dorset Healthcare NHS Foundation Trust and Dorset Clinical Commissioning Group working to develop a masterplan for integrated health, housing and social care in Wareham/Purbeck, including use of public land ("One Public Estate") (seed 003). A local governance structure and programme Board are still to be established (seed 003, Overarching Principles).',
    source: '003',
  },
];

export interface MemberFact {
  partnershipId: string;
  organisationId: string;
  role: string;
  source: string;
}

export const PARTNERSHIP_MEMBERS: MemberFact[] = [
  // Thurrock Alliance – only the two organisations seed 000 names as Alliance partners.
  {
    partnershipId: 'thurrock-alliance',
    organisationId: 'nhs-thurrock-ccg',
    role: 'partner (shared its transformation plan "For Thurrock in Thurrock" with system partners)',
    source: '000 §2.1–2.2',
  },
  {
    partnershipId: 'thurrock-alliance',
    organisationId: 'thurrock-council',
    role: 'partner (accountable director: Corporate Director Adults Housing and Health; Public Health Thurrock)',
    source: '000 report header, §2.3',
  },
  // South East Essex – the eight parties to the MoU (seed 002 Parties).
  ...[
    'castle-point-avs',
    'essex-county-council',
    'eput',
    'nhs-castle-point-and-rochford-ccg',
    'nhs-southend-ccg',
    'southend-avs',
    'southend-on-sea-borough-council',
    'suhft',
  ].map((organisationId) => ({
    partnershipId: 'south-east-essex-locality-partnership',
    organisationId,
    role: 'party to the MoU',
    source: '002 Parties',
  })),
  // Purbeck – the four parties to the MoU (seed 003).
  ...['purbeck-district-council', 'dorset-county-council', 'dorset-healthcare', 'nhs-dorset-ccg'].map((organisationId) => ({
    partnershipId: 'purbeck-masterplan-partnership',
    organisationId,
    role: 'party to the MoU',
    source: '003 MoU parties',
  })),
];

// ---------------------------------------------------------------------------------------
// Agreements
// ---------------------------------------------------------------------------------------

export interface PartyFact {
  organisationId: string;
  /** the name exactly as the agreement writes it; null where the agreement text is not available */
  namedAs: string | null;
}

export interface SignatoryFact {
  personName: string | null;
  role: string | null;
  organisationId: string;
}

export interface AgreementFact {
  id: string;
  partnershipId: string;
  kind: AgreementKind;
  title: string;
  status: AgreementStatus;
  legallyBinding: boolean;
  /** YYYY-MM-DD; month-precision dates are stored as the 1st of the month (see agreedText) */
  agreedOn: string | null;
  agreedText: string | null;
  reviewCycle: string | null;
  firstReviewOn: string | null;
  principles: string[];
  objectives: string[];
  seed: SeedId;
  sourceSection: string;
  parties: PartyFact[];
  signatories: SignatoryFact[];
  notes: string;
}

export const AGREEMENTS: AgreementFact[] = [
  {
    id: 'thurrock-draft-mou-2018',
    partnershipId: 'thurrock-alliance',
    kind: 'MOU',
    title: 'Draft Memorandum of Understanding – Developing an integrated approach to health and care in Thurrock',
    status: 'DRAFT', // seed 000 §1.1 "the draft MOU, provided at Appendix A"
    legallyBinding: false, // seed 000 §3.1 "Whilst the MOU is not legally binding"
    agreedOn: null,
    agreedText: 'November 2018 (draft presented to the Health and Wellbeing Board; endorsement of the final version sought January 2019)',
    reviewCycle: null,
    firstReviewOn: null,
    // The text of Appendix A is not part of seed 000: the principles are what §3.1 says the MoU
    // commits its adopters to; its objectives are not stated, so none are recorded.
    principles: [
      'by adopting it organisations will be confirming their intent to work in a collegiate fashion',
      'Working in this way will require the continued deepening of trust across the Thurrock Alliance',
    ],
    objectives: [],
    seed: '000',
    sourceSection: 'Executive Summary; §1.1; §3.1; Appendix list',
    parties: [], // the MoU's parties are not listed in seed 000
    signatories: [],
    notes:
      'Seed 000 also anticipates a formal Alliance Agreement (draft "by early 2019"); it is recorded as PLANNED (thurrock-alliance-agreement-planned).',
  },
  {
    id: 'thurrock-alliance-agreement-planned',
    partnershipId: 'thurrock-alliance',
    kind: 'ALLIANCE_AGREEMENT',
    title: 'Thurrock Alliance Agreement (planned)',
    status: 'PLANNED', // seed 000 §3.3 "we are exploring producing a formal Alliance Agreement"
    legallyBinding: false, // the seed does not say it would be binding; "formal" is not "legally binding"
    agreedOn: null,
    agreedText: null,
    reviewCycle: null,
    firstReviewOn: null,
    principles: [],
    objectives: [], // seed 000 §3.3: it "will set out in much greater detail how we will in partnership plan, commission and provide services"
    seed: '000',
    sourceSection: '§3.3',
    parties: [], // not named in seed 000
    signatories: [],
    notes:
      'Planned in seed 000 §3.3: a draft "by early 2019, so that it can be operational in 2019/20" (document-facts.ts AGREEMENT_PLANS).',
  },
  {
    id: 'se-essex-locality-partnership-mou-2019',
    partnershipId: 'south-east-essex-locality-partnership',
    kind: 'MOU',
    title: 'South East Essex Locality Partnership Memorandum of Understanding',
    status: 'SIGNED', // seed 002 Governance: "Each organisation named above has formally signed off this MoU."
    legallyBinding: false, // seed 002 Purpose: "this MoU is not legally binding"
    agreedOn: '2019-03-01', // month precision: seed 002 Signatures dated "March 2019"
    agreedText: 'March 2019',
    reviewCycle: 'annually', // seed 002 Reviewing: "review and update this MoU annually"
    firstReviewOn: '2020-04-01', // "with the first review in April 2020" (month precision)
    principles: [
      'Be ambitious – both in what we are seeking to achieve and in embracing different ways of working – such as pooled budgets, single leadership or joint teams - where it makes sense to do so',
      'Integrate services – designing services around the needs and preferences of individuals and communities, not professional or organisational silos',
      'Put the interests of local people first – even where this poses challenges for our individual organisations',
      'Involve people – both in designing changes we want to make and in any decisions about their care',
      'Recognise the importance of place – and the need to develop different models and services in each of our localities, driven by local needs and preferences',
      'Focus on delivering better outcomes – measuring the things that matter to individuals, communities and the population as a whole',
      'Prioritise prevention, wellbeing and building resilience – supporting people to live healthy lives and remain independent for as long as possible',
      'Be transparent – sharing information openly with one another and with the public',
      'Be generous – put resources (money and/or people) into shared projects and to support one another to deliver, and in recognising that leadership may come from any part of our system',
      'Be flexible and pragmatic – recognising that different problems will require different solutions and that a wide range of partners, including the third sector, have key roles developing solutions',
      'Be enabling – strive to create the conditions within which local leaders and staff can innovate, take responsibility and ‘do the right thing’, regardless of which organisation they work for',
    ],
    objectives: [
      // seed 002 "Our objectives": the overall system ambition
      'improve the wellbeing and lives of the people we serve',
      'work with each other and the local population to organise services and mobilise resources within communities',
      'prioritise the needs and locations of people, rather than the boundaries of organisations',
      'focus on prevention and supporting the strengths of communities and individuals.',
    ],
    seed: '002',
    sourceSection: 'Parties; Our objectives; Key principles; Governance; Reviewing this agreement; Signatures',
    parties: [
      // seed 002 "Parties to the Memorandum of Understanding", in the order listed
      { organisationId: 'castle-point-avs', namedAs: 'Castle Point Association of Voluntary Services (CAVs)' },
      { organisationId: 'essex-county-council', namedAs: 'Essex County Council (ECC)' },
      { organisationId: 'eput', namedAs: 'Essex Partnership NHS Foundation Trust (EPUT)' },
      {
        organisationId: 'nhs-castle-point-and-rochford-ccg',
        namedAs: 'NHS Castle Point and Rochford Clinical Commissioning Group (CPRCCG)',
      },
      { organisationId: 'nhs-southend-ccg', namedAs: 'NHS Southend Clinical Commissioning Group (Southend CCG)' },
      { organisationId: 'southend-avs', namedAs: 'Southend Association of Voluntary Services (SAVs)' },
      { organisationId: 'southend-on-sea-borough-council', namedAs: 'Southend Borough Council (SBC)' },
      { organisationId: 'suhft', namedAs: 'Southend University NHS Foundation (SUHFT)' },
    ],
    signatories: [
      // seed 002 "Signatures", in the order printed
      { personName: 'Janis Gibson', role: null, organisationId: 'castle-point-avs' },
      { personName: 'Peter Fairley', role: 'Director for Integration and Partnerships', organisationId: 'essex-county-council' },
      { personName: 'Malcolm McCann', role: 'Executive Director of Community Services & Partnerships', organisationId: 'eput' },
      { personName: 'Kashif Siddiqui', role: 'Chair', organisationId: 'nhs-castle-point-and-rochford-ccg' },
      { personName: 'Jose Garcia', role: 'Chair', organisationId: 'nhs-southend-ccg' },
      { personName: 'Kristina Jackson', role: 'Chief Executive', organisationId: 'southend-avs' },
      { personName: 'Simon Leftley', role: 'Deputy Chief Executive (people)', organisationId: 'southend-on-sea-borough-council' },
      { personName: 'Yvonne Blucher', role: 'Managing Director', organisationId: 'suhft' },
    ],
    notes:
      'Only the month is given ("March 2019"); agreed_on holds 2019-03-01 by the first-of-month convention and agreed_text keeps the original wording. The four "domains" (health and wellbeing; care quality and experience; sustainability; transformation) are outcome-framework domains, not objectives, and are not stored here.',
  },
  {
    id: 'purbeck-masterplan-mou-2017',
    partnershipId: 'purbeck-masterplan-partnership',
    kind: 'MOU',
    title: 'Memorandum of Understanding Purbeck Health, Housing and Social Care Master Plan',
    // seed 003 §3 recommends "that the Memorandum of Understanding is signed by the Chief
    // Executive"; the appendix ends with a "Signed" block listing organisations but no
    // signatures. The seed does not confirm signature, so FINAL (agreed text) not SIGNED.
    status: 'FINAL',
    legallyBinding: false, // "it will not be legally binding or legally enforceable by any party"
    agreedOn: null, // the seed gives no date of agreement or signature
    agreedText: 'Policy Group – 22 November 2017 (recommended to Council for signature)',
    reviewCycle: null,
    firstReviewOn: null,
    objectives: [
      'To improve Health and wellbeing of the population and close the quality and financial gap facing health and social care services through building on the Purbeck Project which brings together in a single hub primary care, community health, social care and wider public and voluntary sector community based interventions.',
      // the seed's three sub-bullets are joined with "; " after a colon
      'Make the best use of public sector land to deliver health and social care buildings fit for a modern technology based health and local government services and thereby release land for housing with a specific focus on housing for: Health and social care keyworkers; Older persons and specialist disability accommodation all ages; Housing growth general needs for Purbeck including brownfield sites',
      'Contribute to economic growth and prosperity in Purbeck including skills and opportunities for young people',
      'Develop a model for locality place based budgets including health, housing and social care integrated working. Testing a concept in Purbeck that could be replicated across other similar communities in England providing the building block for the delivery of an accountable care system for the health and care elements through a single provider leadership model',
    ],
    principles: [
      // seed 003 "Overarching Principles", one per paragraph
      'Decisions will be based on the interests and outcomes for the population in Purbeck and all organisations will collaborate to prioritise those interests',
      'Decision making will be undertaken by transparency and the open sharing of information across all the organisations but recognising the clear accountability of individual organisations for its own public money expenditure.',
      'We commit to review and discussion of our respective public sector land, and the plans that we currently have for development and sale as a partnership to identify collectively the best configuration and use of this land and where required engage in land swap and/or sale and retention to maximise opportunity of delivering our collective objectives',
      'As a partnership, we agree to work together to consider the full range of capital and revenue funding sources including different strategic partnerships to maximise the use of public land for the provision of care and accommodation in a timely way ensuring that our collective work can be considered as part of the Purbeck Local Plan',
      'Through our partnership we will consider developing a One Public Service bid for submission to national government that may include elements of locality based budgeting and a governance structure that includes other partnerships including the third sector, social investment partners, and social housing providers.',
      'We will establish a local governance structure and programme Board that enables local government, the NHS, and other key stakeholders to oversee the development and delivery of the masterplan together ensuring it has the appropriate routes into other established local government democratic committees and the NHS governance structure.',
      'NHS and social care commissioners and providers agree to work together to deliver an integrated hub with a view to establishing a single, systematic approach to using the local health and social care resources for the local population. This includes the leadership of design and delivery of a model of care as part of accountable care system developments',
    ],
    seed: '003',
    sourceSection: '§1–3 (report); Appendix 1 (MoU: parties, objectives, Overarching Principles, Signed)',
    parties: [
      // "The parties to this MoU are; Purbeck District Council, Dorset County Council, Dorset
      // Healthcare NHS Foundation Trust, Dorset Clinical Commissioning Group"
      { organisationId: 'purbeck-district-council', namedAs: 'Purbeck District Council' },
      { organisationId: 'dorset-county-council', namedAs: 'Dorset County Council' },
      { organisationId: 'dorset-healthcare', namedAs: 'Dorset Healthcare NHS Foundation Trust' },
      { organisationId: 'nhs-dorset-ccg', namedAs: 'Dorset Clinical Commissioning Group' },
    ],
    signatories: [
      // the "Signed" block lists organisations only: no names or roles
      { personName: null, role: null, organisationId: 'purbeck-district-council' },
      { personName: null, role: null, organisationId: 'dorset-county-council' },
      { personName: null, role: null, organisationId: 'dorset-healthcare' },
      { personName: null, role: null, organisationId: 'nhs-dorset-ccg' },
    ],
    notes:
      'agreed_on is empty: 22 November 2017 is the date of the Policy Group meeting that recommended signature, not a date of agreement; the seed does not say when (or whether) the MoU was signed.',
  },
  {
    id: 'thurrock-better-care-pooled-fund-s75',
    partnershipId: 'thurrock-alliance',
    kind: 'SECTION_75',
    title: 'Better Care Pooled Fund S75 Agreement', // seed 001, Creating the social care and health infrastructure
    // seed 001: "Development and agreement of the Better Care Pooled Fund S75 Agreement" – agreed;
    // signature is not mentioned, so FINAL rather than SIGNED.
    status: 'FINAL',
    legallyBinding: true, // a Section 75 agreement is the legal vehicle for pooled budgets (docs/domain.md)
    agreedOn: null,
    agreedText: '2014/15 (reported in the end-of-year delivery plan)',
    reviewCycle: null,
    firstReviewOn: null,
    principles: [],
    objectives: [],
    seed: '001',
    sourceSection:
      'Improve our response to the frail elderly… / Creating the social care and health infrastructure to manage demand (Health and Social Care Transformation Programme: "Pooled Fund Arrangements (Section 75 Agreement)"; "Establish Section 75 pooled fund agreement")',
    parties: [
      // DERIVED, not stated in seed 001: seed 004 (Background; Governance arrangements) says the
      // Council and the CCG create the Better Care Fund plan and that the Health and Social Care
      // Transformation Programme (which owns the pooled-fund work stream in seed 001) is "a joint
      // governance arrangement between Thurrock Council and Thurrock Clinical Commissioning Group".
      { organisationId: 'thurrock-council', namedAs: null },
      { organisationId: 'nhs-thurrock-ccg', namedAs: null },
    ],
    signatories: [],
    notes: 'Parties inferred from seed 004 (see build notes); the agreement text itself is not in the seeds, so named_as is empty.',
  },
  {
    id: 'thurrock-mental-health-s75-sept',
    partnershipId: 'thurrock-alliance',
    kind: 'SECTION_75',
    title: 'Revised section 75 agreement (mental health, with SEPT)', // seed 001: "the revised section 75 agreement"
    status: 'SIGNED', // seed 001: "Section 75 agreement signed and implemented."
    legallyBinding: true, // docs/domain.md: Section 75 is a legal vehicle
    agreedOn: null,
    agreedText: '2014/15 (reported as signed and implemented; model to be implemented from 15 August)',
    reviewCycle: null,
    firstReviewOn: null,
    principles: [],
    objectives: [],
    seed: '001',
    sourceSection: 'Strengthen the mental health and emotional wellbeing of people in Thurrock / People have good mental health',
    parties: [
      // seed 001: "Work with the provider SEPT to embed the new model of working through the revised
      // section 75 agreement". The other (commissioning) party is not named in the seed.
      { organisationId: 'sept', namedAs: null },
    ],
    signatories: [],
    notes: 'Only SEPT is named; the Thurrock commissioning party is not stated in seed 001 and is not recorded.',
  },
];

/** Agreements the seeds mention that are deliberately not recorded. */
export const AGREEMENTS_LEFT_OUT = [
  'Seed 000 §3.3: a formal Thurrock Alliance Agreement is anticipated ("a draft … by early 2019"); it did not exist at the time of the seed.',
  'Seed 001: "Memorandum of understanding in place to create virtual Mental Health commissioning team by April 2015" – parties and partnership not stated.',
  'Seed 004: the Thurrock Joint Compact 2012 – referred to only by name.',
];

// ---------------------------------------------------------------------------------------
// Localities
// ---------------------------------------------------------------------------------------

export interface LocalityFact {
  id: string;
  code: string;
  name: string;
  placeGss: string;
  partnershipId: string;
  description: string;
  /** how locality_ward is built for it */
  wards: { method: 'thurrock-pcn'; pcnCode: string; nameWords: string[] } | { method: 'all-lad-wards' };
}

export const LOCALITIES: LocalityFact[] = [
  // Thurrock: seed 000 §2.4 – new model of care piloted "in Tilbury and Chadwell" and to be
  // replicated "across the other three localities in the borough". The four localities are taken
  // as the four Thurrock PCNs of ods/gp_practice_pcn_ccg_stp_map_2022-01 (PCN_CODE below).
  {
    id: 'thurrock-tilbury-chadwell',
    code: 'THR-TILBURY-CHADWELL',
    name: 'Tilbury and Chadwell',
    placeGss: 'E06000034',
    partnershipId: 'thurrock-alliance',
    description:
      'Thurrock locality where the new model of care is piloted (seed 000 §2.3–2.4). Boundary: Thurrock wards assigned to the Tilbury and Chadwell PCN (U06243) by the derived method in PROVENANCE.md.',
    wards: { method: 'thurrock-pcn', pcnCode: 'U06243', nameWords: ['Tilbury', 'Chadwell'] },
  },
  {
    id: 'thurrock-grays',
    code: 'THR-GRAYS',
    name: 'Grays',
    placeGss: 'E06000034',
    partnershipId: 'thurrock-alliance',
    description:
      'One of "the other three localities" of Thurrock (seed 000 §2.4), named after the Grays PCN (U68127). Wards assigned by the derived method in PROVENANCE.md.',
    wards: { method: 'thurrock-pcn', pcnCode: 'U68127', nameWords: ['Grays'] },
  },
  {
    id: 'thurrock-asop',
    code: 'THR-ASOP',
    name: 'Aveley, South Ockendon and Purfleet (ASOP)',
    placeGss: 'E06000034',
    partnershipId: 'thurrock-alliance',
    description:
      'One of "the other three localities" of Thurrock (seed 000 §2.4), named after the ASOP PCN (U28765). Wards assigned by the derived method in PROVENANCE.md.',
    wards: { method: 'thurrock-pcn', pcnCode: 'U28765', nameWords: ['Aveley', 'South Ockendon', 'Purfleet'] },
  },
  {
    id: 'thurrock-stanford-le-hope',
    code: 'THR-STANFORD-LE-HOPE',
    name: 'Stanford-le-Hope',
    placeGss: 'E06000034',
    partnershipId: 'thurrock-alliance',
    description:
      'One of "the other three localities" of Thurrock (seed 000 §2.4), named after the Stanford-le-Hope PCN (U98530). Wards assigned by the derived method in PROVENANCE.md.',
    wards: { method: 'thurrock-pcn', pcnCode: 'U98530', nameWords: ['Stanford-le-Hope'] },
  },
  // South East Essex: seed 002 speaks of "the emerging localities within SE Essex" but names
  // none. The demo uses one locality per local authority area.
  {
    id: 'se-essex-southend-on-sea',
    code: 'SEE-SOUTHEND-ON-SEA',
    name: 'Southend-on-Sea',
    placeGss: 'E06000033',
    partnershipId: 'south-east-essex-locality-partnership',
    description:
      'Seed 002 does not name its localities; this demo locality is the whole Southend-on-Sea local authority area (all 17 wards), not a locality defined by the partnership.',
    wards: { method: 'all-lad-wards' },
  },
  {
    id: 'se-essex-castle-point',
    code: 'SEE-CASTLE-POINT',
    name: 'Castle Point',
    placeGss: 'E07000069',
    partnershipId: 'south-east-essex-locality-partnership',
    description:
      'Seed 002 does not name its localities; this demo locality is the whole Castle Point district (all 14 wards), not a locality defined by the partnership.',
    wards: { method: 'all-lad-wards' },
  },
  {
    id: 'se-essex-rochford',
    code: 'SEE-ROCHFORD',
    name: 'Rochford',
    placeGss: 'E07000075',
    partnershipId: 'south-east-essex-locality-partnership',
    description:
      'Seed 002 does not name its localities; this demo locality is the whole Rochford district (all 13 wards of the 2016 set), not a locality defined by the partnership.',
    wards: { method: 'all-lad-wards' },
  },
  // Purbeck: seed 003 – masterplan for Purbeck (Wareham). One locality for the former district.
  {
    id: 'purbeck',
    code: 'PUR-PURBECK',
    name: 'Purbeck',
    placeGss: 'E07000051',
    partnershipId: 'purbeck-masterplan-partnership',
    description:
      'The former Purbeck district (abolished 31 March 2019), the area of the Purbeck Health, Housing and Social Care Masterplan (seed 003); all 13 Purbeck wards of the 2015 set.',
    wards: { method: 'all-lad-wards' },
  },
];

// ---------------------------------------------------------------------------------------
// CCG: GP hubs and commissioned services (seed 001)
// ---------------------------------------------------------------------------------------

export interface GpHubFact {
  hubCode: string;
  /** ODS code of the hub's own prescribing cost centre in ods/epraccur_2019-12 (name, postcode, open date, status) */
  epraccurCode: string;
  ccgCode: string;
  openedText: string | null;
  /** The reporting period the seed credits the opening to, where it does (beside the ODS open date) */
  creditedPeriod: string | null;
  openingHours: string | null;
  sevenDayAccess: boolean | null;
  note: string;
}

/**
 * Seed 001: "four 'extended access' GP hubs have been planned. The opening of the Hubs will be
 * phased." / "Primary Care capacity has been expanded through the delivery of 4 GP hubs with
 * extended opening hours. One of the 4 GP hubs will open in April 15." / Successes 14/15: "One GP
 * Hub opened in Corringham." / "GP Hubs will include a 7 day a week service" (TBC, amber) and the
 * PMCF bid for 7-day opening was "Not successful".
 *
 * The seed names only Corringham. ods/epraccur_2019-12 lists exactly four 07G prescribing cost
 * centres named "… HUB" opened in 2015 (CORRINGHAM, TILBURY, GRAYS, PURFLEET); the demo takes
 * them as the four hubs (DERIVED identification, see PROVENANCE.md). seven_day_access is left
 * NULL: a 7-day service was an aim, not confirmed.
 */
export const GP_HUBS: GpHubFact[] = [
  {
    hubCode: '07G-HUB-CORRINGHAM',
    epraccurCode: 'Y04999',
    ccgCode: '07G',
    openedText: 'One GP Hub opened in Corringham. (Achievements for 14/15)',
    creditedPeriod: '2014/15',
    openingHours: 'extended opening hours',
    sevenDayAccess: null,
    note: 'Named in seed 001. Seed lists the opening under 14/15 achievements; ODS open date is 2015-04-25 (seed: "One of the 4 GP hubs will open in April 15").',
  },
  {
    hubCode: '07G-HUB-GRAYS',
    epraccurCode: 'Y05129',
    ccgCode: '07G',
    openedText: null,
    creditedPeriod: null,
    openingHours: 'extended opening hours',
    sevenDayAccess: null,
    note: 'Not named in the seeds; name, address and date from ODS epraccur. ODS address: Thurrock Comm Hospital, Long Lane (same postcode as trust site R1L50).',
  },
  {
    hubCode: '07G-HUB-PURFLEET',
    epraccurCode: 'Y05130',
    ccgCode: '07G',
    openedText: null,
    creditedPeriod: null,
    openingHours: 'extended opening hours',
    sevenDayAccess: null,
    note: 'Not named in the seeds; name, address and date from ODS epraccur. ODS address: Purfleet Care Centre, Tank Hill Road (same premises as practice Y00033).',
  },
  {
    hubCode: '07G-HUB-TILBURY',
    epraccurCode: 'Y05075',
    ccgCode: '07G',
    openedText: null,
    creditedPeriod: null,
    openingHours: 'extended opening hours',
    sevenDayAccess: null,
    note: 'Not named in the seeds; name, address and date from ODS epraccur. ODS address: London Road, Tilbury (same street and postcode as practice F81110 Tilbury Health Centre).',
  },
];

export interface CommissionedServiceFact {
  serviceCode: string;
  name: string;
  ccgCode: string;
  providerOds: string | null;
  careSetting: CareSetting;
  gpHubCode: string | null;
  /** take the postcode from this ODS epraccur record (or from the GP hub) */
  postcodeFrom: { epraccur: string } | { gpHub: true } | null;
  cohort: string | null;
  daysOfOperation: string | null;
  fundingStream: string | null;
  source: Quote;
}

export const COMMISSIONED_SERVICES: CommissionedServiceFact[] = [
  {
    serviceCode: '07G-SVC-001',
    name: 'Thurrock Health Centre Walk-In Service',
    ccgCode: '07G',
    providerOds: null,
    careSetting: 'PRIMARY',
    gpHubCode: null,
    postcodeFrom: { epraccur: 'Y03420' },
    cohort: null,
    daysOfOperation: null,
    fundingStream: null,
    source: { seed: '001', text: 'Undertake re-commissioning of Thurrock Health Centre and Walk-In Service' },
  },
  ...GP_HUBS.map((h, i): CommissionedServiceFact => ({
    serviceCode: `07G-SVC-00${i + 2}`,
    name: `GP extended access (extended opening hours) – ${h.hubCode
      .replace('07G-HUB-', '')
      .toLowerCase()
      .replace(/^./, (c) => c.toUpperCase())} GP hub`,
    ccgCode: '07G',
    providerOds: null,
    careSetting: 'PRIMARY',
    gpHubCode: h.hubCode,
    postcodeFrom: { gpHub: true },
    cohort: null,
    daysOfOperation: null,
    fundingStream: null,
    source: { seed: '001', text: 'Primary Care capacity has been expanded through the delivery of 4 GP hubs with extended opening hours.' },
  })),
  {
    serviceCode: '07G-SVC-006',
    name: 'End of life care (NELFT community services, end of life CQUIN)',
    ccgCode: '07G',
    providerOds: 'RAT',
    careSetting: 'COMMUNITY',
    gpHubCode: null,
    postcodeFrom: null,
    cohort: "people recorded as 'end of life'",
    daysOfOperation: null,
    fundingStream: 'CQUIN',
    source: {
      seed: '001',
      text: 'NELFT community providers have an end of life CQUIN which is reviewed quarterly and has met the required milestones',
    },
  },
  {
    serviceCode: '07G-SVC-007',
    name: 'Recovery college for Thurrock (joint CCG and Council commissioning, to be commissioned 15/16)',
    ccgCode: '07G',
    providerOds: null,
    careSetting: 'MENTAL_HEALTH',
    gpHubCode: null,
    postcodeFrom: null,
    cohort: 'people with mental health problems',
    daysOfOperation: null,
    fundingStream: null,
    source: { seed: '001', text: 'Recovery college to be commissioned 15/16 Service spec written.' },
  },
  {
    serviceCode: '07G-SVC-008',
    name: 'Personal health budgets – mental health day opportunities',
    ccgCode: '07G',
    providerOds: null,
    careSetting: 'MENTAL_HEALTH',
    gpHubCode: null,
    postcodeFrom: null,
    cohort: 'people using mental health day opportunities',
    daysOfOperation: null,
    fundingStream: 'personal health budgets',
    source: {
      seed: '001',
      text: 'Personal health budgets to be introduced initially for day opportunities within Mental Health (Mind Contract)',
    },
  },
  {
    serviceCode: '07G-SVC-009',
    name: 'Emotional wellbeing and mental health (EWMH) service for children and young people – integrated tier 2 and tier 3',
    ccgCode: '07G',
    providerOds: null,
    careSetting: 'MENTAL_HEALTH',
    gpHubCode: null,
    postcodeFrom: null,
    cohort: 'children and young people',
    daysOfOperation: null,
    fundingStream: null,
    source: {
      seed: '001',
      text: 'The Seven CCGS, Essex County Council, Southend Council and Thurrock Council have worked closely to jointly re-commission integrated targeted and specialist emotional wellbeing and mental health services for children and young people.',
    },
  },
];

// ---------------------------------------------------------------------------------------
// Council: community hubs, property, care services
// ---------------------------------------------------------------------------------------

export interface CommunityHubFact {
  hubRef: string;
  councilGss: string;
  name: string;
  /** the place name matched (exactly) against the council's ward names to fill ward_gss */
  placeName: string;
  status: HubStatus;
  openedOn: string | null;
  openedText: string | null;
  source: Quote;
}

export const COMMUNITY_HUBS: CommunityHubFact[] = [
  {
    // seed 001: "Chadwell (opened May 14)"; "community builders are in post in Chadwell St Mary"
    hubRef: 'THR-CH-01',
    councilGss: 'E06000034',
    name: 'Chadwell St Mary Community Hub',
    placeName: 'Chadwell St Mary',
    status: 'OPEN',
    openedOn: '2014-05-01',
    openedText: 'opened May 14',
    source: { seed: '001', text: 'Chadwell (opened May 14)' },
  },
  {
    hubRef: 'THR-CH-02',
    councilGss: 'E06000034',
    name: 'South Ockendon Community Hub',
    placeName: 'South Ockendon',
    status: 'OPEN',
    openedOn: null,
    openedText: null, // open per the 2014/15 end-of-year plan; no opening date given
    source: { seed: '001', text: 'Two Hubs are open (South Ockendon and Chadwell)' },
  },
  {
    hubRef: 'THR-CH-03',
    councilGss: 'E06000034',
    name: 'Tilbury Community Hub',
    placeName: 'Tilbury',
    status: 'PLANNED',
    openedOn: null,
    openedText: 'should open 2015/16',
    source: { seed: '001', text: 'Tilbury and Stifford Clays should open 2015/16' },
  },
  {
    hubRef: 'THR-CH-04',
    councilGss: 'E06000034',
    name: 'Stifford Clays Community Hub',
    placeName: 'Stifford Clays',
    status: 'PLANNED',
    openedOn: null,
    openedText: 'should open 2015/16',
    source: { seed: '001', text: 'Tilbury and Stifford Clays should open 2015/16' },
  },
  {
    hubRef: 'THR-CH-05',
    councilGss: 'E06000034',
    name: 'Aveley Community Hub',
    placeName: 'Aveley',
    status: 'PLANNED',
    openedOn: null,
    openedText: 'in progress',
    source: { seed: '001', text: 'Aveley and Tilbury Hubs in progress' },
  },
  {
    // seed 003: "the Purbeck Project which brings together in a single hub primary care, community
    // health, social care …" and "NHS and social care commissioners and providers agree to work
    // together to deliver an integrated hub". Recorded in Purbeck District Council's register as a
    // PLANNED hub (the MoU is the district council's paper); its location is not stated.
    hubRef: 'PUR-CH-01',
    councilGss: 'E07000051',
    name: 'Purbeck integrated hub (single hub)',
    placeName: '',
    status: 'PLANNED',
    openedOn: null,
    openedText: null,
    source: { seed: '003', text: 'NHS and social care commissioners and providers agree to work together to deliver an integrated hub' },
  },
];

export interface PropertyFact {
  /** SYNTHETIC key: the council's own asset reference is not in any source */
  assetRef: string;
  councilGss: string;
  /** facts (name, address, postcode, owner) from nhs_website/hospitals_2018-01 by site code */
  hospitalSiteCode: string;
  ownerOds: string;
  tenure: string | null;
  status: EstateStatus;
  proposedReuse: string | null;
  why: Quote;
}

/**
 * Seed 003 (Overarching Principles): "We commit to review and discussion of our respective public
 * sector land …" and §2.2 "utilising their estates and other vacant public land in the town"
 * (Wareham). The demo's council property register is Purbeck District Council's list of public
 * estate in Wareham; the only Wareham public building in the reference data is Wareham Community
 * Hospital (Dorset HealthCare, site RDYFD).
 */
export const PROPERTIES: PropertyFact[] = [
  {
    assetRef: 'SYNTH-PROP-0001',
    councilGss: 'E07000051',
    hospitalSiteCode: 'RDYFD',
    ownerOds: 'RDY',
    tenure: null,
    status: 'IN_USE',
    proposedReuse: null,
    why: { seed: '003', text: 'We commit to review and discussion of our respective public sector land' },
  },
];

export interface CareServiceFact {
  serviceRef: string;
  councilGss: string;
  name: string;
  providerCode: string | null;
  careSetting: CareSetting;
  hubRef: string | null;
  /** ward from the community hub, if the hub has one */
  wardFromHub: boolean;
  cohort: string | null;
  daysOfOperation: string | null;
  fundingStream: string | null;
  source: Quote;
}

export const CARE_SERVICES: CareServiceFact[] = [
  {
    serviceRef: 'THR-SVC-001',
    councilGss: 'E06000034',
    name: 'Local Area Coordination (9 Local Area Co-ordinators)',
    providerCode: 'E06000034',
    careSetting: 'SOCIAL_CARE',
    hubRef: null,
    wardFromHub: false,
    cohort: 'a broad range of marginalised service users',
    daysOfOperation: null,
    fundingStream: 'Better Care Fund',
    source: { seed: '001', text: 'LACs have expanded to a total of 9 LACs.' },
  },
  {
    serviceRef: 'THR-SVC-002',
    councilGss: 'E06000034',
    name: 'Community builder – Chadwell St Mary (Stronger Together Programme)',
    providerCode: null,
    careSetting: 'VOLUNTARY',
    hubRef: 'THR-CH-01',
    wardFromHub: true,
    cohort: null,
    daysOfOperation: null,
    fundingStream: null,
    source: { seed: '001', text: 'Two community builders are in post in Chadwell St Mary and South Ockendon' },
  },
  {
    serviceRef: 'THR-SVC-003',
    councilGss: 'E06000034',
    name: 'Community builder – South Ockendon (Stronger Together Programme)',
    providerCode: null,
    careSetting: 'VOLUNTARY',
    hubRef: 'THR-CH-02',
    wardFromHub: true,
    cohort: null,
    daysOfOperation: null,
    fundingStream: null,
    source: { seed: '001', text: 'Two community builders are in post in Chadwell St Mary and South Ockendon' },
  },
  {
    serviceRef: 'THR-SVC-004',
    councilGss: 'E06000034',
    name: 'Interim beds – Collins House (12 beds funded by the Better Care Fund)',
    providerCode: null,
    careSetting: 'SOCIAL_CARE',
    hubRef: null,
    wardFromHub: false,
    cohort: null,
    daysOfOperation: null,
    fundingStream: 'Better Care Fund',
    source: { seed: '001', text: 'Better Care Fund will fund 12 beds' },
  },
  {
    serviceRef: 'THR-SVC-005',
    councilGss: 'E06000034',
    name: 'Rapid Response and Assessment Service (RRAS)',
    providerCode: null,
    careSetting: 'SOCIAL_CARE',
    hubRef: null,
    wardFromHub: false,
    cohort: 'patients in crisis',
    daysOfOperation: '7 days a week',
    fundingStream: null,
    source: { seed: '001', text: 'the service does offer a 7 day a week service offer' },
  },
  {
    serviceRef: 'THR-SVC-006',
    councilGss: 'E06000034',
    name: 'Smoking cessation and prevention (public health tobacco control service)',
    providerCode: 'RAT',
    careSetting: 'COMMUNITY',
    hubRef: null,
    wardFromHub: false,
    cohort: 'current smokers',
    daysOfOperation: null,
    fundingStream: null,
    source: {
      seed: '001',
      text: 'We are working with current provider NELFT to develop a revised model with a greater preventative focus for 15/16.',
    },
  },
  {
    serviceRef: 'THR-SVC-007',
    councilGss: 'E06000034',
    name: 'Recovery college for Thurrock (joint CCG and Council commissioning, to be commissioned 15/16)',
    providerCode: null,
    careSetting: 'MENTAL_HEALTH',
    hubRef: null,
    wardFromHub: false,
    cohort: 'people with mental health problems',
    daysOfOperation: null,
    fundingStream: null,
    source: {
      seed: '001',
      text: 'Explore the option of commissioning a recovery college for Thurrock jointly between the CCG and Council',
    },
  },
  {
    serviceRef: 'THR-SVC-008',
    councilGss: 'E06000034',
    name: 'Emotional wellbeing and mental health (EWMH) service for children and young people – integrated tier 2 and tier 3',
    providerCode: null,
    careSetting: 'MENTAL_HEALTH',
    hubRef: null,
    wardFromHub: false,
    cohort: 'children and young people',
    daysOfOperation: null,
    fundingStream: null,
    source: {
      seed: '001',
      text: 'jointly re-commission integrated targeted and specialist emotional wellbeing and mental health services for children and young people',
    },
  },
  {
    serviceRef: 'THR-SVC-009',
    councilGss: 'E06000034',
    name: 'Information and advice portal (Care Act)',
    providerCode: 'E06000034',
    careSetting: 'SOCIAL_CARE',
    hubRef: null,
    wardFromHub: false,
    cohort: null,
    daysOfOperation: null,
    fundingStream: null,
    source: { seed: '001', text: 'the Council has launched an information and advice portal' },
  },
  {
    serviceRef: 'THR-SVC-010',
    councilGss: 'E06000034',
    name: 'Time Banking in Thurrock',
    providerCode: null,
    careSetting: 'VOLUNTARY',
    hubRef: null,
    wardFromHub: false,
    cohort: null,
    daysOfOperation: null,
    fundingStream: null,
    source: { seed: '001', text: 'Introduction of Time Banking in Thurrock to stimulate volunteering and community support.' },
  },
  {
    serviceRef: 'THR-SVC-011',
    councilGss: 'E06000034',
    name: 'Preventative mental health and wellbeing grant funding pilot (with Thurrock CVS)',
    providerCode: null,
    careSetting: 'VOLUNTARY',
    hubRef: null,
    wardFromHub: false,
    cohort: null,
    daysOfOperation: null,
    fundingStream: 'grant funding (pilot, quarter 4 of 2014/15)',
    source: {
      seed: '001',
      text: 'A grant funding project for preventative MH and wellbeing is being piloted in partnership with Community Voluntary Service (CVS)',
    },
  },
];

// ---------------------------------------------------------------------------------------
// Trust: sites and service lines
// ---------------------------------------------------------------------------------------

/** Sites named in the brief / seeds that lie outside the five LADs but are still included. */
export const EXTRA_SITES_OUTSIDE_LADS = ['RDDH0']; // Basildon University Hospital (BTUH main site; seeds 001/004 name BTUH)

export interface ServiceLineFact {
  serviceLineId: string;
  trustOds: string;
  name: string;
  careSetting: CareSetting;
  siteCode: string | null;
  cohort: string | null;
  daysOfOperation: string | null;
  source: Quote | { reference: string };
}

export const SERVICE_LINES: ServiceLineFact[] = [
  {
    serviceLineId: 'RAT-SL-001',
    trustOds: 'RAT',
    name: 'Minor injuries unit – Orsett Hospital',
    careSetting: 'COMMUNITY',
    siteCode: 'RATPH',
    cohort: null,
    daysOfOperation: null,
    source: {
      reference: 'nhs_website/hospitals_2018-01 row RATPH "Orsett Hospital Minor Injuries Unit - North East London NHS Foundation Trust"',
    },
  },
  {
    serviceLineId: 'RAT-SL-002',
    trustOds: 'RAT',
    name: 'End of life care (community services, Thurrock)',
    careSetting: 'COMMUNITY',
    siteCode: null,
    cohort: "people recorded as 'end of life'",
    daysOfOperation: null,
    source: { seed: '001', text: 'NELFT community providers have an end of life CQUIN' },
  },
  {
    serviceLineId: 'RAT-SL-003',
    trustOds: 'RAT',
    name: 'Smoking cessation and prevention (Thurrock)',
    careSetting: 'COMMUNITY',
    siteCode: null,
    cohort: 'current smokers',
    daysOfOperation: null,
    source: { seed: '001', text: 'We are working with current provider NELFT' },
  },
  {
    serviceLineId: 'RDD-SL-001',
    trustOds: 'RDD',
    name: 'Accident and Emergency',
    careSetting: 'ACUTE',
    siteCode: null,
    cohort: null,
    daysOfOperation: null,
    source: { seed: '001', text: 'Thurrock is working closely with Basildon CCG to review work and identify efficiencies in BTUH.' },
  },
  {
    serviceLineId: 'RDD-SL-002',
    trustOds: 'RDD',
    name: 'Dermatology – Canvey Island (Long Road Clinic)',
    careSetting: 'ACUTE',
    siteCode: 'RDD02',
    cohort: null,
    daysOfOperation: null,
    source: { reference: 'nhs_website/hospitals_2018-01 row RDD02 "Basildon Hospital - Dermatology Canvey Island"' },
  },
  {
    serviceLineId: 'RDD-SL-003',
    trustOds: 'RDD',
    name: 'Dermatology – Benfleet (Tyrells Health Centre)',
    careSetting: 'ACUTE',
    siteCode: 'RDD03',
    cohort: null,
    daysOfOperation: null,
    source: { reference: 'nhs_website/hospitals_2018-01 row RDD03 "Basildon Hospital - Dermatology Benfleet"' },
  },
  {
    serviceLineId: 'RWN-SL-001',
    trustOds: 'RWN',
    name: 'Mental health – initial response, recovery and wellbeing teams (Thurrock, under the revised section 75 agreement)',
    careSetting: 'MENTAL_HEALTH',
    siteCode: null,
    cohort: null,
    daysOfOperation: null,
    source: { seed: '001', text: 'New models of working now established. Initial response recovery and wellbeing teams.' },
  },
];

// ---------------------------------------------------------------------------------------
// Crosswalk: explicit identity links (same real-world thing in two partner sources)
// ---------------------------------------------------------------------------------------

export interface CrosswalkFact {
  kind: CrosswalkKind;
  entityId: string;
  links: { source: CrosswalkSource; nativeTable: string; nativeKey: string }[];
  why: string;
}

export const CROSSWALK: CrosswalkFact[] = [
  {
    kind: 'ESTATE',
    entityId: 'orsett-hospital',
    links: [
      { source: 'trust', nativeTable: 'site', nativeKey: 'RDDH1' },
      { source: 'trust', nativeTable: 'site', nativeKey: 'RATPH' },
    ],
    why: 'Both hospitals_2018-01 rows are at Rowley Road, Orsett, RM16 3EU: RDDH1 "Orsett Hospital" (BTUH) and RATPH "Orsett Hospital Minor Injuries Unit - North East London NHS Foundation Trust" (NELFT).',
  },
  {
    kind: 'ESTATE',
    entityId: 'wareham-community-hospital',
    links: [
      { source: 'council', nativeTable: 'property', nativeKey: 'SYNTH-PROP-0001' },
      { source: 'trust', nativeTable: 'site', nativeKey: 'RDYFD' },
    ],
    why: 'The council property row is built from the trust site row RDYFD (One Public Estate register, seed 003).',
  },
  {
    kind: 'SERVICE',
    entityId: 'thurrock-recovery-college',
    links: [
      { source: 'ccg', nativeTable: 'commissioned_service', nativeKey: '07G-SVC-007' },
      { source: 'council', nativeTable: 'care_service', nativeKey: 'THR-SVC-007' },
    ],
    why: 'Seed 001: one recovery college commissioned "jointly between the CCG and Council".',
  },
  {
    kind: 'SERVICE',
    entityId: 'thurrock-ewmh-children-young-people',
    links: [
      { source: 'ccg', nativeTable: 'commissioned_service', nativeKey: '07G-SVC-009' },
      { source: 'council', nativeTable: 'care_service', nativeKey: 'THR-SVC-008' },
    ],
    why: 'Seed 001: one EWMH service jointly re-commissioned by the seven CCGs and the three councils; "one provider has been appointed".',
  },
  {
    kind: 'SERVICE',
    entityId: 'thurrock-end-of-life-care-nelft',
    links: [
      { source: 'ccg', nativeTable: 'commissioned_service', nativeKey: '07G-SVC-006' },
      { source: 'trust', nativeTable: 'service_line', nativeKey: 'RAT-SL-002' },
    ],
    why: "Seed 001: the CCG's end-of-life CQUIN is held by NELFT community services – the same service seen by commissioner and provider.",
  },
  {
    kind: 'SERVICE',
    entityId: 'thurrock-smoking-cessation-nelft',
    links: [
      { source: 'council', nativeTable: 'care_service', nativeKey: 'THR-SVC-006' },
      { source: 'trust', nativeTable: 'service_line', nativeKey: 'RAT-SL-003' },
    ],
    why: 'Seed 001: the council\'s public-health smoking service has "current provider NELFT" – the same service seen by commissioner and provider.',
  },
];

// ---------------------------------------------------------------------------------------
// Hub: outcomes framework (seed 002) and the demo's indicator strand
// ---------------------------------------------------------------------------------------

export interface OutcomeDomainFact {
  id: string;
  partnershipId: string;
  /** the seed's domain name with its first letter capitalised */
  name: string;
  /** the rest of the bullet after the dash, as written */
  description: string;
  position: number;
  /** the bullet exactly as seed 002 writes it */
  source: Quote;
}

/**
 * Seed 002 "Our objectives": "The four domains that we have agreed, and that we are developing
 * outcomes and indicators for, are:" followed by four bullets "name – description".
 */
export const OUTCOME_DOMAINS: OutcomeDomainFact[] = [
  ['health-and-wellbeing', 'health and wellbeing', 'measuring population health, prevention, independence and lifestyle factors'],
  ['care-quality-and-experience', 'care quality and experience', 'looking at personal experience, quality and partnership development'],
  ['sustainability', 'sustainability', 'focusing on the financial and clinical sustainability of the system'],
  ['transformation', 'transformation', 'such as changing culture amongst our workforce'],
].map(([slug, name, description], i) => ({
  id: `se-essex-${slug}`,
  partnershipId: 'south-east-essex-locality-partnership',
  name: `${(name as string).charAt(0).toUpperCase()}${(name as string).slice(1)}`,
  description: description as string,
  position: i + 1,
  source: { seed: '002' as const, text: `${name} – ${description}` },
}));

export interface OutcomeFact {
  id: string;
  domainId: string;
  name: string;
  description: string;
}

/**
 * The seeds name no outcomes ("we are developing outcomes and indicators" – seed 002). This one is
 * the demo's own framing for the real Delayed Transfers of Care strand; the synthetic outcome
 * lives in synthetic.ts.
 */
export const OUTCOMES: OutcomeFact[] = [
  {
    id: 'se-essex-people-leave-hospital-without-delay',
    domainId: 'se-essex-care-quality-and-experience',
    name: 'People leave hospital without delay',
    description:
      'Demo framing, not from a seed: seed 002 says the partnership is developing outcomes and indicators for its four domains but names none. This outcome carries the Delayed Transfers of Care measure, a Better Care Fund national metric in 2014–2019, with real monthly figures (NHS England DToC sitreps) for Southend-on-Sea, Essex and, as a comparator, Thurrock.',
  },
];

export interface IndicatorFact {
  id: string;
  outcomeId: string;
  name: string;
  unit: string;
  polarity: 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';
  measuredBy: 'ccg-primary-care' | 'council-registers' | 'trust-sites';
  sourceCode: string;
  countsPeople: boolean;
  published: boolean;
  /** The period each value is measured over. */
  periodicity: 'MONTH' | 'QUARTER' | 'YEAR';
  /** Disclosure control of this indicator, where it differs from the hub's policy. */
  suppressionThreshold?: number;
  roundingBase?: number;
}

export const DTOC_INDICATOR: IndicatorFact = {
  id: 'dtoc-delayed-days-total',
  outcomeId: 'se-essex-people-leave-hospital-without-delay',
  name: 'Delayed transfers of care: total delayed days (all reasons, all responsible organisations)',
  unit: 'delayed days per month',
  polarity: 'LOWER_IS_BETTER',
  measuredBy: 'council-registers', // the councils' adult social care sitrep figures; the council source holds them
  sourceCode: 'DTOC-DELAYED-DAYS-TOTAL',
  countsPeople: false, // delayed days, not people
  published: true,
  periodicity: 'MONTH', // the monthly situation reports
};

/**
 * The local authorities whose real monthly DToC totals are loaded, by the `Name` the reference
 * file uses (its `Code` is a pre-2014 LA code in early months, so the GSS code is fixed here and
 * checked against every row that carries a GSS code).
 */
export const DTOC_AREAS: { name: string; gss: string }[] = [
  { name: 'Thurrock', gss: 'E06000034' },
  { name: 'Southend', gss: 'E06000033' },
  { name: 'Essex', gss: 'E10000012' },
];
export const DTOC_FROM = '2014-04';
export const DTOC_TO = '2019-12';

// ---------------------------------------------------------------------------------------
// Hub: the Thurrock Better Care Fund and its schemes
// ---------------------------------------------------------------------------------------

export interface FundFact {
  id: string;
  name: string;
  partnershipId: string;
  agreementId: string | null;
  hostOrganisationId: string | null;
  description: string;
  sources: Quote[];
}

export const FUNDS: FundFact[] = [
  {
    id: 'thurrock-better-care-fund',
    name: 'Thurrock Better Care Fund',
    partnershipId: 'thurrock-alliance',
    agreementId: 'thurrock-better-care-pooled-fund-s75',
    // seed 004: the BCF is "a single pooled budget" of the Council and the CCG; no seed says which
    // partner hosts the pool, so no host is recorded.
    hostOrganisationId: null,
    description:
      "The Better Care Fund (BCF) is a single pooled budget that will act as a catalyst to ensure Thurrock's transformational ambitions for health and care are achieved, initially in the care of older adults (seed 004, Background). The Council and the CCG create the Better Care Fund Plan (seed 004); Thurrock's Better Care Fund Plan was developed in 2014 and signed off in January 2015, and the pooled fund is held under the Better Care Pooled Fund S75 Agreement (seed 001).",
    sources: [
      {
        seed: '004',
        text: "The Better Care Fund (BCF) is a single pooled budget that will act as a catalyst to ensure Thurrock's transformational ambitions for health and care are achieved, initially in the care of older adults.",
      },
      { seed: '004', text: 'The Council and CCG are required by the Government to create a Better Care Fund Plan' },
      { seed: '001', text: 'Thurrock’s Better Care Fund Plan was developed in 2014 and signed off in January 2015.' },
      { seed: '001', text: 'Development and agreement of the Better Care Pooled Fund S75 Agreement' },
    ],
  },
];

export interface SchemeFact {
  id: string;
  fundId: string;
  name: string;
  description: string;
  source: Quote;
  /** the council care service the scheme pays for, used as ledger service_ref (council ledger only) */
  councilServiceRef: string | null;
}

/** Only schemes seed 001 ties to the Better Care Fund in so many words. */
export const SCHEMES: SchemeFact[] = [
  {
    id: 'thurrock-bcf-collins-house-interim-beds',
    fundId: 'thurrock-better-care-fund',
    name: 'Interim beds at Collins House',
    description:
      'Seed 001 (Increase interim bed capacity (via Collins House)): "Better Care Fund will fund 12 beds and funding has been increased to sustain what is in place."',
    source: { seed: '001', text: 'Better Care Fund will fund 12 beds and funding has been increased to sustain what is in place.' },
    councilServiceRef: 'THR-SVC-004',
  },
  {
    id: 'thurrock-bcf-frailty-pathway',
    fundId: 'thurrock-better-care-fund',
    name: 'Frailty pathway (Older People Strategy Group)',
    description:
      'Seed 001 (Development of frailty pathway): "This work is being progressed by the Older People Strategy Group as part of the Better Care Fund." The seed does not say how it is funded.',
    source: { seed: '001', text: 'This work is being progressed by the Older People Strategy Group as part of the Better Care Fund.' },
    councilServiceRef: null,
  },
  {
    id: 'thurrock-bcf-local-area-coordination',
    fundId: 'thurrock-better-care-fund',
    name: 'Local Area Coordination',
    description:
      'Seed 001 (Local Area Coordination initiative): "Funded until 31st March 2016. Funding approved through the Better Care Fund."',
    source: { seed: '001', text: 'Funding approved through the Better Care Fund.' },
    councilServiceRef: 'THR-SVC-001',
  },
];

/** Named in the seeds near the BCF but not recorded as schemes. */
export const SCHEMES_LEFT_OUT: string[] = [
  'Rapid Response and Assessment Service (RRAS): seed 001 says extended hours "will be a priority for the joint reablement funding" – the seed does not say that funding is the Better Care Fund.',
  'Telecare and telehealth: also "a priority for the joint reablement funding" (seed 001 ambition 33) – not tied to the BCF.',
  '"Identification of schemes for 15/16 as part of BCF" and "The schemes within the Plan will be reviewed and redesigned throughout 15/16" (seed 001) – the schemes are not named.',
];

// ---------------------------------------------------------------------------------------
// Council: engagement activity (seed 004)
// ---------------------------------------------------------------------------------------

export interface EngagementFact {
  activityRef: string;
  /** the seed's group heading, without the trailing colon / "including" */
  kind: string;
  title: string;
  /** the words of the item naming who (or which forum) is engaged; null where the item names none */
  audience: string | null;
  description: string | null;
  source: Quote;
}

/**
 * Seed 004, "Proposed Engagement Activity": "Components of the Engagement Plan are likely to
 * include:" – the items under each heading, in order. None has a date or a locality.
 */
export const ENGAGEMENT_HELD_TEXT =
  'planned: "Components of the Engagement Plan are likely to include" (draft plan, July 2014; no dates given)';
export const ENGAGEMENT_ACTIVITIES: EngagementFact[] = [
  {
    kind: 'Information Exchange',
    title: 'A range of briefing sessions at public meetings such as the community fora',
    audience: 'public meetings such as the community fora',
    description: null,
  },
  { kind: 'Information Exchange', title: 'A presence at community events', audience: 'community events', description: null },
  {
    kind: 'Information Exchange',
    title: 'Briefings with representative and special interest groups',
    audience: 'representative and special interest groups',
    description: null,
  },
  { kind: 'Information Exchange', title: 'Specially convened listening events', audience: null, description: null },
  {
    kind: 'In-depth soundings',
    title: 'Focus groups ie people with Long Term Conditions',
    audience: 'people with Long Term Conditions',
    description: null,
  },
  {
    kind: 'In-depth soundings',
    title: 'Individual interviews with experts by experience',
    audience: 'experts by experience',
    description: null,
  },
  { kind: 'In-depth soundings', title: 'Joint Strategic Forum', audience: null, description: null },
  {
    kind: 'Working groups',
    title: 'Citizen involvement in whole system reviews of care-pathways, commencing with the care-pathway for older people.',
    audience: null,
    description: null,
  },
  {
    kind: 'Locality based conversations',
    title: 'Locality based conversations',
    audience: null,
    description:
      'Building on the local presence of Community Fora, community organisers, local area coordinators and Asset Based Community Development community builders.',
  },
].map((a, i) => ({
  ...a,
  activityRef: `THR-ENG-2014-${String(i + 1).padStart(2, '0')}`,
  source: { seed: '004' as const, text: a.description ?? a.title },
}));

/**
 * "You said, we did": seed 004 only commits to the method ("Provide feedback where people have
 * engaged using the 'you said, we did' methodology"); no seed records any feedback, so the
 * table is shipped empty (header only).
 */
export const YOU_SAID_WE_DID_METHOD: Quote = {
  seed: '004',
  text: "Provide feedback where people have engaged using the 'you said, we did' methodology",
};
