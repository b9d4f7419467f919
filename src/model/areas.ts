import type { SourceLoaders } from '../loaders';
import type { Caller } from '../auth/caller';
import type { Viewer } from './disclosure';

/**
 * Areas inside areas, as the hub's registry knows them: a locality's wards, a place's (local
 * authority's) localities and their wards. Disclosure control uses it to see which published
 * totals hold a withheld cell, and which areas a partner's partnerships cover.
 */

const LOCAL_AUTHORITY = /^E0[6-9]\d{6}$/;

export interface AreasWithin {
  codes: string[];
  within: (inner: string, outer: string) => boolean;
}

export async function areasWithin(loaders: SourceLoaders, areaCode: string): Promise<AreasWithin> {
  const localities = LOCAL_AUTHORITY.test(areaCode)
    ? await loaders.hub.localitiesByPlace.load(areaCode)
    : [await loaders.hub.localityByCode.load(areaCode)].filter((l) => l !== null);
  const wards = await Promise.all(localities.map((l) => loaders.hub.wardsByLocality.load(l.id)));
  const parentOf = new Map<string, string>();
  localities.forEach((l, i) => {
    if (l.code !== areaCode) parentOf.set(l.code, areaCode);
    for (const w of wards[i]!) parentOf.set(w.ward_gss, l.code);
  });
  const within = (inner: string, outer: string): boolean => {
    for (let at = parentOf.get(inner); at !== undefined; at = parentOf.get(at)) if (at === outer) return true;
    return false;
  };
  return { codes: [...parentOf.keys()], within };
}

/**
 * The areas a partner's partnerships cover: their localities, those localities' wards, and
 * a place only when every locality of it is covered (else the place's total less the
 * covered localities would give back an uncovered one).
 */
async function coveredAreas(loaders: SourceLoaders, partnershipIds: string[]): Promise<Set<string>> {
  const localities = (await Promise.all(partnershipIds.map((id) => loaders.hub.localitiesByPartnership.load(id)))).flat();
  const covered = new Set(localities.map((l) => l.code));
  const wards = await Promise.all(localities.map((l) => loaders.hub.wardsByLocality.load(l.id)));
  for (const w of wards.flat()) covered.add(w.ward_gss);
  const places = [...new Set(localities.map((l) => l.placeGssCode))];
  const ofPlaces = await Promise.all(places.map((p) => loaders.hub.localitiesByPlace.load(p)));
  places.forEach((place, i) => {
    if (ofPlaces[i]!.every((l) => covered.has(l.code))) covered.add(place);
  });
  return covered;
}

/** The viewer a caller reads indicator values as (one per request: the coverage is read once). */
export function viewerOf(loaders: SourceLoaders, caller: Caller, threshold: number): Viewer {
  if (caller.role === 'ADMIN') return { threshold, seesRaw: async () => true };
  if (caller.role === 'PUBLIC') return { threshold, seesRaw: async () => false };
  let covered: Promise<Set<string>> | undefined;
  return {
    threshold,
    seesRaw: async (areaCode) => (await (covered ??= coveredAreas(loaders, caller.partnershipIds))).has(areaCode),
  };
}
