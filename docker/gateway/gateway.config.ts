import { defineConfig } from '@graphql-hive/gateway';
import { composeServices, compositionHasErrors } from '@theguild/federation-composition';
import { parse } from 'graphql';

/**
 * Hive Gateway (`hive-gateway supergraph`, run in this folder) in front of the hub: it composes
 * the hub's subgraph with partners' subgraphs itself, from their `_service { sdl }`, with the
 * composer Hive Gateway is built on, and composes again every POLL_SECONDS, so no supergraph
 * file is made or mounted. The hub's /subgraph answers only callers that send
 * FEDERATION_SUBGRAPH_SECRET (src/federation/routerOnly.ts), so the gateway sends it to the hub
 * and to no one else; a caller's hub credentials go to the hub only, too.
 *
 *   HUB_SUBGRAPH_URL            the hub's /subgraph (in compose: through the balancer)
 *   FEDERATION_SUBGRAPH_SECRET  the replicas' secret
 *   PARTNER_SUBGRAPHS           name=url,... partners' subgraphs (optional)
 *   HOST, PORT                  where the gateway listens (read by hive-gateway itself)
 */

const HUB = 'hub';
const SDL_DEADLINE_MS = 5_000;
const POLL_SECONDS = Number(process.env.POLL_SECONDS ?? 30);

interface Subgraph {
  name: string;
  url: string;
  headers: Record<string, string>;
}

function required(name: string): string {
  const value = process.env[name]?.trim();
  if (!value) throw new Error(`gateway: set ${name}`);
  return value;
}

function subgraphs(): Subgraph[] {
  const hub = { name: HUB, url: required('HUB_SUBGRAPH_URL'), headers: { 'x-subgraph-secret': required('FEDERATION_SUBGRAPH_SECRET') } };
  const partners = (process.env.PARTNER_SUBGRAPHS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const [name, url] = entry.split('=');
      if (!name || !url || name === HUB) throw new Error(`gateway: PARTNER_SUBGRAPHS takes name=url (not "${HUB}"), not "${entry}"`);
      return { name, url, headers: {} };
    });
  return [hub, ...partners];
}

async function sdlOf(subgraph: Subgraph): Promise<string> {
  const response = await fetch(subgraph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...subgraph.headers },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
    signal: AbortSignal.timeout(SDL_DEADLINE_MS),
  });
  const body = (await response.json().catch(() => ({}))) as { data?: { _service?: { sdl?: string } } };
  const sdl = body.data?._service?.sdl;
  if (!response.ok || !sdl) throw new Error(`${subgraph.name} (${subgraph.url}) answered ${response.status} without { _service { sdl } }`);
  return sdl;
}

/**
 * The supergraph of the hub and every partner that answers: a partner that is down is left
 * out until the next composition (said in the log), so the hub stays reachable; without the
 * hub there is nothing to serve and composition fails.
 */
export async function composeSupergraph(log: (message: string) => void = console.warn): Promise<string> {
  const all = subgraphs();
  const read = await Promise.allSettled(all.map(sdlOf));
  const services = all.flatMap((subgraph, i) => {
    const result = read[i]!;
    if (result.status === 'fulfilled') return [{ name: subgraph.name, url: subgraph.url, typeDefs: parse(result.value) }];
    if (subgraph.name === HUB) throw result.reason as Error;
    log(`gateway: subgraph ${subgraph.name} left out of this composition: ${(result.reason as Error).message}`);
    return [];
  });
  const composed = composeServices(services);
  if (compositionHasErrors(composed)) throw new Error(`gateway: composition failed: ${composed.errors.map((e) => e.message).join('; ')}`);
  return composed.supergraphSdl;
}

// The caller's credentials, and its read-after token (src/server/readAfter.ts): a write's
// token, sent back, must reach the hub replica that reads.
const PASSED_TO_HUB = ['x-api-key', 'authorization', 'x-hub-read-after'];

export const gatewayConfig = defineConfig({
  supergraph: () => composeSupergraph(),
  pollingInterval: POLL_SECONDS * 1000,
  propagateHeaders: {
    fromClientToSubgraphs({ request, subgraphName }) {
      const headers: Record<string, string | null> = { 'x-request-id': request.headers.get('x-request-id') };
      if (subgraphName !== HUB) return headers;
      for (const name of PASSED_TO_HUB) headers[name] = request.headers.get(name);
      return { ...headers, 'x-subgraph-secret': process.env.FEDERATION_SUBGRAPH_SECRET ?? null };
    },
    // A write's read-after token, from the hub to its caller.
    fromSubgraphsToClient({ response, subgraphName }) {
      return subgraphName === HUB ? { 'x-hub-read-after': response.headers.get('x-hub-read-after') } : {};
    },
  },
});
