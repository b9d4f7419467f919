import os from 'node:os';
import type { Operation } from '../scripts/scale/queries';
import type { BenchRequest } from './driver';
import type { LoadGenerator } from './loadgen';
import { machineBusyMs, type PostgresCpu, processCpuMs, RssSampler, waitForIdle, type ServingProcess } from './measure';
import type { HubProcess } from './hubProcess';
import type { PeerServer } from './peer/process';
import { statementRange } from './report';
import type { RunResult, Target } from './types';

/**
 * The timed runs: one operation against one server at one connection count, with what the
 * serving process and PostgreSQL spent on it. The hub serves from this process, the floor
 * and PostGraphile from their own, and each finishes every request (leftovers are drained
 * and counted); the naive hub serves from its own process too, and leftovers it has not
 * finished within the idle limit are stopped.
 */

export interface RunSettings {
  durationSeconds: number;
  warmupSeconds: number;
  connections: number[];
  naiveConnections: number[];
  naiveIdleLimitSeconds: number;
  /** Connection counts for the cached hub (public operations only). */
  cachedConnections: number[];
}

export interface Context {
  settings: RunSettings;
  load: LoadGenerator;
  postgres: PostgresCpu | null;
  /** The hub in this process, for answer checks and the statement profile (untimed). */
  hubUrl: string;
  /** The hub the runs time, in a child process. */
  hub: HubProcess;
  /** The hub with its public response cache on; null when not run. */
  cached: HubProcess | null;
  /** The SQL floor, in a child process; an operation is at `${url}/Q1` etc. */
  floor: ServingProcess & { url: string };
  naive: HubProcess | null;
  /** PostGraphile (bench/peer/); null when not run. */
  peer: PeerServer | null;
}

/** What a run measures: an operation Q1–Q5, or a shape the hub and PostGraphile both answer. */
export type Measured = Pick<Operation, 'title'> & { id: RunResult['operation'] };

const DRAIN_LIMIT_MS = 180_000;
const STARTED = Date.now();

/** A progress line, with the seconds since the benchmark started (its budget is minutes). */
export function say(text: string): void {
  process.stdout.write(`[${String(Math.round((Date.now() - STARTED) / 1000)).padStart(4)} s] ${text}\n`);
}

function serving(ctx: Context, target: Target): { url: (op: Measured) => string; process: ServingProcess } {
  if (target === 'naive') return { url: () => ctx.naive!.url, process: ctx.naive! };
  if (target === 'peer') return { url: () => ctx.peer!.url, process: ctx.peer! };
  if (target === 'cached') return { url: () => ctx.cached!.url, process: ctx.cached! };
  if (target === 'floor') return { url: (op) => `${ctx.floor.url}/${op.id}`, process: ctx.floor };
  return { url: () => ctx.hub.url, process: ctx.hub };
}

async function measure(ctx: Context, op: Measured, target: Target, requests: BenchRequest[], connections: number): Promise<RunResult> {
  const server = serving(ctx, target);
  const rss = new RssSampler(server.process);
  rss.start();
  const cpuBefore = server.process.cpuMs();
  const pgBefore = ctx.postgres?.sample() ?? null;
  const machineBefore = machineBusyMs();
  const loadBefore = processCpuMs(ctx.load.pid);
  const started = Date.now();
  const r = await ctx.load.run({
    url: server.url(op),
    requests,
    connections,
    durationSeconds: ctx.settings.durationSeconds,
    timeoutSeconds: 60,
    inspectBodies: true,
  });
  const drainLimit = target === 'naive' ? ctx.settings.naiveIdleLimitSeconds * 1000 : DRAIN_LIMIT_MS;
  const drainMs = await waitForIdle(drainLimit, server.process);
  const cpu = server.process.cpuMs() - cpuBefore;
  const peakRssMb = rss.stop();
  const stopped = target === 'naive' && drainMs >= drainLimit;
  if (stopped) await ctx.naive!.restart();
  const pgCpu = pgBefore === null ? null : ctx.postgres!.sample() - pgBefore;
  const per = (x: number) => x / Math.max(1, r.sent);
  const machineAfter = machineBusyMs();
  const loadCpu = processCpuMs(ctx.load.pid);
  const otherCpuShare =
    machineAfter === null || machineBefore === null || loadCpu === null || loadBefore === null || pgCpu === null
      ? null
      : Math.max(0, machineAfter - machineBefore - cpu - pgCpu - (loadCpu - loadBefore)) / ((Date.now() - started) * os.cpus().length);
  return {
    operation: op.id,
    target,
    connections,
    seconds: r.seconds,
    sent: r.sent,
    responses: r.responses,
    requestsPerSecond: r.responses / r.seconds,
    latencyMs: r.latencyMs,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    graphqlErrors: r.graphqlErrors,
    nodeCpuMsPerRequest: per(cpu),
    postgresCpuMsPerRequest: pgCpu === null ? null : per(pgCpu),
    peakRssMb,
    startRssMb: rss.startMb,
    drainMs,
    stoppedInFlight: stopped ? r.sent - r.responses : 0,
    otherCpuShare,
    statementsUnderLoad: r.statements,
  };
}

export const failures = (run: RunResult): number => run.non2xx + run.errors + run.timeouts + run.graphqlErrors;

const ms = (x: number | null): string => (x === null ? '–' : x.toFixed(1));

function log(run: RunResult): void {
  const leftovers = run.stoppedInFlight
    ? `, ${run.stoppedInFlight} unanswered at the end (stopped after ${(run.drainMs / 1000).toFixed(1)} s)`
    : run.sent > run.responses
      ? `, ${run.sent - run.responses} in flight at the end (drained in ${(run.drainMs / 1000).toFixed(1)} s)`
      : '';
  say(
    `${run.operation} ${run.target.padEnd(6)} c=${String(run.connections).padStart(2)}: ${run.requestsPerSecond.toFixed(1).padStart(7)} req/s, ` +
      `p50 ${ms(run.latencyMs.p50)} p95 ${ms(run.latencyMs.p95)} p99 ${ms(run.latencyMs.p99)} ms, ` +
      `cpu ${run.nodeCpuMsPerRequest.toFixed(2)} ms/req, pg ${run.postgresCpuMsPerRequest?.toFixed(2) ?? '–'} ms/req, rss ${run.peakRssMb.toFixed(0)} MB stmts ${statementRange(run.statementsUnderLoad)}` +
      `${run.otherCpuShare === null ? '' : `, other CPU ${(run.otherCpuShare * 100).toFixed(0)}%`}${leftovers}` +
      `${failures(run) ? `, FAILED ${failures(run)}` : ''}`,
  );
}

/**
 * One server's runs of an operation at each connection count, after a warm-up. The naive
 * hub has no warm-up of its own: its answer check (bench/verify.ts) ran real requests on
 * the same process just before, and a warm-up of requests that can take minutes would
 * only have to be stopped.
 */
export async function runTarget(ctx: Context, op: Measured, target: Target, requests: BenchRequest[]): Promise<RunResult[]> {
  const server = serving(ctx, target);
  if (target !== 'naive' && ctx.settings.warmupSeconds > 0) {
    await ctx.load.run({
      url: server.url(op),
      requests,
      connections: 4,
      durationSeconds: ctx.settings.warmupSeconds,
      timeoutSeconds: 60,
      inspectBodies: false,
    });
    await waitForIdle(DRAIN_LIMIT_MS, server.process);
  }
  const runs: RunResult[] = [];
  const counts = {
    naive: ctx.settings.naiveConnections,
    cached: ctx.settings.cachedConnections,
    hub: ctx.settings.connections,
    floor: ctx.settings.connections,
    peer: ctx.settings.connections,
  };
  for (const connections of counts[target]) {
    const run = await measure(ctx, op, target, requests, connections);
    log(run);
    runs.push(run);
  }
  return runs;
}
