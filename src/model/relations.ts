import DataLoader from 'dataloader';
import type { SourceLoaders } from '../loaders';
import { batchOptions } from '../loaders/batch';
import { entityIdsFor, type EntityLoaders } from './entities';
import { loadAvailable } from './partial';
import type { EntityKind } from './records';
import { createPlacementLoaders, localityArea, refsIn, serviceRefsAt, type LocalityArea } from './placement';
import type { EstateModel, HubModel, NativeRef, ServiceModel } from './types';

/**
 * Relations of the shared model, one loader per relation keyed by the parent. A batch runs
 * step by step for every parent at once (each step a Promise.all over the parents), so each
 * loader below is asked once per step: a parent whose rows came from a quicker source
 * cannot run ahead and split the next step's batch. That keeps a request's statement count
 * fixed by the shape of the query, not by the timing of the partners' databases.
 */

const all = <A, B>(items: readonly A[], step: (item: A) => Promise<B>): Promise<B[]> => Promise.all(items.map(step));

function relation<V>(name: string, batch: (keys: readonly string[]) => Promise<V[][]>): DataLoader<string, V[]> {
  return new DataLoader<string, V[]>(batch, { name, ...batchOptions() });
}

export function createRelationLoaders(loaders: SourceLoaders, entities: EntityLoaders) {
  const placement = createPlacementLoaders(loaders);
  /** refs per parent → entities per parent, in two steps shared by every parent. */
  async function assemble<M>(kind: EntityKind, refsPerParent: NativeRef[][], load: DataLoader<string, M | null>): Promise<M[][]> {
    const idsPerParent = await all(refsPerParent, (refs) => entityIdsFor(kind, loaders, refs));
    return all(idsPerParent, (ids) => loadAvailable(load, ids));
  }
  const areas = (localityIds: readonly string[]): Promise<LocalityArea[]> => all(localityIds, (id) => localityArea(loaders, id));

  const hubsOfLocality = relation<HubModel>('model.hubsOfLocality', async (ids) =>
    assemble('HUB', await all(await areas(ids), (area) => refsIn('HUB', placement, area)), entities.hubById),
  );

  return {
    hubsOfLocality,
    estatesOfLocality: relation<EstateModel>('model.estatesOfLocality', async (ids) =>
      assemble('ESTATE', await all(await areas(ids), (area) => refsIn('ESTATE', placement, area)), entities.estateById),
    ),
    /** Placed in the locality, or run from one of its hubs. */
    servicesOfLocality: relation<ServiceModel>('model.servicesOfLocality', async (ids) => {
      const [localityAreas, hubs] = await Promise.all([areas(ids), hubsOfLocality.loadMany(ids)]);
      const refs = await all(
        ids.map((_, i) => i),
        async (i) => {
          const hubList = hubs[i];
          if (hubList instanceof Error) throw hubList;
          const [placed, atHubs] = await Promise.all([
            refsIn('SERVICE', placement, localityAreas[i]!),
            serviceRefsAt(
              loaders,
              hubList!.flatMap((h) => h.records.map((r) => r.ref)),
            ),
          ]);
          return [...placed, ...atHubs];
        },
      );
      return assemble('SERVICE', refs, entities.serviceById);
    }),
    /** Keyed by `placeKey(records)`: the partner records of a hub or an estate. */
    servicesAtPlace: relation<ServiceModel>('model.servicesAtPlace', async (keys) =>
      assemble('SERVICE', await all(keys, (key) => serviceRefsAt(loaders, JSON.parse(key) as NativeRef[])), entities.serviceById),
    ),
  };
}

export const placeKey = (refs: readonly NativeRef[]): string => JSON.stringify(refs);

export type RelationLoaders = ReturnType<typeof createRelationLoaders>;
