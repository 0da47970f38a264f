import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPrng, weighted } from '../src/train/synthetic/prng.js';

const seedArb = fc.nat({ max: Number.MAX_SAFE_INTEGER });

describe('createPrng', () => {
  it("refuses a seed or stream that is not a non-negative safe integer, naming it ('x' gave the generator of seed 0)", () => {
    for (const bad of ['x', 1.5, -1, Number.NaN, 2 ** 53, null, {}]) {
      expect(() => createPrng(bad as never)).toThrow(
        expect.objectContaining({ code: 'validation_failed', issues: [expect.objectContaining({ path: ['seed'] })] }),
      );
      expect(() => createPrng(7, bad as never)).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ path: ['stream'] })] }));
    }
    expect(createPrng(7).nextUint32()).toBe(createPrng(7, 0).nextUint32());
  });

  it('same seed and stream give the same sequence', () => {
    fc.assert(
      fc.property(seedArb, fc.nat(), (seed, stream) => {
        const a = createPrng(seed, stream);
        const b = createPrng(seed, stream);
        for (let i = 0; i < 20; i += 1) expect(a.nextUint32()).toBe(b.nextUint32());
      }),
      { numRuns: 100 },
    );
  });

  it('neighbouring streams give different sequences', () => {
    fc.assert(
      fc.property(seedArb, fc.nat({ max: 1_000_000 }), (seed, stream) => {
        const a = createPrng(seed, stream);
        const b = createPrng(seed, stream + 1);
        const xs = Array.from({ length: 4 }, () => a.nextUint32());
        const ys = Array.from({ length: 4 }, () => b.nextUint32());
        expect(xs).not.toEqual(ys);
      }),
      { numRuns: 100 },
    );
  });

  it('next() stays in [0, 1) and int(lo, hi) stays within its inclusive bounds', () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: -1000, max: 1000 }), fc.nat({ max: 1000 }), (seed, lo, width) => {
        const prng = createPrng(seed);
        for (let i = 0; i < 50; i += 1) {
          const u = prng.next();
          expect(u).toBeGreaterThanOrEqual(0);
          expect(u).toBeLessThan(1);
          const k = prng.int(lo, lo + width);
          expect(Number.isInteger(k)).toBe(true);
          expect(k).toBeGreaterThanOrEqual(lo);
          expect(k).toBeLessThanOrEqual(lo + width);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('weighted draws only ever return values with positive weight', () => {
    fc.assert(
      fc.property(
        seedArb,
        fc.array(fc.tuple(fc.string(), fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 10, noNaN: true }))), { minLength: 1, maxLength: 8 }),
        (seed, pairs) => {
          fc.pre(pairs.some(([, w]) => w > 0));
          const table = weighted(pairs);
          const allowed = new Set(pairs.filter(([, w]) => w > 0).map(([v]) => v));
          const prng = createPrng(seed);
          for (let i = 0; i < 30; i += 1) expect(allowed.has(prng.pick(table))).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('the uniform mean is close to one half over many draws', () => {
    const prng = createPrng(123);
    let sum = 0;
    for (let i = 0; i < 100_000; i += 1) sum += prng.next();
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });
});
