import os from 'node:os';
import path from 'node:path';
import type { Databases, DefaultDatabases } from '../src/db/databases';
import { loadConfig } from '../src/config/config';
import { createLogger } from '../src/observability/logger';
import { DEFAULT_PROTECTION, startHttpServer, type RunningHttpServer } from '../src/server/http';
import { integerListOption, integerOption, parseCliArgs, runCli, UsageError } from '../scripts/scale/cli';
import { DEFAULT_SCALE_DATA_DIR, DEFAULT_SCALE_PG_PORT, openScaleDatabases, type ScaleDatabases } from '../scripts/scale/databases';
import {
  NOT_YET_AVAILABLE,
  OPERATIONS,
  operationKeys,
  type Operation,
  type OperationId,
  type OperationKey,
} from '../scripts/scale/queries';
import { TABLE_SPECS } from '../scripts/scale/tables';
import type { BenchRequest } from './driver';
import { ChildServer } from './childServer';
import type { FloorStart } from './floor/child';
import { benchRequests, issueCallerKeys, revokeCallerKeys } from './callers';
import { BENCH_PROTECTION, hubOptions, POOL, tuneProcessAsNpmStart } from './hubServer';
import { LoadGenerator } from './loadgen';
import { PostgresCpu } from './measure';
import { HubProcess } from './hubProcess';
import { compareWithPeer } from './peer/compare';
import { ensurePeerInstalled, PEER_VERSION, PeerServer } from './peer/process';
import { SHAPES, type Shape } from './peer/shapes';
import { StatementProfiler } from './profile';
import { operationStatements, ratiosOf } from './ratios';
import { ratio, writeReports } from './report';
import { runTarget, say, type Context, type RunSettings } from './runs';
import type { BenchResults, OperationResult } from './types';
import { post, verifyAgainstFloor, verifyNaive, type NaiveCheck } from './verify';

/**
 * `npx tsx bench/run.ts [--duration 10] [--connections 1,4,20]`
 *
 * Runs the hub against the scale databases (fill them first with scripts/scale/generate.ts),
 * next to the SQL floor (bench/floor/), PostGraphile (bench/peer/) and the naive hub (the hub
 * with its DataLoaders off), each timed in a child process of its own (bench/hubChild.ts for
 * the hubs), and drives each with autocannon from another child process over loopback. A
 * hub in this process answers the checks and the statement profile, untimed. Writes
 * bench/results.json and the results section of docs/benchmarks.md.
 */

const ROOT = path.resolve(__dirname, '..');
const VERIFY_KEYS = 12;
const PROFILE_REQUESTS = 3;
/** The naive hub's answers are checked on up to this many keys, each given this long, the next only within the budget. */
const NAIVE_CHECK_KEYS = 2;
const NAIVE_CHECK_LIMIT = { requestMs: 30_000, totalMs: 10_000 };
const NAIVE_IDLE_LIMIT_SECONDS = 15;
/** Cheapest first: memory a heavy operation grew stays with this process. */
const RUN_ORDER: readonly OperationId[] = ['Q4', 'Q3', 'Q1', 'Q5', 'Q2'];
const STATEMENT_TIMEOUT_MS = 15_000;
const DEFAULT_OPERATIONS = 'Q1,Q2,Q3,Q4,Q5';
const DEFAULT_SHAPES = SHAPES.map((s) => s.id).join(',');

const USAGE = `Usage: npx tsx bench/run.ts [options]

  --duration <s>          seconds per operation, per server, per connection count (default 10)
  --connections <list>    concurrent connections, comma-separated (default 1,4,20)
  --naive-connections <l> connections for the naive hub (loaders off), or "none" (default 1)
  --cached-connections <l> connections for the hub with its public response cache on (public
                          operations only), or "none" (default 4,20)
  --warmup <s>            warm-up seconds per operation and server (default 2)
  --keys <n>              keys per operation in rotation (default 50)
  --operations <list>     operations to run, or "none" (default ${DEFAULT_OPERATIONS})
  --peer <list>           shapes to compare with PostGraphile (bench/peer/), or "none"
                          (default ${DEFAULT_SHAPES}); installs bench/peer first if needed
  --data-dir <dir>        embedded PostgreSQL data folder (default ${DEFAULT_SCALE_DATA_DIR})
  --pg-port <port>        embedded PostgreSQL port (default ${DEFAULT_SCALE_PG_PORT})
  --json <file>           results file (default bench/results.json)
  --markdown <file>       report to update (default docs/benchmarks.md)
  --help                  show this text

Databases: the *_DATABASE_URL variables where set, else the embedded scale databases.`;

const OPTIONS = {
  duration: { type: 'string', default: '10' },
  connections: { type: 'string', default: '1,4,20' },
  'naive-connections': { type: 'string', default: '1' },
  'cached-connections': { type: 'string', default: '4,20' },
  warmup: { type: 'string', default: '2' },
  keys: { type: 'string', default: '50' },
  operations: { type: 'string', default: DEFAULT_OPERATIONS },
  peer: { type: 'string', default: DEFAULT_SHAPES },
  'data-dir': { type: 'string', default: DEFAULT_SCALE_DATA_DIR },
  'pg-port': { type: 'string', default: String(DEFAULT_SCALE_PG_PORT) },
  json: { type: 'string', default: path.join(ROOT, 'bench', 'results.json') },
  markdown: { type: 'string', default: path.join(ROOT, 'docs', 'benchmarks.md') },
  help: { type: 'boolean', default: false },
} as const;

interface Settings extends RunSettings {
  keys: number;
  operations: Operation[];
  shapes: Shape[];
  dataDir: string;
  port: number;
  json: string;
  markdown: string;
}

/** The shapes asked for by `--peer`. */
function readShapes(value: string): Shape[] {
  if (value === 'none') return [];
  const wanted = value.split(',').map((s) => s.trim().toUpperCase());
  const unknown = wanted.filter((id) => !SHAPES.some((s) => s.id === id));
  if (unknown.length > 0) throw new UsageError(`--peer: unknown shapes ${unknown.join(', ')}; the shapes are ${DEFAULT_SHAPES}.`);
  return SHAPES.filter((s) => wanted.includes(s.id));
}

function readSettings(values: ReturnType<typeof parseCliArgs<typeof OPTIONS>>): Settings {
  const wanted = values.operations === 'none' ? [] : values.operations!.split(',').map((s) => s.trim().toUpperCase());
  const unknown = wanted.filter((id) => !OPERATIONS.some((op) => op.id === id));
  if (unknown.length > 0) {
    const later = NOT_YET_AVAILABLE.filter((n) => unknown.includes(n.id)).map((n) => `${n.id} (${n.reason})`);
    throw new UsageError(
      `--operations: unknown or not yet available: ${unknown.join(', ')}${later.length ? `; ${later.join('; ')}` : ''}.`,
    );
  }
  return {
    durationSeconds: integerOption('duration', values.duration, { min: 1, max: 600 }),
    warmupSeconds: integerOption('warmup', values.warmup, { min: 0, max: 60 }),
    connections: integerListOption('connections', values.connections!, { min: 1, max: 500 }),
    naiveConnections:
      values['naive-connections'] === 'none'
        ? []
        : integerListOption('naive-connections', values['naive-connections']!, { min: 1, max: 500 }),
    naiveIdleLimitSeconds: NAIVE_IDLE_LIMIT_SECONDS,
    cachedConnections:
      values['cached-connections'] === 'none'
        ? []
        : integerListOption('cached-connections', values['cached-connections']!, { min: 1, max: 500 }),
    keys: integerOption('keys', values.keys, { min: 1, max: 1000 }),
    operations: OPERATIONS.filter((op) => wanted.includes(op.id)),
    shapes: readShapes(values.peer!),
    dataDir: values['data-dir']!,
    port: integerOption('pg-port', values['pg-port'], { min: 1024, max: 65535 }),
    json: path.resolve(values.json!),
    markdown: path.resolve(values.markdown!),
  };
}

async function describeDataset(databases: DefaultDatabases): Promise<Record<string, number>> {
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

async function machine(databases: DefaultDatabases): Promise<BenchResults['machine']> {
  const [pg] = await databases.hub.query<{ version: string }[]>(`SELECT split_part(version(), ' on ', 1) AS version`);
  return {
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    cpus: os.cpus().length,
    totalMemoryGb: os.totalmem() / 1024 ** 3,
    node: process.version,
    postgres: pg?.version ?? 'PostgreSQL',
    note:
      'The load generator, the hubs, the floor and PostGraphile (a child process each, the hubs a fresh one per operation) and PostgreSQL ' +
      'all share these cores, so absolute numbers are lower than on separate machines; the three servers are measured under the same conditions.',
  };
}

/** A naive hub whose single requests take longer than a run would answer nothing in one: its check says enough. */
const answersWithinARun = (check: NaiveCheck, settings: RunSettings): boolean =>
  check.unanswered === 0 && check.ms.length > 0 && Math.max(...check.ms) < settings.durationSeconds * 1000;

/** The hub's answer check, statement profile and runs of one operation, then the floor's and the naive hub's runs. */
async function runOperation(ctx: Context, op: Operation, requests: BenchRequest[], profiler: StatementProfiler): Promise<OperationResult> {
  const verification = await verifyAgainstFloor(ctx.hubUrl, `${ctx.floor.url}/${op.id}`, requests.slice(0, VERIFY_KEYS));
  say(`${op.id} floor answer check: identical for ${verification.identical}/${verification.checked} keys`);
  const naive = ctx.naive;
  let naiveCheck: OperationResult['naiveCheck'] = null;
  if (naive) {
    await naive.restart(); // a fresh process for each operation: what an earlier one grew does not count here
    naiveCheck = await verifyNaive(
      ctx.hubUrl,
      () => naive.url,
      requests.slice(0, NAIVE_CHECK_KEYS),
      NAIVE_CHECK_LIMIT,
      () => naive.restart(),
    );
    say(
      `${op.id} naive answer check: identical for ${naiveCheck.identical}/${naiveCheck.checked} keys, ${naiveCheck.ms.map((x) => Math.round(x)).join(', ')} ms${naiveCheck.unanswered ? ', then one unanswered (stopped)' : ''}`,
    );
  }
  const statements = await profiler.profile(async () => {
    for (const request of requests.slice(0, PROFILE_REQUESTS)) await post(ctx.hubUrl, request);
  });
  // The floor first, then the hub, then the hub with its cache: each hub in a fresh process,
  // so its peak RSS is this operation's (V8 keeps the memory a heavy run grew).
  await ctx.hub.restart();
  await ctx.cached?.restart();
  const runs = [...(await runTarget(ctx, op, 'floor', requests)), ...(await runTarget(ctx, op, 'hub', requests))];
  // The response cache serves the public only: an operation asked as a partner has nothing to show there.
  if (ctx.cached && requests.every((r) => Object.keys(r.headers).length === 0))
    runs.push(...(await runTarget(ctx, op, 'cached', requests)));
  if (naive && naiveCheck && answersWithinARun(naiveCheck, ctx.settings)) runs.push(...(await runTarget(ctx, op, 'naive', requests)));
  await naive?.stop();
  const order = { hub: 0, cached: 1, naive: 2, floor: 3, peer: 4 } as const;
  runs.sort((a, b) => (a.target === b.target ? a.connections - b.connections : order[a.target] - order[b.target]));
  const checks = { verification, naiveCheck };
  const perAnswer = operationStatements(checks);
  const ratios = {
    floor: ratiosOf(perAnswer, runs, 'floor'),
    naive: ratiosOf(perAnswer, runs, 'naive'),
    cached: ratiosOf(perAnswer, runs, 'floor', 'cached'),
  };
  logRatios(op, ratios);
  return {
    id: op.id,
    title: op.title,
    keys: requests.length,
    verification,
    naiveCheck,
    profile: { requests: Math.min(PROFILE_REQUESTS, requests.length), statements },
    runs,
    ratios,
  };
}

function logRatios(op: Operation, ratios: OperationResult['ratios']): void {
  for (const other of ['floor', 'naive', 'cached'] as const) {
    for (const r of ratios[other]) {
      say(
        `${op.id} ${other === 'cached' ? 'cached hub ÷ floor' : `hub ÷ ${other}`} c=${r.connections}: req/s ${ratio(r.requestsPerSecond, 1)}, p50 ${ratio(r.p50, 1)}, p99 ${ratio(r.p99, 1)}, ` +
          `Node CPU ${ratio(r.nodeCpuPerRequest, 1)}, PostgreSQL CPU ${ratio(r.postgresCpuPerRequest, 1)}, statements ${ratio(r.statements, 1)}`,
      );
    }
  }
}

interface Servers {
  /** Answers the checks and the statement profile (it sees this process's statements); never timed. */
  hub?: RunningHttpServer;
  /** The hub the runs time, and the hub as `npm start` runs it (its response cache on). */
  timed?: HubProcess;
  cached?: HubProcess;
  floor?: ChildServer;
  load?: LoadGenerator;
  naive?: HubProcess;
  peer?: PeerServer;
}

/** Each operation's cost as the hub's cost limit computes it (read from the refusal of a server whose limit is 1). */
async function queryCosts(scale: ScaleDatabases, operations: readonly Operation[]): Promise<Record<string, number | null>> {
  const probe = await startHttpServer(hubOptions(scale.databases, { ...BENCH_PROTECTION, maxCost: 1 }));
  try {
    const costs: Record<string, number | null> = {};
    for (const op of operations) {
      const response = await fetch(probe.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: op.query }),
      });
      const found = /Query Cost limit of [\d.]+ exceeded, found (\d+(?:\.\d+)?)/.exec(await response.text());
      costs[op.id] = found ? Number(found[1]) : null;
    }
    return costs;
  } finally {
    await probe.close();
  }
}

/** The hub in this process, the timed hub, the floor and the load generator (child processes). */
async function startServers(scale: ScaleDatabases, servers: Servers): Promise<Required<Omit<Servers, 'cached' | 'peer'>>> {
  servers.hub = await startHttpServer(hubOptions(scale.databases, BENCH_PROTECTION));
  servers.timed = new HubProcess('hub', { urls: scale.urls, statementTimeoutMs: STATEMENT_TIMEOUT_MS, loaderMode: 'batched' });
  await servers.timed.start();
  const floor: FloorStart = { urls: scale.urls, poolMax: POOL };
  servers.floor = await ChildServer.start(path.join(__dirname, 'floor', 'child.ts'), 'SQL floor', floor);
  servers.load = await LoadGenerator.start();
  return servers as Required<Omit<Servers, 'cached' | 'peer'>>;
}

/** The hub as `npm start` runs it: the same options, plus its default public response cache. */
const RESPONSE_CACHE_SECONDS = loadConfig({}).responseCacheSeconds;

async function stopServers(servers: Servers): Promise<void> {
  await servers.peer?.stop();
  await servers.naive?.stop();
  await servers.load?.stop();
  await servers.hub?.close();
  await servers.timed?.stop();
  await servers.cached?.stop();
  await servers.floor?.kill();
}

async function runOperations(
  ctx: Context,
  scale: ScaleDatabases,
  settings: Settings,
  keys: Record<OperationId, OperationKey[]>,
  profiler: StatementProfiler,
): Promise<OperationResult[]> {
  const wanted = settings.operations;
  const tokens = await issueCallerKeys(
    scale.databases.hub,
    wanted.flatMap((op) => keys[op.id]),
    'scale benchmark (bench/run.ts)',
  );
  try {
    const operations: OperationResult[] = [];
    for (const op of [...wanted].sort((a, b) => RUN_ORDER.indexOf(a.id) - RUN_ORDER.indexOf(b.id))) {
      operations.push(await runOperation(ctx, op, benchRequests(op, keys[op.id], tokens), profiler));
    }
    return operations.sort((a, b) => a.id.localeCompare(b.id));
  } finally {
    await revokeCallerKeys(scale.databases.hub, tokens);
  }
}

function naiveMode(settings: Settings): string {
  if (settings.naiveConnections.length === 0) return 'not run (--naive-connections none).';
  return (
    `the hub with its DataLoaders off (\`setLoaderMode('naive')\` from src/loaders/batch.ts: one statement per key, no cache), ` +
    `in a child process with the hub's options and its own pools of ${POOL}, a fresh one per operation; ` +
    `run at ${settings.naiveConnections.join(', ')} connection(s) only, since one naive request can take minutes. ` +
    `Its answers are first checked against the hub's on up to ${NAIVE_CHECK_KEYS} keys (the second only if the first took under ${NAIVE_CHECK_LIMIT.totalMs / 1000} s), ` +
    `${NAIVE_CHECK_LIMIT.requestMs / 1000} s each at most (these requests also warm it up); ` +
    'an operation is not run when one of those requests took longer than a run (it could answer nothing in one). Requests still running ' +
    `${settings.naiveIdleLimitSeconds} s after a run ends are stopped with the process (marked "stopped"; their CPU until then is counted, so CPU per request is a lower bound).`
  );
}

const q4OdsCodes = (keys: Record<OperationId, OperationKey[]>): string[] => keys.Q4.map((k) => String(k.variables.ods));

const peerDescription = (peer: PeerServer): string =>
  `PostGraphile ${PEER_VERSION} (Amber preset, @graphile/simplify-inflection, grafserv on node:http) over the hub database only, ` +
  `in one child process on Node ${peer.nodeVersion} (bench/peer/, its own install), pool of ${POOL}, NODE_ENV=${process.env.NODE_ENV ?? '(unset)'}`;

async function benchmark(settings: Settings, scale: ScaleDatabases): Promise<BenchResults> {
  const dataset = await describeDataset(scale.databases);
  const profiler = new StatementProfiler();
  profiler.install(scale.databases);
  const servers: Servers = {};
  try {
    const { hub, timed, floor, load } = await startServers(scale, servers);
    // Started per operation, in its own process (bench/hubChild.ts); none when no naive runs are asked for.
    if (settings.naiveConnections.length > 0)
      servers.naive = new HubProcess('naive hub', { urls: scale.urls, statementTimeoutMs: STATEMENT_TIMEOUT_MS, loaderMode: 'naive' });
    if (settings.shapes.length > 0) {
      ensurePeerInstalled(say);
      servers.peer = await PeerServer.start(scale.urls.hub);
    }
    if (settings.cachedConnections.length > 0) {
      servers.cached = new HubProcess('cached hub', {
        urls: scale.urls,
        statementTimeoutMs: STATEMENT_TIMEOUT_MS,
        loaderMode: 'batched',
        responseCacheSeconds: RESPONSE_CACHE_SECONDS,
      });
    }
    const ctx: Context = {
      settings,
      load,
      postgres: PostgresCpu.forDataDir(scale.embeddedDataDir),
      hubUrl: hub.url,
      hub: timed,
      cached: servers.cached ?? null,
      floor,
      naive: servers.naive ?? null,
      peer: servers.peer ?? null,
    };
    const keys = await operationKeys(scale.databases, settings.keys);
    // The shapes first: they are light, and each server's process keeps the memory a heavy operation grew.
    const peer = servers.peer
      ? { server: peerDescription(servers.peer), shapes: await compareWithPeer(ctx, settings.shapes, q4OdsCodes(keys), settings.keys) }
      : null;
    const operations = await runOperations(ctx, scale, settings, keys, profiler);
    const costs = await queryCosts(scale, settings.operations);
    return {
      generatedAt: new Date().toISOString(),
      machine: await machine(scale.databases),
      settings: {
        durationSeconds: settings.durationSeconds,
        warmupSeconds: settings.warmupSeconds,
        connections: settings.connections,
        naiveConnections: settings.naiveConnections,
        cachedConnections: settings.cachedConnections,
        responseCacheSeconds: RESPONSE_CACHE_SECONDS,
        naiveIdleLimitSeconds: settings.naiveIdleLimitSeconds,
        keysPerOperation: settings.keys,
        hubPoolPerDatabase: POOL,
        floorPoolPerDatabase: POOL,
        hubProtection: BENCH_PROTECTION,
        defaultMaxQueryCost: DEFAULT_PROTECTION.maxCost,
      },
      queryCosts: costs,
      dataset,
      operations,
      peer,
      notAvailable: NOT_YET_AVAILABLE.map((n) => ({ ...n })),
      naiveMode: naiveMode(settings),
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
  tuneProcessAsNpmStart();
  const scale = await openScaleDatabases({
    dataDir: settings.dataDir,
    port: settings.port,
    poolMax: POOL,
    statementTimeoutMs: STATEMENT_TIMEOUT_MS,
    logger: createLogger('warn'),
  });
  try {
    const results = await benchmark(settings, scale);
    writeReports(results, settings.json, settings.markdown);
    process.stdout.write(`\nwrote ${path.relative(process.cwd(), settings.json)} and ${path.relative(process.cwd(), settings.markdown)}\n`);
  } finally {
    await scale.close();
  }
}

if (require.main === module) runCli(main, USAGE);
