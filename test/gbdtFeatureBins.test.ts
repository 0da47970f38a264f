import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binOf, binTrainingColumns, computeCuts, thresholdBetween } from '../src/train/gbdt/featureBins.js';
import { createPrng, permutation } from '../src/train/gbdt/prng.js';

const float32 = fc.float({ noNaN: true, noDefaultInfinity: false });

describe('thresholdBetween', () => {
  it('separates any two distinct float32 values in float32: a < t <= b', () => {
    fc.assert(
      fc.property(float32, float32, (x, y) => {
        fc.pre(x !== y);
        const [a, b] = x < y ? [x, y] : [y, x];
        const t = thresholdBetween(a, b);
        expect(Math.fround(t)).toBe(t);
        expect(a < t && t <= b).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('falls back to the upper value for adjacent float32 values', () => {
    const a = 1;
    const b = Math.fround(1 + 2 ** -23);
    expect(thresholdBetween(a, b)).toBe(b);
  });
});

describe('computeCuts and binOf', () => {
  it('keeps one bin per distinct value when there are at most maxBins of them', () => {
    const col = Float32Array.from([3, 1, 2, 2, Number.NaN, 1]);
    const cuts = computeCuts(col, new Float64Array(col.length).fill(1), 256);
    expect([...cuts]).toEqual([1.5, 2.5]);
    expect([...col].map((x) => binOf(x, cuts, 9))).toEqual([2, 0, 1, 1, 9, 0]);
  });

  it('never makes more than maxBins bins, and bins are roughly equal in count', () => {
    const n = 10_000;
    const prng = createPrng(7);
    const col = Float32Array.from({ length: n }, () => prng.next());
    const cuts = computeCuts(col, new Float64Array(n).fill(1), 16);
    expect(cuts.length).toBeLessThanOrEqual(15);
    const counts = new Array<number>(cuts.length + 1).fill(0);
    for (const x of col) counts[binOf(x, cuts, 99)]! += 1;
    for (const c of counts) expect(Math.abs(c - n / 16)).toBeLessThan(n / 16 / 4);
  });

  it('bin <= b holds exactly when x < cuts[b] in float32 (the split the runtime will make)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 2, maxLength: 300 }),
        fc.integer({ min: 2, max: 40 }),
        (values, maxBins) => {
          const col = Float32Array.from(values);
          const cuts = computeCuts(col, new Float64Array(col.length).fill(1), maxBins);
          expect(cuts.length).toBeLessThan(maxBins);
          for (const x of col) {
            const bin = binOf(x, cuts, 1000);
            for (let b = 0; b < cuts.length; b++) expect(bin <= b).toBe(x < cuts[b]!);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('weighted quantiles follow the weights, not the row count', () => {
    // 100 rows of 0 with weight 1 and 100 rows of 1..100 with weight 0.01: the heavy value owns a bin.
    const col = Float32Array.from([...new Array<number>(100).fill(0), ...Array.from({ length: 100 }, (_, i) => i + 1)]);
    const w = Float64Array.from([...new Array<number>(100).fill(1), ...new Array<number>(100).fill(0.01)]);
    const cuts = computeCuts(col, w, 4);
    expect(cuts.length).toBe(1);
    expect(cuts[0]).toBe(0.5);
  });

  it('gives missing values the shared bin one past every value bin', () => {
    const m = binTrainingColumns([Float32Array.from([1, 2, Number.NaN]), Float32Array.from([5, 5, 5])], new Float64Array(3).fill(1), 256);
    expect(m.missingBin).toBe(2);
    expect([...m.bins]).toEqual([0, 0, 1, 0, 2, 0]);
  });
});

describe('prng', () => {
  it('is a pure function of the seed', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const a = createPrng(seed);
        const b = createPrng(seed);
        for (let i = 0; i < 20; i++) {
          const x = a.next();
          expect(x).toBe(b.next());
          expect(x >= 0 && x < 1).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('permutation is a permutation', () => {
    const p = permutation(50, createPrng(3));
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
