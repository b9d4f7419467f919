/**
 * Verifies the rebuilt delivery-plan tracker (council/plan_*.csv, council/action_status.csv)
 * against the text of seed 001 itself.
 *
 *   npx tsx scripts/demo-data/check-plan.ts        (needs ../shared/seeds; build.ts runs it too)
 *
 * 1. A SAMPLE of actions whose expected values are typed out below, independently of plan.ts:
 *    each must be in the CSVs exactly (title, lead, deadline text, RAG, a distinctive fragment of
 *    the comment), and the seed must have a table row in which the title, the Lead cell, the
 *    Deadline cell and the Comments cell stand in that order, followed by a RAG cell with the same
 *    letter (or by no RAG cell, for actions the seed gives none).
 * 2. EVERY action, ambition and objective transcribed in plan.ts: each page part occurs in the
 *    seed; each action's first parts are cells of one row in column order with its RAG after the
 *    comment; the CSVs hold exactly the joined transcription.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readCsv, type Row } from './csv';
import { SEED_FILES } from './documents';
import { PLAN_OBJECTIVES, PLAN_SEED, PLAN_STRATEGY, deadlineDate, joinParts, normaliseSeedText } from './plan';

interface SampleAction {
  ref: string;
  /** expected CSV values */
  title: string;
  lead: string;
  deadline: string;
  rag: 'R' | 'A' | 'G' | null;
  commentFragment: string;
  leadOrg?: string;
  deadlineDate?: string | null;
  /** the seed row where the action starts: start of the Action cell and of the Comments cell */
  seedRow: { titleStart: string; commentStart: string };
  /** further fragments that must occur in the seed (e.g. the page continuation of the comment) */
  seedFragments?: string[];
}

export const SAMPLE: SampleAction[] = [
  {
    ref: 'THR-JHWS-O01-X01',
    title: 'Finalise Primary Care Strategy',
    lead: 'Mandy Ansell',
    deadline: 'On-going',
    rag: 'G',
    commentFragment: 'four ‘extended access’ GP hubs have been planned',
    deadlineDate: null,
    seedRow: { titleStart: 'Finalise Primary Care Strategy', commentStart: 'As part of Thurrock’s Primary Care Strategy' },
  },
  {
    ref: 'THR-JHWS-O01-X03',
    title: 'Develop role of Accountable Professional (over 75s)',
    lead: 'Mark Tebbs',
    deadline: 'Commence May 2014',
    rag: 'G',
    commentFragment: 'a dedicated service for patients in crisis in the form of RRAS. The Community Geriatrician also works',
    deadlineDate: '2014-05-31',
    seedRow: { titleStart: 'Develop role of Accountable Professional', commentStart: 'Within 2014/15 NHS England published new guidance' },
    seedFragments: [
      'have a dedicated service for patients in crisis in the form of',
      'RRAS. The Community Geriatrician also works to support',
    ],
  },
  {
    ref: 'THR-JHWS-O01-X05',
    title: 'Develop 7-day access to services – including dental and pharmacy',
    lead: 'Sara Lingard/ Mandy Ansell',
    deadline: 'Proposals to be developed by July 2014',
    rag: 'A',
    commentFragment: 'Not successful on the PMCF.',
    deadlineDate: '2014-07-31',
    seedRow: { titleStart: 'Develop 7-day access to services', commentStart: 'The four GP hubs will provide extended opening hours' },
  },
  {
    ref: 'THR-JHWS-O02-X02',
    title: 'Special focus on cancer pathways (due to breach of 18 week target) – review pathways and develop action plan',
    lead: 'Mandy Ansell',
    deadline: 'March 2015',
    rag: 'A',
    commentFragment: 'A CCG Cancer recovery plan is in place',
    leadOrg: '07G',
    deadlineDate: '2015-03-31',
    seedRow: { titleStart: 'Executive Nurse) Special focus on cancer pathways', commentStart: 'A CCG Cancer recovery plan' },
  },
  {
    ref: 'THR-JHWS-O03-X03',
    title: 'Further development of skills-based work academy to encourage more people in to the care profession',
    lead: 'Louise Brosnan',
    deadline: 'Roll out with all domiciliary care providers by March 15',
    rag: 'R',
    commentFragment: 'No new starters participating in the skills-based work academy.',
    deadlineDate: '2015-03-31',
    seedRow: { titleStart: 'Further development of skills-based work academy', commentStart: 'No new starters' },
  },
  {
    ref: 'THR-JHWS-O04-X06',
    title:
      'Implementation of Rapid Response and Assessment Service review recommendations – including expanding RRAS to provide care for 72 hours',
    lead: 'Tania Sitch',
    deadline: 'Throughout 14/15',
    rag: 'R',
    commentFragment: 'not currently implemented due to funding restrictions',
    deadlineDate: null,
    seedRow: {
      titleStart: 'Implementation of Rapid Response and Assessment Service review recommendations',
      commentStart: 'Recommendations not currently implemented',
    },
  },
  {
    ref: 'THR-JHWS-O04-X07',
    title: 'Increase interim bed capacity (via Collins House)',
    lead: 'Tania Sitch',
    deadline: 'Bid for additional funding to support growth in capacity',
    rag: 'A',
    commentFragment: 'Better Care Fund will fund 12 beds',
    deadlineDate: null,
    seedRow: { titleStart: 'Increase interim bed capacity (via Collins House)', commentStart: 'Better Care Fund will fund 12 beds' },
  },
  {
    ref: 'THR-JHWS-O05-X01',
    title: 'Work with the provider SEPT to embed the new model of working through the revised section 75 agreement',
    lead: 'Catherine Wilson/ Mark Tebbs',
    deadline: 'Model to be implemented from 15th August',
    rag: 'G',
    commentFragment: 'Section 75 agreement signed and implemented.',
    deadlineDate: null,
    seedRow: { titleStart: 'Work with the provider SEPT', commentStart: 'Section 75 agreement signed and implemented.' },
  },
  {
    ref: 'THR-JHWS-O07-X03',
    title:
      'Mental health forum and partnership groups to be consulted and inform developments in whole system commissioning – including strength-based approaches',
    lead: 'Catherine Wilson',
    deadline: 'Embed process of engagement in service development and commissioning decisions by April 15',
    rag: 'G',
    commentFragment: 'Joint integrated commissioning 7 CCGs and 3 Local Authorities',
    deadlineDate: '2015-04-30',
    seedRow: {
      titleStart: 'Mental health forum and partnership groups',
      commentStart: 'Mental Health Service User Forum will be involved in the above work.',
    },
    seedFragments: ['commissioning – including strength-based approaches'],
  },
  {
    ref: 'THR-JHWS-O07-X07',
    title:
      'Implementation of the CAMHS Strategy through the procurement of a new model of service to support the emotional wellbeing of children and young people.',
    lead: 'Paula McCullough',
    deadline: 'November 2015',
    rag: 'G',
    commentFragment: 'the CYPP will review and refresh the Strategy.',
    deadlineDate: '2015-11-30',
    seedRow: { titleStart: 'Implementation of the CAMHS Strategy', commentStart: 'Via the Children and Young People (C&YP)' },
    seedFragments: ['deliver a new integrated tier 2 and tier 3 services and that the CYPP will', 'review and refresh the Strategy.'],
  },
  {
    ref: 'THR-JHWS-O10-X01',
    title:
      'Local Area Coordination initiative to be expanded to ensure borough-wide coverage – four LACs already in place. Funding secured for recruitment of 5 more co-ordinators and a LAC manager.',
    lead: 'Tania Sitch',
    deadline: 'September 14',
    rag: 'G',
    commentFragment:
      'LACs have expanded to a total of 9 LACs. Funded until 31st March 2016. Funding approved through the Better Care Fund.',
    deadlineDate: '2014-09-30',
    seedRow: { titleStart: 'Local Area Coordination initiative', commentStart: '14 months evaluation report' },
    seedFragments: ['Funded until 31st March 2016. Funding approved through the Better Care Fund.'],
  },
  {
    ref: 'THR-JHWS-O10-X02',
    title:
      'Delivery of more Community Hubs (as part of Stronger Together Programme): Chadwell (opened May 14) Aveley and Tilbury Hubs in progress Along with recruitment of 2 community builders',
    lead: 'Natalie Warren',
    deadline: 'On-going',
    rag: null,
    commentFragment: 'Two Hubs are open (South Ockendon and Chadwell)',
    deadlineDate: null,
    seedRow: { titleStart: 'Delivery of more Community Hubs', commentStart: 'Two Hubs are open' },
  },
  {
    ref: 'THR-JHWS-O12-X02',
    title:
      "Review E-cigarettes in terms of Harm Reduction for smokers, summarising Thurrock's position following pilot scheme in partnership with ASH to develop a policy.",
    lead: 'Kevin Malone',
    deadline: 'September 14',
    rag: 'G',
    commentFragment: 'Successful adoption by the Council of amended smoke free policy',
    leadOrg: 'E06000034',
    deadlineDate: '2014-09-30',
    seedRow: { titleStart: 'Review E-cigarettes in terms of Harm Reduction', commentStart: 'Well attended multiagency workshop' },
  },
];

interface SeedRow {
  line: number;
  raw: string[];
  cells: string[];
}

function seedRows(raw: string): SeedRow[] {
  return raw
    .split('\n')
    .map((l, i) => {
      const parts = l.split('\t');
      return { line: i + 1, raw: parts, cells: parts.map(normaliseSeedText) };
    })
    .filter((r) => r.raw.length > 1);
}

const RAG_CELL = /^(<p>)?<b>([RAG])<\/b>(<\/p>)?$/;

/**
 * Checks one action's starting row: cells in column order title < lead < deadline < comment,
 * then the RAG cell (the next non-empty cell) — or nothing, where rag is null.
 */
function checkRow(
  rows: SeedRow[],
  where: string,
  want: { titleStart: string; lead: string | null; deadlineStart: string; commentStart: string; rag: string | null },
): string[] {
  const errors: string[] = [];
  const hits = rows.filter((r) => r.cells.some((c) => c.includes(want.titleStart)));
  if (hits.length !== 1) return [`${where}: ${hits.length} seed rows have a cell containing "${want.titleStart.slice(0, 50)}…" (want 1)`];
  const r = hits[0] as SeedRow;
  const iTitle = r.cells.findIndex((c) => c.includes(want.titleStart));
  const iLead = want.lead === null ? iTitle : r.cells.findIndex((c, i) => i > iTitle && c === want.lead);
  const iDeadline = r.cells.findIndex((c, i) => i > iLead && c.startsWith(want.deadlineStart));
  const iComment = r.cells.findIndex((c, i) => i > iDeadline && c.startsWith(want.commentStart));
  if (iLead < 0) errors.push(`${where}: seed line ${r.line} has no Lead cell "${want.lead}" after the title`);
  if (iDeadline < 0) errors.push(`${where}: seed line ${r.line} has no Deadline cell "${want.deadlineStart}" after the lead`);
  if (iComment < 0) {
    errors.push(`${where}: seed line ${r.line} has no Comments cell starting "${want.commentStart.slice(0, 40)}…" after the deadline`);
    return errors;
  }
  const after = r.cells.map((c, i) => ({ c, i })).filter(({ c, i }) => i > iComment && c !== '');
  if (want.rag === null) {
    if (after.length > 0) errors.push(`${where}: seed line ${r.line} has "${after[0]?.c}" after the comment, but the action has no RAG`);
  } else {
    const first = after[0];
    const m = first ? RAG_CELL.exec((r.raw[first.i] ?? '').trim()) : null;
    if (!first || !m || m[2] !== want.rag)
      errors.push(`${where}: seed line ${r.line}: the cell after the comment is "${first?.c ?? '(none)'}", want RAG ${want.rag}`);
    if (after.length > 1) errors.push(`${where}: seed line ${r.line} has more than one cell after the comment`);
  }
  return errors;
}

export function runPlanChecks(outDir: string, seedsDir: string): string[] {
  const errors: string[] = [];
  const raw = fs.readFileSync(path.join(seedsDir, SEED_FILES[PLAN_SEED]), 'utf8');
  const flat = normaliseSeedText(raw);
  const rows = seedRows(raw);
  const csv = (f: string): Row[] => readCsv(path.join(outDir, 'council', f)).rows;
  const actions = new Map(csv('plan_action.csv').map((r) => [r.action_ref ?? '', r]));
  const status = new Map(csv('action_status.csv').map((r) => [r.action_ref ?? '', r]));
  const ambitions = new Map(csv('plan_ambition.csv').map((r) => [r.ambition_ref ?? '', r]));
  const objectives = new Map(csv('plan_objective.csv').map((r) => [r.objective_ref ?? '', r]));
  const occurs = (s: string, where: string) => {
    if (!flat.includes(s)) errors.push(`${where}: "${s.slice(0, 70)}…" not found in seed ${PLAN_SEED}`);
  };

  // 1. the independent sample ---------------------------------------------------------------
  if (SAMPLE.length < 8) errors.push('check-plan: the sample must have at least 8 actions');
  for (const s of SAMPLE) {
    const where = `sample ${s.ref}`;
    const a = actions.get(s.ref);
    if (!a) {
      errors.push(`${where}: not in council/plan_action.csv`);
      continue;
    }
    if (a.title !== s.title) errors.push(`${where}: title "${a.title}" != "${s.title}"`);
    if (a.lead_person !== s.lead) errors.push(`${where}: lead "${a.lead_person}" != "${s.lead}"`);
    if (a.deadline_text !== s.deadline) errors.push(`${where}: deadline_text "${a.deadline_text}" != "${s.deadline}"`);
    if (!(a.comments ?? '').includes(s.commentFragment)) errors.push(`${where}: comments lack "${s.commentFragment}"`);
    if ((a.lead_org_code || undefined) !== s.leadOrg) errors.push(`${where}: lead_org_code "${a.lead_org_code}" != "${s.leadOrg ?? ''}"`);
    if (s.deadlineDate !== undefined && (a.deadline_date || null) !== s.deadlineDate)
      errors.push(`${where}: deadline_date "${a.deadline_date}" != "${s.deadlineDate ?? ''}"`);
    const st = status.get(s.ref);
    if (s.rag === null ? st !== undefined : st?.rag !== s.rag || st?.period !== PLAN_STRATEGY.statusPeriod) {
      errors.push(`${where}: action_status ${st ? `${st.period} ${st.rag}` : '(none)'} != ${s.rag ?? '(none)'}`);
    }
    // against the seed text
    for (const f of [s.title.slice(0, 40), s.lead, s.deadline.slice(0, 30), ...(s.seedFragments ?? [])]) occurs(f, where);
    if (!s.seedFragments) occurs(s.commentFragment, where);
    errors.push(
      ...checkRow(rows, where, {
        titleStart: s.seedRow.titleStart,
        lead: s.lead,
        deadlineStart: s.deadline.split(' by ')[0] ?? s.deadline,
        commentStart: s.seedRow.commentStart,
        rag: s.rag,
      }),
    );
  }

  // 2. everything transcribed in plan.ts ------------------------------------------------------
  let nActions = 0;
  let nAmbitions = 0;
  PLAN_OBJECTIVES.forEach((o, i) => {
    const oref = `THR-JHWS-O${String(i + 1).padStart(2, '0')}`;
    if (!rows.some((r) => r.cells[0] === o.theme && r.cells.slice(1).every((c) => c === '')))
      errors.push(`${oref}: theme "${o.theme}" is not a section heading row in the seed`);
    if (!raw.includes(`<b>${o.titleIsSectionHeading ? o.theme : o.title}</b>`))
      errors.push(`${oref}: "${o.title}" is not bold in the seed`);
    if (o.titleIsSectionHeading && o.title !== o.theme) errors.push(`${oref}: titleIsSectionHeading but title != theme`);
    const orow = objectives.get(oref);
    if (!orow || orow.title !== o.title || orow.theme !== o.theme || orow.position !== String(i + 1))
      errors.push(`${oref}: plan_objective.csv row differs from plan.ts`);
    o.ambitions.forEach((a, j) => {
      nAmbitions += 1;
      const aref = `${oref}-A${String(j + 1).padStart(2, '0')}`;
      a.parts.forEach((p) => occurs(p, aref));
      occurs(`${a.number}. ${a.parts[0]}`, `${aref} (numbered)`);
      const arow = ambitions.get(aref);
      if (!arow || arow.number !== String(a.number) || arow.text !== joinParts(a.parts) || arow.objective_ref !== oref)
        errors.push(`${aref}: plan_ambition.csv row differs from plan.ts`);
    });
    o.actions.forEach((a, j) => {
      nActions += 1;
      const xref = `${oref}-X${String(j + 1).padStart(2, '0')}`;
      [...a.title, ...a.deadline, ...a.comments, ...(a.lead ? [a.lead] : [])].forEach((p) => occurs(p, xref));
      if (a.leadOrg && !joinParts(a.comments).includes(a.leadOrg.quote))
        errors.push(`${xref}: lead_org quote is not in the action's comments`);
      errors.push(
        ...checkRow(rows, xref, {
          titleStart: a.title[0] ?? '',
          lead: a.lead,
          deadlineStart: a.deadline[0] ?? '',
          commentStart: a.comments[0] ?? '',
          rag: a.rag,
        }),
      );
      const x = actions.get(xref);
      const deadlineText = joinParts(a.deadline);
      if (
        !x ||
        x.objective_ref !== oref ||
        x.position !== String(j + 1) ||
        x.title !== joinParts(a.title) ||
        x.lead_person !== (a.lead ?? '') ||
        x.deadline_text !== deadlineText ||
        x.comments !== joinParts(a.comments) ||
        x.lead_org_code !== (a.leadOrg?.code ?? '') ||
        x.deadline_date !== (deadlineDate(deadlineText) ?? '')
      ) {
        errors.push(`${xref}: plan_action.csv row differs from plan.ts`);
      }
      const st = status.get(xref);
      if (a.rag ? st?.rag !== a.rag : st !== undefined)
        errors.push(`${xref}: action_status.csv differs from plan.ts (rag ${a.rag ?? 'none'})`);
    });
  });
  if (actions.size !== nActions) errors.push(`plan_action.csv has ${actions.size} rows, plan.ts ${nActions}`);
  if (ambitions.size !== nAmbitions) errors.push(`plan_ambition.csv has ${ambitions.size} rows, plan.ts ${nAmbitions}`);
  if (objectives.size !== PLAN_OBJECTIVES.length)
    errors.push(`plan_objective.csv has ${objectives.size} rows, plan.ts ${PLAN_OBJECTIVES.length}`);
  if (!flat.includes(PLAN_STRATEGY.title)) errors.push(`strategy title "${PLAN_STRATEGY.title}" not in the seed`);
  return errors;
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..', '..');
  const seeds = path.resolve(root, '..', 'shared', 'seeds');
  if (!fs.existsSync(seeds)) {
    console.error(`check-plan: seeds not found at ${seeds}`);
    process.exit(1);
  }
  const problems = runPlanChecks(path.join(root, 'data', 'demo'), seeds);
  for (const p of problems) console.error(`CHECK FAILED: ${p}`);
  if (problems.length > 0) process.exit(1);
  console.log(
    `check-plan: ${SAMPLE.length} sampled actions and all ${PLAN_OBJECTIVES.reduce((n, o) => n + o.actions.length, 0)} transcribed actions agree with seed ${PLAN_SEED}`,
  );
}
