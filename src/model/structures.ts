import type { SourceLoaders } from '../loaders';
import type { StructureLinkRow, StructureRow } from '../sources/hub/structureLoaders';

/**
 * NHS and local-government structures over time. A row or link without dates (a source only
 * observed it) counts as in force at any date: the reference data cannot say otherwise, and
 * `observedOn` tells the reader so.
 */

interface Span {
  valid_from: string | null;
  valid_to: string | null;
}

export const today = (): string => new Date().toISOString().slice(0, 10);

export const inForce = (s: Span, asAt: string): boolean =>
  (s.valid_from === null || s.valid_from <= asAt) && (s.valid_to === null || asAt <= s.valid_to);

export const overlaps = (a: Span, b: Span): boolean =>
  (a.valid_from === null || b.valid_to === null || a.valid_from <= b.valid_to) &&
  (b.valid_from === null || a.valid_to === null || b.valid_from <= a.valid_to);

/**
 * When a link held: its own dates, or, where a source only observed it, the day observed, so
 * it belongs to the form each end had then (07G's 2018 NHS region is the CCG's, not the
 * sub-ICB location's). A link with neither holds throughout.
 */
export const spanOf = (l: StructureLinkRow): Span =>
  l.valid_from === null && l.valid_to === null && l.observed_on !== null ? { valid_from: l.observed_on, valid_to: l.observed_on } : l;

/** The form a code had while a link held (a board shares its council's code but is in no link). */
export async function endOf(loaders: SourceLoaders, code: string, link: StructureLinkRow): Promise<StructureRow> {
  const rows = (await loaders.hub.structuresByCode.load(code)).filter((r) => r.code === code && r.kind !== 'HEALTH_AND_WELLBEING_BOARD');
  const found = rows.filter((r) => overlaps(r, spanOf(link))).at(-1) ?? rows.at(-1);
  if (!found) throw new Error(`Structure link ${link.child_code} → ${link.parent_code} names ${code}, which is missing`);
  return found;
}

/** A link as seen from one end: the row, and the code at the other end. */
export interface StructureLinkModel {
  link: StructureLinkRow;
  otherCode: string;
}

export type Tier = 'UNITARY' | 'COUNTY' | 'DISTRICT';

/** What each tier does in England (two-tier areas split them; a unitary does both). */
const RESPONSIBILITIES: Record<'UPPER' | 'LOWER', string[]> = {
  UPPER: [
    'adult social care',
    "children's services",
    'public health',
    'education',
    'highways and transport',
    'libraries',
    'Health and Wellbeing Board',
    'Better Care Fund (with the NHS)',
  ],
  LOWER: ['housing', 'planning applications', 'waste collection', 'council tax collection', 'leisure and parks', 'environmental health'],
};

export interface LocalityCouncilModel {
  tier: Tier;
  council: StructureRow;
  responsibilities: string[];
}

const COUNCIL_KINDS = new Set(['UNITARY_AUTHORITY', 'COUNTY', 'DISTRICT']);

async function councilAt(loaders: SourceLoaders, gss: string, asAt: string): Promise<StructureRow | null> {
  const rows = (await loaders.hub.structuresByCode.load(gss)).filter((r) => r.code === gss && COUNCIL_KINDS.has(r.kind));
  const current = rows.find((r) => inForce(r, asAt));
  if (current) return current;
  // Abolished by then: its successor's (Purbeck District → Dorset Council in April 2019).
  const successor = (await loaders.hub.linksByChild.load(gss)).find((l) => l.relationship === 'REPLACED_BY' && inForce(l, asAt));
  return successor ? councilAt(loaders, successor.parent_code, asAt) : null;
}

/** The councils responsible for a place at a date: a unitary, or a district and its county. */
export async function councilsFor(loaders: SourceLoaders, placeGss: string, asAt: string): Promise<LocalityCouncilModel[]> {
  const council = await councilAt(loaders, placeGss, asAt);
  if (!council) return [];
  if (council.kind !== 'DISTRICT') {
    return [{ tier: 'UNITARY', council, responsibilities: [...RESPONSIBILITIES.UPPER, ...RESPONSIBILITIES.LOWER] }];
  }
  const countyLink = (await loaders.hub.linksByChild.load(council.code)).find((l) => l.relationship === 'IN_COUNTY' && inForce(l, asAt));
  const county = countyLink ? await councilAt(loaders, countyLink.parent_code, asAt) : null;
  return [
    { tier: 'DISTRICT', council, responsibilities: RESPONSIBILITIES.LOWER },
    ...(county ? [{ tier: 'COUNTY' as const, council: county, responsibilities: RESPONSIBILITIES.UPPER }] : []),
  ];
}

/** The Health and Wellbeing Board of the upper-tier council for a place at a date. */
export async function boardFor(loaders: SourceLoaders, placeGss: string, asAt: string): Promise<StructureRow | null> {
  const upper = (await councilsFor(loaders, placeGss, asAt)).find((c) => c.tier !== 'DISTRICT');
  if (!upper) return null;
  const rows = await loaders.hub.structuresByCode.load(upper.council.code);
  return rows.find((r) => r.kind === 'HEALTH_AND_WELLBEING_BOARD' && r.code === upper.council.code && inForce(r, asAt)) ?? null;
}
