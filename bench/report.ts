import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { BenchResults, OperationResult, PeerShapeResult, RatioRow, RunResult } from './types';

/**
 * Writes bench/results.json and the generated part of docs/benchmarks.md: everything
 * between the two marker comments is replaced; the hand-written text around them stays.
 */

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

const f = (n: number | null | undefined, digits = 1): string =>
  n === null || n === undefined || Number.isNaN(n) ? '–' : n.toFixed(digits);
/** a ÷ b to about three significant figures (0.000597× is not 0.00×). */
export const ratio = (a: number | null, b: number | null): string => {
  if (a === null || b === null || !b) return '–';
  const r = a / b;
  return `${r >= 10 ? r.toFixed(1) : r >= 0.1 || r === 0 ? r.toFixed(2) : r.toPrecision(2)}×`;
};

/** `16` when every response reported the same count, else `16–18`. */
export function statementRange(counts: Record<string, number> | number[]): string {
  const values = Array.isArray(counts) ? counts : Object.keys(counts).map(Number);
  if (values.length === 0) return '–';
  const min = Math.min(...values);
  const max = Math.max(...values);
  return min === max ? String(min) : `${min}–${max}`;
}

const failed = (run: RunResult): number => run.non2xx + run.errors + run.timeouts + run.graphqlErrors;

/** A latency, or `> run length` when nothing came back before the run stopped. */
const latency = (run: RunResult, value: number | null): string => (run.responses === 0 ? `> ${f(run.seconds * 1000, 0)}` : f(value));

/** CPU of a run whose leftover requests were stopped covers only part of their work: a lower bound. */
const cpu = (run: RunResult, value: number | null): string => `${run.stoppedInFlight ? '≥ ' : ''}${f(value, 2)}`;

function runRow(run: RunResult): string {
  const l = run.latencyMs;
  const answered = `${run.responses}/${run.sent}${run.stoppedInFlight ? ' (stopped)' : ''}`;
  return `| ${run.target === 'peer' ? 'PostGraphile' : run.target} | ${run.connections} | ${f(run.requestsPerSecond)} | ${answered} | ${latency(run, l.p50)} | ${latency(run, l.p95)} | ${latency(run, l.p99)} | ${statementRange(run.statementsUnderLoad)} | ${cpu(run, run.nodeCpuMsPerRequest)} | ${cpu(run, run.postgresCpuMsPerRequest)} | ${f(run.peakRssMb, 0)} (${f(run.startRssMb, 0)}) | ${run.otherCpuShare === null ? '–' : `${f(run.otherCpuShare * 100, 0)}%`} | ${failed(run)} |`;
}

function runTable(op: Pick<OperationResult, 'runs'>): string[] {
  return [
    '| server | connections | req/s | answered/sent | p50 ms | p95 ms | p99 ms | SQL statements/req | Node CPU ms/req | PostgreSQL CPU ms/req | peak RSS MB (at start) | other CPU | failed |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...op.runs.map(runRow),
  ];
}

const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};

const RATIO_NOTES = {
  floor: 'Hub ÷ floor (throughput below 1× means the hub serves fewer requests; the others above 1× mean it costs more):',
  cached:
    'Cached hub ÷ floor: the hub as `npm start` runs it, answering a public query asked again within its response-cache lifetime from memory ' +
    '(throughput above 1× means it serves more than the floor; statements are not compared, a cached answer costs none):',
  naive:
    'Hub ÷ naive, the hub against itself with its DataLoaders off (throughput above 1× means the loaders let it serve more; the others below 1× mean they save that much):',
} as const;

function ratioRows(note: string, rows: readonly RatioRow[]): string[] {
  if (rows.length === 0) return [];
  const x = (r: number | null) => (r === null ? '–' : ratio(r, 1));
  return [
    note,
    '',
    '| connections | req/s | p50 | p99 | Node CPU/req | PostgreSQL CPU/req | statements/req |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.connections} | ${x(r.requestsPerSecond)} | ${x(r.p50)} | ${x(r.p99)} | ${x(r.nodeCpuPerRequest)} | ${x(r.postgresCpuPerRequest)} | ${x(r.statements)} |`,
    ),
    '',
  ];
}

const ratioTable = (op: OperationResult, other: 'floor' | 'naive' | 'cached'): string[] => ratioRows(RATIO_NOTES[other], op.ratios[other]);

/** What the naive hub's answer check found, or nothing when naive mode was not run. */
function naiveLine(op: OperationResult): string[] {
  const c = op.naiveCheck;
  if (!c) return [];
  const hubMedian = median(op.verification.hubMs);
  const answered = c.checked
    ? `its answer is ${c.identical === c.checked ? 'identical to' : `**different from** (first difference: ${c.firstDifference})`} the hub's for ${c.identical}/${c.checked} keys; ` +
      `one request at a time: ${statementRange(c.statements)} SQL statements and median ${f(median(c.ms), 0)} ms (${ratio(median(c.ms), hubMedian)} the hub's median)`
    : '';
  const stopped = c.unanswered
    ? `${answered ? '; then ' : ''}a request was unanswered after ${f(c.limitMs / 1000, 0)} s and was stopped`
    : '';
  const untimed = op.runs.some((r) => r.target === 'naive') ? '' : ', so it had no timed runs (one request takes longer than a run)';
  return [`Naive hub (DataLoaders off): ${answered}${stopped}${untimed}.`, ''];
}

function profileTable(op: OperationResult): string[] {
  const n = op.profile.requests;
  return [
    `Hub statements over ${n} sequential request(s), slowest first; per request: calls, wall ms (from sending the statement until the hub's ` +
      `code resumed, so it includes time the event loop was busy elsewhere), keys sent in \`$1\`, rows returned:`,
    '',
    '| source | statement | calls | wall ms | keys | rows |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...op.profile.statements
      .slice(0, 10)
      .map(
        (s) =>
          `| ${s.source} | \`${s.statement.replace(/\|/g, '\\|')}\` | ${f(s.calls / n, 1)} | ${f(s.totalMs / n, 1)} | ${f(s.keys / n, 0)} | ${f(s.rows / n, 0)} |`,
      ),
  ];
}

function operationSection(op: OperationResult): string[] {
  const v = op.verification;
  const hubMedian = median(v.hubMs);
  const floorMedian = median(v.floorMs);
  const check =
    v.identical === v.checked
      ? `the floor's answer is identical to the hub's for ${v.checked}/${v.checked} keys`
      : `**the floor's answer differs from the hub's** for ${v.checked - v.identical}/${v.checked} keys (first difference: ${v.firstDifference}); its numbers are not a fair floor`;
  return [
    `### ${op.title}`,
    '',
    `${op.keys} keys in rotation. Answer check: ${check}${v.floorMissingRows ? ` (${v.floorMissingRows} linked rows outside the floor's reads)` : ''}. ` +
      `One request at a time over those ${v.checked} keys: hub ${statementRange(v.hubStatements)} SQL statements and median ${f(hubMedian, 0)} ms per request, ` +
      `floor ${statementRange(v.floorStatements)} statements and ${f(floorMedian, 0)} ms (${ratio(hubMedian, floorMedian)}).`,
    '',
    ...naiveLine(op),
    ...runTable(op),
    '',
    ...ratioTable(op, 'floor'),
    ...ratioTable(op, 'cached'),
    ...ratioTable(op, 'naive'),
    ...profileTable(op),
    '',
  ];
}

function peerSection(shape: PeerShapeResult): string[] {
  const v = shape.verification;
  return [
    `#### ${shape.title}`,
    '',
    `${shape.keys} keys in rotation. Answer check: the same rows from both for ${v.identical}/${v.checked} keys (every key; the benchmark stops when they differ). ` +
      `One request at a time: hub ${statementRange(v.hubStatements)} SQL statements and median ${f(median(v.hubMs), 1)} ms, ` +
      `PostGraphile ${statementRange(v.peerStatements)} statements and ${f(median(v.peerMs), 1)} ms (${ratio(median(v.hubMs), median(v.peerMs))}).`,
    '',
    ...runTable(shape),
    '',
    ...ratioRows(
      'Hub ÷ PostGraphile (throughput above 1× means the hub serves more; the others below 1× mean it costs less):',
      shape.ratios,
    ),
  ];
}

/** Hub ÷ PostGraphile at a glance: req/s at each connection count, per shape. */
function peerSummary(shapes: readonly PeerShapeResult[]): string[] {
  const counts = [...new Set(shapes.flatMap((s) => s.ratios.map((r) => r.connections)))].sort((a, b) => a - b);
  const at = (s: PeerShapeResult, c: number) => s.ratios.find((r) => r.connections === c);
  return [
    '| shape | ' + counts.map((c) => `req/s at ${c}`).join(' | ') + ' | Node CPU/req at 1 | statements hub / PostGraphile |',
    '| --- | ' + counts.map(() => '---:').join(' | ') + ' | ---: | ---: |',
    ...shapes.map(
      (s) =>
        `| ${s.title} | ${counts.map((c) => ratio(at(s, c)?.requestsPerSecond ?? null, 1)).join(' | ')} | ${ratio(at(s, counts[0]!)?.nodeCpuPerRequest ?? null, 1)} | ` +
        `${statementRange(s.verification.hubStatements)} / ${statementRange(s.verification.peerStatements)} |`,
    ),
    '',
  ];
}

function peerPart(results: BenchResults): string[] {
  if (!results.peer) return [];
  return [
    '### Hub ÷ PostGraphile',
    '',
    `${results.peer.server}. Both serve the same hub database (registry data only), one at a time, PostGraphile's runs first; ` +
      "its CPU and RSS are its process's, from /proc. Hub ÷ PostGraphile, throughput (above 1× means the hub serves more) and Node CPU per request (below 1× means it costs less):",
    '',
    ...peerSummary(results.peer.shapes),
    ...results.peer.shapes.flatMap(peerSection),
    '',
  ];
}

export function renderResults(results: BenchResults): string {
  const m = results.machine;
  const s = results.settings;
  const dataset = Object.entries(results.dataset)
    .map(([table, n]) => `${table} ${n.toLocaleString('en-GB')}`)
    .join(', ');
  return [
    START,
    `## Results (generated by \`bench/run.ts\`, ${results.generatedAt})`,
    '',
    `- **Machine:** ${m.cpus} × ${m.cpuModel}, ${f(m.totalMemoryGb, 1)} GB RAM, ${m.os}, Node ${m.node}, ${m.postgres}. ${m.note}`,
    `- **Run:** ${s.durationSeconds} s per operation, per server, per connection count (${s.connections.join(', ')} connections), after a ${s.warmupSeconds} s warm-up; ` +
      `pools of ${s.hubPoolPerDatabase} connections per database for the hub and ${s.floorPoolPerDatabase} for the floor; ` +
      `NODE_ENV=${process.env.NODE_ENV ?? '(unset)'} (\`npm run bench\` sets production, as a deployment would), and the hub's admission by memory at its default budget.`,
    `- **Naive hub:** ${results.naiveMode}`,
    `- **Cached hub:** the hub with its default public response cache (\`RESPONSE_CACHE_SECONDS\`=${s.responseCacheSeconds}), as \`npm start\` runs it, ` +
      `at ${s.cachedConnections.join(', ') || 'no'} connection(s), for the operations the public asks (Q3 is asked as a partner and never cached). ` +
      'The "hub" rows have the cache off: every answer is computed.',
    `- **Data:** ${dataset}.`,
    '- **Other CPU** is what the rest of the machine used during a run (machine busy time minus the serving process, PostgreSQL and the load generator), as a share of both cores: a few per cent is the system; more means other work disturbed that run.',
    `- **Query cost** by the hub's cost limit (default ${s.defaultMaxQueryCost.toLocaleString('en-GB')}): ` +
      Object.entries(results.queryCosts)
        .map(([id, cost]) => `${id} ${cost === null ? 'unknown' : Math.round(cost).toLocaleString('en-GB')}`)
        .join(', ') +
      `. The hub ran with its default depth, alias and token limits, but with the cost limit raised to ${s.hubProtection.maxCost?.toLocaleString('en-GB')} ` +
      `the per-caller rate limit to ${s.hubProtection.requestsPerMinute?.toLocaleString('en-GB')} a minute, and no operation counted as costly (one client sends them all), which would otherwise refuse or queue the benchmark.`,
    '',
    ...peerPart(results),
    ...results.operations.flatMap(operationSection),
    ...(results.notAvailable.length
      ? ['### Not measured', '', ...results.notAvailable.map((n) => `- **${n.title}**: not yet available (${n.reason}).`), '']
      : []),
    END,
  ].join('\n');
}

const TEMPLATE = `# Benchmarks\n\nGenerated by \`npx tsx bench/run.ts\`; see bench/run.ts.\n\n${START}\n${END}\n`;

export function writeReports(results: BenchResults, jsonPath: string, markdownPath: string): void {
  writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  const current = existsSync(markdownPath) ? readFileSync(markdownPath, 'utf8') : TEMPLATE;
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const base = start >= 0 && end > start ? current : `${current.trimEnd()}\n\n${START}\n${END}\n`;
  const from = base.indexOf(START);
  const to = base.indexOf(END) + END.length;
  writeFileSync(markdownPath, `${base.slice(0, from)}${renderResults(results)}${base.slice(to)}`);
}
