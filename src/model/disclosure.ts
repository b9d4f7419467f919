import { contains, type Period } from './periods';

/**
 * Small-number disclosure control for indicators that count people: the one place the hub
 * decides which published numbers would identify a handful of people.
 *
 * Primary: every count of people a reader can read or derive from a value is tested against
 * the threshold: the numerator, the denominator, the complement (denominator − numerator:
 * 7 of 8 says 1 person is in the other group), and, where the source gives no numerator, the
 * count the value implies (a percentage × its denominator, or the value itself when it is a
 * count). A count of 1 to threshold − 1 is withheld; zero is not a small group of people.
 *
 * Secondary: counts add up, so a withheld cell could be recovered by subtracting the others
 * from a published total: a quarter from its year and the other quarters, a locality from its
 * place and the other localities. A cell is therefore also withheld when any cell it
 * contains (a shorter period of the same area, or the same period of an area within it) is
 * withheld. Cells inside a withheld total are withheld by their own counts already, since a
 * part of a small count (or of a small complement) is no larger than the whole. And a total
 * whose parts are not all in the table is withheld when it less the published parts leaves a
 * small count: that remainder is the parts not reported, as readable as any other.
 *
 * Rounding (per indicator, e.g. to the nearest 5) applies to the published counts, and a
 * value computed from counts is recomputed from the rounded ones so it gives nothing back.
 */

export interface DisclosureRule {
  threshold: number;
  /** Published counts are rounded to a multiple of this; null: exact. */
  roundingBase: number | null;
}

export interface Cell {
  areaCode: string;
  period: Period;
  value: string | null;
  numerator: number | null;
  denominator: number | null;
}

export interface Published {
  value: string | null;
  numerator: number | null;
  denominator: number | null;
}

const isSmall = (count: number, rule: DisclosureRule): boolean => count > 0 && count < rule.threshold;

/** Percentages scale a count by 100; other rates are read as a count per one. */
export const scaleOf = (unit: string): number => (/percent|%/i.test(unit) ? 100 : 1);

/** Each count of people a reader can read or derive from the cell, named. */
export function countsIn(cell: Cell, unit: string): { name: string; count: number }[] {
  const counts: { name: string; count: number }[] = [];
  const { numerator, denominator, value } = cell;
  if (numerator !== null) counts.push({ name: 'numerator', count: numerator });
  if (denominator !== null) counts.push({ name: 'denominator', count: denominator });
  if (numerator !== null && denominator !== null) counts.push({ name: 'complement', count: denominator - numerator });
  if (numerator === null && value !== null) {
    const implied = denominator === null ? Number(value) : Math.round((Number(value) * denominator) / scaleOf(unit));
    counts.push({ name: denominator === null ? 'value' : 'value × denominator', count: implied });
    if (denominator !== null) counts.push({ name: 'complement', count: denominator - implied });
  }
  return counts;
}

/** Why the cell is withheld on its own counts, or null. */
export function primaryReason(cell: Cell, unit: string, rule: DisclosureRule): string | null {
  const small = countsIn(cell, unit).find((c) => isSmall(c.count, rule));
  return small ? `Withheld: the ${small.name} counts fewer than ${rule.threshold} people.` : null;
}

/** Counts that add up across parts: numerator and denominator, or a value that is itself a count. */
function additiveCounts(cell: Cell, unit: string): { name: string; count: number }[] | null {
  if (cell.numerator !== null && cell.denominator !== null)
    return [
      { name: 'numerator', count: cell.numerator },
      { name: 'denominator', count: cell.denominator },
    ];
  if (cell.numerator === null && cell.denominator === null && cell.value !== null && scaleOf(unit) === 1)
    return [{ name: 'value', count: Number(cell.value) }];
  return null;
}

/**
 * The ways a total splits into parts the table holds: the same area over shorter periods of
 * one kind (a year's quarters, or its months), and the same period over the areas within it
 * that no other of them holds (a place's localities, not also their wards).
 */
function partitionsOf(outer: Cell, cells: readonly Cell[], within: (inner: string, outer: string) => boolean): Cell[][] {
  const byKind = new Map<string, Cell[]>();
  const areas: Cell[] = [];
  for (const c of cells) {
    if (c.areaCode === outer.areaCode && c.period.kind !== outer.period.kind && contains(outer.period, c.period))
      byKind.set(c.period.kind, [...(byKind.get(c.period.kind) ?? []), c]);
    else if (c.period.text === outer.period.text && within(c.areaCode, outer.areaCode)) areas.push(c);
  }
  const top = areas.filter((c) => !areas.some((other) => other !== c && within(c.areaCode, other.areaCode)));
  return [...byKind.values(), ...(top.length > 0 ? [top] : [])];
}

/**
 * Why a total would give back a small count: less its parts in the table (all published, or
 * it would be withheld already) it leaves the parts not in the table (a quarter a source did
 * not report, a locality outside the demo), and that remainder is a count too.
 */
function residualReason(outer: Cell, partitions: Cell[][], unit: string, rule: DisclosureRule): string | null {
  const totals = additiveCounts(outer, unit);
  if (!totals) return null;
  for (const parts of partitions) {
    const partCounts = parts.map((p) => additiveCounts(p, unit));
    if (partCounts.some((c) => c === null)) continue;
    const rest = totals.map((t, i) => ({ name: t.name, count: t.count - partCounts.reduce((sum, c) => sum + c![i]!.count, 0) }));
    if (rest.length === 2) rest.push({ name: 'complement', count: rest[1]!.count - rest[0]!.count });
    const small = rest.find((r) => isSmall(r.count, rule));
    if (small) {
      return `Withheld: less its published parts it would give the ${small.name} of the parts not reported, fewer than ${rule.threshold} people.`;
    }
  }
  return null;
}

/**
 * Which cells are withheld, and why, keyed by `cellKey`. `within(inner, outer)` says whether
 * one area lies inside another (a locality in its place, a ward in its locality). Withholding
 * a total can expose a larger one, so the secondary rules run until nothing changes.
 */
export function withheldCells(
  cells: readonly Cell[],
  unit: string,
  rule: DisclosureRule,
  within: (innerArea: string, outerArea: string) => boolean,
): Map<string, string> {
  const withheld = new Map<string, string>();
  for (const cell of cells) {
    const reason = primaryReason(cell, unit, rule);
    if (reason) withheld.set(cellKey(cell), reason);
  }
  const holds = (outer: Cell, inner: Cell) =>
    inner !== outer &&
    (inner.areaCode === outer.areaCode || within(inner.areaCode, outer.areaCode)) &&
    contains(outer.period, inner.period);
  const inside = new Map(cells.map((outer) => [outer, cells.filter((inner) => holds(outer, inner))]));
  for (let changed = true; changed;) {
    changed = false;
    for (const outer of cells) {
      if (withheld.has(cellKey(outer))) continue;
      const hidden = inside.get(outer)!.find((inner) => withheld.has(cellKey(inner)));
      const reason = hidden
        ? `Withheld: it would let a withheld value (${hidden.areaCode} ${hidden.period.text}) be recovered by subtraction.`
        : residualReason(outer, partitionsOf(outer, inside.get(outer)!, within), unit, rule);
      if (reason) {
        withheld.set(cellKey(outer), reason);
        changed = true;
      }
    }
  }
  return withheld;
}

export const cellKey = (c: { areaCode: string; period: Period }): string => `${c.areaCode}|${c.period.text}`;

const roundTo = (n: number, base: number): number => Math.round(n / base) * base;

/** The numbers of a cell that is not withheld, rounded where the indicator says so. */
export function publish(cell: Cell, unit: string, rule: DisclosureRule): Published {
  if (rule.roundingBase === null) return { value: cell.value, numerator: cell.numerator, denominator: cell.denominator };
  const base = rule.roundingBase;
  const numerator = cell.numerator === null ? null : roundTo(cell.numerator, base);
  const denominator = cell.denominator === null ? null : roundTo(cell.denominator, base);
  if (cell.value === null) return { value: null, numerator, denominator };
  if (numerator !== null && denominator !== null) {
    if (denominator === 0) return { value: null, numerator, denominator };
    const places = cell.value.includes('.') ? cell.value.split('.')[1]!.length : 0;
    return { value: ((numerator * scaleOf(unit)) / denominator).toFixed(places), numerator, denominator };
  }
  // A value that is itself a count is rounded like one; a rate without its counts is kept.
  const isCount = cell.numerator === null && cell.denominator === null;
  return { value: isCount ? String(roundTo(Number(cell.value), base)) : cell.value, numerator, denominator };
}

/** Who reads what unsuppressed: the public nothing, a partner the areas its partnerships cover, an administrator all. */
export interface Viewer {
  seesRaw(areaCode: string): Promise<boolean>;
  /** The hub's threshold, for indicators that set none of their own. */
  threshold: number;
}

export const ruleFor = (
  indicator: { suppressionThreshold: number | null; roundingBase: number | null },
  viewer: Viewer,
): DisclosureRule => ({
  threshold: indicator.suppressionThreshold ?? viewer.threshold,
  roundingBase: indicator.roundingBase,
});
