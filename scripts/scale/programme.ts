import { addBudgets, type LineCounters } from './budgets';
import type { Council } from './national';
import { addFramework, addTargets, type MeasuredArea } from './outcomes';
import { addPlan } from './plans';
import { Rng } from './random';
import type { RowObject, TableKey } from './tables';

/**
 * What each partnership does with its localities: its outcomes framework and targets, its
 * pooled funds and every partner's ledger of them, and its delivery plan. Each part draws
 * from its own seeded stream, so adding one never changes the rows of another.
 */

/** A member organisation that keeps a ledger, by the code its own source writes. */
export interface Partner {
  source: 'ccg' | 'council' | 'trust';
  code: string;
}

export interface Programme {
  seed: number;
  council: Council;
  /** `P001`: the partnership's number, in codes and names. */
  code: string;
  /** `synthetic-p001`: the prefix of the partnership's registry ids. */
  idPrefix: string;
  localities: { no: number; code: string }[];
  partners: Partner[];
  /** Organisations that lead plan actions besides the trusts. */
  leads: Record<'council' | 'ccg' | 'voluntary', { code: string }>;
}

function programmeOf(seed: number, council: Council, localities: { no: number; code: string }[]): Programme {
  const code = `P${String(council.no).padStart(3, '0')}`;
  return {
    seed,
    council,
    code,
    idPrefix: `synthetic-${code.toLowerCase()}`,
    localities,
    partners: [
      { source: 'ccg', code: council.ccg.ods },
      { source: 'council', code: council.gss },
      ...council.trusts.map((t): Partner => ({ source: 'trust', code: t.ods })),
    ],
    leads: { council: { code: council.gss }, ccg: { code: council.ccg.ods }, voluntary: { code: council.charityNumber } },
  };
}

/** Adds every partnership's programme to `out`; returns what each locality measures (for the streamed values). */
export function addProgrammes(
  seed: number,
  councils: readonly Council[],
  localitiesOf: (council: Council) => { no: number; code: string }[],
  out: Record<TableKey, RowObject[]>,
): MeasuredArea[] {
  const counters: LineCounters = { ccg: 0, council: 0, trust: 0 };
  const areas: MeasuredArea[] = [];
  for (const council of councils) {
    const p = programmeOf(seed, council, localitiesOf(council));
    const framework = addFramework(p, out);
    addTargets(p, framework, out['hub.indicator_target']);
    addBudgets(p, new Rng(seed, `budgets:${council.no}`), counters, out);
    addPlan(p, new Rng(seed, `plan:${council.no}`), out);
    areas.push(...p.localities.map((l) => ({ localityNo: l.no, areaCode: l.code, indicators: framework.indicators })));
  }
  return areas;
}
