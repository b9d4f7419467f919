import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { printSubgraphSchema } from '@apollo/subgraph';
import { composeServices, compositionHasErrors } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { buildHubSubgraphSchema } from '../../src/federation/subgraph';

/**
 * `npm run supergraph -- --hub-url <url> [--subgraph name=url ...] [--out file]`: composes
 * the hub's subgraph with partners' running subgraphs (their SDL read from `_service`) into
 * a supergraph schema for a router that reads one from a file, such as Apollo Router
 * (docs/federation.md), with the composer Hive Gateway composes with at run time
 * (docker/gateway/gateway.config.ts). Composition errors are printed and the exit code is 1.
 */

/** How long a subgraph has to answer for its SDL. */
const DEADLINE_MS = 10_000;

/** Why a fetch failed, in the words of what went wrong underneath ("fetch failed" says nothing). */
function whyUnreachable(error: unknown): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return `no answer within ${DEADLINE_MS / 1000} s`;
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

async function sdlOf(name: string, url: string): Promise<string> {
  const about = `subgraph "${name}" at ${url}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
      signal: AbortSignal.timeout(DEADLINE_MS),
    });
  } catch (error) {
    throw new Error(`Could not reach ${about}: ${whyUnreachable(error)}`, { cause: error });
  }
  const body = (await response.json().catch(() => null)) as { data?: { _service?: { sdl?: string } } } | null;
  const sdl = body?.data?._service?.sdl;
  if (!sdl) throw new Error(`The ${about} did not answer { _service { sdl } } (HTTP ${response.status}): is it a federation subgraph?`);
  return sdl;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'hub-url': { type: 'string', default: 'http://lb/subgraph' },
      subgraph: { type: 'string', multiple: true, default: [] },
      out: { type: 'string', default: 'docker/supergraph.graphql' },
    },
  });
  const partners = await Promise.all(
    values.subgraph.map(async (given) => {
      const [name, url] = given.split('=');
      if (!name || !url) throw new Error(`--subgraph takes name=url, not "${given}"`);
      return { name, url, typeDefs: parse(await sdlOf(name, url)) };
    }),
  );
  const hub = { name: 'hub', url: values['hub-url'], typeDefs: parse(printSubgraphSchema(buildHubSubgraphSchema())) };
  const result = composeServices([hub, ...partners]);
  if (compositionHasErrors(result)) {
    for (const error of result.errors) process.stderr.write(`${error.message}\n`);
    return 1;
  }
  writeFileSync(values.out, result.supergraphSdl);
  process.stdout.write(`Supergraph of ${[hub, ...partners].map((s) => s.name).join(', ')} written to ${values.out}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
