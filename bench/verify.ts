import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';

/**
 * Before timing anything: the hub and the floor must give the same answer for the same
 * keys, or the floor is not a floor. Also records how many statements each answer cost.
 */

export interface Reply {
  data?: unknown;
  errors?: { message: string }[];
  extensions?: { sqlStatements?: { total: number }; floorMissingRows?: number };
}

export async function post(url: string, body: string): Promise<Reply> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
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
    const diff = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], Array.isArray(a) ? `${at}[${key}]` : at ? `${at}.${key}` : key);
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

async function timed(url: string, body: string): Promise<{ reply: Reply; ms: number }> {
  const started = performance.now();
  const reply = await post(url, body);
  return { reply, ms: performance.now() - started };
}

/**
 * Asks both servers for each body in turn (one request at a time) and compares the data;
 * stops early, after at least two bodies, once `budgetMs` has passed.
 */
export async function verifyAgainstFloor(hubUrl: string, floorUrl: string, bodies: readonly string[], budgetMs = 30_000): Promise<Verification> {
  const result: Verification = {
    checked: 0, identical: 0, firstDifference: null, floorMissingRows: 0, hubStatements: [], floorStatements: [], hubMs: [], floorMs: [],
  };
  const started = performance.now();
  for (const body of bodies) {
    if (result.checked >= 2 && performance.now() - started > budgetMs) break;
    const hubTimed = await timed(hubUrl, body);
    const floorTimed = await timed(floorUrl, body);
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
