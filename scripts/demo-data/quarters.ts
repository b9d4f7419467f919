/**
 * SYNTHETIC quarterly monitoring for the demo's (synthetic) 2018/19 allocation lines, in the
 * shape of Better Care Fund quarterly returns: spend to date and forecast outturn at the end
 * of each quarter, generated deterministically from the ledger lines (`build.ts` writes them
 * as ccg/ and council/ledger_quarter.csv):
 *
 *   actual_to_date   = the line's actual × a cumulative share (Q1 22–28 %, Q2 47–53 %,
 *                      Q3 72–78 %, Q4 100 %)
 *   forecast_outturn = planned × 0.97–1.03 in Q1–Q3, the actual in Q4
 */
import type { Cell } from './csv';
import { mulberry32 } from './synthetic';

type Out = Record<string, Cell>;

export const QUARTERS_YEAR = '2018/19';
const SHARES: [number, number][] = [
  [0.22, 0.28],
  [0.47, 0.53],
  [0.72, 0.78],
  [1, 1],
];

const pence = (pounds: string) => Math.round(Number(pounds) * 100);
const pounds = (p: number) => (p / 100).toFixed(2);

/** The quarterly rows of one partner's ledger lines (`seed` makes each partner's stream its own). */
interface LedgerLine {
  line_ref: string;
  financial_year: string;
  line_kind: string;
  planned: string;
  actual: string;
}

export function ledgerQuarters(lines: readonly LedgerLine[], seed: number): Out[] {
  const rnd = mulberry32(seed);
  const between = ([lo, hi]: [number, number]) => lo + (hi - lo) * rnd();
  return lines
    .filter((line) => line.financial_year === QUARTERS_YEAR && line.line_kind === 'ALLOCATION')
    .flatMap((line) =>
      SHARES.map((share, i) => ({
        line_ref: line.line_ref,
        quarter: `${QUARTERS_YEAR} Q${i + 1}`,
        actual_to_date: pounds(Math.round(pence(line.actual) * between(share))),
        forecast_outturn: i === 3 ? line.actual : pounds(Math.round(pence(line.planned) * between([0.97, 1.03]))),
        synthetic: true,
      })),
    );
}
