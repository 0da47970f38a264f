import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addProduct, addUnits, emptyExactSum, exactTotal, fromUnits, RATE_UNITS, toUnits } from '../../src/common/exactSum.js';

describe('exact sums', () => {
  it('law: the total of whole units and products is the BigInt sum, in any order, past 2^53 too', () => {
    const term = fc.oneof(
      fc.record({ a: fc.integer({ min: -(2 ** 31), max: 2 ** 31 }), b: fc.integer({ min: 0, max: 2 ** 40 }) }),
      fc.record({ a: fc.maxSafeInteger(), b: fc.constant(1) }),
    );
    fc.assert(
      fc.property(fc.array(term, { maxLength: 60 }), (terms) => {
        const want = terms.reduce((s, t) => s + BigInt(t.a) * BigInt(t.b), 0n);
        for (const order of [terms, [...terms].reverse()]) {
          const s = emptyExactSum();
          for (const t of order) {
            if (t.b === 1) addUnits(s, t.a);
            else addProduct(s, t.a, t.b);
          }
          expect(exactTotal(s)).toBe(want);
        }
      }),
      { seed: 53, numRuns: 300 },
    );
  });

  it('counts a rate in billionths, once, and refuses a value that is not finite', () => {
    expect(toUnits(0.16571, RATE_UNITS)).toBe(165_710_000);
    const s = emptyExactSum();
    addUnits(s, toUnits(0.1, RATE_UNITS));
    addUnits(s, toUnits(0.2, RATE_UNITS));
    expect(fromUnits(s, RATE_UNITS)).toBe(0.3);
    expect(() => toUnits(Number.NaN, RATE_UNITS)).toThrow(RangeError);
  });
});
