// Kaplan–Meier against the 6-MP leukaemia data (Gehan 1965; Freireich et al. 1963) whose KM
// curve is tabulated in survival textbooks (e.g. Kleinbaum & Klein, Survival Analysis, ch. 2),
// and hand-computed cases.
import { describe, expect, it } from 'vitest';
import { kaplanMeier, kaplanMeierMedian, kaplanMeierQuantile, type Observation } from '../../src/stats/kaplanMeier.js';
import { SeededRandom } from '../../src/stats/random.js';

/** "6*" means censored at 6. */
const parse = (s: string): Observation[] =>
  s.split(',').map((x) => (x.trim().endsWith('*') ? { time: Number(x.trim().slice(0, -1)), reached: false } : { time: Number(x), reached: true }));

// Shuffled on purpose: the estimator must sort.
const sixMP = parse('10*,6,32*,6,7,9*,6*,10,11*,13,16,17*,19*,20*,22,23,25*,6,32*,34*,35*');
const placebo = parse('1,1,2,2,3,4,4,5,5,8,8,8,8,11,11,12,12,15,17,22,23');

describe('kaplanMeier', () => {
  it('reproduces the 6-MP treatment-group curve (hand product-limit and textbook table)', () => {
    const km = kaplanMeier(sixMP);
    expect(km.times).toEqual([6, 7, 10, 13, 16, 22, 23]);
    // (at risk, events) at each event time: (21,3) (17,1) (15,1) (12,1) (11,1) (7,1) (6,1).
    const factors = [18 / 21, 16 / 17, 14 / 15, 11 / 12, 10 / 11, 6 / 7, 5 / 6];
    let s = 1;
    factors.forEach((f, j) => {
      s *= f;
      expect(km.survival[j]).toBeCloseTo(s, 14);
    });
    // The textbook table: 0.8571, 0.8067, 0.7529, 0.6902, 0.6275, 0.5378, 0.4482.
    [0.8571, 0.8067, 0.7529, 0.6902, 0.6275, 0.5378, 0.4482].forEach((v, j) => expect(km.survival[j]).toBeCloseTo(v, 4));
    expect(kaplanMeierMedian(sixMP)).toBe(23); // the textbook median remission time, 23 weeks
  });

  it('reduces to the empirical survival function without censoring (placebo group, median 8)', () => {
    const km = kaplanMeier(placebo);
    expect(km.times).toEqual([1, 2, 3, 4, 5, 8, 11, 12, 15, 17, 22, 23]);
    const remaining = [19, 17, 16, 14, 12, 8, 6, 4, 3, 2, 1, 0];
    remaining.forEach((r, j) => expect(km.survival[j]).toBeCloseTo(r / 21, 14));
    expect(kaplanMeierMedian(placebo)).toBe(8);
  });

  it('puts events before censorings at a tied time', () => {
    const obs: Observation[] = [
      { time: 2, reached: false },
      { time: 2, reached: true },
      { time: 3, reached: true },
    ];
    // At t = 2 all three are at risk (the censored one too): S = 2/3; at t = 3 one at risk: S = 0.
    const km = kaplanMeier(obs);
    expect(km.times).toEqual([2, 3]);
    expect(km.survival[0]).toBeCloseTo(2 / 3, 15);
    expect(km.survival[1]).toBe(0);
    expect(kaplanMeierMedian(obs)).toBe(3);
  });

  it('redistributes censored mass to the right', () => {
    // Censored at 1, then events at 2, 3, 4: S(2) = 2/3, S(3) = 1/3, S(4) = 0.
    const obs = parse('1*,2,3,4');
    expect(kaplanMeier(obs).survival).toEqual([2 / 3, (2 / 3) * (1 / 2), 0]);
    expect(kaplanMeierMedian(obs)).toBe(3);
  });

  it('takes S = 1/2 exactly as reached, despite rounding in the product', () => {
    // Ten events 1..10: S(5) = 9/10·8/9·7/8·6/7·5/6 = 1/2 exactly.
    const obs = parse('1,2,3,4,5,6,7,8,9,10');
    expect(kaplanMeierMedian(obs)).toBe(5);
    expect(kaplanMeierMedian(parse('1,2,3,4'))).toBe(2);
    // 7 of 14 reached, 7 censored after them: S stops at exactly 1/2.
    expect(kaplanMeierMedian(parse('1,2,3,4,5,6,7,9*,9*,9*,9*,9*,9*,9*'))).toBe(7);
    // 15 runs: events at 1..6 (S = 9/15), censorings at 7, 8, 9, then an event with 6 at risk:
    // S(10) = 3/5·5/6 = 1/2 exactly, while the floating product is 0.5000000000000001.
    const tricky = parse('1,2,3,4,5,6,7*,8*,9*,10,11*,12*,13*,14*,15*');
    expect(kaplanMeier(tricky).survival[6]).toBeGreaterThan(0.5);
    expect(kaplanMeierMedian(tricky)).toBe(10);
  });

  it('is null when more than half is censored, and handles empty input', () => {
    expect(kaplanMeierMedian(parse('1,5*,5*'))).toBeNull(); // S = 2/3 and then no more events
    expect(kaplanMeierMedian(parse('3*,4*'))).toBeNull();
    expect(kaplanMeierMedian([])).toBeNull();
    expect(kaplanMeier([])).toEqual({ times: [], survival: [] });
    // One event of three before a censoring at a later time: S = 2/3 > 1/2.
    expect(kaplanMeierMedian(parse('2,4*,6*'))).toBeNull();
  });

  it('equals the ⌈n/2⌉-th order statistic when nothing is censored', () => {
    const r = new SeededRandom(5);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + r.integer(30);
      const times = Array.from({ length: n }, () => 1 + r.integer(20)); // many ties
      const sorted = [...times].sort((a, b) => a - b);
      expect(kaplanMeierMedian(times.map((time) => ({ time, reached: true })))).toBe(sorted[Math.ceil(n / 2) - 1]);
    }
  });

  it('rejects non-finite times', () => {
    expect(() => kaplanMeier([{ time: NaN, reached: true }])).toThrow(RangeError);
    expect(() => kaplanMeierMedian([{ time: Infinity, reached: false }])).toThrow(RangeError);
  });

  it('quantiles: the order statistic x_(⌈q·n⌉) without censoring, S = 1 − q exactly as reached', () => {
    const eight = parse('1,2,3,4,5,6,7,8');
    expect([0.25, 0.5, 0.75, 0.1, 0.9].map((q) => kaplanMeierQuantile(eight, q))).toEqual([2, 4, 6, 1, 8]);
    // 24 runs: 1 event at 1, 5 at 2, 18 censored at 3: S(2) = 23/24·18/23 = 3/4 exactly, while the
    // floating product is 0.7500000000000001; so the lower quartile is 2, and the upper is never reached.
    const tie = parse(`1,2,2,2,2,2,${Array(18).fill('3*').join(',')}`);
    expect(kaplanMeier(tie).survival[1]).toBeGreaterThan(0.75);
    expect(kaplanMeierQuantile(tie, 0.25)).toBe(2);
    expect(kaplanMeierQuantile(tie, 0.75)).toBeNull();
    expect(() => kaplanMeierQuantile(eight, 1)).toThrow(RangeError);
  });

  it('quantiles at decimals that are not binary: q = 0.3 is 3/10, so a tie with 7/10 counts', () => {
    // ten events 1..10: S(k) = (10 − k)/10, so S(3) = 7/10 = 1 − 0.3 and S(9) = 1/10 = 1 − 0.9 exactly;
    // ⌈0.3·10⌉ = 3, ⌈0.9·10⌉ = 9, ⌈0.3·100⌉ = 30, ⌈0.7·20⌉ = 14
    const ten = parse('1,2,3,4,5,6,7,8,9,10');
    expect([0.3, 0.9, 0.7, 0.1].map((q) => kaplanMeierQuantile(ten, q))).toEqual([3, 9, 7, 1]);
    const hundred = parse(Array.from({ length: 100 }, (_, i) => String(i + 1)).join(','));
    expect(kaplanMeierQuantile(hundred, 0.3)).toBe(30);
    const twenty = parse(Array.from({ length: 20 }, (_, i) => String(i + 1)).join(','));
    expect(kaplanMeierQuantile(twenty, 0.7)).toBe(14);
  });
});
