import type { SourceLoaders } from '../loaders';
import { partnershipsReadable, type Caller } from '../auth/caller';
import type { Viewer } from './disclosure';

/**
 * Areas inside areas, as the hub's registry knows them: a locality's wards, a place's (local
 * authority's) localities and their wards. Disclosure control uses it to see which published
 * totals hold a withheld cell, and which areas a partner's partnerships cover.
 */

const LOCAL_AUTHORITY = /^E0[6-9]\d{6}$/;
const COUNTY = /^E10\d{6}$/;
const PCN = /^U\d{5}$/;
/** ODS codes of NHS bodies (07G, QH8) and their GSS codes (E38…, E54…); not a locality's code or a ward's. */
const NHS_CODE = /^(?!E05)[A-Z0-9]{3,9}$/;

const NHS_PARTS: Record<string, readonly string[]> = {
  SUB_ICB_LOCATION: ['PART_OF_SUB_ICB_LOCATION', 'PART_OF_CCG'],
  CCG: ['PART_OF_SUB_ICB_LOCATION', 'PART_OF_CCG'],
  ICB: ['PART_OF_ICB', 'PART_OF_STP'],
  STP: ['PART_OF_ICB', 'PART_OF_STP'],
};

/**
 * The areas an area's totals are made of, one level down the hierarchies: a district's or
 * unitary's localities; a county's (and so its Health and Wellbeing Board's) districts; a
 * PCN's localities (the demo's localities stand in for PCNs); a sub-ICB location's (or
 * CCG's) PCNs; an ICB's (or STP's) sub-ICB locations. Membership is as the reference data
 * records it, whatever its dates: the PCN map is of January 2022, and PCNs began in July
 * 2019, so earlier periods are summed over today's membership. Empty for a locality, a
 * ward or a code the hub does not know. A member the hub knows nothing else of (a sub-ICB
 * location or a district outside the demo's areas) is still a part: it has no values, so no
 * total is made without it.
 */
export async function partsOf(loaders: SourceLoaders, areaCode: string): Promise<string[]> {
  if (LOCAL_AUTHORITY.test(areaCode)) return (await loaders.hub.localitiesByPlace.load(areaCode)).map((l) => l.code);
  if (PCN.test(areaCode)) return (await loaders.hub.localitiesByPcn.load(areaCode)).map((l) => l.code);
  if (!COUNTY.test(areaCode) && !NHS_CODE.test(areaCode)) return [];
  const relationships = COUNTY.test(areaCode)
    ? ['IN_COUNTY']
    : (await loaders.hub.structuresByCode.load(areaCode)).filter((r) => r.code === areaCode).flatMap((r) => NHS_PARTS[r.kind] ?? []);
  if (relationships.length === 0) return [];
  const links = await loaders.hub.linksByParent.load(areaCode);
  return [...new Set(links.filter((l) => relationships.includes(l.relationship)).map((l) => l.child_code))];
}

export interface AreasWithin {
  codes: string[];
  within: (inner: string, outer: string) => boolean;
}

/** Every area inside one, down to wards, and which holds which (for disclosure control). */
export async function areasWithin(loaders: SourceLoaders, areaCode: string): Promise<AreasWithin> {
  const parentOf = new Map<string, string>();
  let level = [areaCode];
  // Hierarchies are a few levels deep (ICB → sub-ICB → PCN → locality → ward); the bound
  // stops a cycle in the registry's links from running on.
  for (let depth = 0; level.length > 0 && depth < 8; depth += 1) {
    const partsOfLevel = await Promise.all(level.map((code) => partsOf(loaders, code)));
    const localities = await Promise.all(level.map((code) => loaders.hub.localityByCode.load(code)));
    const wards = await Promise.all(localities.map((l) => (l ? loaders.hub.wardsByLocality.load(l.id) : [])));
    const next: string[] = [];
    level.forEach((code, i) => {
      for (const part of partsOfLevel[i]!) {
        if (part === areaCode || parentOf.has(part)) continue;
        parentOf.set(part, code);
        next.push(part);
      }
      for (const w of wards[i]!) if (!parentOf.has(w.ward_gss)) parentOf.set(w.ward_gss, code);
    });
    level = next;
  }
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
    seesRaw: async (areaCode) =>
      coversWhole(
        loaders,
        await (covered ??= coveredAreas(loaders, [...(partnershipsReadable(caller, 'SMALL_NUMBERS') ?? [])])),
        areaCode,
        0,
      ),
  };
}

/**
 * Whether a partner's areas cover an area whole: it is one of them, or every part of it is
 * covered (an ICB only when each of its sub-ICB locations is, down to the localities), so no
 * exact total less the covered parts gives back an uncovered one.
 */
async function coversWhole(loaders: SourceLoaders, covered: Set<string>, areaCode: string, depth: number): Promise<boolean> {
  if (covered.has(areaCode)) return true;
  if (depth >= 8) return false;
  const parts = await partsOf(loaders, areaCode);
  if (parts.length === 0) return false;
  const each = await Promise.all(parts.map((p) => coversWhole(loaders, covered, p, depth + 1)));
  return each.every(Boolean);
}
