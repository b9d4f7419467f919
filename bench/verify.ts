import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import type { BenchRequest } from './driver';

/**
 * Before timing anything: the hub and the floor must give the same answer for the same
 * keys, or the floor is not a floor; and the naive hub (loaders off) must give the hub's
 * answer too. Also records how many statements each answer cost.
 */

export interface Reply {
  data?: unknown;
  errors?: { message: string }[];
  extensions?: { sqlStatements?: { total: number }; floorMissingRows?: number };
}

export async function post(url: string, request: BenchRequest, signal?: AbortSignal): Promise<Reply> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...request.headers },
    body: request.body,
    signal,
  });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return (await response.json()) as Reply;
}

/** The first path at which two JSON values differ, e.g. `locality.hubs.nodes[0].name`. */
export function firstDifference(a: unknown, b: unknown, at = ''): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${at || '(root)'}: ${JSON.stringify(a)?.slice(0, 120)} ≠ ${JSON.stringify(b)?.slice(0, 120)}`;
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const key of keys) {
    const diff = firstDifference(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      Array.isArray(a) ? `${at}[${key}]` : at ? `${at}.${key}` : key,
    );
    if (diff) return diff;
  }
  return `${at}: differs`;
}

export interface Verification {
  checked: number;
  identical: number;
  firstDifference: string | null;
  floorMissingRows: number;
  hubStatements: number[];
  floorStatements: number[];
  /** Wall time of each request, one at a time (no concurrency). */
  hubMs: number[];
  floorMs: number[];
}

async function timed(url: string, request: BenchRequest, signal?: AbortSignal): Promise<{ reply: Reply; ms: number }> {
  const started = performance.now();
  const reply = await post(url, request, signal);
  return { reply, ms: performance.now() - started };
}

/**
 * Asks both servers for each body in turn (one request at a time) and compares the data;
 * stops early, after at least two bodies, once `budgetMs` has passed.
 */
export async function verifyAgainstFloor(
  hubUrl: string,
  floorUrl: string,
  requests: readonly BenchRequest[],
  budgetMs = 30_000,
): Promise<Verification> {
  const result: Verification = {
    checked: 0,
    identical: 0,
    firstDifference: null,
    floorMissingRows: 0,
    hubStatements: [],
    floorStatements: [],
    hubMs: [],
    floorMs: [],
  };
  const started = performance.now();
  for (const request of requests) {
    if (result.checked >= 2 && performance.now() - started > budgetMs) break;
    const hubTimed = await timed(hubUrl, request);
    const floorTimed = await timed(floorUrl, request);
    const [hub, floor] = [hubTimed.reply, floorTimed.reply];
    result.hubMs.push(hubTimed.ms);
    result.floorMs.push(floorTimed.ms);
    if (hub.errors) throw new Error(`the hub answered with errors: ${JSON.stringify(hub.errors).slice(0, 300)}`);
    result.checked += 1;
    result.hubStatements.push(hub.extensions?.sqlStatements?.total ?? Number.NaN);
    result.floorStatements.push(floor.extensions?.sqlStatements?.total ?? Number.NaN);
    result.floorMissingRows += floor.extensions?.floorMissingRows ?? 0;
    const diff = firstDifference(hub.data, floor.data);
    if (diff === null) result.identical += 1;
    else result.firstDifference ??= diff;
  }
  return result;
}

export interface NaiveCheck {
  checked: number;
  identical: number;
  firstDifference: string | null;
  statements: number[];
  /** Wall time of each answered request, one at a time. */
  ms: number[];
  /** A request the naive hub had not answered after `limitMs` (it was then stopped); checking ends there. */
  unanswered: number;
  limitMs: number;
}

/**
 * Asks the hub and then the naive hub for each request in turn and compares the data. A
 * naive request can take minutes: after `limit.requestMs` it is given up, `onTimeout`
 * stops it, and checking ends (one such request says enough); checking also ends, after
 * at least one request, once `limit.totalMs` has passed.
 */
export async function verifyNaive(
  hubUrl: string,
  naiveUrl: () => string,
  requests: readonly BenchRequest[],
  limit: { requestMs: number; totalMs: number },
  onTimeout: () => Promise<void>,
): Promise<NaiveCheck> {
  const result: NaiveCheck = {
    checked: 0,
    identical: 0,
    firstDifference: null,
    statements: [],
    ms: [],
    unanswered: 0,
    limitMs: limit.requestMs,
  };
  const started = performance.now();
  for (const request of requests) {
    if (result.checked > 0 && performance.now() - started > limit.totalMs) break;
    const hub = await post(hubUrl, request);
    let naive: { reply: Reply; ms: number };
    try {
      naive = await timed(naiveUrl(), request, AbortSignal.timeout(limit.requestMs));
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'TimeoutError')) throw error;
      result.unanswered += 1;
      await onTimeout();
      break;
    }
    if (naive.reply.errors) throw new Error(`the naive hub answered with errors: ${JSON.stringify(naive.reply.errors).slice(0, 300)}`);
    result.checked += 1;
    result.ms.push(naive.ms);
    result.statements.push(naive.reply.extensions?.sqlStatements?.total ?? Number.NaN);
    const diff = firstDifference(hub.data, naive.reply.data);
    if (diff === null) result.identical += 1;
    else result.firstDifference ??= diff;
  }
  return result;
}
