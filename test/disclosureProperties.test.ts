import fc from 'fast-check';
import { withheldCells, publish, type Cell, type DisclosureRule } from '../src/model/disclosure';
import { parsePeriod } from '../src/model/periods';

/**
 * The disclosure boundary as properties of the rule itself, over generated tables: a place of
 * localities by quarter and year, people counted out of a population. Whatever the counts,
 * threshold − 1 is withheld, the threshold and zero are published, and no published total less
 * the published parts of it gives back a count of 1 to threshold − 1.
 */

const QUARTERS = ['2018/19 Q1', '2018/19 Q2', '2018/19 Q3', '2018/19 Q4'];
const YEAR = '2018/19';
const PLACE = 'PLACE';
const unit = 'people';

const cellOf = (areaCode: string, period: string, numerator: number, denominator: number): Cell => ({
  areaCode,
  period: parsePeriod(period)!,
  value: String(numerator),
  numerator,
  denominator,
});

const withinPlace = (inner: string, outer: string) => outer === PLACE && inner !== PLACE;

describe('one cell against the threshold', () => {
  const rule = (threshold: number): DisclosureRule => ({ threshold, roundingBase: null });
  const alone = (n: number, d: number, threshold: number) =>
    withheldCells([cellOf('A', QUARTERS[0]!, n, d)], unit, rule(threshold), () => false).size === 1;

  test('threshold − 1 is withheld, the threshold is published, zero is published', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 20 }), fc.integer({ min: 0, max: 1000 }), (threshold, spare) => {
        const d = 2 * threshold + spare; // the complement is never small
        expect(alone(threshold - 1, d, threshold)).toBe(true);
        expect(alone(threshold, d, threshold)).toBe(false);
        expect(alone(0, d, threshold)).toBe(false);
        // All of them: the complement is zero, which is no small group either.
        expect(alone(d, d, threshold)).toBe(false);
      }),
    );
  });

  test('a zero count keeps its value when published, rounded or not', () => {
    fc.assert(
      fc.property(fc.constantFrom(null, 5, 10), fc.integer({ min: 10, max: 1000 }), (roundingBase, d) => {
        const shown = publish(cellOf('A', QUARTERS[0]!, 0, d), unit, { threshold: 5, roundingBase });
        expect(shown.numerator).toBe(0);
        expect(Number(shown.value)).toBe(0);
      }),
    );
  });
});

/** Counts of people (numerator of denominator) for localities by quarter; the year and place are sums. */
const table = fc.integer({ min: 1, max: 3 }).chain((localities) =>
  fc.record({
    threshold: fc.integer({ min: 2, max: 10 }),
    counts: fc.array(
      fc.array(
        fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 60 })).map(([n, extra]) => [n, n + extra] as const),
        { minLength: 4, maxLength: 4 },
      ),
      { minLength: localities, maxLength: localities },
    ),
    // Cells a source does not report: a part missing from a total is not published either.
    missing: fc.array(fc.boolean(), { minLength: 4 * localities, maxLength: 4 * localities }),
  }),
);

test('no published total less its published parts reveals a small count', () => {
  fc.assert(
    fc.property(table, ({ threshold, counts, missing }) => {
      const cells: Cell[] = [];
      const sum = (pairs: (readonly [number, number])[]) => pairs.reduce(([n, d], [pn, pd]) => [n + pn, d + pd] as const, [0, 0] as const);
      counts.forEach((quarters, l) => {
        quarters.forEach(([n, d], q) => {
          if (!missing[l * 4 + q]) cells.push(cellOf(`L${l}`, QUARTERS[q]!, n, d));
        });
        cells.push(cellOf(`L${l}`, YEAR, ...sum(quarters)));
      });
      QUARTERS.forEach((quarter, q) => cells.push(cellOf(PLACE, quarter, ...sum(counts.map((l) => l[q]!)))));
      cells.push(cellOf(PLACE, YEAR, ...sum(counts.flat())));

      const withheld = withheldCells(cells, unit, { threshold, roundingBase: null }, withinPlace);
      const published = cells.filter((c) => !withheld.has(`${c.areaCode}|${c.period.text}`));
      const small = (count: number) => count > 0 && count < threshold;
      for (const total of published) {
        // Its parts one level down, over areas (same period) and over periods (same area).
        const partitions = [
          published.filter((c) => c.period.text === total.period.text && withinPlace(c.areaCode, total.areaCode)),
          published.filter((c) => c.areaCode === total.areaCode && c.period.kind === 'QUARTER' && total.period.kind === 'YEAR'),
        ];
        for (const parts of partitions) {
          if (parts.length === 0) continue;
          const n = total.numerator! - parts.reduce((s, c) => s + c.numerator!, 0);
          const d = total.denominator! - parts.reduce((s, c) => s + c.denominator!, 0);
          expect({ total: `${total.areaCode} ${total.period.text}`, small: [n, d, d - n].some(small) }).toEqual({
            total: `${total.areaCode} ${total.period.text}`,
            small: false,
          });
        }
      }
    }),
    { numRuns: 300 },
  );
});
