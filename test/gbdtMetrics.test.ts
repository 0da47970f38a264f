import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CreditliftError } from '../src/errors/index.js';
import { auc, brier, calibrationTable, ks, logLoss, psi } from '../src/train/gbdt/metrics.js';

describe('auc', () => {
  it('matches hand-computed values, ties counting one half', () => {
    expect(auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
    expect(auc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9])).toBe(0.875);
    expect(auc([0, 1], [0.3, 0.3])).toBe(0.5);
  });

  it('weights count like repeated rows', () => {
    expect(auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], [1, 2, 1, 1])).toBeCloseTo(auc([0, 0, 0, 1, 1], [0.1, 0.4, 0.4, 0.35, 0.8]), 12);
  });

  it('is unchanged by any strictly increasing transform of the scores, and flips under negation', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom(0, 1),
            fc.integer({ min: -500, max: 500 }).map((i) => i / 100),
          ),
          { minLength: 2, maxLength: 60 },
        ),
        (rows) => {
          const labels = rows.map((r) => r[0]);
          fc.pre(labels.includes(0) && labels.includes(1));
          const scores = rows.map((r) => r[1]);
          const a = auc(labels, scores);
          expect(a).toBeGreaterThanOrEqual(0);
          expect(a).toBeLessThanOrEqual(1);
          expect(
            auc(
              labels,
              scores.map((s) => Math.exp(s)),
            ),
          ).toBeCloseTo(a, 12);
          expect(
            auc(
              labels,
              scores.map((s) => -s),
            ),
          ).toBeCloseTo(1 - a, 12);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('throws data_invalid with a single class or mismatched lengths', () => {
    expect(() => auc([1, 1], [0.2, 0.3])).toThrow(CreditliftError);
    expect(() => auc([0, 1], [0.2])).toThrow(/labels/);
    expect(() => auc([0, 2], [0.2, 0.1])).toThrow(/not 0 or 1/);
  });
});

describe('ks', () => {
  it('matches a hand-computed value', () => {
    expect(ks([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.5);
    expect(ks([0, 1], [0.1, 0.9])).toBe(1);
    expect(ks([0, 1], [0.5, 0.5])).toBe(0);
  });

  it('lies in [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 2, maxLength: 60 }), (rows) => {
        const labels = rows.map((r) => r[0]);
        fc.pre(labels.includes(0) && labels.includes(1));
        const k = ks(
          labels,
          rows.map((r) => r[1]),
        );
        expect(k).toBeGreaterThanOrEqual(0);
        expect(k).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('brier and logLoss', () => {
  it('match hand-computed values', () => {
    expect(brier([0, 1], [0.2, 0.6])).toBeCloseTo(0.1, 15);
    expect(brier([0, 1], [0.2, 0.6], [3, 1])).toBeCloseTo(0.07, 15);
    expect(logLoss([0, 1], [0.2, 0.6])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 15);
  });

  it('a confident miss gives a large but finite log-loss', () => {
    const l = logLoss([1], [0]);
    expect(Number.isFinite(l)).toBe(true);
    expect(l).toBeGreaterThan(30);
  });

  it('perfect predictions score zero Brier', () => {
    expect(brier([0, 1, 1], [0, 1, 1])).toBe(0);
  });
});

describe('calibrationTable', () => {
  it('cuts rows sorted by prediction into equal-count groups', () => {
    const p = [0.9, 0.1, 0.2, 0.8, 0.3, 0.7, 0.4, 0.6, 0.5, 1.0];
    const y = [1, 0, 0, 1, 0, 1, 1, 0, 0, 1];
    const t = calibrationTable(y, p, 2);
    expect(t).toHaveLength(2);
    expect(t[0]).toMatchObject({ bin: 1, count: 5, minPredicted: 0.1, maxPredicted: 0.5, observedRate: 0.2 });
    expect(t[0]!.meanPredicted).toBeCloseTo(0.3, 15);
    expect(t[1]).toMatchObject({ bin: 2, count: 5, minPredicted: 0.6, maxPredicted: 1.0, observedRate: 0.8 });
  });

  it('deciles by default, and every row lands in exactly one group', () => {
    const p = Array.from({ length: 95 }, (_, i) => ((i * 37) % 95) / 95);
    const y = p.map((x) => (x > 0.5 ? 1 : 0));
    const t = calibrationTable(y, p);
    expect(t).toHaveLength(10);
    expect(t.reduce((s, b) => s + b.count, 0)).toBe(95);
  });
});

describe('psi', () => {
  it('matches a hand-computed value', () => {
    const expected = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const actual = [1, 1, 1, 1, 1, 1, 1, 1, 10, 10];
    // Edge at 6: expected 50/50, actual 80/20.
    const want = 0.3 * Math.log(0.8 / 0.5) + -0.3 * Math.log(0.2 / 0.5);
    expect(psi(expected, actual, 2)).toBeCloseTo(want, 12);
  });

  it('is zero for identical samples and never negative', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 80 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 80 }),
        (a, b) => {
          expect(psi(a, a)).toBe(0);
          expect(psi(a, b)).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stays finite when a bin is empty', () => {
    expect(Number.isFinite(psi([1, 2, 3, 4], [1, 1, 1, 1], 4))).toBe(true);
  });

  it('refuses an infinite score in either sample, naming it (Infinity was binned into the top decile)', () => {
    expect(() => psi([1, 2, Number.POSITIVE_INFINITY], [1, 2])).toThrow(/expected score at row 2 is not a finite number/);
    expect(() => psi([1, 2], [Number.NEGATIVE_INFINITY])).toThrow(/actual score at row 0 is not a finite number/);
  });
});
