// The kit's affordability laws recompute each payment at the APR the line is billed at. They took
// Math.round(apr * 10_000): on the default 0.0001%-a-day grid 0.0458% a day is 1,671.7 bp, so a limit
// of 340,000 fen exactly at the residual-income threshold (engine: payment 30,964, residual 40,000)
// failed the law at 16.72% (payment 30,965, residual 39,999) (findings21 money-dates 1).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { priceApr } from '../../src/policy/pricing.js';
import { creditLaws } from '../../src/testing/creditLaws.js';
import { billedAprBp } from '../../src/testing/_internals/billedAprBp.js';

describe('the affordability laws take the billed APR exactly', () => {
  it('approved_limits_affordable passes the default policy where it failed an exactly affordable limit (seed 386)', async () => {
    await expect(creditLaws.approved_limits_affordable.check({ policy: defaultPolicy }, { numRuns: 100, seed: 386, part: 'policy' })).resolves.toBeUndefined();
  });

  it('reassessment_within_bounds and approved_limits_affordable pass a 1-fen rounding step (seed 7)', async () => {
    const policy = { ...defaultPolicy, limits: { ...defaultPolicy.limits, roundingStep: 1, productMin: 1, productMax: 30_000_000 } };
    for (const law of ['approved_limits_affordable', 'reassessment_within_bounds'] as const) {
      await expect(creditLaws[law].check({ policy }, { numRuns: 100, seed: 7, part: 'policy' })).resolves.toBeUndefined();
    }
  });

  it("property: the basis points the laws take are the engine's own, at every PD, with and without fees", () => {
    const withFee = { ...defaultPolicy, fees: { ...defaultPolicy.fees, monthlyRate: 0.001 } };
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), (pd, fee) => {
        const quote = priceApr(pd, fee ? withFee : defaultPolicy);
        expect(billedAprBp(quote)).toBe(quote.aprBp);
      }),
      { seed: 20261130, numRuns: 500 },
    );
  });
});
