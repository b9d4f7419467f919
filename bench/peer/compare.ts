import { performance } from 'node:perf_hooks';
import type { BenchRequest } from '../driver';
import { ratiosOf } from '../ratios';
import { runTarget, say, type Context } from '../runs';
import type { PeerCheck, PeerShapeResult, Target } from '../types';
import { firstDifference, post, type Reply } from '../verify';
import type { PeerServer } from './process';
import type { PageInfo, Shape } from './shapes';

/**
 * Hub ÷ PostGraphile: for each shape, the keys (ODS codes; for paged shapes every page,
 * found by walking each server's own cursors), a check that both servers return the same
 * rows for every key (the benchmark stops if they differ: a faster wrong answer proves
 * nothing), then timed runs of both at each connection count, PostGraphile first.
 */

interface Pair {
  hub: BenchRequest;
  peer: BenchRequest;
}

const request = (query: string, variables: Record<string, unknown>): BenchRequest => ({
  body: JSON.stringify({ query, variables }),
  headers: {},
});

async function ask(url: string, body: BenchRequest, who: string): Promise<Reply> {
  const reply = await post(url, body);
  if (reply.errors) throw new Error(`${who} answered with errors: ${JSON.stringify(reply.errors).slice(0, 300)}`);
  return reply;
}

/** Every page of a paged shape, as a pair of requests: the hub's cursor and PostGraphile's for the same page. */
async function pagePairs(ctx: Context, peer: PeerServer, shape: Shape, limit: number): Promise<Pair[]> {
  const pages = shape.pages!;
  const pairs: Pair[] = [];
  let hubAfter: string | null = null;
  let peerAfter: string | null = null;
  for (;;) {
    const pair: Pair = { hub: request(shape.hubQuery, { after: hubAfter }), peer: request(shape.peerQuery, { after: peerAfter }) };
    pairs.push(pair);
    const hub: PageInfo = pages.hub((await ask(ctx.hubUrl, pair.hub, 'the hub')).data);
    const them = pages.peer((await ask(peer.url, pair.peer, 'PostGraphile')).data);
    if (hub.hasNextPage !== them.hasNextPage)
      throw new Error(`${shape.id}: the hub and PostGraphile disagree on whether page ${pairs.length} is the last`);
    if (!hub.hasNextPage || pairs.length >= limit) return pairs;
    [hubAfter, peerAfter] = [hub.endCursor, them.endCursor];
  }
}

/** Asks both servers for every key, one request at a time, and compares their rows. */
async function check(ctx: Context, peer: PeerServer, shape: Shape, pairs: readonly Pair[]): Promise<PeerCheck> {
  const result: PeerCheck = {
    checked: 0,
    identical: 0,
    firstDifference: null,
    hubStatements: [],
    peerStatements: [],
    hubMs: [],
    peerMs: [],
  };
  for (const pair of pairs) {
    let started = performance.now();
    const hub = await ask(ctx.hubUrl, pair.hub, 'the hub');
    result.hubMs.push(performance.now() - started);
    const before = await peer.statements();
    started = performance.now();
    const them = await ask(peer.url, pair.peer, 'PostGraphile');
    result.peerMs.push(performance.now() - started);
    result.peerStatements.push((await peer.statements()) - before);
    result.hubStatements.push(hub.extensions?.sqlStatements?.total ?? Number.NaN);
    result.checked += 1;
    const diff = firstDifference(shape.hubRows(hub.data), shape.peerRows(them.data));
    if (diff === null) result.identical += 1;
    else result.firstDifference ??= diff;
  }
  return result;
}

async function compareShape(
  ctx: Context,
  peer: PeerServer,
  shape: Shape,
  odsCodes: readonly string[],
  keys: number,
): Promise<PeerShapeResult> {
  const pairs = shape.pages
    ? await pagePairs(ctx, peer, shape, keys)
    : shape.id === 'PA'
      ? odsCodes.slice(0, keys).map((ods) => ({ hub: request(shape.hubQuery, { ods }), peer: request(shape.peerQuery, { ods }) }))
      : [{ hub: request(shape.hubQuery, {}), peer: request(shape.peerQuery, {}) }];
  const verification = await check(ctx, peer, shape, pairs);
  say(`${shape.id} PostGraphile answer check: the same rows for ${verification.identical}/${verification.checked} keys`);
  if (verification.identical !== verification.checked) {
    throw new Error(
      `${shape.id}: the hub and PostGraphile returned different rows (first difference: ${verification.firstDifference}); nothing was timed`,
    );
  }
  const peerRuns = await runTarget(
    ctx,
    shape,
    'peer',
    pairs.map((p) => p.peer),
  );
  await ctx.hub.restart(); // a fresh hub for each shape: its peak RSS is this shape's
  const runs = [
    ...peerRuns,
    ...(await runTarget(
      ctx,
      shape,
      'hub',
      pairs.map((p) => p.hub),
    )),
  ];
  const most = (counts: number[]) => (counts.length ? Math.max(...counts) : null);
  const ratios = ratiosOf(
    (target: Target) => most(target === 'hub' ? verification.hubStatements : target === 'peer' ? verification.peerStatements : []),
    runs,
    'peer',
  );
  for (const r of ratios)
    say(
      `${shape.id} hub ÷ PostGraphile c=${r.connections}: req/s ${r.requestsPerSecond?.toFixed(2)}×, Node CPU ${r.nodeCpuPerRequest?.toFixed(2)}×`,
    );
  return { id: shape.id, title: shape.title, keys: pairs.length, verification, runs, ratios };
}

/** Each shape in turn; `odsCodes` are the organisations shape (a) rotates through (Q4's). */
export async function compareWithPeer(
  ctx: Context,
  shapes: readonly Shape[],
  odsCodes: readonly string[],
  keys: number,
): Promise<PeerShapeResult[]> {
  const results: PeerShapeResult[] = [];
  for (const shape of shapes) results.push(await compareShape(ctx, ctx.peer!, shape, odsCodes, keys));
  return results;
}
