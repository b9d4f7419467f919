import { batchOptions } from '../loaders/batch';
import DataLoader from 'dataloader';
import type { SourceLoaders } from '../loaders';
import { linkKey } from '../sources/hub/loaders';
import { SourceUnavailableError } from '../server/errors';
import { readRecord, type EntityKind } from './records';
import type { EstateModel, HubModel, NativeRef, ServiceModel } from './types';

/**
 * Shared-model entities assembled from the partner records the identity crosswalk links
 * to them. A partner row that is not linked yet is not part of the shared model: the link
 * step (src/crosswalk/link.ts) runs at every start and after every load.
 */

type ModelOf<K extends EntityKind> = K extends 'ESTATE' ? EstateModel : K extends 'HUB' ? HubModel : ServiceModel;

function entityLoader<K extends EntityKind>(kind: K, loaders: SourceLoaders): DataLoader<string, ModelOf<K> | null> {
  return new DataLoader<string, ModelOf<K> | null>(
    (ids) =>
      Promise.all(
        ids.map(async (id) => {
          const links = await loaders.hub.crosswalk[kind].linksByEntity.load(id);
          const outcomes = await Promise.allSettled(
            links.map((link) => readRecord(kind, loaders, { source: link.source, table: link.native_table, key: link.native_key })),
          );
          const present = [];
          let unavailable: SourceUnavailableError | null = null;
          for (const outcome of outcomes) {
            if (outcome.status === 'fulfilled') {
              if (outcome.value !== null) present.push(outcome.value);
            } else if (outcome.reason instanceof SourceUnavailableError) {
              unavailable ??= outcome.reason; // the other partners' records still make the entity
            } else {
              throw outcome.reason;
            }
          }
          if (present.length > 0) return { id, records: present } as unknown as ModelOf<K>;
          // Known only to a source that did not answer: this key's error (lists leave it out), not "no such entity".
          if (unavailable) return unavailable;
          // A link whose row has gone from its source leaves nothing to show.
          return null;
        }),
      ),
    { name: `model.${kind.toLowerCase()}ById`, ...batchOptions() },
  );
}

export function createEntityLoaders(loaders: SourceLoaders) {
  return {
    estateById: entityLoader('ESTATE', loaders),
    hubById: entityLoader('HUB', loaders),
    serviceById: entityLoader('SERVICE', loaders),
  };
}

export type EntityLoaders = ReturnType<typeof createEntityLoaders>;

/** The shared entities that a set of partner records belong to, deduplicated, in first-seen order. */
export async function entityIdsFor(kind: EntityKind, loaders: SourceLoaders, refs: readonly NativeRef[]): Promise<string[]> {
  const ids = await loaders.hub.crosswalk[kind].entityByNative.loadMany(refs.map((r) => linkKey(kind, r.source, r.table, r.key)));
  const unique = new Set<string>();
  for (const id of ids) {
    if (id instanceof Error) throw id;
    if (id !== null) unique.add(id);
  }
  return [...unique];
}

export async function entityIdFor(kind: EntityKind, loaders: SourceLoaders, ref: NativeRef | null): Promise<string | null> {
  if (!ref) return null;
  return loaders.hub.crosswalk[kind].entityByNative.load(linkKey(kind, ref.source, ref.table, ref.key));
}
