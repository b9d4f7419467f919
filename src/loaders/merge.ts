import DataLoader from 'dataloader';
import { SourceUnavailableError } from '../server/errors';
import { batchOptions } from './batch';

/**
 * Several sources of one kind, read as one: each member of the merged loaders asks every
 * source's own loader once per batch (one statement per source, however many keys) and
 * joins their answers, a list from each source concatenated, a single row the first found.
 * A source that is unavailable adds nothing (its error goes with the answer, src/db/sql.ts);
 * only when every source is unavailable does the merged loader fail.
 */

type Loaded = unknown;

function combine(parts: readonly Loaded[]): Loaded {
  const lists = parts.filter(Array.isArray);
  if (lists.length > 0) return lists.flat();
  return parts.find((part) => part !== null && part !== undefined) ?? null;
}

/** Each source's answers, without the unavailable sources; every source failing fails the whole. */
async function fromEach<T>(parts: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(parts);
  const answered = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
  const other = failed.find((reason) => !(reason instanceof SourceUnavailableError));
  if (other !== undefined) throw other;
  if (answered.length === 0 && failed.length > 0) throw failed[0];
  return answered;
}

function mergedLoader(name: string, loaders: readonly DataLoader<unknown, Loaded>[]): DataLoader<unknown, Loaded> {
  return new DataLoader<unknown, Loaded>(
    async (keys) => {
      const perSource = await fromEach(loaders.map(async (loader) => unwrap(await loader.loadMany(keys))));
      return keys.map((_key, i) => combine(perSource.map((answers) => answers[i])));
    },
    { name: `merged.${name}`, ...batchOptions() },
  );
}

/** loadMany's answers, a source's failure raised rather than passed on as a value. */
function unwrap(results: readonly (Loaded | Error)[]): Loaded[] {
  const failure = results.find((r) => r instanceof Error);
  if (failure) throw failure;
  return results as Loaded[];
}

function mergedFunction(members: readonly ((...args: unknown[]) => unknown)[]) {
  return async (...args: unknown[]) => combine(await fromEach(members.map(async (member) => member(...args))));
}

/**
 * The merged view of one kind's loaders over several sources. `template` is one source's
 * loaders object (its members name what is merged); with a single source it is returned as is.
 */
export function mergeLoaders<L extends object>(perSource: readonly L[], template: L): L {
  if (perSource.length === 1) return perSource[0]!;
  const merged: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(template)) {
    const members = perSource.map((loaders) => (loaders as Record<string, unknown>)[name]);
    if (member instanceof DataLoader) merged[name] = mergedLoader(name, members as DataLoader<unknown, Loaded>[]);
    else if (typeof member === 'function') merged[name] = mergedFunction(members as ((...args: unknown[]) => unknown)[]);
  }
  return merged as L; // every member of L rebuilt above with its own signature
}
