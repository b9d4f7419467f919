import DataLoader from 'dataloader';
import { keepSource } from '../db/rowSource';
import type { SourceLoaders } from '../loaders';
import { batchOptions, groupByKeys, loadPresent } from '../loaders/batch';
import type { PlacementScope } from '../sources/adapter';
import type { Placed, PostcodeArea } from '../sources/shared/postcodeArea';
import { orNone } from './partial';
import type { EntityKind } from './records';
import type { NativeRef } from './types';

/**
 * Which partner records lie in a locality: each configured source's adapter
 * (src/sources/kind.ts) says how its rows are placed. Councils place their rows by
 * ward (GSS code); the CCG and trusts only hold postcodes, so the hub turns the wards into
 * their postcodes (ONS/OS lookup in its registry) and sends them to those sources as one
 * area value. Every placement loader is keyed by ward, so a page of localities costs one
 * statement per partner table however many postcodes its wards hold. Rows found here prime
 * the by-key loaders, so assembling the entities costs no re-read. Each source's part is
 * read through `orNone`: an unavailable partner leaves its rows out and the others' in.
 */

export interface LocalityArea {
  wards: string[];
}

export async function localityArea(loaders: SourceLoaders, localityId: string): Promise<LocalityArea> {
  return { wards: (await loaders.hub.wardsByLocality.load(localityId)).map((w) => w.ward_gss) };
}

/** A loader of a postcode-placed partner table by ward: one hub statement for the postcodes, one partner statement. */
function byWard<R>(loaders: SourceLoaders, name: string, fetch: (area: PostcodeArea) => Promise<Placed<R>[]>): DataLoader<string, R[]> {
  return new DataLoader<string, R[]>(
    async (wards) => {
      const area = (await loadPresent(loaders.hub.postcodeLinesByWard, wards)).map((w) => w.lines).join('\n');
      const rows = area ? await fetch(area) : [];
      return groupByKeys(wards, rows, (r) => r.placed_in_ward).map((group) => group.map(unplaced));
    },
    { name, ...batchOptions() },
  );
}

function unplaced<R>(row: Placed<R>): R {
  const { placed_in_ward: _ward, ...rest } = row;
  return keepSource(row, rest) as R; // the partner's own row, as its by-key loader would read it
}

/** Per request: the by-ward loaders of postcode-placed tables, one per name however many parents ask. */
export function createPlacementLoaders(loaders: SourceLoaders) {
  const made = new Map<string, DataLoader<string, unknown[]>>();
  return {
    loaders,
    byWard: <R>(name: string, fetch: (area: PostcodeArea) => Promise<Placed<R>[]>): DataLoader<string, R[]> => {
      let loader = made.get(name);
      if (!loader) made.set(name, (loader = byWard(loaders, name, fetch) as DataLoader<string, unknown[]>));
      return loader as DataLoader<string, R[]>;
    },
  };
}

export type PlacementLoaders = ReturnType<typeof createPlacementLoaders>;

/** Every source's records of one kind in the area. */
export async function refsIn(kind: EntityKind, placed: PlacementLoaders, area: LocalityArea): Promise<NativeRef[]> {
  const scope: PlacementScope = { loaders: placed.loaders, wards: area.wards, byWard: placed.byWard };
  const perSource = await Promise.all(
    scope.loaders.partners.map(({ adapter: a }) => orNone(a.placement[kind]?.(scope) ?? Promise.resolve([]))),
  );
  return perSource.flat();
}

/** Services run from the given partner records of hubs or estates. */
export async function serviceRefsAt(loaders: SourceLoaders, places: readonly NativeRef[]): Promise<NativeRef[]> {
  const perSource = await Promise.all(
    loaders.partners.map(({ adapter: a }) => orNone(a.servicesAt?.(loaders, places) ?? Promise.resolve([]))),
  );
  return perSource.flat();
}
