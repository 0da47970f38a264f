// The kit recomputes every repayment itself, so an engine that reports a pass it did not earn is
// caught. It worked the instalment out in floating point: 13,800 RMB on the default 12-month plan
// (8.8% fee) came to 125,121 fen for an exact 125,120, so once the engine was exact (findings12-recheck
// R3) the law would fail an approval whose debt service was exactly at the maximum.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { repaymentsOver } from '../../src/testing/laws/approvedLimitsAffordable.js';

const plans = (limit: number, policy = defaultPolicy) => repaymentsOver(limit, 1_586, policy).filter((r) => r.what.includes('instalment'));

describe('approved_limits_affordable works each instalment out in exact integer fen', () => {
  it('13,800 RMB on the default 12-month plan is 125,120 fen a month, as 1,380,000 x 1.088 / 12 is exactly', () => {
    expect(plans(1_380_000).map((r) => r.payment)).toEqual([125_120]);
  });

  it('property: each instalment is the exact ceiling of limit x (1 + fee + months x monthly fee) / months', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 ** 10 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 30 }),
        fc.constantFrom(12, 18, 24, 36),
        (limit, feePermille, monthlyPer10k, months) => {
          const policy = {
            ...defaultPolicy,
            affordability: { ...defaultPolicy.affordability, termMonths: 12 },
            fees: {
              ...defaultPolicy.fees,
              monthlyRate: monthlyPer10k / 10_000,
              instalmentPlans: [{ ...defaultPolicy.fees.instalmentPlans[0]!, months, feeRate: feePermille / 1_000 }],
            },
          };
          const n = 10_000_000n + BigInt(feePermille) * 10_000n + BigInt(months * monthlyPer10k) * 1_000n;
          const d = 10_000_000n * BigInt(months);
          expect(plans(limit, policy).map((r) => r.payment)).toEqual([Number((BigInt(limit) * n + d - 1n) / d)]);
        },
      ),
      { seed: 20261130, numRuns: 300 },
    );
  });
});
