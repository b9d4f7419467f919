import fc from 'fast-check';
import {
  comparePeriods,
  contains,
  parsePeriod,
  periodOfKind,
  previousOf,
  withinRange,
  type Period,
  type PeriodKind,
} from '../src/model/periods';

/** Any month, quarter or financial year between 2000/01 and 2039/40, as partners write them. */
const periodText = fc.oneof(
  fc.tuple(fc.integer({ min: 2000, max: 2039 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
  fc
    .tuple(fc.integer({ min: 2000, max: 2039 }), fc.integer({ min: 1, max: 4 }))
    .map(([y, q]) => `${y}/${String((y + 1) % 100).padStart(2, '0')} Q${q}`),
  fc.integer({ min: 2000, max: 2039 }).map((y) => `${y}/${String((y + 1) % 100).padStart(2, '0')}`),
);
const period = periodText.map((t) => parsePeriod(t)!);
const kind = fc.constantFrom<PeriodKind>('MONTH', 'QUARTER', 'YEAR');
const months = (p: Period): number[] => Array.from({ length: p.last - p.first + 1 }, (_, i) => p.first + i);

describe('the period algebra', () => {
  test('a period is 1, 3 or 12 whole months, and lies within its financial year', () => {
    fc.assert(
      fc.property(period, (p) => {
        expect(p.last - p.first + 1).toBe({ MONTH: 1, QUARTER: 3, YEAR: 12 }[p.kind]);
        expect(contains(parsePeriod(p.financialYear)!, p)).toBe(true);
      }),
    );
  });

  test('containment is month-wise inclusion: reflexive, antisymmetric and transitive', () => {
    fc.assert(
      fc.property(period, period, period, (a, b, c) => {
        expect(contains(a, a)).toBe(true);
        expect(contains(a, b)).toBe(months(b).every((m) => months(a).includes(m)));
        if (contains(a, b) && contains(b, a)) expect(a.text).toBe(b.text);
        if (contains(a, b) && contains(b, c)) expect(contains(a, c)).toBe(true);
      }),
    );
  });

  test('the period of a kind holding a month contains it, and each month has exactly one', () => {
    fc.assert(
      fc.property(period, kind, (p, k) => {
        const holder = periodOfKind(k, p.first);
        expect(holder.kind).toBe(k);
        expect(holder.first <= p.first && p.first <= holder.last).toBe(true);
        expect(parsePeriod(holder.text)).toEqual(holder);
      }),
    );
  });

  test('the previous period ends the month before, with no gap and no overlap', () => {
    fc.assert(
      fc.property(period, (p) => {
        const before = previousOf(p);
        expect(before.kind).toBe(p.kind);
        expect(before.last + 1).toBe(p.first);
      }),
    );
  });

  test('a range holds exactly the periods whose every month lies between the start of from and the end of to', () => {
    fc.assert(
      fc.property(period, period, period, (p, from, to) => {
        const expected = months(p).every((m) => m >= from.first && m <= to.last);
        expect(withinRange(p, from, to)).toBe(expected);
        expect(withinRange(p, from, null)).toBe(p.first >= from.first);
        expect(withinRange(p, null, to)).toBe(p.last <= to.last);
      }),
    );
  });

  test('ordering is by first month, then shorter first: a total sorts after the parts it starts with', () => {
    fc.assert(
      fc.property(period, period, (a, b) => {
        const order = comparePeriods(a.text, b.text);
        expect(Math.sign(order) + Math.sign(comparePeriods(b.text, a.text))).toBe(0);
        if (a.first < b.first) expect(order).toBeLessThan(0);
        if (a.first === b.first && a.last < b.last) expect(order).toBeLessThan(0);
      }),
    );
  });

  test.each([
    ['2017/18', '2017-04', '2018-03'],
    ['2017/18 Q1', '2017-04', '2017-06'],
    ['2017/18 Q4', '2018-01', '2018-03'],
    ['2018-02', '2018-02', '2018-02'],
  ])('%s runs from %s to %s', (text, start, end) => {
    expect(parsePeriod(text)).toMatchObject({ start, end });
  });

  test('what is not a period is refused', () => {
    for (const text of ['2017/19', '2017-13', '2017/18 Q5', '17/18', '2017/18Q1']) expect(parsePeriod(text)).toBeNull();
  });
});
