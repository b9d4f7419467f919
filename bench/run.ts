import os from 'node:os';
import path from 'node:path';
import type { Databases } from '../src/db/databases';
import { createLogger } from '../src/observability/logger';
import { DEFAULT_PROTECTION, startHttpServer, type RunningHttpServer } from '../src/server/http';
import { integerListOption, integerOption, parseCliArgs, runCli, UsageError } from '../scripts/scale/cli';
import { DEFAULT_SCALE_DATA_DIR, DEFAULT_SCALE_PG_PORT, openScaleDatabases, type ScaleDatabases } from '../scripts/scale/databases';
import { NOT_YET_AVAILABLE, OPERATIONS, operationKeys, type Operation, type OperationId } from '../scripts/scale/queries';
import { TABLE_SPECS } from '../scripts/scale/tables';
import { FloorDb } from './floor/db';
import { startFloorServer, type FloorServer } from './floor/server';
import { LoadGenerator } from './loadgen';
import { cpuMs, machineBusyMs, PostgresCpu, processCpuMs, RssSampler, waitForIdle } from './measure';
import { StatementProfiler } from './profile';
import { statementRange, writeReports } from './report';
import type { BenchResults, OperationResult, RunResult, Target } from './types';
import { post, verifyAgainstFloor } from './verify';

/**
 * `npx tsx bench/run.ts [--duration 10] [--connections 1,4,20]`
 *
 * Runs the hub in this process against the scale databases (fill them first with
 * scripts/scale/generate.ts), next to the SQL floor (bench/floor/), and drives each with
 * autocannon from a child process over loopback. Writes bench/results.json and the results
 * section of docs/benchmarks.md.
 */

const ROOT = path.resolve(__dirname, '..');
const POOL = 10; // the hub's default DB_POOL_MAX
const VERIFY_KEYS = 12;
const PROFILE_REQUESTS = 3;
const RUN_ORDER: readonly OperationId[] = ['Q4', 'Q1', 'Q2'];

const USAGE = `Usage: npx tsx bench/run.ts [options]

  --duration <s>          seconds per operation, per server, per connection count (default 10)
  --connections <list>    concurrent connections, comma-separated (default 1,4,20)
  --warmup <s>            warm-up seconds per operation and server (default 2)
  --keys <n>              keys per operation in rotation (default 50)
  --operations <list>     operations to run (default Q1,Q2,Q4)
  --data-dir <dir>        embedded PostgreSQL data folder (default ${DEFAULT_SCALE_DATA_DIR})
  --pg-port <port>        embedded PostgreSQL port (default ${DEFAULT_SCALE_PG_PORT})
  --json <file>           results file (default bench/results.json)
  --markdown <file>       report to update (default docs/benchmarks.md)
  --help                  show this text

Databases: the *_DATABASE_URL variables where set, else the embedded scale databases.`;

const OPTIONS = {
  duration: { type: 'string', default: '10' },
  connections: { type: 'string', default: '1,4,20' },
  warmup: { type: 'string', default: '2' },
  keys: { type: 'string', default: '50' },
  operations: { type: 'string', default: 'Q1,Q2,Q4' },
  'data-dir': { type: 'string', default: DEFAULT_SCALE_DATA_DIR },
  'pg-port': { type: 'string', default: String(DEFAULT_SCALE_PG_PORT) },
  json: { type: 'string', default: path.join(ROOT, 'bench', 'results.json') },
  markdown: { type: 'string', default: path.join(ROOT, 'docs', 'benchmarks.md') },
  help: { type: 'boolean', default: false },
} as const;

interface Settings {
  durationSeconds: number;
  warmupSeconds: number;
  connections: number[];
  keys: number;
  operations: Operation[];
  dataDir: string;
  port: number;
  json: string;
  markdown: string;
}

function readSettings(values: ReturnType<typeof parseCliArgs<typeof OPTIONS>>): Settings {
  const wanted = values.operations!.split(',').map((s) => s.trim().toUpperCase());
  const unknown = wanted.filter((id) => !OPERATIONS.some((op) => op.id === id));
  if (unknown.length > 0) {
    const later = NOT_YET_AVAILABLE.filter((n) => unknown.includes(n.id)).map((n) => `${n.id} (${n.reason})`);
    throw new UsageError(`--operations: unknown or not yet available: ${unknown.join(', ')}${later.length ? `; ${later.join('; ')}` : ''}.`);
  }
  return {
    durationSeconds: integerOption('duration', values.duration, { min: 1, max: 600 }),
    warmupSeconds: integerOption('warmup', values.warmup, { min: 0, max: 60 }),
    connections: integerListOption('connections', values.connections!, { min: 1, max: 500 }),
    keys: integerOption('keys', values.keys, { min: 1, max: 1000 }),
    operations: OPERATIONS.filter((op) => wanted.includes(op.id)),
    dataDir: values['data-dir']!,
    port: integerOption('pg-port', values['pg-port'], { min: 1024, max: 65535 }),
    json: path.resolve(values.json!),
    markdown: path.resolve(values.markdown!),
  };
}

async function describeDataset(databases: Databases): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const spec of TABLE_SPECS) {
    const [row] = await databases[spec.source].query<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${spec.table}"`);
    counts[`${spec.source}.${spec.table}`] = row?.n ?? 0;
  }
  const [links] = await databases.hub.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM source_link`);
  counts['hub.source_link'] = links?.n ?? 0;
  if (!counts['hub.locality']) {
    throw new Error('The scale databases hold no localities: run `npx tsx scripts/scale/generate.ts --localities 1250 --seed 1` first.');
  }
  return counts;
}

async function machine(databases: Databases): Promise<BenchResults['machine']> {
  const [pg] = await databases.hub.query<{ version: string }[]>(`SELECT split_part(version(), ' on ', 1) AS version`);
  return {
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    cpus: os.cpus().length,
    totalMemoryGb: os.totalmem() / 1024 ** 3,
    node: process.version,
    postgres: pg?.version ?? 'PostgreSQL',
    note:
      'The load generator (autocannon, a child process), the hub or floor (this process) and PostgreSQL all share these cores, ' +
      'so absolute numbers are lower than on separate machines; the hub and the floor are measured under the same conditions.',
  };
}

interface Context {
  settings: Settings;
  load: LoadGenerator;
  postgres: PostgresCpu | null;
  urls: Record<Target, (op: OperationId) => string>;
}

async function measure(ctx: Context, op: Operation, target: Target, bodies: string[], connections: number): Promise<RunResult> {
  const rss = new RssSampler();
  rss.start();
  const cpuBefore = cpuMs();
  const pgBefore = ctx.postgres?.sample() ?? null;
  const machineBefore = machineBusyMs();
  const loadBefore = processCpuMs(ctx.load.pid);
  const started = Date.now();
  const r = await ctx.load.run({
    url: ctx.urls[target](op.id), bodies, connections, durationSeconds: ctx.settings.durationSeconds, timeoutSeconds: 60, inspectBodies: true,
  });
  const drainMs = await waitForIdle();
  const cpu = cpuMs() - cpuBefore;
  const pgCpu = pgBefore === null ? null : ctx.postgres!.sample() - pgBefore;
  const per = (x: number) => x / Math.max(1, r.sent);
  const machineAfter = machineBusyMs();
  const loadCpu = processCpuMs(ctx.load.pid);
  const otherCpuShare =
    machineAfter === null || machineBefore === null || loadCpu === null || loadBefore === null || pgCpu === null
      ? null
      : Math.max(0, machineAfter - machineBefore - cpu - pgCpu - (loadCpu - loadBefore)) / ((Date.now() - started) * os.cpus().length);
  return {
    operation: op.id, target, connections, seconds: r.seconds, sent: r.sent, responses: r.responses,
    requestsPerSecond: r.responses / r.seconds, latencyMs: r.latencyMs, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts,
    graphqlErrors: r.graphqlErrors, nodeCpuMsPerRequest: per(cpu), postgresCpuMsPerRequest: pgCpu === null ? null : per(pgCpu),
    peakRssMb: rss.stop(), startRssMb: rss.startMb, drainMs, otherCpuShare, statementsUnderLoad: r.statements,
  };
}

export const failures = (run: RunResult): number => run.non2xx + run.errors + run.timeouts + run.graphqlErrors;

const ms = (x: number | null): string => (x === null ? '–' : x.toFixed(1));

function log(run: RunResult): void {
  const statements = ` stmts ${statementRange(run.statementsUnderLoad)}`;
  process.stdout.write(
    `${run.operation} ${run.target.padEnd(5)} c=${String(run.connections).padStart(2)}: ${run.requestsPerSecond.toFixed(1).padStart(7)} req/s, ` +
      `p50 ${ms(run.latencyMs.p50)} p95 ${ms(run.latencyMs.p95)} p99 ${ms(run.latencyMs.p99)} ms, ` +
      `cpu ${run.nodeCpuMsPerRequest.toFixed(2)} ms/req, pg ${run.postgresCpuMsPerRequest?.toFixed(2) ?? '–'} ms/req, rss ${run.peakRssMb.toFixed(0)} MB${statements}` +
      `${run.otherCpuShare === null ? '' : `, other CPU ${(run.otherCpuShare * 100).toFixed(0)}%`}` +
      `${run.sent > run.responses ? `, ${run.sent - run.responses} in flight at the end (drained in ${(run.drainMs / 1000).toFixed(1)} s)` : ''}` +
      `${failures(run) ? `, FAILED ${failures(run)}` : ''}\n`,
  );
}

async function runOperation(ctx: Context, op: Operation, bodies: string[], profiler: StatementProfiler): Promise<OperationResult> {
  const verification = await verifyAgainstFloor(ctx.urls.hub(op.id), ctx.urls.floor(op.id), bodies.slice(0, VERIFY_KEYS));
  const statements = await profiler.profile(async () => {
    for (const body of bodies.slice(0, PROFILE_REQUESTS)) await post(ctx.urls.hub(op.id), body);
  });
  const runs: RunResult[] = [];
  // The floor first: this process's RSS never shrinks back, so the lighter server goes first.
  for (const target of ['floor', 'hub'] as const) {
    if (ctx.settings.warmupSeconds > 0) {
      await ctx.load.run({ url: ctx.urls[target](op.id), bodies, connections: 4, durationSeconds: ctx.settings.warmupSeconds, timeoutSeconds: 60, inspectBodies: false });
      await waitForIdle();
    }
    for (const connections of ctx.settings.connections) {
      const run = await measure(ctx, op, target, bodies, connections);
      log(run);
      runs.push(run);
    }
  }
  runs.sort((a, b) => (a.target === b.target ? a.connections - b.connections : a.target === 'hub' ? -1 : 1));
  return { id: op.id, title: op.title, keys: bodies.length, verification, profile: { requests: Math.min(PROFILE_REQUESTS, bodies.length), statements }, runs };
}

interface Servers {
  hub?: RunningHttpServer;
  floor?: FloorServer;
  floorDb?: FloorDb;
  load?: LoadGenerator;
}

/**
 * The hub's own protections, except two that would refuse the benchmark itself: the
 * per-caller rate limit (all load comes from 127.0.0.1) and the query-cost limit, which
 * Q1 and Q2 exceed as specified (their costs are measured and reported).
 */
export const BENCH_PROTECTION = { ...DEFAULT_PROTECTION, maxCost: 100_000_000, requestsPerMinute: 1_000_000_000 };

const hubOptions = (scale: ScaleDatabases, protection: typeof BENCH_PROTECTION) => ({
  databases: scale.databases, limits: { defaultPageSize: 20, maxPageSize: 100 }, logger: createLogger('silent'),
  host: '127.0.0.1', port: 0, exposeStatementCounts: true, protection,
});

/** Each operation's cost as the hub's cost limit computes it (read from the refusal of a server whose limit is 1). */
async function queryCosts(scale: ScaleDatabases, operations: readonly Operation[]): Promise<Record<string, number | null>> {
  const probe = await startHttpServer(hubOptions(scale, { ...BENCH_PROTECTION, maxCost: 1 }));
  try {
    const costs: Record<string, number | null> = {};
    for (const op of operations) {
      const response = await fetch(probe.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: op.query }) });
      const found = /Query Cost limit of [\d.]+ exceeded, found (\d+(?:\.\d+)?)/.exec(await response.text());
      costs[op.id] = found ? Number(found[1]) : null;
    }
    return costs;
  } finally {
    await probe.close();
  }
}

/** The hub (in this process), the floor, and the load-generator child process. */
async function startServers(scale: ScaleDatabases, servers: Servers): Promise<Required<Servers>> {
  servers.hub = await startHttpServer(hubOptions(scale, BENCH_PROTECTION));
  servers.floorDb = await FloorDb.open(scale.urls, POOL);
  servers.floor = await startFloorServer(servers.floorDb);
  servers.load = await LoadGenerator.start();
  return servers as Required<Servers>;
}

async function stopServers(servers: Servers): Promise<void> {
  await servers.load?.stop();
  await servers.hub?.close();
  await servers.floor?.close();
  await servers.floorDb?.close();
}

async function runOperations(ctx: Context, scale: ScaleDatabases, profiler: StatementProfiler): Promise<OperationResult[]> {
  const variables = await operationKeys(scale.databases, ctx.settings.keys);
  const operations: OperationResult[] = [];
  // Cheapest first (memory grown by a heavy operation stays with the process); reported in Q order.
  for (const op of [...ctx.settings.operations].sort((a, b) => RUN_ORDER.indexOf(a.id) - RUN_ORDER.indexOf(b.id))) {
    const bodies = variables[op.id].map((k) => JSON.stringify({ query: op.query, variables: k.variables }));
    operations.push(await runOperation(ctx, op, bodies, profiler));
  }
  return operations.sort((a, b) => a.id.localeCompare(b.id));
}

async function benchmark(settings: Settings, scale: ScaleDatabases): Promise<BenchResults> {
  const dataset = await describeDataset(scale.databases);
  const profiler = new StatementProfiler();
  profiler.install(scale.databases);
  const servers: Servers = {};
  try {
    const { hub, floor, load } = await startServers(scale, servers);
    const ctx: Context = {
      settings, load, postgres: PostgresCpu.forDataDir(scale.embeddedDataDir),
      urls: { hub: () => hub.url, floor: (op) => `${floor.url}/${op}` },
    };
    const operations = await runOperations(ctx, scale, profiler);
    const costs = await queryCosts(scale, settings.operations);
    return {
      generatedAt: new Date().toISOString(),
      machine: await machine(scale.databases),
      settings: {
        durationSeconds: settings.durationSeconds, warmupSeconds: settings.warmupSeconds, connections: settings.connections,
        keysPerOperation: settings.keys, hubPoolPerDatabase: POOL, floorPoolPerDatabase: POOL,
        hubProtection: BENCH_PROTECTION, defaultMaxQueryCost: DEFAULT_PROTECTION.maxCost,
      },
      queryCosts: costs,
      dataset,
      operations,
      notAvailable: NOT_YET_AVAILABLE.map((n) => ({ ...n })),
      naiveMode:
        'not available: the hub has no switch to turn its DataLoaders off (every request gets `createLoaders` from src/loaders/index.ts ' +
        'through src/server/context.ts), and the benchmark does not change the hub; skipped.',
    };
  } finally {
    await stopServers(servers);
  }
}

async function main(): Promise<void> {
  const values = parseCliArgs(process.argv.slice(2), OPTIONS);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const settings = readSettings(values);
  const scale = await openScaleDatabases({ dataDir: settings.dataDir, port: settings.port, poolMax: POOL, statementTimeoutMs: 15_000, logger: createLogger('warn') });
  try {
    const results = await benchmark(settings, scale);
    writeReports(results, settings.json, settings.markdown);
    process.stdout.write(`\nwrote ${path.relative(process.cwd(), settings.json)} and ${path.relative(process.cwd(), settings.markdown)}\n`);
  } finally {
    await scale.close();
  }
}

if (require.main === module) runCli(main, USAGE);
