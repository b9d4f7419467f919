/**
 * SYNTHETIC quarterly monitoring for the demo's (synthetic) 2018/19 allocation lines, in the
 * shape of Better Care Fund quarterly returns: spend to date and forecast outturn at the end
 * of each quarter. Generated deterministically from the ledgers in data/demo:
 *
 *   actual_to_date   = the line's actual × a cumulative share (Q1 22–28 %, Q2 47–53 %,
 *                      Q3 72–78 %, Q4 100 %)
 *   forecast_outturn = planned × 0.97–1.03 in Q1–Q3, the actual in Q4
 *
 *   npx tsx scripts/demo-data/quarters.ts   (writes ccg/ and council/ledger_quarter.csv)
 */
import fs from 'node:fs';
import path from 'node:path';
import { readCsv, stringifyCsv } from './csv';
import { mulberry32 } from './synthetic';

const DEMO = path.resolve(__dirname, '..', '..', 'data', 'demo');
const YEAR = '2018/19';
const SHARES: [number, number][] = [[0.22, 0.28], [0.47, 0.53], [0.72, 0.78], [1, 1]];

const pence = (pounds: string) => Math.round(Number(pounds) * 100);
const pounds = (p: number) => (p / 100).toFixed(2);

for (const source of ['ccg', 'council']) {
  const rnd = mulberry32(source === 'ccg' ? 2018_1 : 2018_2);
  const between = ([lo, hi]: [number, number]) => lo + (hi - lo) * rnd();
  const lines = readCsv(path.join(DEMO, source, 'ledger_line.csv')).rows.filter((r) => r.financial_year === YEAR && r.line_kind === 'ALLOCATION');
  const rows = lines.flatMap((line) =>
    SHARES.map((share, i) => ({
      line_ref: line.line_ref,
      quarter: `${YEAR} Q${i + 1}`,
      actual_to_date: pounds(Math.round(pence(line.actual!) * between(share))),
      forecast_outturn: i === 3 ? line.actual : pounds(Math.round(pence(line.planned!) * between([0.97, 1.03]))),
      synthetic: true,
    })),
  );
  fs.writeFileSync(path.join(DEMO, source, 'ledger_quarter.csv'), stringifyCsv(['line_ref', 'quarter', 'actual_to_date', 'forecast_outturn', 'synthetic'], rows));
  process.stdout.write(`${source}/ledger_quarter.csv: ${rows.length} rows\n`);
}
