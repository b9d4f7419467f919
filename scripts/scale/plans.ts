import { QUARTERS, after, yearEnd, FINANCIAL_YEARS } from './calendar';
import { SYNTHETIC } from './names';
import type { Programme } from './programme';
import type { Rng } from './random';
import type { RowObject } from './tables';

/**
 * Each partnership's delivery plan in the council's tracker: strategy → 4–6 objectives →
 * 2–4 numbered ambitions and 3–7 actions each, every action led by one of the partnership's
 * member organisations (by its real partner code), with a quarterly RAG history that drifts
 * like a real tracker's (about 80% Green, 16% Amber, 4% Red once settled; 4% of quarters
 * not recorded). In the first partnership's plan, an organisation that provides services
 * leads a Red action in each quarter of the latest year, so that even the smallest run
 * gives the cross-source filter "providers with a Red action this period" something to find.
 */

type Rag = 'G' | 'A' | 'R';

/** Next quarter's status given this one's. */
const DRIFT: Record<Rag, Readonly<Record<Rag, number>>> = {
  G: { G: 91, A: 8, R: 1 },
  A: { G: 40, A: 50, R: 10 },
  R: { G: 20, A: 45, R: 35 },
};

const THEMES = ['Starting well', 'Living well', 'Ageing well', 'Healthier places', 'Working together', 'Mental wellbeing'] as const;
const ACTION_VERBS = ['Develop', 'Deliver', 'Review', 'Commission', 'Expand', 'Evaluate', 'Pilot', 'Agree'] as const;
const ACTION_OBJECTS = [
  'the falls prevention pathway',
  'a carers support offer',
  'integrated discharge arrangements',
  'the social prescribing network',
  'a frailty register',
  'community mental health support',
  'the reablement service',
  'a shared care record',
  'extended access to primary care',
  'the workforce plan',
  'a healthy weight programme',
  'housing adaptations',
] as const;

const COMMENTS: Record<Rag, string> = {
  G: 'Synthetic note: on track.',
  A: 'Synthetic note: some slippage; mitigation in place.',
  R: 'Synthetic note: off track; recovery plan to the board.',
};

interface PlannedAction {
  ref: string;
  history: { quarter: number; rag: Rag }[];
  /** Whether its lead provides services (commissioners do not, in this dataset): what Q5's filter can find. */
  leadProvides: boolean;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Who leads: the council most often, then the commissioner, the voluntary sector and the trusts (each trust serves many places, so leads few of one place's actions). */
function leadOf(rng: Rng, p: Programme): { code: string } {
  const role = rng.weighted({ council: 50, ccg: 27, voluntary: 15, trust: 8 });
  return role === 'trust' ? rng.pick(p.partners.filter((x) => x.source === 'trust')) : p.leads[role];
}

function history(rng: Rng): { quarter: number; rag: Rag }[] {
  const start = rng.chance(0.6) ? 0 : rng.int(1, 12);
  let rag: Rag = rng.weighted({ G: 60, A: 30, R: 10 });
  const result: { quarter: number; rag: Rag }[] = [];
  for (let q = start; q < QUARTERS.length; q++) {
    if (q > start) rag = rng.weighted(DRIFT[rag]);
    if (!rng.chance(0.04)) result.push({ quarter: q, rag });
  }
  return result;
}

function addAction(p: Programme, rng: Rng, objectiveRef: string, position: number, out: RowObject[]): PlannedAction {
  const ref = `${objectiveRef}-X${pad2(position)}`;
  const lead = leadOf(rng, p);
  const dated = rng.weighted({ dated: 60, ongoing: 30, none: 10 });
  const year = rng.pick(FINANCIAL_YEARS);
  out.push({
    action_ref: ref,
    objective_ref: objectiveRef,
    position,
    title: `${SYNTHETIC} action: ${rng.pick(ACTION_VERBS)} ${rng.pick(ACTION_OBJECTS)}`,
    lead_person: `${SYNTHETIC} Lead ${p.code}-${rng.int(1, 40)}`,
    lead_org_code: lead.code,
    deadline_text: dated === 'dated' ? `March ${Number(year.slice(0, 4)) + 1}` : dated === 'ongoing' ? 'On-going' : null,
    deadline_date: dated === 'dated' ? yearEnd(year) : null,
    comments: rng.chance(0.5) ? 'Synthetic progress comment for load tests.' : null,
    updated_at: rng.instant2024(),
  });
  return { ref, history: history(rng), leadProvides: lead !== p.leads.ccg };
}

/** A Red action led by a service provider in each quarter of the latest year: one recorded then turns Red. */
function ensureRedInLatestYear(rng: Rng, actions: readonly PlannedAction[]): void {
  const providers = actions.filter((a) => a.leadProvides);
  for (let q = QUARTERS.length - 4; q < QUARTERS.length; q++) {
    const recorded = providers.flatMap((a) => a.history.filter((h) => h.quarter === q));
    if (recorded.length > 0 && !recorded.some((h) => h.rag === 'R')) rng.pick(recorded).rag = 'R';
  }
}

export function addPlan(
  p: Programme,
  rng: Rng,
  out: Record<
    'council.plan_strategy' | 'council.plan_objective' | 'council.plan_ambition' | 'council.plan_action' | 'council.action_status',
    RowObject[]
  >,
): void {
  const strategyRef = `SYN-PLAN-${p.code}`;
  out['council.plan_strategy'].push({
    strategy_ref: strategyRef,
    title: `${SYNTHETIC} Health and Wellbeing Delivery Plan ${p.code}`,
    period_text: `${FINANCIAL_YEARS[0]} to ${FINANCIAL_YEARS[FINANCIAL_YEARS.length - 1]}`,
    partnership_code: p.council.partnershipId,
    updated_at: rng.instant2024(),
  });
  const actions: PlannedAction[] = [];
  const objectives = rng.int(4, 6);
  for (let o = 1; o <= objectives; o++) {
    const objectiveRef = `${strategyRef}-O${pad2(o)}`;
    const theme = THEMES[(o - 1) % THEMES.length]!;
    out['council.plan_objective'].push({
      objective_ref: objectiveRef,
      strategy_ref: strategyRef,
      theme: `${SYNTHETIC} theme: ${theme}`,
      title: `${SYNTHETIC} objective ${o}: ${theme.toLowerCase()} for everyone`,
      position: o,
      updated_at: rng.instant2024(),
    });
    const ambitions = rng.int(2, 4);
    for (let a = 1; a <= ambitions; a++) {
      out['council.plan_ambition'].push({
        ambition_ref: `${objectiveRef}-A${pad2(a)}`,
        objective_ref: objectiveRef,
        number: a,
        text: `${SYNTHETIC} ambition ${a} of objective ${o}`,
        updated_at: rng.instant2024(),
      });
    }
    const count = rng.int(3, 7);
    for (let x = 1; x <= count; x++) actions.push(addAction(p, rng, objectiveRef, x, out['council.plan_action']));
  }
  if (p.council.no === 1) ensureRedInLatestYear(rng, actions);
  for (const action of actions) {
    for (const h of action.history) {
      const quarter = QUARTERS[h.quarter]!;
      out['council.action_status'].push({
        action_ref: action.ref,
        period: quarter.period,
        rag: h.rag,
        comment: rng.chance(0.5) ? COMMENTS[h.rag] : null,
        updated_at: after(quarter.closes, rng.int(86_400, 30 * 86_400)),
      });
    }
  }
}
