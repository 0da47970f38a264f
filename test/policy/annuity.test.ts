import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annuityFactor, largestPrincipal, monthlyPayment } from '../../src/policy/annuity.js';

const aprBpArb = fc.integer({ min: 0, max: 2_400 });
const termArb = fc.integer({ min: 1, max: 60 });

describe('annuity', () => {
  it('prices a level payment, rounded up to the fen', () => {
    // 10,000 RMB over 12 months at 18.25%: 917.9901... RMB -> 91,800 fen.
    expect(monthlyPayment(1_000_000, 1825, 12)).toBe(91_800);
    expect(monthlyPayment(1_200_000, 0, 12)).toBe(100_000);
    expect(monthlyPayment(1, 0, 12)).toBe(1);
    expect(monthlyPayment(0, 2400, 12)).toBe(0);
  });

  it('the factor repays the principal: n payments at the factor discount back to 1', () => {
    fc.assert(
      fc.property(aprBpArb, termArb, (aprBp, n) => {
        const r = aprBp / 10_000 / 12;
        const f = annuityFactor(aprBp, n);
        let pv = 0;
        for (let k = 1; k <= n; k++) pv += f / (1 + r) ** k;
        expect(pv).toBeCloseTo(1, 9);
      }),
      { numRuns: 200 },
    );
  });

  it('payment never falls as principal or APR rises', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000_000 }), fc.integer({ min: 0, max: 1_000 }), aprBpArb, aprBpArb, termArb, (l, d, a, b, n) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(monthlyPayment(l + d, lo, n)).toBeGreaterThanOrEqual(monthlyPayment(l, lo, n));
        expect(monthlyPayment(l, hi, n)).toBeGreaterThanOrEqual(monthlyPayment(l, lo, n));
      }),
      { numRuns: 300 },
    );
  });

  it('largestPrincipal is exactly the largest principal whose payment fits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), aprBpArb, termArb, (p, aprBp, n) => {
        const l = largestPrincipal(p, aprBp, n);
        expect(monthlyPayment(l, aprBp, n)).toBeLessThanOrEqual(p);
        expect(monthlyPayment(l + 1, aprBp, n)).toBeGreaterThan(p);
      }),
      { numRuns: 500 },
    );
  });

  it('largestPrincipal is 0 when there is no room, and stays exact at extreme magnitudes', () => {
    expect(largestPrincipal(-5, 1000, 12)).toBe(0);
    expect(largestPrincipal(0, 1000, 12)).toBe(0);
    const big = 2 ** 50;
    const l = largestPrincipal(big, 2400, 12);
    expect(monthlyPayment(l, 2400, 12)).toBeLessThanOrEqual(big);
    expect(Number.isSafeInteger(l)).toBe(true);
  });
});
