import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { comprehensiveCost } from '../../src/policy/comprehensiveCost.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { offeredPlans } from '../../src/policy/offeredPlans.js';
import { instalmentCost, revolvingCashFlows, revolvingCost } from '../../src/policy/planCosts.js';
import { PolicyInvalidError } from '../../src/policy/policyInvalidError.js';
import { priceApr } from '../../src/policy/pricing.js';
import { resolvePolicy, type PolicyOverrides } from '../../src/policy/resolvePolicy.js';

const noFees = { oneOffRate: 0, monthlyRate: 0 };

describe('comprehensiveCost: the IRR of a plan, against closed forms', () => {
  it('one payment: 1 now, 1.025 in a month -> r = 2.5%, nominal 30%, effective 1.025^12 - 1 = 34.489%', () => {
    // Closed form: 1 = 1.025 / (1 + r)  =>  r = 0.025 exactly.
    const c = comprehensiveCost({ received: 1, payments: [1.025] });
    expect(Math.abs(c.monthlyRate - 0.025)).toBeLessThan(1e-12);
    expect(Math.abs(c.nominalApr - 0.3)).toBeLessThan(1e-11);
    expect(Math.abs(c.effectiveAnnualRate - (1.025 ** 12 - 1))).toBeLessThan(1e-11);
  });

  it('two equal payments of 0.51 (a 2% fee over 2 months): the root of a quadratic', () => {
    // 1 = A v + A v^2  =>  v = (-A + sqrt(A^2 + 4A)) / (2A), r = 1/v - 1.
    // By hand: A = 0.51, sqrt(0.2601 + 2.04) = sqrt(2.3001) = 1.5166080574..., v = 1.0066080574 / 1.02
    // = 0.98687064..., r = 0.0133040287... (1.3304% a month, 15.96% nominal).
    const A = 0.51;
    const v = (-A + Math.sqrt(A * A + 4 * A)) / (2 * A);
    const c = comprehensiveCost({ received: 1, payments: [A, A] });
    expect(Math.abs(c.monthlyRate - (1 / v - 1))).toBeLessThan(1e-9);
    expect(c.monthlyRate).toBeCloseTo(0.0133040287378, 10);
  });

  it('level instalments: recovers the rate of the annuity formula for any term and rate', () => {
    // Closed form: a payment of r / (1 - (1 + r)^-n) a month repays 1 at monthly rate r.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 5_000 }), (n, bp) => {
        const r = bp / 100_000; // 0.001% .. 5% a month
        const payment = r / (1 - (1 + r) ** -n);
        const c = comprehensiveCost({ received: 1, payments: Array.from({ length: n }, () => payment) });
        expect(Math.abs(c.monthlyRate - r)).toBeLessThan(1e-9);
        expect(Math.abs(c.nominalApr - 12 * r)).toBeLessThan(1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it('interest-only flows: IRR equals the coupon (the revolving line without fees)', () => {
    // 1 = c (v + ... + v^12) + v^12 at v = 1 / (1 + c): the coupon is the rate.
    const c = comprehensiveCost(revolvingCashFlows(0.0005, noFees));
    expect(Math.abs(c.nominalApr - 0.1825)).toBeLessThan(1e-12);
    expect(revolvingCost(0.0005, noFees).nominalApr).toBe(0.0005 * 365);
  });

  it('Huabei-style plans (2.5/4.5/6.5/8.8% for 3/6/9/12 months) cost 14.94% to 15.86% nominal, far above the fee rate', () => {
    // Reference values solved to 50 digits with decimal bisection (python decimal, prec 50).
    const expected: [number, number, number, number][] = [
      [3, 0.025, 0.149383965390308, 0.160048477639519],
      [6, 0.045, 0.152677309170591, 0.163827572399965],
      [9, 0.065, 0.153402443175178, 0.164661174353948],
      [12, 0.088, 0.158643261539464, 0.170702223348866],
    ];
    for (const [months, feeRate, nominal, effective] of expected) {
      const c = instalmentCost({ months, feeRate }, noFees);
      expect(Math.abs(c.nominalApr - nominal), `${months} months`).toBeLessThan(1e-9);
      expect(Math.abs(c.effectiveAnnualRate - effective), `${months} months`).toBeLessThan(1e-9);
    }
  });

  it('a one-off fee counts, on a drawdown repaid at the first bill: 1% on a 0.05%-a-day line is 30.556% nominal, not 18.25% (19.358% spread over 12 months)', () => {
    // received 0.99, one bill of 0.0005 x 365 / 12 + 1: r = (0.01520833 + 0.01) / 0.99 = 0.02546296, 12 r = 11/36.
    const c = revolvingCost(0.0005, { oneOffRate: 0.01, monthlyRate: 0 });
    expect(Math.abs(c.nominalApr - 11 / 36)).toBeLessThan(1e-12);
    expect(Math.abs(c.nominalApr - comprehensiveCost(revolvingCashFlows(0.0005, { oneOffRate: 0.01, monthlyRate: 0 })).nominalApr)).toBeLessThan(1e-12);
    // The same fee over a 12-month hold (the old convention) hid most of it.
    const twelveMonths = comprehensiveCost({ received: 0.99, payments: Array.from({ length: 12 }, (_, i) => (0.0005 * 365) / 12 + (i === 11 ? 1 : 0)) });
    expect(Math.abs(twelveMonths.nominalApr - 0.193579298641196)).toBeLessThan(1e-9);
  });

  it('refuses flows that are not a loan', () => {
    expect(() => comprehensiveCost({ received: 0, payments: [1] })).toThrow(ValidationError);
    expect(() => comprehensiveCost({ received: 1, payments: [0, 0] })).toThrow(ValidationError);
    expect(() => comprehensiveCost({ received: 1, payments: [-1, 2] })).toThrow(ValidationError);
  });
});

function policyError(overrides: PolicyOverrides): PolicyInvalidError {
  try {
    resolvePolicy(overrides);
  } catch (e) {
    if (e instanceof PolicyInvalidError) return e;
    throw e;
  }
  throw new Error('expected resolvePolicy to throw');
}

describe('fees in the policy', () => {
  it('every decision offers the revolving line and each instalment plan with its comprehensive cost', () => {
    const plans = offeredPlans(priceApr(0.02, defaultPolicy), defaultPolicy);
    expect(plans.map((p) => [p.kind, p.months])).toEqual([
      ['revolving', null],
      ['instalment', 3],
      ['instalment', 6],
      ['instalment', 9],
      ['instalment', 12],
    ]);
    expect(plans[0]).toMatchObject({ dailyRate: 0.000334, comprehensiveApr: 0.12191 });
    expect(plans[4]?.comprehensiveApr).toBeCloseTo(0.158643261539464, 9);
  });

  it('refuses a plan whose fee breaks the cap, naming the plan (12 months at 14% is 24.97%)', () => {
    const err = policyError({
      fees: {
        instalmentPlans: [
          { months: 3, feeRate: 0.025 },
          { months: 12, feeRate: 0.14 },
        ],
      },
    });
    expect(err.code).toBe('policy_invalid');
    expect(err.fields).toEqual(['fees.instalmentPlans.1']);
    expect(err.issues[0]?.message).toMatch(/12-month instalment plan: comprehensive cost 24\.\d+% .* exceeds the 24% cap/);
  });

  it('lowers the revolving daily rate so fees stay under the cap, and refuses fees that leave no room', () => {
    // A 0.5% monthly fee adds 6 points: the top daily rate falls from 0.0657% to 0.0493% (17.9945% + 6% = 23.9945%).
    const withFee = resolvePolicy({ fees: { monthlyRate: 0.005, instalmentPlans: [] } });
    const top = priceApr(1, withFee);
    expect(top).toMatchObject({ dailyRateText: '0.0493%', clampedBy: 'cap' });
    expect(top.apr).toBeLessThanOrEqual(0.24);
    expect(top.apr).toBeCloseTo(0.239945, 9);
    const err = policyError({ fees: { monthlyRate: 0.015, instalmentPlans: [] } });
    expect(err.fields).toEqual(['fees.monthlyRate']);
    expect(err.issues[0]?.message).toMatch(/revolving plan/);
  });

  it("refuses a lender's APR cap above the jurisdiction's", () => {
    expect(policyError({ pricing: { aprCap: 0.3 } }).fields).toContain('pricing.aprCap');
  });
});
