/**
 * Facts of the seed documents that are first-class objects rather than free text: the July
 * 2014 communication and engagement plan (seed 004), what the Thurrock report (seed 000) says
 * of its draft MoU and the Alliance Agreement it plans, who reviews the South East Essex MoU
 * and whom it welcomes as future parties (seed 002), the pilot locality (seed 000), and the
 * capacities the delivery plan counts (seed 001). Each quote is the seed's wording; `line`
 * is the line of the seed file it is on.
 */

export interface EngagementPlanFact {
  id: string;
  partnershipId: string;
  title: string;
  subtitle: string;
  versionText: string;
  status: 'DRAFT';
  issuedOn: string;
  issuedText: string;
  integratedByYear: number;
  initialFocus: string;
  partOf: string;
  overseenBy: string;
  reportsTo: string;
  engagementGroup: string;
  guidedBy: string[];
  visionPrinciples: string[];
  engagementPrinciples: string[];
  communicationPrinciples: string[];
  keyQuestions: string[];
  reviewAfterMonths: number[];
  reviewText: string;
  source: string;
}

/** Seed 004, by line: 1–9 title block; 15, 17, 19–29, 35 introduction; 57, 61–66, 71–76 principles; 80 governance; 118–120 engagement group; 145–155 key questions; 159 review. */
export const ENGAGEMENT_PLAN: EngagementPlanFact = {
  id: 'thurrock-better-care-engagement-plan-2014',
  partnershipId: 'thurrock-alliance',
  title: 'Better Care in Thurrock',
  subtitle: 'A Plan for communicating with and involving citizens in transforming health and social care services.',
  versionText: 'Draft Version 1.0',
  status: 'DRAFT',
  issuedOn: '2014-07-01',
  issuedText: 'July 2014',
  integratedByYear: 2018,
  initialFocus: 'the health and well being of older adults',
  partOf: 'the Programme Initiation Document for the Health and Social Care Transformation Programme Board',
  overseenBy: 'Health and Social Care Transformation Programme Board',
  reportsTo: 'Health and Well-being Board',
  engagementGroup: 'Health and Social Care Transformation Engagement Group',
  guidedBy: ['Thurrock Joint Compact 2012', 'Thurrock Community Engagement Toolkit'],
  visionPrinciples: [
    'Empowered citizens who have choice and independence and take personal responsibility for their health and wellbeing',
    'Health and care solutions that can be accessed close to home',
    'High quality services tailored around the outcomes the individual wishes to achieve',
    'A focus on prevention and timely intervention that supports people to be healthy and live independently for as long as possible',
    'Systems and structures that enable and deliver a co-ordinated and seamless response',
  ],
  engagementPrinciples: [
    'Honest and transparent about the scope of change, and the enablers and constraints in the change process',
    'On terms, in places and at times which suit citizens and communities',
    'Two way, with information being imparted and received, and delivered in a manner which encourages questions and constructive criticism',
    'Responsive to what we hear, where ever possible giving an account of what will be done with what we learn and the likely outcomes',
  ],
  communicationPrinciples: [
    'demonstrate integrity and public accountability',
    'be clear and easy to understand',
    "Provide feedback where people have engaged using the 'you said, we did' methodology",
    'be appropriately targeted to the communication needs of our various audiences',
  ],
  keyQuestions: [
    'How we can create more age-friendly/dementia-friendly places',
    'How we can create the conditions that overcome social isolation, marginalisation and depression',
    'How can we shift focus and effort to early intervention and prevention (prevent, reduce, and delay the need for service intervention)',
    'How we can create the conditions that improve health and reduce inequalities',
    'How we can move away from inappropriate attendance at Accident & Emergency services',
    'How can we encourage more older adults to consider at an earlier stage the housing which will best meet their needs as they age',
    'How we can build on the strengths, gifts and assets that reside in our communities',
    'How we can stimulate the development of a more diverse social care market and stimulate the growth of micro-enterprises',
    'How we can encourage greater mutuality in which everyone feels valued',
  ],
  reviewAfterMonths: [3, 6, 12],
  reviewText: 'This document will be reviewed at 3, 6, and 12 month intervals.',
  source: 'seeds/004_c29daff56d4e6e8f.txt',
};

export type EngagementPlanRole = 'PRODUCER' | 'COMMISSIONER' | 'PRINCIPLES_AUTHOR' | 'ENGAGEMENT_GROUP_MEMBER';

export interface EngagementPlanPartyFact {
  position: number;
  /** hub organisation id; null where the seed names a group that is not an organisation in the registry */
  organisationId: string | null;
  namedAs: string;
  roles: EngagementPlanRole[];
  line: string;
}

/**
 * Line 7 "Jointly produced by Thurrock CVS, Thurrock Healthwatch, Thurrock Clinical Reference
 * Group, Thurrock Coalition, Thurrock Council and NHS Thurrock Clinical Commissioning Group";
 * line 17 the Council and the CCG "are committed to engaging and involving citizens" (they
 * co-produce with citizens, line 53: "co-produce with the Council and the CCG"); line 19 the
 * six "have already developed the high level principles"; line 120 the Engagement Group's
 * membership: CVS, Healthwatch, CRG, Coalition.
 */
export const ENGAGEMENT_PLAN_PARTIES: EngagementPlanPartyFact[] = [
  {
    position: 1,
    organisationId: 'thurrock-cvs',
    namedAs: 'Thurrock CVS',
    roles: ['PRODUCER', 'PRINCIPLES_AUTHOR', 'ENGAGEMENT_GROUP_MEMBER'],
    line: '7, 19, 120',
  },
  {
    position: 2,
    organisationId: 'healthwatch-thurrock',
    namedAs: 'Thurrock Healthwatch',
    roles: ['PRODUCER', 'PRINCIPLES_AUTHOR', 'ENGAGEMENT_GROUP_MEMBER'],
    line: '7, 19, 120',
  },
  {
    position: 3,
    organisationId: null,
    namedAs: 'Thurrock Clinical Reference Group',
    roles: ['PRODUCER', 'PRINCIPLES_AUTHOR', 'ENGAGEMENT_GROUP_MEMBER'],
    line: '7, 19 ("Thurrock Commissioning Reference Group (the CRG)"), 120',
  },
  {
    position: 4,
    organisationId: 'thurrock-coalition',
    namedAs: 'Thurrock Coalition',
    roles: ['PRODUCER', 'PRINCIPLES_AUTHOR', 'ENGAGEMENT_GROUP_MEMBER'],
    line: '7, 19, 120',
  },
  {
    position: 5,
    organisationId: 'thurrock-council',
    namedAs: 'Thurrock Council',
    roles: ['PRODUCER', 'COMMISSIONER', 'PRINCIPLES_AUTHOR'],
    line: '7, 17, 19',
  },
  {
    position: 6,
    organisationId: 'nhs-thurrock-ccg',
    namedAs: 'NHS Thurrock Clinical Commissioning Group',
    roles: ['PRODUCER', 'COMMISSIONER', 'PRINCIPLES_AUTHOR'],
    line: '7, 17, 19',
  },
];

export interface StakeholderFact {
  position: number;
  stakeholder: string;
  organisationIds: string[];
}

/** Lines 93–102: "a diverse range of stakeholders including:" */
export const ENGAGEMENT_PLAN_STAKEHOLDERS: StakeholderFact[] = [
  { position: 1, stakeholder: 'Citizens', organisationIds: [] },
  { position: 2, stakeholder: 'Service users and carers', organisationIds: [] },
  {
    position: 3,
    stakeholder: 'Umbrella organisations, particularly patient and service user organisations in the third sector',
    organisationIds: [],
  },
  { position: 4, stakeholder: 'Elected Members of the Thurrock Council', organisationIds: ['thurrock-council'] },
  { position: 5, stakeholder: 'Board Members of Thurrock CCG', organisationIds: ['nhs-thurrock-ccg'] },
  {
    position: 6,
    stakeholder:
      'The 4 main NHS health providers: NELFT; SEPT; BTUH; EEAS individually and as representatives on the Strategic Leadership Group',
    organisationIds: ['nelft', 'sept', 'btuh', 'eeas'],
  },
  { position: 7, stakeholder: 'Primary Care providers including GPs, Dentists, Pharmacists and Opticians', organisationIds: [] },
  { position: 8, stakeholder: 'Commissioners in social care, health and community services', organisationIds: [] },
  { position: 9, stakeholder: 'Health and social care workers', organisationIds: [] },
  {
    position: 10,
    stakeholder: 'Private and voluntary sector providers individually and as represented in the Partnership Structure',
    organisationIds: [],
  },
];

/** What a document says of an agreement's next steps, beside its status. */
export interface AgreementPlanFact {
  reviewedBy: string | null;
  operationalPeriod: string | null;
  expectedText: string | null;
  expectedOn: string | null;
  consideredBy: string[];
}

export const AGREEMENT_PLANS: Record<string, AgreementPlanFact> = {
  // Seed 000 line 15: "presented to the HWB and partner agency Boards for consideration and comment during Autumn.
  // It is intended that endorsement of the final MOU is sought in the New Year."; line 20: "endorsing the final version at its meeting in January 2019".
  'thurrock-draft-mou-2018': {
    reviewedBy: null,
    operationalPeriod: null,
    expectedText: 'endorsement of the final version at the Health and Wellbeing Board meeting in January 2019',
    expectedOn: '2019-01-01',
    consideredBy: ['Thurrock Health and Wellbeing Board', 'partner agency Boards'],
  },
  // Seed 000 line 33: "a formal Alliance Agreement ... a draft of this agreement will be available by early 2019, so that it can be operational in 2019/20."
  'thurrock-alliance-agreement-planned': {
    reviewedBy: null,
    operationalPeriod: '2019/20',
    expectedText: 'a draft available by early 2019',
    expectedOn: null,
    consideredBy: [],
  },
  // Seed 003 line 16: "The next step is to agree shared governance arrangements and the project plan for the delivery of this development";
  // line 20: "Policy Group recommend to Council that the Memorandum of Understanding is signed by the Chief Executive on behalf of the Council."
  'purbeck-masterplan-mou-2017': {
    reviewedBy: null,
    operationalPeriod: null,
    expectedText: 'next step: agree shared governance arrangements and the project plan for the delivery of this development',
    expectedOn: null,
    consideredBy: ['Policy Group', 'Council'],
  },
  // Seed 002 line 90: "This review will be conducted by the South East Essex Locality Partnership."
  'se-essex-locality-partnership-mou-2019': {
    reviewedBy: 'South East Essex Locality Partnership',
    operationalPeriod: null,
    expectedText: null,
    expectedOn: null,
    consideredBy: [],
  },
};

/** Seed 002 line 38: "at the appropriate point we would welcome the participation of Castle Point and Rochford District Councils." */
export const PROSPECTIVE_PARTIES = [
  {
    agreementId: 'se-essex-locality-partnership-mou-2019',
    organisationId: 'castle-point-borough-council',
    namedAs: 'Castle Point and Rochford District Councils',
  },
  {
    agreementId: 'se-essex-locality-partnership-mou-2019',
    organisationId: 'rochford-district-council',
    namedAs: 'Castle Point and Rochford District Councils',
  },
];

/** Seed 000 line 28: "the new model of care ... is now being piloted in Tilbury and Chadwell". */
export const PILOTS: Record<string, string> = {
  'thurrock-tilbury-chadwell': 'the new model of care (endorsed by Thurrock Health Overview and Scrutiny Committee in November 2017)',
};

/**
 * Sub-items of an agreement's numbered objectives, by agreement and objective number. Seed 003
 * lines 71–74: objective 2 ends "with a specific focus on housing for" and three bullets; the
 * objective text keeps them joined as ": a; b; c", checked by the build.
 */
export const OBJECTIVE_ITEMS: Record<string, Record<number, string[]>> = {
  'purbeck-masterplan-mou-2017': {
    2: [
      'Health and social care keyworkers',
      'Older persons and specialist disability accommodation all ages',
      'Housing growth general needs for Purbeck including brownfield sites',
    ],
  },
};

/**
 * The reporting period seed 001 credits a community hub's opening to, or plans it in. Line 164
 * (Successes, Achievements for 14/15): "Two Hubs are open (South Ockendon and Chadwell) and
 * Tilbury and Stifford Clays opening in 2015/16."
 */
export const COMMUNITY_HUB_PERIODS: Record<string, string> = {
  'THR-CH-01': '2014/15',
  'THR-CH-02': '2014/15',
  'THR-CH-03': '2015/16',
  'THR-CH-04': '2015/16',
};

/**
 * Members of a partnership that are not parties, and who represents them. Seed 002 line 36:
 * "Primary Care (general practice) are also key members of our partnership. … In the interim,
 * our intention is for primary care (as providers) to be represented by the two Clinical
 * Commissioning Groups, which are membership organisations led by GPs."
 */
export const REPRESENTATIONS = [
  {
    agreementId: 'se-essex-locality-partnership-mou-2019',
    position: 1,
    represented: 'Primary Care (general practice)',
    representedBy: ['nhs-castle-point-and-rochford-ccg', 'nhs-southend-ccg'],
    interim: true,
    basis: 'individual practices as service providers do not have an agreed mechanism for representing one another',
  },
];

export interface MilestoneFact {
  partnershipId: string;
  position: number;
  occurredOn: string | null;
  occurredText: string;
  status: 'DONE' | 'PLANNED';
  event: string;
  actorText: string | null;
  actorOrganisationId: string | null;
  documentId: string;
  line: number;
}

/** Dated events a document reports (month-precision dates are the first of the month). */
export const MILESTONES: MilestoneFact[] = [
  {
    partnershipId: 'thurrock-alliance',
    position: 1,
    occurredOn: '2016-02-01',
    occurredText: 'February 2016',
    status: 'DONE',
    event: 'Thurrock CCG shared its transformation plan with system partners',
    actorText: 'Thurrock CCG',
    actorOrganisationId: 'nhs-thurrock-ccg',
    documentId: 'thurrock-hwb-2018-11-item-9',
    line: 24,
  },
  {
    partnershipId: 'thurrock-alliance',
    position: 2,
    occurredOn: '2017-09-01',
    occurredText: 'September 2017',
    status: 'DONE',
    event: 'Public Health Thurrock launched "The Case for Change: A New Model of Care for Tilbury and Chadwell"',
    actorText: 'Public Health Thurrock',
    actorOrganisationId: 'thurrock-council',
    documentId: 'thurrock-hwb-2018-11-item-9',
    line: 27,
  },
  {
    partnershipId: 'thurrock-alliance',
    position: 3,
    occurredOn: '2017-11-01',
    occurredText: 'November 2017',
    status: 'DONE',
    event: 'Endorsed by Thurrock Health Overview and Scrutiny Committee in November 2017, the new model of care',
    actorText: 'Thurrock Health Overview and Scrutiny Committee',
    actorOrganisationId: null,
    documentId: 'thurrock-hwb-2018-11-item-9',
    line: 28,
  },
  {
    partnershipId: 'thurrock-alliance',
    position: 4,
    occurredOn: null,
    occurredText: 'over the next 18 months',
    status: 'PLANNED',
    event: 'It will be replicated across the other three localities in the borough',
    actorText: null,
    actorOrganisationId: null,
    documentId: 'thurrock-hwb-2018-11-item-9',
    line: 28,
  },
  {
    partnershipId: 'purbeck-masterplan-partnership',
    position: 1,
    occurredOn: '2017-11-22',
    occurredText: '22 November 2017',
    status: 'DONE',
    event:
      'Policy Group recommend to Council that the Memorandum of Understanding is signed by the Chief Executive on behalf of the Council',
    actorText: 'Policy Group',
    actorOrganisationId: 'purbeck-district-council',
    documentId: 'purbeck-policy-group-2017-11-22',
    line: 20,
  },
];

export interface CapacityFact {
  actionRef: string;
  position: number;
  quantity: number;
  unit: string;
  quote: string;
}

/** Seed 001: capacities counted in the delivery plan's comments (line 51 beds; line 112 local area coordinators). */
export const CAPACITIES: CapacityFact[] = [
  {
    actionRef: 'THR-JHWS-O04-X07',
    position: 1,
    quantity: 12,
    unit: 'interim beds funded by the Better Care Fund',
    quote: 'Better Care Fund will fund 12 beds',
  },
  {
    actionRef: 'THR-JHWS-O10-X01',
    position: 1,
    quantity: 9,
    unit: 'local area coordinators',
    quote: 'LACs have expanded to a total of 9 LACs.',
  },
];

export interface SourceDocumentFact {
  id: string;
  seed: '000' | '001' | '002' | '003' | '004';
  file: string;
  title: string;
  kind: 'REPORT' | 'PLAN' | 'AGREEMENT';
  partnershipId: string;
  /** the meeting or body the document was put to, as written */
  presentedTo: string | null;
  agendaItem: string | null;
  issuedOn: string | null;
  issuedText: string | null;
  recommendation: string | null;
  people: { position: number; personName: string; capacity: string; role: string | null; organisationId: string | null; line: number }[];
}

/** The five documents themselves: what each is, when, to whom, and who is named in it in what capacity. */
export const SOURCE_DOCUMENTS: SourceDocumentFact[] = [
  {
    // Lines 1–9 header block; line 20 recommendation; line 61 author.
    id: 'thurrock-hwb-2018-11-item-9',
    seed: '000',
    file: '000_6090d2701ca42565.txt',
    title: 'Developing an integrated approach to health and care in Thurrock',
    kind: 'REPORT',
    partnershipId: 'thurrock-alliance',
    presentedTo: 'Thurrock Health and Wellbeing Board',
    agendaItem: '9',
    issuedOn: '2018-11-01',
    issuedText: 'November 2018',
    recommendation:
      'Consider and comment upon the draft MOU, provided at Appendix A, with a view to endorsing the final version at its meeting in January 2019',
    people: [
      { position: 1, personName: 'Andy Vowles', capacity: 'Report of', role: null, organisationId: null, line: 6 },
      {
        position: 2,
        personName: 'Roger Harris',
        capacity: 'Accountable Director',
        role: 'Corporate Director Adults Housing and Health',
        organisationId: null,
        line: 8,
      },
    ],
  },
  {
    id: 'thurrock-jhws-delivery-plan-2014-15',
    seed: '001',
    file: '001_f7bd4e606bac171c.txt',
    title: 'Joint Health and Wellbeing Strategy End of Year Delivery Plan 2014/15',
    kind: 'PLAN',
    partnershipId: 'thurrock-alliance',
    presentedTo: null,
    agendaItem: null,
    issuedOn: null,
    issuedText: null,
    recommendation: null,
    people: [],
  },
  {
    id: 'se-essex-locality-partnership-mou-2019',
    seed: '002',
    file: '002_37f18f794dea8b43.txt',
    title: 'South East Essex Locality Partnership Memorandum of Understanding FINAL',
    kind: 'AGREEMENT',
    partnershipId: 'south-east-essex-locality-partnership',
    presentedTo: null,
    agendaItem: null,
    issuedOn: '2019-03-01',
    issuedText: 'March 2019',
    recommendation: null,
    people: [],
  },
  {
    // Line 3 meeting; line 5 title; line 20 recommendation; lines 48–50 contact.
    id: 'purbeck-policy-group-2017-11-22',
    seed: '003',
    file: '003_89a9884d9869a06c.txt',
    title: 'Purbeck Health and Social Care Masterplan – Memorandum of Understanding',
    kind: 'REPORT',
    partnershipId: 'purbeck-masterplan-partnership',
    presentedTo: 'Policy Group',
    agendaItem: null,
    issuedOn: '2017-11-22',
    issuedText: '22 November 2017',
    recommendation:
      'Policy Group recommend to Council that the Memorandum of Understanding is signed by the Chief Executive on behalf of the Council.',
    people: [
      {
        position: 1,
        personName: 'Steve Mackenzie',
        capacity: 'For further information contact',
        role: 'Chief Executive',
        organisationId: 'purbeck-district-council',
        line: 50,
      },
    ],
  },
  {
    id: 'thurrock-better-care-engagement-plan-2014',
    seed: '004',
    file: '004_c29daff56d4e6e8f.txt',
    title: 'Better Care in Thurrock',
    kind: 'PLAN',
    partnershipId: 'thurrock-alliance',
    presentedTo: null,
    agendaItem: null,
    issuedOn: '2014-07-01',
    issuedText: 'July 2014',
    recommendation: null,
    people: [],
  },
];
