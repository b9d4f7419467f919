import DataLoader from 'dataloader';
import { keepSource } from '../db/rowSource';
import type { SourceLoaders } from '../loaders';
import { batchOptions, groupByKeys, loadFlat, loadPresent } from '../loaders/batch';
import type { PlacementScope } from '../sources/adapter';
import type { Placed, PostcodeArea } from '../sources/shared/postcodeArea';
import { orNone } from './partial';
import type { EntityKind } from './records';
import type { NativeRef } from './types';

/**
 * Which partner records lie in a locality: each configured source's adapter
 * (src/sources/kind.ts) says how its rows are placed. Councils place their rows by
 * ward (GSS code); the CCG and trusts only hold postcodes, so the link step keeps the ward
 * each of their records lies in on its crosswalk link (src/crosswalk/link.ts), and placement
 * reads the keys there (one hub statement per page, which also primes the crosswalk) and the
 * rows by key from each partner (one statement per table). Rows found here prime the by-key
 * loaders, so assembling the entities costs no re-read. Each source's part is read through
 * `orNone`: an unavailable partner leaves its rows out and the others' in.
 */

export interface LocalityArea {
  wards: string[];
}

export async function localityArea(loaders: SourceLoaders, localityId: string): Promise<LocalityArea> {
  return { wards: (await loaders.hub.wardsByLocality.load(localityId)).map((w) => w.ward_gss) };
}

/** A loader of rows placed by a postcode no crosswalk link keeps, by ward: one hub statement for the postcodes, one partner statement. */
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

/** The keys of one source table's records the link step placed in the wards. */
async function placedKeys(loaders: SourceLoaders, wards: readonly string[], source: string, table: string): Promise<string[]> {
  const links = await loadFlat(loaders.hub.placedByWard, wards);
  return links.filter((l) => l.source === source && l.native_table === table).map((l) => l.native_key);
}

/** Every source's records of one kind in the area. */
export async function refsIn(kind: EntityKind, placed: PlacementLoaders, area: LocalityArea): Promise<NativeRef[]> {
  const { loaders } = placed;
  const scope: PlacementScope = {
    loaders,
    wards: area.wards,
    placed: async (source, table) => table.rowsOf(loaders, await placedKeys(loaders, area.wards, source, table.table)),
    byWard: placed.byWard,
  };
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
