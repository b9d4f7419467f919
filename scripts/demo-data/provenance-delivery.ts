/**
 * PROVENANCE.md sections for the delivery tables: the outcomes framework and indicators, the
 * Better Care Fund and its ledgers, the seed-001 delivery-plan tracker and the seed-004
 * engagement log, and the list of every SYNTHETIC file and column. Called by provenance.ts.
 */
import type { FileName } from './schema';
import {
  DTOC_AREAS,
  DTOC_FROM,
  DTOC_INDICATOR,
  DTOC_TO,
  ENGAGEMENT_HELD_TEXT,
  FUNDS,
  OUTCOMES,
  SCHEMES,
  SCHEMES_LEFT_OUT,
  YOU_SAID_WE_DID_METHOD,
} from './documents';
import { PLAN_NOT_REBUILT, PLAN_OBJECTIVES, PLAN_STRATEGY, deadlineDate, joinParts } from './plan';
import { DTOC_TARGET_YEARS, LEDGER_PARTNERS, LEDGER_YEARS, SEEDS, SYNTH_INDICATOR, SYNTH_OUTCOME, SYNTH_QUARTERS } from './synthetic';
import { SAMPLE } from './check-plan';

export interface DeliveryReport {
  dtocRows: { name: string; gss: string; n: number }[];
  smallNumerators: { area: string; period: string; numerator: number; denominator: number }[];
  ledgerTotals: { fy: string; source: string; planned: string; actual: string }[];
}

type Count = (f: FileName) => string;

function table(header: string[], rows: string[][]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

/** Page pieces for the rejoin table: the end of the first piece, the start of the others. */
const pieces = (parts: readonly string[]) =>
  parts
    .map((p, k) => {
      if (p.length <= 45) return `"${p}"`;
      return k === 0 ? `"…${p.slice(-40)}"` : `"${p.slice(0, 40)}…"`;
    })
    .join(' + ');

const ref = (i: number, j?: number, k: 'A' | 'X' = 'X') =>
  `THR-JHWS-O${String(i + 1).padStart(2, '0')}${j === undefined ? '' : `-${k}${String(j + 1).padStart(2, '0')}`}`;

export function hubDeliverySections(n: Count): string[] {
  return [
    `### hub/outcome_domain.csv — ${n('hub/outcome_domain.csv')}`,
    '',
    '- Seed 002 (`002_37f18f794dea8b43.txt`), "Our objectives": "The four domains that we have agreed, and that we are developing outcomes and indicators for, are:" — four bullets written "name – description". `name` = the text before the dash with its first letter capitalised (the seed writes it in lower case); `description` = the text after the dash, exactly as written; `position` = bullet order. All four belong to `south-east-essex-locality-partnership`. Verified against the seed by check.ts.',
    '',
    `### hub/outcome.csv — ${n('hub/outcome.csv')}`,
    '',
    '- The seeds name **no** outcomes (seed 002: "we are developing outcomes and indicators"). Both rows are the demo\'s own:',
    ...OUTCOMES.map(
      (o) =>
        `  - \`${o.id}\` "${o.name}" (domain \`${o.domainId}\`): **demo framing, not from a seed** — the outcome that carries the real Delayed Transfers of Care strand. Attaching it to the SE Essex domain "Care quality and experience" is a demo choice.`,
    ),
    `  - \`${SYNTH_OUTCOME.id}\` "${SYNTH_OUTCOME.name}" (domain \`${SYNTH_OUTCOME.domainId}\`): **SYNTHETIC** (key prefix \`SYNTH-\`, name prefix "Synthetic demo outcome:").`,
    '',
    `### hub/indicator.csv — ${n('hub/indicator.csv')}`,
    '',
    `- \`${DTOC_INDICATOR.id}\` "${DTOC_INDICATOR.name}": unit "${DTOC_INDICATOR.unit}", ${DTOC_INDICATOR.polarity}, measured_by \`${DTOC_INDICATOR.measuredBy}\` (the councils' adult social care sitrep figures; the demo's council source holds them), source_code \`${DTOC_INDICATOR.sourceCode}\`, counts_people false (days, not people), published true. The definition is the demo's; the measure is the NHS England Delayed Transfers of Care monthly total (one of the Better Care Fund national metrics in this period, per the reference PROVENANCE), and its values are real (council/indicator_value.csv).`,
    `- \`${SYNTH_INDICATOR.id}\` "${SYNTH_INDICATOR.name}": **SYNTHETIC** — id and source_code start \`SYNTH-\`, the name starts "Synthetic demo indicator:". unit "${SYNTH_INDICATOR.unit}", ${SYNTH_INDICATOR.polarity}, measured_by \`${SYNTH_INDICATOR.measuredBy}\`, source_code \`${SYNTH_INDICATOR.sourceCode}\`, counts_people **true** (numerator and denominator are people; some numerators are below 5, for disclosure-control tests), published true. The concept echoes a BCF metric, but no value of it is real.`,
    '',
    `### hub/indicator_target.csv — ${n('hub/indicator_target.csv')} — **wholly SYNTHETIC**`,
    '',
    '- No seed or reference file gives any target. Every row of this file is generated (synthetic.ts); the keys (indicator ids, GSS and locality codes, periods) are real keys of this dataset.',
    `- \`${DTOC_INDICATOR.id}\` × ${DTOC_AREAS.map((a) => a.gss).join(', ')} × ${DTOC_TARGET_YEARS.join(', ')} (period = financial year): \`target\` = the **real** mean monthly total delayed days of the *previous* financial year in \`social_care/dtoc_delayed_days_by_reason…\` × a generated factor between 0.85 and 0.97 (mulberry32, seed ${SEEDS.dtocTargets}), rounded to whole days; \`amber_tolerance\` = 10 % of the target, rounded. The targets are made up; only the scale comes from the real series.`,
    `- \`${SYNTH_INDICATOR.id}\` × the 8 locality codes × 2017/18, 2018/19: \`target\` = uniform 78–88 % to one decimal (mulberry32, seed ${SEEDS.indicatorTargets}); \`amber_tolerance\` 5.0 points.`,
    '',
    `### hub/fund.csv — ${n('hub/fund.csv')}`,
    '',
    ...FUNDS.map(
      (f) =>
        `- \`${f.id}\` "${f.name}": partnership \`${f.partnershipId}\`, agreement \`${f.agreementId}\` (the Better Care Pooled Fund S75 Agreement, seed 001). \`host_organisation_id\` **empty**: seed 004 says "The Better Care Fund (BCF) is a single pooled budget" and that "The Council and CCG are required by the Government to create a Better Care Fund Plan", but no seed says which partner hosts the pool. \`description\` quotes seeds 004 and 001 (quotes verified by check.ts).`,
    ),
    '',
    `### hub/scheme.csv — ${n('hub/scheme.csv')}`,
    '',
    'Only schemes seed 001 ties to the Better Care Fund in so many words; `name` is a short label, `description` quotes the seed (verified by check.ts):',
    '',
    table(
      ['id', 'name', 'seed 001 says'],
      SCHEMES.map((s) => [s.id, s.name, `"${s.source.text}"`]),
    ),
    '',
    'Not recorded as schemes:',
    '',
    ...SCHEMES_LEFT_OUT.map((x) => `- ${x}`),
    '',
  ];
}

export function ccgDeliverySections(n: Count, d: DeliveryReport | undefined): string[] {
  return [
    `### ccg/indicator_value.csv — ${n('ccg/indicator_value.csv')} — **wholly SYNTHETIC**`,
    '',
    `- \`${SYNTH_INDICATOR.sourceCode}\` (hub indicator \`${SYNTH_INDICATOR.id}\`) for each of the 8 locality codes (\`area_code\` = \`hub/locality.csv\` \`code\`) and each quarter ${SYNTH_QUARTERS[0]} … ${SYNTH_QUARTERS[SYNTH_QUARTERS.length - 1]}.`,
    `- Generation (synthetic.ts, mulberry32 seed ${SEEDS.indicatorValues}): \`denominator\` = a whole number drawn uniformly from a made-up per-locality range (Purbeck 3–9, so that small numbers occur; Southend 60–95; the others 15–45); \`numerator\` = round(denominator × uniform 0.70–0.95); \`value\` = numerator / denominator × 100 to one decimal.`,
    `- Small-number rows (numerator below 5, for disclosure-control tests): ${(d?.smallNumerators ?? []).map((r) => `${r.area} ${r.period} (${r.numerator}/${r.denominator})`).join('; ')}.`,
    '',
    `### ccg/ledger_line.csv — ${n('ccg/ledger_line.csv')} — **wholly SYNTHETIC**`,
    '',
    '- See "Pooled-fund ledgers" under council/ledger_line.csv: NHS Thurrock CCG (`org_code` 07G) lines, `line_ref` `SYNTH-CCG-nnnn`. `service_ref` is empty (no CCG commissioned service corresponds to the schemes).',
    '',
  ];
}

export function councilDeliverySections(n: Count, d: DeliveryReport | undefined): string[] {
  const actions = PLAN_OBJECTIVES.flatMap((o, i) => o.actions.map((a, j) => ({ o, a, ref: ref(i, j) })));
  const noRag = actions.filter((x) => !x.a.rag);
  const split = actions.filter((x) => x.a.title.length > 1 || x.a.comments.length > 1 || x.a.deadline.length > 1);
  const leadOrgs = actions.filter((x) => x.a.leadOrg);
  const withDate = actions.map((x) => ({ ...x, text: joinParts(x.a.deadline) })).filter((x) => x.text);
  const ambitionSplits = PLAN_OBJECTIVES.flatMap((o, i) => o.ambitions.map((a, j) => ({ a, ref: ref(i, j, 'A') }))).filter(
    (x) => x.a.parts.length > 1,
  );
  const totals = d?.ledgerTotals ?? [];
  return [
    `### council/indicator_value.csv — ${n('council/indicator_value.csv')} — real data`,
    '',
    `- The monthly **Total Delayed Transfers of Care** (delayed days) from \`social_care/dtoc_delayed_days_by_reason_2011-2019_selected_las.csv\` (column "Total Delayed Transfers of Care", month = \`period_iso\`), ${DTOC_FROM} to ${DTOC_TO}, value exactly as in the file; \`indicator_code\` \`${DTOC_INDICATOR.sourceCode}\`; \`period\` \`YYYY-MM\`; \`numerator\`/\`denominator\` empty.`,
    `- \`area_code\` = the local authority's GSS code, fixed by the file's \`Name\`: ${DTOC_AREAS.map((a) => `${a.name} → ${a.gss}`).join(', ')}. (The file's \`Code\` is a pre-2014 LA code in early months; the build checks every row that carries a GSS code against this mapping.) Rows: ${(d?.dtocRows ?? []).map((r) => `${r.gss} ${r.n}`).join(', ')}.`,
    "- The build also checks each month's total against `NHS` + `Social Care` + `Both` in `social_care/dtoc_delayed_days_by_responsible_org_2011-2019_selected_las.csv` (they agree for every month).",
    '- Dorset (E10000009 / E06000059) is in the reference file but is not loaded: the demo strand is the Essex/Southend/Thurrock one.',
    '- Source: NHS England Statistics, Delayed Transfers of Care monthly situation reports (LA, type B), via github.com/psychty/DTOC @ a789281edfacc62c8b9d4cc66d2969685b568151; OGL v3.',
    '',
    `### hub/comparator_value.csv — ${n('hub/comparator_value.csv')} — real data`,
    '',
    `- England's monthly **Total Delayed Transfers of Care** from the same file (its \`England\` rows), ${DTOC_FROM} to ${DTOC_TO}, value exactly as in the file; \`indicator_id\` \`${DTOC_INDICATOR.id}\`, \`area_code\` E92000001: the comparator each area's value is set beside. The file has no region rows, so there is no regional comparator.`,
    '',
    `### council/ledger_line.csv — ${n('council/ledger_line.csv')} — **wholly SYNTHETIC**`,
    '',
    '**Pooled-fund ledgers (ccg/ledger_line.csv and council/ledger_line.csv).** No seed or reference file gives any Better Care Fund figure (the reference PROVENANCE: "Better Care Fund allocations or plans: no data file found"). Every line is generated (synthetic.ts, mulberry32 seed ' +
      `${SEEDS.ledger}); the keys are real keys of the dataset:`,
    '',
    `- \`line_ref\` ${LEDGER_PARTNERS.map((p) => `\`${p.prefix}-nnnn\` (${p.source}, \`org_code\` ${p.orgCode})`).join(', ')}; \`fund_code\` = hub \`fund.id\` (\`thurrock-better-care-fund\`); \`scheme_code\` = hub \`scheme.id\`; \`locality_code\` = hub \`locality.code\` (the four Thurrock localities); \`service_ref\` (council only) = the council care service the scheme pays for (Collins House → THR-SVC-004, Local Area Coordination → THR-SVC-001; frailty pathway → empty).`,
    `- Per partner and financial year (${LEDGER_YEARS.join(', ')}): one CONTRIBUTION line — \`planned\` uniform £${LEDGER_PARTNERS.map((p) => `${(p.contribution[0] / 1e6).toFixed(1)}m–${(p.contribution[1] / 1e6).toFixed(1)}m (${p.source})`).join(', £')}, with pence; \`actual\` = planned × uniform 0.98–1.02 — and one ALLOCATION line per scheme × Thurrock locality (3 × 4 = 12), splitting the planned contribution by generated weights (uniform 0.5–1.5) and the actual contribution by the same weights × uniform 0.85–1.15, to the penny (largest-remainder rounding).`,
    '- So, per partner and year, and therefore per fund and year, the allocations add up **exactly** to the contributions, planned and actual (check.ts verifies it); actual differs from planned line by line.',
    '',
    table(
      ['financial year', 'ledger', 'contributions planned (£)', 'contributions actual (£)'],
      totals.map((t) => [t.fy, t.source, t.planned, t.actual]),
    ),
    '',
    `### council/plan_strategy.csv — ${n('council/plan_strategy.csv')}`,
    '',
    `- \`${PLAN_STRATEGY.strategyRef}\`: seed 001 (\`001_f7bd4e606bac171c.txt\`), title as the seed's page heading ("${PLAN_STRATEGY.title}"), \`period_text\` "${PLAN_STRATEGY.periodText}". \`partnership_code\` = \`${PLAN_STRATEGY.partnershipCode}\` — the demo's Thurrock partnership; the 2014/15 plan predates the Alliance's name, so this link says whose tracker it is in the demo, not that the Alliance issued it.`,
    '',
    `### council/plan_objective.csv — ${n('council/plan_objective.csv')}`,
    '',
    "- One row per bold objective in the seed's Objective column, in document order (`position`); `theme` = the section heading above the table. `objective_ref` `THR-JHWS-Onn`.",
    '- "Creating communities that support health and wellbeing" and "Creating the social care and health infrastructure to manage demand" are bold in the Objective column (elements of the Building Positive Futures programme) and are kept as objectives.',
    ...PLAN_OBJECTIVES.flatMap((o, i) =>
      o.titleIsSectionHeading
        ? [
            `- **${ref(i)}**: the first page of the section "${o.theme}" is not in the seed (the table header is followed directly by the end of a row, then an action without an objective). No objective is legible, so the **section heading stands in as the objective title**; the one legible action sits under it.`,
          ]
        : [],
    ),
    '',
    table(
      ['objective_ref', 'theme', 'title', 'ambitions', 'actions'],
      PLAN_OBJECTIVES.map((o, i) => [
        ref(i),
        o.theme,
        o.title,
        o.ambitions.map((a) => a.number).join(', ') || '—',
        String(o.actions.length),
      ]),
    ),
    '',
    `### council/plan_ambition.csv — ${n('council/plan_ambition.csv')}`,
    '',
    '- The **numbered** items of the "Where do we want to be (3 year ambition)" column: `number` as printed (the numbering restarts at 1 under "Make Thurrock a great place in which to grow older"), `text` without the number and without the list separator that ends it ("; " or "; and"); everything else as written (bullets "•" kept, HTML removed, `<sup>` joined, white space collapsed). `ambition_ref` = objective ref + `-Ann` in document order.',
    `- Ambitions continued on the next page are rejoined with one space: ${ambitionSplits.map((x) => `${x.ref} (no. ${x.a.number})`).join(', ')}. Ambition 52 reads "…understand the basic nature area (including specialist support)." exactly as the two pieces join; words may be missing at that page break.`,
    '',
    `### council/plan_action.csv — ${n('council/plan_action.csv')}`,
    '',
    '- One row per action row of the tracker, in document order within its objective (`position`; `action_ref` = objective ref + `-Xnn`). `title` = the "Action 14/15" cell, `lead_person` = the Lead cell, `deadline_text` = the Deadline cell, `comments` = the Comments cell — exactly as written, normalised only as for ambitions (HTML removed, `<sup>` joined: "16 <sup>th</sup> March" → "16th March", `&amp;` → "&", white space collapsed).',
    '- **Rows split across pages are rejoined** (one space between the pieces). The PDF conversion sometimes shifts a row one column left or puts the continuation of one row and the start of the next in one cell; the pieces are assigned by the column they continue:',
    '',
    table(
      ['action_ref', 'rejoined'],
      split.map((x) => [
        x.ref,
        [
          x.a.title.length > 1 ? `title: ${pieces(x.a.title)}` : '',
          x.a.deadline.length > 1 ? `deadline: ${pieces(x.a.deadline)}` : '',
          x.a.comments.length > 1 ? `comments: ${pieces(x.a.comments)}` : '',
        ]
          .filter(Boolean)
          .join('; '),
      ]),
    ),
    '',
    '- THR-JHWS-O02-X01/X02: the cell that starts the cancer-pathways row reads "Executive Nurse) Special focus on cancer pathways …"; "Executive Nurse)" completes the previous action ("…Clinical Quality Review Group (attended by") and the rest is the next action\'s title.',
    '- THR-JHWS-O07-X07: the continuation row repeats the Lead ("Paula McCullough") and Deadline ("November 2015"); they are stored once.',
    '- THR-JHWS-O10-X01: the continuation row repeats the RAG (G); one status is stored.',
    '- THR-JHWS-O11-X01: the action text ends "…release necessary efficiencies/savings for" — the seed\'s table ends there.',
    '- `lead_org_code`: the seed never says whom a lead works for. The code is filled **only** where the action\'s own comment says the organisation delivered, decided or owns the output; everywhere else it is empty (e.g. THR-JHWS-O01-X04 says "NB: Not the CCG\'s responsibility"):',
    '',
    table(
      ['action_ref', 'lead_org_code', 'the comment says'],
      leadOrgs.map((x) => [x.ref, x.a.leadOrg?.code ?? '', `"${x.a.leadOrg?.quote ?? ''}"`]),
    ),
    '',
    '- `deadline_date`: by one rule (plan.ts `deadlineDate`), **not** the first-of-month convention used for event dates elsewhere in this dataset: where the Deadline names a single month — "<Month> <year>", "Commence <Month> <year>", "… by <Month> <year>", or a range "<Month> – <Month> <year>" / "Throughout the year – <Month> <year>" (its end) — the date is the **last day of that month** (a deadline given as a month means by its end). Two-digit years are 20yy ("March 15" = March 2015, as the plan writes "will open in April 15"). "On-going", "TBC", "Throughout 14/15", a day without a year ("from 15th August"), two separate months ("August 14 March 2015", "June – September 14 Dec 2014"), reports of past events ("last joint visit 3 March 2015", "Last review visit week commencing 16th March 2015") and months followed by further conditions → empty.',
    '',
    table(
      ['action_ref', 'deadline_text', 'deadline_date'],
      withDate.map((x) => [x.ref, x.text, deadlineDate(x.text) ?? '—']),
    ),
    '',
    `### council/action_status.csv — ${n('council/action_status.csv')}`,
    '',
    `- One row per action that has a RAG cell in the seed: \`period\` "${PLAN_STRATEGY.statusPeriod}" (the end-of-year position), \`rag\` exactly as printed (R/A/G), \`comment\` empty (the comments are in plan_action).`,
    `- **No status row** (the seed's RAG cell is empty): ${noRag.map((x) => `${x.ref} ("${(x.a.title[0] ?? '').slice(0, 60)}…")`).join('; ')}.`,
    '- `scripts/demo-data/check-plan.ts` checks every action against the seed text: each page piece of title, lead, deadline and comment occurs in the seed; the title, Lead, Deadline and Comments cells stand in that order in one table row; and the RAG cell that follows the comment has the stored letter (or there is none). It also checks this independently typed sample:',
    '',
    table(
      ['action_ref', 'title', 'lead', 'deadline_text', 'RAG', 'comment fragment'],
      SAMPLE.map((s) => [
        s.ref,
        s.title.length > 70 ? `${s.title.slice(0, 70)}…` : s.title,
        s.lead,
        s.deadline,
        s.rag ?? '(none)',
        `"${s.commentFragment}"`,
      ]),
    ),
    '',
    "Text in the seed's table that is **not** in the rebuilt tracker:",
    '',
    table(
      ['text', 'why'],
      PLAN_NOT_REBUILT.map((x) => [x.text, x.why]),
    ),
    '',
    `### council/engagement_activity.csv — ${n('council/engagement_activity.csv')}`,
    '',
    '- Seed 004 (`004_c29daff56d4e6e8f.txt`), "Proposed Engagement Activity": "Components of the Engagement Plan are likely to include:" — one row per item, in order (`activity_ref` `THR-ENG-2014-nn`). `kind` = the item\'s heading as written ("Information Exchange", "In-depth soundings", "Working groups", "Locality based conversations"); `title` = the item as written (the arrow glyph before "A presence at community events" is dropped); for "Locality based conversations" the heading is the title and the item text is the `description`.',
    '- `audience` = the words of the item that name who (or which meeting) is engaged — e.g. "people with Long Term Conditions", "experts by experience", "public meetings such as the community fora"; empty where the item names none (listening events, Joint Strategic Forum, citizen involvement in whole system reviews, locality based conversations).',
    `- \`held_on\` empty (the plan gives no dates); \`held_text\` = '${ENGAGEMENT_HELD_TEXT}'. \`locality_code\` empty: no item names a locality. All quotes are verified by check.ts.`,
    '',
    `### council/you_said_we_did.csv — ${n('council/you_said_we_did.csv')} (header only)`,
    '',
    `- Seed 004 only commits to the method — "${YOU_SAID_WE_DID_METHOD.text}" — and no seed records any feedback or response. The file is shipped empty rather than invented; check.ts fails if it gains rows.`,
    '',
  ];
}

export function syntheticSection(): string[] {
  return [
    '## SYNTHETIC',
    '',
    'Generated values — not from any seed or reference file. Everything else in the dataset is real (or DERIVED, as stated above). Generation is deterministic (scripts/demo-data/synthetic.ts: mulberry32 PRNG, fixed seeds ' +
      `${Object.entries(SEEDS)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}), so a rebuild gives the same bytes.`,
    '',
    table(
      ['file', 'synthetic rows / columns', 'how to recognise them', 'method'],
      [
        [
          '`council/property.csv`',
          '`asset_ref` only (key)',
          '`SYNTH-PROP-0001`',
          "the council's own asset reference is not in any source; all other values of the row are real",
        ],
        [
          '`hub/outcome.csv`',
          `row \`${SYNTH_OUTCOME.id}\` (all columns)`,
          'id prefix `SYNTH-`, name prefix "Synthetic demo outcome:"',
          'demo container for the synthetic indicator. (The other row is real-data framing: a demo outcome not from a seed.)',
        ],
        [
          '`hub/indicator.csv`',
          `row \`${SYNTH_INDICATOR.id}\` (all columns)`,
          'id and source_code prefix `SYNTH-`, name prefix "Synthetic demo indicator:"',
          'demo definition (counts_people true)',
        ],
        [
          '`hub/indicator_target.csv`',
          '**every row** (`target`, `amber_tolerance`)',
          'the whole file',
          'DToC: previous-year real monthly mean × uniform 0.85–0.97, tolerance 10 %; SYNTH-IND-0001: uniform 78–88 %, tolerance 5.0',
        ],
        [
          '`ccg/indicator_value.csv`',
          '**every row** (`value`, `numerator`, `denominator`)',
          'the whole file; `indicator_code` `SYNTH-REABLEMENT-91D`',
          'per locality × quarter 2017/18 Q1–2018/19 Q4; see ccg/indicator_value.csv above',
        ],
        [
          '`ccg/ledger_line.csv`',
          '**every row** (`planned`, `actual`)',
          'the whole file; `line_ref` `SYNTH-CCG-nnnn`',
          'see "Pooled-fund ledgers"',
        ],
        [
          '`council/ledger_line.csv`',
          '**every row** (`planned`, `actual`)',
          'the whole file; `line_ref` `SYNTH-THR-nnnn`',
          'see "Pooled-fund ledgers"',
        ],
      ],
    ),
    '',
    "- **The `synthetic` column** marks these rows in the files (`true` on every row listed above, `false` on the real rows of the same files), and the hub shows it in the API: `SourceRecord.synthetic` on every record's provenance, `IndicatorValue.synthetic` / `targetSynthetic`, `RagAssessment.synthetic` (a RAG judged against a generated target is not a real assessment), `IndicatorSeries.includesSynthetic`, and `BudgetFigures.syntheticLines` / `BudgetSummary.includesSynthetic` for sums of ledger lines.",
    '- Not synthetic: `council/indicator_value.csv` (real DToC figures), the fund and schemes (seed text), the plan tracker, engagement activities and outcome domains (seed text).',
    "- Demo keys that are not real-world identifiers (slugs and codes such as `thurrock-alliance`, `THR-TILBURY-CHADWELL`, `07G-HUB-CORRINGHAM`, `07G-SVC-001`, `THR-CH-01`, `THR-SVC-001`, `RAT-SL-001`, `THR-JHWS-O01-X01`, `THR-ENG-2014-01`, `dtoc-delayed-days-total`) are the hub's and partners' own keys for seed or reference facts; they carry no data of their own.",
    '',
  ];
}
