/**
 * Seed 001 — Thurrock Joint Health and Wellbeing Strategy End of Year Delivery Plan 2014/15 —
 * transcribed as the council's delivery-plan tracker (strategy → objectives → numbered
 * ambitions → actions, with the 2014/15 RAG status).
 *
 * The seed is a PDF table converted to text: seven tab-separated columns (Objective | Where do we
 * want to be (3 year ambition) | Action 14/15 | Lead | Deadline | Comments | RAG), with HTML
 * fragments (<b>, <p>, <ul>/<li>, <sup>, &amp;) and rows that continue on the next page. Every text
 * below is copied from the seed cells and normalised by `normaliseSeedText` (HTML tags removed,
 * `<sup>` text joined to the word before it — "15 <sup>th</sup>" → "15th" —, entities decoded,
 * runs of white space collapsed to one space). Where the PDF split a cell across pages, the cell
 * is stored as its `parts` in page order; the build joins them with one space. check-plan.ts
 * verifies every part against the seed, and that each action's Lead, Deadline, Comments and RAG
 * are cells of the same table row.
 *
 * Ambition texts are stored without their number and without the list separator that ends them
 * in the seed ("; " or "; and"); all other punctuation is as written.
 */
import type { SeedId } from './documents';

export type Rag = 'R' | 'A' | 'G';

export interface PlanAmbitionFact {
  /** the number printed in the seed (the numbering restarts at 1 in the frail-elderly section) */
  number: number;
  parts: string[];
}

export interface PlanActionFact {
  /** the "Action 14/15" cell, in page order */
  title: string[];
  /** the "Lead" cell as written */
  lead: string | null;
  /** the "Deadline" cell, in page order */
  deadline: string[];
  /** the "Comments" cell, in page order */
  comments: string[];
  /** the "RAG" cell; null where the row has no RAG */
  rag: Rag | null;
  /**
   * lead_org_code: only where the seed says the organisation itself delivered, decided or owns
   * the action's output (quote from the action's comment). The seed never states a lead's employer.
   */
  leadOrg?: { code: string; quote: string };
}

export interface PlanObjectiveFact {
  /** the section heading (bold, above the table header) */
  theme: string;
  /** the bold text in the Objective column */
  title: string;
  /** true where no objective is legible and the section heading stands in for it */
  titleIsSectionHeading?: true;
  ambitions: PlanAmbitionFact[];
  actions: PlanActionFact[];
}

export const PLAN_SEED: SeedId = '001';

export const PLAN_STRATEGY = {
  strategyRef: 'THR-JHWS-2014-15',
  title: 'Joint Health and Wellbeing Strategy End of Year Delivery Plan 2014/15', // the seed's page heading
  periodText: '2014/15',
  // The demo's Thurrock partnership (seed 000). The 2014/15 plan predates the Alliance's name; the
  // link says whose tracker this is in the demo, not that the Alliance issued the plan.
  partnershipCode: 'thurrock-alliance',
  /** the RAG of every action is recorded for this reporting period */
  statusPeriod: '2014/15',
} as const;

/** HTML fragments removed, superscripts joined, entities decoded, white space collapsed. */
export function normaliseSeedText(s: string): string {
  return s
    .replace(/\s*<sup>(.*?)<\/sup>/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

export const joinParts = (parts: readonly string[]): string => parts.join(' ');

const MONTHS: Record<string, number> = {
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH = `(${Object.keys(MONTHS).join('|')})`;
const YEAR = '(\\d{4}|\\d{2})';

/**
 * deadline_date from the Deadline text, by one documented rule: the text must be a deadline
 * naming a single month —
 *   "<Month> <year>"                                   e.g. "July 2014", "March 15", "Nov 2014"
 *   "Commence <Month> <year>"                          e.g. "Commence May 2014"
 *   "… by <Month> <year>"                              e.g. "Options explored by October 14"
 *   "<Month or 'Throughout the year'> – <Month> <year>" e.g. "April – December 2014" (the end of the range)
 * — and the date is the LAST day of that month (a deadline given as a month means by its end).
 * Two-digit years are 20yy: this plan writes "March 15" for March 2015 ("will open in April 15").
 * Anything else — "On-going", "TBC", "Throughout 14/15", a day without a year, two separate
 * months ("August 14 March 2015"), a report of a past event ("last joint visit 3 March 2015"),
 * or a month followed by further conditions — gives no date (NULL).
 */
export function deadlineDate(text: string): string | null {
  const forms = [
    new RegExp(`^${MONTH} ${YEAR}$`, 'i'),
    new RegExp(`^Commence ${MONTH} ${YEAR}$`, 'i'),
    new RegExp(`^.* by ${MONTH} ${YEAR}$`, 'i'),
    new RegExp(`^(?:${MONTH}|Throughout the year) – ${MONTH} ${YEAR}$`, 'i'),
  ];
  for (const re of forms) {
    const m = re.exec(text);
    if (!m) continue;
    const groups = m.slice(1).filter((g): g is string => g !== undefined);
    const month = MONTHS[(groups[groups.length - 2] ?? '').toLowerCase()];
    const y = groups[groups.length - 1] ?? '';
    if (!month) return null;
    const year = y.length === 2 ? 2000 + Number(y) : Number(y);
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return `${year}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
  }
  return null;
}

/** Text in the seed's table that is deliberately not in the rebuilt tracker, and why. */
export const PLAN_NOT_REBUILT: { text: string; why: string }[] = [
  {
    text: 'A row whose beginning is missing: Deadline "…developed by December 14", Comments "…agenda. Joint work with Essex and Southend is being explored to develop Dementia Action Alliance.", RAG R',
    why: 'First row on the page after the "Improve our response to the frail elderly and people with dementia" table header; the objective, action, lead and the start of the deadline and comment are not in the seed (a page is missing). An action needs a title, so the row is left out rather than guessed.',
  },
  {
    text: 'Ambitions 24–29, and the fragment "appropriate high quality care;" before ambition 30',
    why: 'The numbering jumps from 23 to 30 across a page break (Improve the Quality of Residential and Community Care): the ambitions in between, and any actions on the same page, are not in the seed. The fragment ends one of the missing ambitions. Ambition 23 is stored as far as the seed gives it ("…and assisting them to make").',
  },
  {
    text: 'Ambitions 40–41',
    why: 'The numbering jumps from 39 to 42 across a page break (People with mental health problems recover); ambition 39 is stored as far as the seed gives it ("People with mental health").',
  },
  {
    text: 'Ambition 11 of the physical-health section',
    why: 'The smoking objective lists 7–10 and the obesity objective starts at 12; no ambition 11 is in the seed.',
  },
  {
    text: '"EWMH (previously CAMHS) procurement completed."; "Award of Contract due 1st May 2015."; "New EWMH Service will commence 1st November 2015. The new service model, service specification and contract will ensure that the service delivered is fully integrated and delivered in partnership with other agencies and services including 3rd sector providers. The removal of tiers will reduce a bounce in the system. The contract will be robustly managed to ensure the best outcomes for Children and Young People and their families."',
    why: 'Printed in the ambition column of the last two rows of "People with mental health problems achieve the best quality of life" (after ambition 56 and beside the CAMHS procurement action), but they are progress notes, not numbered ambitions, and the seed does not put them in the action\'s Comments column. Ambition 56 is stored up to "…prevented from deterioration".',
  },
  {
    text: '"New model of service developed that ensures the following outcomes:" (before ambitions 36–37) and "Continued delivery of Building Positive Futures Programme – as detailed below:" (before ambitions 1–3 of "Make Thurrock a great place in which to grow older")',
    why: 'Un-numbered lead-ins in the ambition column; plan_ambition only holds numbered ambitions.',
  },
  {
    text: 'The "Thurrock Council\'s Successes – Health and Wellbeing" table (Achievements for 14/15)',
    why: 'A separate summary after the tracker, not actions; its facts are used elsewhere in the dataset (community hubs, GP hubs, services).',
  },
  {
    text: '"Key: RAG"',
    why: "The key's colours are not in the seed; R/A/G are stored as printed.",
  },
];

export const PLAN_OBJECTIVES: PlanObjectiveFact[] = [
  {
    // O01
    theme: 'Improve the Quality of Health and Social Care',
    title: 'Improve the Quality of Primary Care',
    ambitions: [
      { number: 1, parts: ['Primary Care services that are sustainable in to the future'] },
      { number: 2, parts: ['Providing consistent, accessible and good quality information and advice'] },
      { number: 3, parts: ['Good intelligence gathering systems'] },
      { number: 4, parts: ['Provision of consistent primary care delivery and quality'] },
      { number: 5, parts: ['Increased numbers of integrated care pathways and joint areas of work'] },
      { number: 6, parts: ['Individuals better able to manage their health conditions – in particular long-term conditions'] },
      { number: 7, parts: ['Adequate numbers of GPs in all areas of the Borough'] },
      { number: 8, parts: ['All GP practices score on or above the EoE average for patient satisfaction – including access'] },
      { number: 9, parts: ['Consistency of clinical quality – disease registers, diagnoses, immunisation, screening'] },
      { number: 10, parts: ['Increased focus on early intervention'] },
      { number: 11, parts: ['Reduction in unplanned admissions'] },
      { number: 12, parts: ['GPs provided with greater options'] },
      { number: 13, parts: ["Access to good quality health care equitable – e.g. 'hard to reach'"] },
    ],
    actions: [
      {
        // O01-X01
        title: ['Finalise Primary Care Strategy'],
        lead: 'Mandy Ansell',
        deadline: ['On-going'],
        comments: [
          'As part of Thurrock’s Primary Care Strategy, four ‘extended access’ GP hubs have been planned. The opening of the Hubs will be phased. The CCG has also been successful in accessing funding which will extend opening hours of the Hubs to increase access and capacity.',
        ],
        rag: 'G',
      },
      {
        // O01-X02
        title: ['Develop Primary Care Strategy Implementation Plans'],
        lead: 'Mandy Ansell',
        deadline: ['On-going'],
        comments: [
          'Primary Care capacity has been expanded through the delivery of 4 GP hubs with extended opening hours. One of the 4 GP hubs will open in April 15.',
        ],
        rag: 'A',
      },
      {
        // O01-X03
        title: ['Develop role of Accountable Professional (over 75s)'],
        lead: 'Mark Tebbs',
        deadline: ['Commence May 2014'],
        comments: [
          'Within 2014/15 NHS England published new guidance in which practices would need to identify a named lead for patients over the age of 75. In addition, Thurrock practices have established a Primary Care MDT review processes to support the identification and review of their complex patients and have a dedicated service for patients in crisis in the form of',
          'RRAS. The Community Geriatrician also works to support those people over the age over 75.',
        ],
        rag: 'G',
      },
      {
        // O01-X04
        title: ['Development of Primary Care Federation Model'],
        lead: 'Mark Tebbs',
        deadline: ['Commence May 2014'],
        comments: [
          "The development of the four GP Hubs acts as a catalyst for a federated model of care – including community care and the alignment of social care. Development of 2 federated models co-divides across SW Essex to date no provider activities has taken place. NB: Not the CCG's responsibility",
        ],
        rag: 'A',
      },
      {
        // O01-X05
        title: ['Develop 7-day access to services – including dental and pharmacy'],
        lead: 'Sara Lingard/ Mandy Ansell',
        deadline: ['Proposals to be developed by July 2014'],
        comments: [
          "The four GP hubs will provide extended opening hours across a 7 day period. This is through the CCG successfully securing additional funding to extend primary care opening hours – Prime Minister's Challenge Fund (PMCF). This would include Saturday and Sunday opening. Not successful on the PMCF.",
        ],
        rag: 'A',
      },
      {
        // O01-X06
        title: ['Identify Thurrock priorities for the Essex Primary Care Strategy'],
        lead: 'Mandy Ansell',
        deadline: ['July 2014'],
        comments: ['Through the continuation of the following: Primary Commissioning Recruitment estate, Increasing capacity.'],
        rag: 'A',
      },
      {
        // O01-X07
        title: ['Undertake re-commissioning of Thurrock Health Centre and Walk-In Service'],
        lead: 'Mandy Ansell/ Sara Lingard',
        deadline: ['April – December 2014'],
        comments: [
          'A public consultation has been carried out on the future of the Walk-in Service. A decision about the future of the service will be made during 15/16. We are looking to develop joint health and Social Care hubs around GP hubs. Decision at the May 27th CCG Board.',
        ],
        rag: 'G',
        leadOrg: { code: '07G', quote: 'Decision at the May 27th CCG Board.' },
      },
      {
        // O01-X08
        title: ['Implementation of QA framework for Primary Care – including local quality mark for general practice'],
        lead: 'Mandy Ansell',
        deadline: ['On-going'],
        comments: [
          'The CCG’s Chief nurse is engaged in the CQC’s visits to GP practices. Supports area team in the Care Quality Group. Increasing capacity Chief Nurse team to address this.',
        ],
        rag: 'A',
      },
    ],
  },
  {
    // O02
    theme: 'Improve the Quality of Health and Social Care',
    title: 'Improve the Quality of Secondary Care',
    ambitions: [
      { number: 14, parts: ['Greater provision of secondary care services in a community setting'] },
      { number: 15, parts: ['Consistently meeting CQC standards of care'] },
      {
        number: 16,
        parts: [
          'Improving particular areas of concern related to the quality of care: • Paediatric Service; • Medicine Management; • Accident and Emergency; and • Mortality Data.',
        ],
      },
      { number: 17, parts: ['Innovative solutions to delivering savings whilst maintaining quality of care'] },
      { number: 18, parts: ['Improvements embedded', 'and sustained'] },
      { number: 19, parts: ['BTUH enjoys a good reputation from professionals and patients'] },
      { number: 20, parts: ['Improved early warning systems.'] },
    ],
    actions: [
      {
        // O02-X01
        title: [
          'BTUH were rated ‘good’ by regulator CQC and taken out of ‘special measures’. The action is to maintain focus on improvement – including review findings of CQC/Keogh Report, with further monitoring of any actions being taken through the Clinical Quality Review Group (attended by',
          'Executive Nurse)',
        ],
        lead: 'Jane Foster-Taylor via Clinical Quality Review Group',
        deadline: ['Last review visit week commencing 16th March 2015'],
        comments: [
          'The CQC has revisited the Trust to review the action plan relating to medicines management, monitoring will continue into 2015-16. NB: Trust in significant financial deficit, a monitor review is underway.',
        ],
        rag: 'A',
      },
      {
        // O02-X02
        title: ['Special focus on cancer pathways (due to breach of 18 week target) – review pathways and develop action plan'],
        lead: 'Mandy Ansell',
        deadline: ['March 2015'],
        comments: ['A CCG Cancer recovery plan is in place that incorporates a 62 day target. Plan to be completed by Q2.'],
        rag: 'A',
        leadOrg: { code: '07G', quote: 'A CCG Cancer recovery plan is in place' },
      },
      {
        // O02-X03
        title: ['Identify how A&E 4 hour wait can be maintained'],
        lead: 'Mandy Ansell',
        deadline: ['On-going'],
        comments: ['Thurrock is working closely with Basildon CCG to review work and identify efficiencies in BTUH.'],
        rag: 'A',
      },
      {
        // O02-X04
        title: ['Full compliance of referral to treatment target (18 weeks) by end quarter 2'],
        lead: 'Mandy Ansell',
        deadline: ['October 2014'],
        comments: ['18 weeks modelled exemplar capacity compliance end of quarter 2.'],
        rag: 'A',
      },
    ],
  },
  {
    // O03
    theme: 'Improve the Quality of Health and Social Care',
    title: 'Improve the Quality of Residential and Community Care',
    ambitions: [
      { number: 21, parts: ['Provision of a diverse selection of residential and community care services available to residents'] },
      {
        number: 22,
        parts: [
          'Preventative services that are accessed in local communities and enable the individual to remain independent and manage their own care.',
        ],
      },
      {
        number: 23,
        parts: [
          'People remaining independent for longer and accessing public funded services much later – if at all. As part of this, supporting residents to take control of their care and support needs and assisting them to make',
        ],
      },
      { number: 30, parts: ['service are local and people remain in their communities.'] },
    ],
    actions: [
      {
        // O03-X01
        title: [
          'Continue to develop integrated approaches between health and social care – e.g. undertake joint monitoring visits as appropriate',
        ],
        lead: 'Louise Brosnan Jane Foster-Taylor',
        deadline: ['Quarterly review against progress and action plans, last joint visit 3 March 2015'],
        comments: ['Joint visits are regularly arranged and monthly meetings are held to discuss any concerns with local provision.'],
        rag: 'A',
      },
      {
        // O03-X02
        title: ['Work in partnership with providers to maintain the quality of care delivered'],
        lead: 'Louise Brosnan',
        deadline: ['On-going'],
        comments: [
          'We maintain regular partnership working with our providers. We currently have an excellent working relationship with them.',
        ],
        rag: 'A',
      },
      {
        // O03-X03
        title: ['Further development of skills-based work academy to encourage more people in to the care profession'],
        lead: 'Louise Brosnan',
        deadline: ['Roll out with all domiciliary care providers by March 15'],
        comments: ['No new starters participating in the skills-based work academy.'],
        rag: 'R',
      },
    ],
  },
  {
    // O04
    theme: 'Improve the Quality of Health and Social Care',
    title: 'Improve the Quality of Care across the whole system pathway',
    ambitions: [
      {
        number: 31,
        parts: [
          'Effective monitoring of quality and strengthening of data sharing to ensure appropriate action taken – including across partners (e.g. via Quality Surveillance Group)',
        ],
      },
      {
        number: 32,
        parts: [
          'Rapid Response and Assessment Service with extended hours of provision to meet demand – this will be a priority for the joint reablement funding',
        ],
      },
      {
        number: 33,
        parts: [
          "Stronger focus on telecare and telehealth solutions across health and social care, across children's and adults that manages conditions, keeps people safe, offers choice and control, and keeps more people in their own homes – this will be a priority for the joint reablement funding",
        ],
      },
      { number: 34, parts: ['Skilled, effective and trained workforce able to respond to meet reablement needs of the community'] },
      {
        number: 35,
        parts: [
          'All residents receive equitable and accessible care',
          'services across health and social care, including those residents who are most vulnerable or at most risk of being excluded – e.g. learning disabled, transient communities.',
        ],
      },
    ],
    actions: [
      {
        // O04-X01
        title: ['Continued attendance at regional Quality Surveillance Group and information sharing meetings'],
        lead: 'Jane Foster-Taylor Louise Brosnan',
        deadline: ['Bi-monthly meetings attended, last meeting Feb 2015'],
        comments: ['These are always well attended by staff, monitoring is more robust than other councils in the region.'],
        rag: 'G',
      },
      {
        // O04-X02
        title: ['Implementation of new Adult Safeguarding Board requirements (Care Act 2014)'],
        lead: 'Fran Leddra',
        deadline: ['March 15'],
        comments: ['Arrangements are in place and compliant with the Care Act 2014.'],
        rag: 'G',
      },
      {
        // O04-X03
        title: ['Development of frailty pathway'],
        lead: 'Mark Tebbs',
        deadline: ['September 14'],
        comments: [
          "This work is being progressed by the Older People Strategy Group as part of the Better Care Fund. The Whole System Redesign network ( chaired by Catherine Wilson & Mark Tebbs ) established an Older People's Strategic Working Group in December to create a single strategic vision for Older People in Thurrock that encompasses all tiers of health, social care, voluntary sector and the wider community in Thurrock; spanning Health, Social,",
          'Community and Voluntary sector agencies. A number of the recommendations made within the draft strategy have been embedded within service development intentions with providers to ensure these are implemented within 2015/16.',
        ],
        rag: 'A',
      },
      {
        // O04-X04
        title: [
          "Improve the number of people recorded as 'end of life' and achieving place of death – including extending end of life pathway in to social care",
        ],
        lead: 'Jane Foster-Taylor',
        deadline: ['March 15'],
        comments: ['NELFT community providers have an end of life CQUIN which is reviewed quarterly and has met the required milestones'],
        rag: 'G',
      },
      {
        // O04-X05
        title: ['Delivery of 7-day access to services across health and social care'],
        lead: 'Mandy Ansell/Tania Sitch/ Sara Lingard',
        deadline: ['TBC'],
        comments: ['Hospital expanded to 7 days, Rapid Response 7 days. GP Hubs will include a 7 day a week service.'],
        rag: 'A',
      },
      {
        // O04-X06
        title: [
          'Implementation of Rapid Response and Assessment Service review recommendations – including expanding RRAS to provide care for 72 hours',
        ],
        lead: 'Tania Sitch',
        deadline: ['Throughout 14/15'],
        comments: [
          'Recommendations not currently implemented due to funding restrictions, yet the service does offer a 7 day a week service offer.',
        ],
        rag: 'R',
      },
      {
        // O04-X07
        title: ['Increase interim bed capacity (via Collins House)'],
        lead: 'Tania Sitch',
        deadline: ['Bid for additional funding to support growth in capacity'],
        comments: [
          'Better Care Fund will fund 12 beds and funding has been increased to sustain what is in place. Short term – Need to review as part of social work review of intermediate care.',
        ],
        rag: 'A',
      },
      {
        // O04-X08
        title: [
          'The Health and Social Care Transformation Programme will in part focus on improving the quality of care across the whole system pathway. This work will be taken forward through the Programme’s Whole System Redesign Project Group. The Group’s focus during 14/15 will be to identify what will be reviewed, the review process, and commence reviews. It is unlikely that reviews will have been completed or implemented prior to March 15.',
        ],
        lead: 'Ceri Armstrong',
        deadline: ['Throughout 14/15'],
        comments: [
          'Thurrock’s Better Care Fund Plan was developed in 2014 and signed off in January 2015. The Plan outlines how joint health and adult social care monies will be used to deliver schemes that will assist with reducing the number of people being admitted to hospital. The schemes within the Plan will be reviewed and redesigned throughout 15/16. This work will take place in conjunction with the broader Health and Social Care Transformation agenda. Health, Mental Health and Social Care teams integrate where possible.',
        ],
        rag: 'A',
      },
    ],
  },
  {
    // O05
    theme: 'Strengthen the mental health and emotional wellbeing of people in Thurrock',
    title: 'People have good mental health',
    ambitions: [
      { number: 36, parts: ['People have good mental health'] },
      { number: 37, parts: ['People with mental health problems recover'] },
    ],
    actions: [
      {
        // O05-X01
        title: ['Work with the provider SEPT to embed the new model of working through the revised section 75 agreement'],
        lead: 'Catherine Wilson/ Mark Tebbs',
        deadline: ['Model to be implemented from 15th August'],
        comments: [
          'Section 75 agreement signed and implemented. New models of working now established. Initial response recovery and wellbeing teams.',
        ],
        rag: 'G',
      },
    ],
  },
  {
    // O06
    theme: 'Strengthen the mental health and emotional wellbeing of people in Thurrock',
    title: 'People with mental health problems recover',
    ambitions: [
      {
        number: 38,
        parts: [
          'People with mental health problems have good physical health and people with physical health problems have good mental health',
        ],
      },
      { number: 39, parts: ['People with mental health'] },
    ],
    actions: [
      {
        // O06-X01
        title: ['Explore the option of commissioning a recovery college for Thurrock jointly between the CCG and Council'],
        lead: 'Catherine Wilson/ Mark Tebbs',
        deadline: ['Options explored by October 14'],
        comments: ['Recovery college to be commissioned 15/16 Service spec written.'],
        rag: 'G',
      },
    ],
  },
  {
    // O07
    theme: 'Strengthen the mental health and emotional wellbeing of people in Thurrock',
    title: 'People with mental health problems achieve the best quality of life',
    ambitions: [
      { number: 42, parts: ['Strategic leadership of a jointly agreed outcomes framework'] },
      { number: 43, parts: ['Informed by service user-needs at population and locality level'] },
      {
        number: 44,
        parts: [
          'Commissioning of service through best-value principles including integrating commissioning support resources and shared information',
        ],
      },
      { number: 45, parts: ['Driving up performance and delivering improved mental health outcomes'] },
      { number: 46, parts: ['Commissioning which addresses the specific issues of age transition and LD/CAMHS/Substance Misuse'] },
      {
        number: 47,
        parts: [
          'Commissioning which reduces fragmentation by age and allows for services to be delivered effectively to children and adults with complex needs',
        ],
      },
      {
        number: 48,
        parts: [
          'Commissioning with workforce skills fit for the future – including enhanced business and market analysis skills, provider negotiating skills.',
        ],
      },
      {
        number: 49,
        parts: [
          'Integrated commissioning for individuals through a jointly contracted assessment service or strengthened management of commissioning for individual care.',
        ],
      },
      {
        number: 50,
        parts: [
          'Improve our ability to provide alternatives that keep people from requiring acute-sector interventions – e.g. management of condition prior to an individual reaching crisis. This includes the increased ability to provide supported-living options and early intervention.',
        ],
      },
      {
        number: 51,
        parts: [
          'Dual Diagnosis services exist for those with severe and enduring mental health issues but a more comprehensive pathway is needed to include those with less intensive mental health needs.',
        ],
      },
      {
        number: 52,
        parts: [
          'All referrals including children and young people and families know where they can get support with whatever level of emotional wellbeing need they may have and understand the basic nature',
          'area (including specialist support).',
        ],
      },
      { number: 53, parts: ['Children, young people and families make positive health choices to support their emotional well being'] },
      {
        number: 54,
        parts: [
          'The delivery of these services contributes to the mental health and wellbeing of children and young people in schools and as a result supports their educational attainment and attendance.',
        ],
      },
      {
        number: 55,
        parts: [
          'Children and young people with both a learning disability and a mental health disorder have access to appropriate child and adolescent emotional wellbeing and mental health services.',
        ],
      },
      {
        number: 56,
        parts: [
          'All relevant professionals are fully trained in early identification of mental health issues and low emotional wellbeing, so that situations can be prevented from deterioration',
        ],
      },
    ],
    actions: [
      {
        // O07-X01
        title: ['Support the implementation of personal health budgets to enable people to have much more choice and control.'],
        lead: 'Catherine Wilson / Jane Foster-Taylor',
        deadline: ['April 2015'],
        comments: [
          "Personal health budgets to be introduced initially for day opportunities within Mental Health (Mind Contract) Assessments of current service user's complete, start April 2015. Further project to establish integrated health and social care personal budgets – Steering Group to be established April 2015 to build on the Business Case.",
        ],
        rag: 'A',
      },
      {
        // O07-X02
        title: ['Begin the redesign of commissioning to support an integrated health and social care whole system approach'],
        lead: 'Catherine Wilson',
        deadline: ['New model of commissioning by April 15'],
        comments: [
          'Restructure to deliver model of commissioning in Mental Health that integrate Health and Social Care. Memorandum of understanding in place to create virtual Mental Health commissioning team by April 2015 (will develop 15/16)',
        ],
        rag: 'A',
      },
      {
        // O07-X03
        title: [
          'Mental health forum and partnership groups to be consulted and inform developments in whole system',
          'commissioning – including strength-based approaches',
        ],
        lead: 'Catherine Wilson',
        deadline: ['Embed process of engagement in service development and commissioning decisions by', 'April 15'],
        comments: [
          'Mental Health Service User Forum will be involved in the above work. Joint integrated commissioning 7 CCGs and 3 Local Authorities',
        ],
        rag: 'G',
      },
      {
        // O07-X04
        title: [
          'Training and updating of commissioners’ skill based to take place through 14/15 through a programme of events to support integration, reduce fragmentation, and increase market development skills. We will also focus this year on increasing the more locally-based individual skills to support service users to commission a local community-based response to need.',
        ],
        lead: 'Catherine Wilson',
        deadline: ['Throughout the year – April 15'],
        comments: [
          'Workshops have been held to undertake development regarding a range of commissioning approaches. The focus was on strength based commissioning facilitating the resilience of a local community to respond to the needs of its citizen’s. Strengthening links to the voluntary sector, building skills regarding the development of micro enterprises. Resulting from this work we have produced a Market Position Statement, a requirement of the Care Act 2014, this has been subject to full consultation and shared at providers events and has been very well received.',
          'From this two key pieces of work regarding developing a Shared Lives Scheme and a Community Catalyst approach to market development are to start shortly.',
        ],
        rag: 'A',
      },
      {
        // O07-X05
        title: [
          'Work to begin on the mental health pathway for individuals with a range of mental health issues – to be supported by personal health budgets and the recovery college proposals',
        ],
        lead: 'Catherine Wilson',
        deadline: ['Throughout the year – April 15'],
        comments: ['This work has begun and will develop with the new project.'],
        rag: 'A',
      },
      {
        // O07-X06
        title: ['Examine how information, advice and guidance are made available locally for people.'],
        lead: 'Catherine Wilson',
        deadline: ['April 15'],
        comments: ['As part of meeting its Care Act requirements, the Council has launched an information and advice portal.'],
        rag: 'A',
        leadOrg: { code: 'E06000034', quote: 'the Council has launched an information and advice portal' },
      },
      {
        // O07-X07
        title: [
          'Implementation of the CAMHS Strategy through the procurement of a new model of service to support the emotional',
          'wellbeing of children and young people.',
        ],
        lead: 'Paula McCullough',
        deadline: ['November 2015'],
        comments: [
          'Via the Children and Young People (C&YP) Emotional Wellbeing and Mental Health (EWMH) group, one provider has been appointed to deliver a new integrated tier 2 and tier 3 services and that the CYPP will',
          'review and refresh the Strategy.',
        ],
        rag: 'G',
      },
    ],
  },
  {
    // O08
    theme: 'Improve our response to the frail elderly and people with dementia',
    title: 'Improve our response to the frail elderly and people with dementia',
    titleIsSectionHeading: true, // the seed page with this section's objective is missing (see PLAN_NOT_REBUILT)
    ambitions: [],
    actions: [
      {
        // O08-X01
        title: [
          'Improve end of life awareness for social work staff, in particular with regard to dementia – staff to be given training to encourage people to plan early for end of life.',
        ],
        lead: 'Bill Clayton / Sarah Turner',
        deadline: ['On-going throughout 14/15'],
        comments: ['Did not take place 14/15 Expected to commence 15/16 subject to available funds.'],
        rag: null,
      },
    ],
  },
  {
    // O09
    theme: 'Improve our response to the frail elderly and people with dementia',
    title: 'Make Thurrock a great place in which to grow older',
    ambitions: [
      {
        number: 1,
        parts: [
          'In response to these challenges, Thurrock Council has developed a vision for promoting the independence, health and wellbeing of older adults.',
        ],
      },
      {
        number: 2,
        parts: [
          'Building Positive Futures comprises three major elements which, combined will make Thurrock a great place in which to grow older: • Creating the communities that support health and well-being • Creating the homes and neighbourhoods that support independence (Les/Barbara Brownlee) • Creating the social care and health infrastructure to manage demand.',
        ],
      },
      {
        number: 3,
        parts: [
          'Thurrock in the future will consist of communities',
          'that support health and wellbeing – achieved through an Asset Based Community Development approach. The achievement of this approach will result in: • More people live longer, healthy, independent lives – only requiring limited periods of intensive support • More people live with compressed morbidity rates (i.e. living longer, free from disease/infirmity for a longer period); • More people with dementia feel supported and secure in their own communities',
        ],
      },
    ],
    actions: [
      {
        // O09-X01
        title: ['Implementation of new service model for sheltered housing – to ensure consistency across the service offer.'],
        lead: 'Dermot Moloney',
        deadline: [
          'Proposals to be considered by Overview and Scrutiny July 14 – then further milestones to be confirmed dependent upon O&S comments',
        ],
        comments: [
          'The new service model was approved and has since been introduced. This included a new management structure to ensure a consistent service for residents.',
        ],
        rag: 'G',
      },
      {
        // O09-X02
        title: [
          'Continued influence of developments to HAPPI standard An initial approach has already been made by a developer who is keen to incorporate the HAPPI standard in his proposed development design.',
        ],
        lead: 'Les Billingham',
        deadline: ['Case by case basis and via Planning and Housing Advisory Group Meetings.'],
        comments: [
          'Homes being developed by the Housing Department in Tilbury (Calcutta Road) with HCA grant funding. Private development applied for planning permission for HAPPI Standard development in Chadwell St Mary.',
        ],
        rag: 'G',
      },
      {
        // O09-X03
        title: [
          'Establishment and development of Housing and Planning Advisory Group to provide advice on health and wellbeing issues relating to proposed new major development applications that are submitted to the Council.',
        ],
        lead: 'Les Billingham',
        deadline: ['Applications to be influenced via monthly meetings of the Housing and Planning Advisory Group'],
        comments: [
          'Has continued to develop and is now linked to the Planning process for Purfleet new town centre. Links have been made with NHS Property Services team to develop bids around autism spectrum and dementia housing.',
        ],
        rag: 'G',
      },
      {
        // O09-X04
        title: ['Completion of Derry Avenue Scheme'],
        lead: 'Les Billingham',
        deadline: ['Start date September 14 Completion date 61 weeks +/- 5 weeks'],
        comments: ['2nd Phase of Department of Health funded speciality housing. Launched Feb 2015. To establish a small project'],
        rag: 'A',
      },
    ],
  },
  {
    // O10
    theme: 'Improve our response to the frail elderly and people with dementia',
    title: 'Creating communities that support health and wellbeing',
    ambitions: [
      { number: 4, parts: ['Fewer people prematurely move into residential care in acute medical settings.'] },
      {
        number: 5,
        parts: [
          'Fewer people in old age report depression and loneliness; Fewer people with dementia withdraw from everyday activities and outside contacts because they no longer feel confident.',
        ],
      },
      {
        number: 6,
        parts: [
          'Significantly changing the experience of residential care to one that supports service users to remain in control and encourages independence',
        ],
      },
    ],
    actions: [
      {
        // O10-X01
        title: [
          'Local Area Coordination initiative to be expanded to ensure borough-wide coverage – four LACs already in place. Funding secured for recruitment of 5 more co-ordinators and a LAC manager.',
        ],
        lead: 'Tania Sitch',
        deadline: ['September 14'],
        comments: [
          '14 months evaluation report – completed. LAC providing compelling evidence of success of the service, supporting a broad range of marginalised service users. LACs have expanded to a total of 9 LACs.',
          'Funded until 31st March 2016. Funding approved through the Better Care Fund. Thurrock has been featured as a prevention case study in guidance for Care Act Implementation.',
        ],
        rag: 'G',
      },
      {
        // O10-X02
        title: [
          'Delivery of more Community Hubs (as part of Stronger Together Programme): Chadwell (opened May 14) Aveley and Tilbury Hubs in progress Along with recruitment of 2 community builders',
        ],
        lead: 'Natalie Warren',
        deadline: ['On-going'],
        comments: [
          'Two Hubs are open (South Ockendon and Chadwell) and Tilbury and Stifford Clays should open 2015/16. Two community builders are in post in Chadwell St Mary and South Ockendon Progress on Hubs is ongoing.',
        ],
        rag: null,
      },
      {
        // O10-X03
        title: [
          'Ongoing training with social work team on how to apply strength-based approaches. Fieldwork restructure has led to early intervention and prevention with multi-disciplinary teams.',
        ],
        lead: 'Les Billingham',
        deadline: ['Training sessions throughout 14/15'],
        comments: [
          'Cultural change training programme with social work teams is ongoing. Evidence that greater emphasis on strength based processes is when it is being applied in practice. Field work restructure completed move to locality base working – to facilitate greater integration with Primary Health',
          'Hubs model.',
        ],
        rag: null,
      },
      {
        // O10-X04
        title: [
          'Development of micro enterprises – small scale initiatives to help foster community connections by offering locally run services and activities for older and vulnerable people.',
        ],
        lead: 'Catherine Wilson',
        deadline: ['Throughout 14/15'],
        comments: [
          'Strength based commissioning workshops held to develop commissioners’ skills. Community Catalysts consulted regarding developing micro-enterprises and it is hoped that by 15/16 we can work alongside Community Catalyst. (Funding is required) Market Position Statement has been completed and well received, seeking to deliver a more varied offer to enable service user choice.',
        ],
        rag: 'A',
      },
    ],
  },
  {
    // O11
    theme: 'Improve our response to the frail elderly and people with dementia',
    title: 'Creating the social care and health infrastructure to manage demand',
    ambitions: [],
    actions: [
      {
        // O11-X01
        title: [
          'This objective will be achieved through the development and delivery of the Health and Social Care Transformation Programme. The work of the Programme includes the following specific work streams: • Care Act Implementation; • Pooled Fund',
          "Arrangements (Section 75 Agreement); • Whole System Redesign; and • Realising Short-Term Efficiencies. The Board will receive regular updates in relation to progress and decisions to be made as part of the Programme's governance arrangements. The key deliverables for 14/15 are as follows: • Delivery of Care Act requirements that come in to force from April 2015; • Identify size of pooled fund for 15/16 and programme of redesign work to be carried out during 15/16; • Establish Section 75 pooled fund agreement; • Identification of schemes for 15/16 as part of BCF; • Implement the results of service/provider",
          'reviews during 14/15 to release necessary efficiencies/savings for',
        ],
        lead: 'Ceri Armstrong',
        deadline: ['Through the development of the Health and Social Care Transformation Programme'],
        comments: [
          'The Health and Social Care Transformation Programme has progressed throughout the year. This includes: • Delivery of arrangements to meet the requirements of part 1 of the Care Act; • Development and agreement of the Better Care Pooled Fund S75 Agreement;',
          '• Identification and delivery of short-term efficiencies.',
        ],
        rag: 'A',
      },
    ],
  },
  {
    // O12
    theme: 'Improve the physical health and well-being of people in Thurrock',
    title: 'Reduce the prevalence of smoking in Thurrock',
    ambitions: [
      { number: 7, parts: ['Preventing young people from starting smoking'] },
      {
        number: 8,
        parts: [
          'A range of options to motivate and encourage current smokers to stop – particularly in areas where smoking is most prevalent',
        ],
      },
      { number: 9, parts: ['Protect families and communities from the harm caused by smoking'] },
      {
        number: 10,
        parts: [
          "Compliant with legislation around 'point of sale' ban and working with partners to eradicate counterfeit and illicit tobacco sale.",
        ],
      },
    ],
    actions: [
      {
        // O12-X01
        title: [
          'Expand the development of preventative programmes within the 14/15 service specification. Work with the provider to deliver a Peer-Led prevention programme (e.g. ASSIST) as described in NICE guidance.',
        ],
        lead: 'Kevin Malone',
        deadline: ['August 14 March 2015'],
        comments: [
          'We are working with current provider NELFT to develop a revised model with a greater preventative focus for 15/16. Ongoing work to introduce appropriate evidence based programme within schools for Youth Provision (called QUIT)',
        ],
        rag: 'G',
      },
      {
        // O12-X02
        title: [
          "Review E-cigarettes in terms of Harm Reduction for smokers, summarising Thurrock's position following pilot scheme in partnership with ASH to develop a policy.",
        ],
        lead: 'Kevin Malone',
        deadline: ['September 14'],
        comments: [
          'Well attended multiagency workshop to discuss e-cigarettes. Recent harm reduction guidance (NICE) facilitated by ASH (Action on Smoking and Health). Successful adoption by the Council of amended smoke free policy Thurrock Council. Pilot - region working with ASH to incorporate e-cigarettes within smoke free policy.',
        ],
        rag: 'G',
        leadOrg: { code: 'E06000034', quote: 'Successful adoption by the Council of amended smoke free policy Thurrock Council.' },
      },
      {
        // O12-X03
        title: [
          'Develop an engagement communications plan for 14/15 to include all',
          'stakeholders – internal and external, GPs, Schools etc.',
        ],
        lead: 'Kevin Malone',
        deadline: ['September 14'],
        comments: [
          'Very successful Stoptober Campaign engaging partners.',
          'Multiagency workshop with stakeholders delivered October 14 resulting in Tobacco Control Strategy within delivery plan to be presented at the June Health and Wellbeing Board.',
        ],
        rag: 'G',
      },
    ],
  },
  {
    // O13
    theme: 'Improve the physical health and well-being of people in Thurrock',
    title: 'Reduce the prevalence of obesity in Thurrock',
    ambitions: [
      {
        number: 12,
        parts: [
          "Halt the rise in adult and childhood obesity and promote a downward trend in obese adults and children by: Empowering individuals to make healthy affordable choices Delivering a 'whole systems approach' which is integrated across partnerships and departments – Development of good practice – based on evidence of what work Commissioning a variety of interventions to support individuals and communities to make better lifestyle choices and to achieve a healthy weight",
          'Develop and promote a better sporting and leisure infrastructure which encourages and increase in physical activity',
        ],
      },
    ],
    actions: [
      {
        // O13-X01
        title: [
          "Develop a greater understanding of community needs across our local areas, offering more localised provisions at a community level by the development of pilot projects to inform the commissioning of a revised service model for children's and adult obesity in response to engagement with Healthy weight workshop of 2013.",
        ],
        lead: 'Beth Capps',
        deadline: ['June – September 14 Dec 2014'],
        comments: [
          'A grant funding process was piloted with CVS from Dec 14 – for community wellbeing. Following consultation we have commissioned a number of smaller community projects through a Grant finding process for adults tier 1 + 2 and children – age 2-5 and 16-19 years to commence 1st April 15.',
        ],
        rag: 'G',
      },
      {
        // O13-X02
        title: [
          'Drive the strategic delivery plan from the healthy weight strategy including developing a pathway across tiers 1-4 linking in with partners (CCG etc)',
        ],
        lead: 'Beth Capps',
        deadline: ['March 15'],
        comments: [
          'Ongoing monitoring of plan through work stream well attended by partners. Pathway development through new Healthy Weight contracts developing in partnership with the CCG.',
        ],
        rag: 'A',
      },
      {
        // O13-X03
        title: [
          "Deliver the 'Beat the Street' project to activate the community in thurrock",
          'with a particular focus on children and the most inactive adults. Full evaluation and sustainability plan in place.',
        ],
        lead: 'Beth Capps',
        deadline: ['Nov 2014'],
        comments: [
          'Delivered with a positive impact demonstrated significant increase in Physical measured',
          'activity and active travel. Ongoing sustainability developing through Thurrock World 100 Project.',
        ],
        rag: 'G',
      },
    ],
  },
];
