import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comprehensiveCost } from '../../src/policy/comprehensiveCost.js';
import { dailyRateGrid } from '../../src/policy/dailyRateGrid.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { offeredPlans } from '../../src/policy/offeredPlans.js';
import { aprCapInForce, type PolicyConfig } from '../../src/policy/policyConfig.js';
import { policyConfigArbitrary } from '../../src/policy/policyConfigArbitrary.js';
import { PolicyInvalidError } from '../../src/policy/policyInvalidError.js';
import { gridOf, priceApr } from '../../src/policy/pricing.js';
import { resolvePolicy, type PolicyOverrides } from '../../src/policy/resolvePolicy.js';
import { validatePolicy } from '../../src/policy/validatePolicy.js';

function refusal(overrides: PolicyOverrides): PolicyInvalidError | null {
  try {
    resolvePolicy(overrides);
    return null;
  } catch (e) {
    if (e instanceof PolicyInvalidError) return e;
    throw e;
  }
}

/**
 * What one drawdown of 1 costs when repaid at the first monthly bill, written out here from the
 * cash flows (not with the code under test): the one-off fee is kept at drawdown, the bill is one
 * month's interest at `daily x 365 / 12` plus the monthly fee, and the principal comes back with it.
 */
function oneCycleIrr(dailyRate: number, fees: { oneOffRate: number; monthlyRate: number }): number {
  return comprehensiveCost({ received: 1 - fees.oneOffRate, payments: [(dailyRate * 365) / 12 + fees.monthlyRate + 1] }).nominalApr;
}

/** The top daily rate the policy bills (its grid's cap step). */
const topDailyRate = (policy: PolicyConfig): number => {
  const grid = gridOf(policy);
  return (grid.capSteps * grid.stepNanos) / 1e9;
};

describe('a one-off drawdown fee on the revolving line is measured on a drawdown repaid at the first bill', () => {
  it("refuses the tester's oneOffRate 0.1 (disclosed 23.70% over a 12-month hold; 146.9% when repaid at one bill), naming fees.oneOffRate with the figure", () => {
    const err = refusal({ fees: { oneOffRate: 0.1, instalmentPlans: [] } });
    expect(err?.code).toBe('policy_invalid');
    expect(err?.fields).toEqual(['fees.oneOffRate']);
    // At the floor's 0.0200% a day: received 0.9, one bill of 0.0730 / 12 + 1 -> r = 0.11787, 141.4% a year.
    expect(err?.issues[0]?.message).toMatch(/drawdown repaid at the first monthly bill costs 141\.4\d*% .* above the 24% cap/);
    expect(err?.issues[0]?.message).toMatch(/at most 1\.3\d*% fits/);
  });

  it('refuses oneOffRate 0.02 too (14.53% disclosed before; one bill costs 31.9% even at the floor)', () => {
    expect(refusal({ fees: { oneOffRate: 0.02, instalmentPlans: [] } })?.fields).toEqual(['fees.oneOffRate']);
  });

  it('accepts a 1% fee and lowers the top daily rate until a one-bill drawdown fits under the cap', () => {
    const policy = resolvePolicy({ fees: { oneOffRate: 0.01, instalmentPlans: [] } });
    const top = priceApr(1, policy);
    // (1 + i / 12) / 0.99 <= 1.02  =>  i <= 12 x 0.0098 = 11.76% a year, 0.0322% a day on the grid.
    expect(top).toMatchObject({ dailyRateText: '0.0322%', clampedBy: 'cap' });
    expect(top.apr).toBeCloseTo(oneCycleIrr(top.dailyRate, policy.fees), 12);
    expect(top.apr).toBeLessThanOrEqual(0.24);
    expect(oneCycleIrr(top.dailyRate + 0.000001, policy.fees)).toBeGreaterThan(0.24);
    // The revolving plan discloses the same figure.
    expect(offeredPlans(top, policy)[0]?.comprehensiveApr).toBe(top.apr);
  });

  it('keeps the instalment plans and the default policy as they were', () => {
    expect(priceApr(1, defaultPolicy)).toMatchObject({ apr: 0.239805, dailyRateText: '0.0657%' });
    const plans = offeredPlans(priceApr(0.02, defaultPolicy), defaultPolicy);
    expect(plans[4]?.comprehensiveApr).toBeCloseTo(0.158643261539464, 12);
  });

  it('law: for every accepted policy, a drawdown repaid at the first bill at the top daily rate, every fee included, costs at most the cap', () => {
    let withOneOffFee = 0;
    fc.assert(
      fc.property(policyConfigArbitrary(), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 100 }), (base, oneOffBp, monthlyBp) => {
        const fees = { ...base.fees, oneOffRate: oneOffBp / 10_000, monthlyRate: monthlyBp / 10_000, instalmentPlans: [] };
        let policy: PolicyConfig;
        try {
          policy = validatePolicy({ ...base, fees });
        } catch (e) {
          if (!(e instanceof PolicyInvalidError)) throw e;
          // Refused: by the revolving line's fees, and never with a billable rate that fits.
          expect(e.fields.some((f) => f.startsWith('fees'))).toBe(true);
          // The cost rises with the rate, so the floor's daily rate is the cheapest the line can bill.
          const grid = dailyRateGrid(base.pricing.dailyRateStep, base.pricing.aprFloor, aprCapInForce(base), { oneOffRate: 0, monthlyRate: 0 });
          expect(oneCycleIrr((grid.floorSteps * grid.stepNanos) / 1e9, fees)).toBeGreaterThan(aprCapInForce(base));
          return;
        }
        if (fees.oneOffRate > 0) withOneOffFee++;
        const cap = aprCapInForce(policy);
        const daily = topDailyRate(policy);
        expect(oneCycleIrr(daily, policy.fees)).toBeLessThanOrEqual(cap + 1e-12);
        const top = priceApr(1, policy);
        expect(top.apr).toBeLessThanOrEqual(cap);
        expect(Math.abs(top.apr - oneCycleIrr(top.dailyRate, policy.fees))).toBeLessThan(1e-9);
      }),
      { seed: 20_261_129, numRuns: 300 },
    );
    expect(withOneOffFee).toBeGreaterThan(20);
  });

  it('policyConfigArbitrary still draws one-off fees that fit (not always zeroed)', () => {
    const draws = fc.sample(policyConfigArbitrary(), { seed: 7, numRuns: 400 });
    const withFee = draws.filter((p) => p.fees.oneOffRate > 0);
    expect(withFee.length).toBeGreaterThan(40);
    for (const p of withFee) expect(oneCycleIrr(topDailyRate(p), p.fees)).toBeLessThanOrEqual(aprCapInForce(p) + 1e-12);
  });
});
