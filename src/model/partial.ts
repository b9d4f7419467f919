import type DataLoader from 'dataloader';
import { SourceUnavailableError } from '../server/errors';

/**
 * Partial failure is data. Where a field draws on several sources, each source's part is
 * read through `orNone`: a source that is unavailable contributes nothing, and the request's
 * statement log has already noted it (src/db/sql.ts), so the answer carries one
 * SOURCE_UNAVAILABLE error naming it beside everything the other sources said
 * (src/server/sourceOutages.ts). Any other failure still fails the field.
 */
export async function orNone<T>(part: Promise<T[]>): Promise<T[]> {
  try {
    return await part;
  } catch (error) {
    if (error instanceof SourceUnavailableError) return [];
    throw error;
  }
}

/** One record read from one source; null when that source is unavailable. */
export async function orMissing<T>(part: Promise<T | null>): Promise<T | null> {
  try {
    return await part;
  } catch (error) {
    if (error instanceof SourceUnavailableError) return null;
    throw error;
  }
}

/**
 * Loads shared-model entities and drops the misses, and those known only to an unavailable
 * source (src/model/entities.ts answers such a key with that source's error): a list then
 * shows every entity the answering sources know.
 */
export async function loadAvailable<V>(loader: DataLoader<string, V | null>, keys: readonly string[]): Promise<V[]> {
  const results = await loader.loadMany(keys);
  const present: V[] = [];
  for (const result of results) {
    if (result instanceof SourceUnavailableError) continue;
    if (result instanceof Error) throw result;
    if (result !== null) present.push(result);
  }
  return present;
}
