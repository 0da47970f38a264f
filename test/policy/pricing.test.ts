import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { gradeFor } from '../../src/policy/grade.js';
import { MAX_APR } from '../../src/policy/policyConfig.js';
import { policyConfigArbitrary } from '../../src/policy/policyConfigArbitrary.js';
import { dailyRateText, priceApr } from '../../src/policy/pricing.js';

const pdArb = fc.double({ min: 0, max: 1, noNaN: true });

describe('priceApr', () => {
  it('builds the APR from cost of funds, expected loss, operating cost and margin', () => {
    const q = priceApr(0.02, defaultPolicy);
    // 3.5% + 0.02 x 85% + 4% + 3% = 12.2% a year = 0.033425% a day, billed on the 0.0001% grid
    // as 0.0334% a day; disclosed APR = 0.000334 x 365 = 12.191%.
    expect(q.components.unclamped).toBeCloseTo(0.122, 15);
    expect(q.dailyRate).toBe(0.000334);
    expect(q.dailyRateText).toBe('0.0334%');
    expect(q.aprBp).toBe(1219.1);
    expect(q.apr).toBe(0.12191);
    expect(q.interestApr).toBe(0.12191);
    expect(q.clampedBy).toBeNull();
    expect(q.components.expectedLoss).toBeCloseTo(0.017, 12);
  });

  it('clamps to the floor and the cap', () => {
    const cheap = priceApr(0, { ...defaultPolicy, pricing: { ...defaultPolicy.pricing, margin: 0, operatingCost: 0 } });
    // 7.3% / 365 = 0.02% a day exactly
    expect(cheap).toMatchObject({ aprBp: 730, apr: 0.073, dailyRateText: '0.0200%', clampedBy: 'floor' });
    // 24% / 365 = 0.065753% a day; 0.0658% would bill 24.017%, so the top of the grid is 0.0657% = 23.9805%.
    expect(priceApr(1, defaultPolicy)).toMatchObject({ aprBp: 2398.05, apr: 0.239805, dailyRate: 0.000657, dailyRateText: '0.0657%', clampedBy: 'cap' });
  });

  it('shows a daily rate on its grid exactly (issue #12: never 0.066% for a 24% cap)', () => {
    expect(dailyRateText(0.0005)).toBe('0.0500%');
    expect(dailyRateText(0.000657)).toBe('0.0657%');
    expect(dailyRateText(0.0002)).toBe('0.0200%');
    expect(dailyRateText(0)).toBe('0.0000%');
    expect(dailyRateText(0.00066, 0.00001)).toBe('0.066%');
    expect(dailyRateText(0.0000012, 0.0000001)).toBe('0.00012%');
    expect(() => dailyRateText(0.0006575)).toThrow(ValidationError);
  });

  it('a coarser grid (0.001%) tops out at 0.065% a day = 23.725%, never 0.066% = 24.09%', () => {
    const coarse = { ...defaultPolicy, pricing: { ...defaultPolicy.pricing, dailyRateStep: 0.00001 } };
    expect(priceApr(1, coarse)).toMatchObject({ dailyRateText: '0.065%', apr: 0.23725 });
  });

  it('daily x 365 stays within [floor, cap in force] and is the disclosed APR, for any valid policy', () => {
    fc.assert(
      fc.property(policyConfigArbitrary(), pdArb, (policy, pd) => {
        const q = priceApr(pd, policy);
        const cap = Math.min(policy.pricing.aprCap, policy.jurisdiction.aprCap ?? 1);
        expect(q.interestApr).toBeGreaterThanOrEqual(policy.pricing.aprFloor);
        expect(q.interestApr).toBeLessThanOrEqual(cap);
        expect(q.apr).toBeLessThanOrEqual(cap);
        expect(q.apr).toBeLessThanOrEqual(MAX_APR);
        expect(q.interestApr).toBe((Math.round(q.dailyRate * 1e9) * 365) / 1e9);
        expect(Number.isInteger(Math.round(q.dailyRate * 1e12) / Math.round(policy.pricing.dailyRateStep * 1e12))).toBe(true);
        if (policy.fees.oneOffRate === 0 && policy.fees.monthlyRate === 0) expect(q.apr).toBe(q.interestApr);
        else expect(q.apr).toBeGreaterThan(q.interestApr);
      }),
      { numRuns: 500 },
    );
  });

  it('APR never falls as PD rises, for any valid policy', () => {
    fc.assert(
      fc.property(policyConfigArbitrary(), pdArb, pdArb, (policy, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(priceApr(hi, policy).aprBp).toBeGreaterThanOrEqual(priceApr(lo, policy).aprBp);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects a PD outside [0, 1] with a ValidationError', () => {
    for (const pd of [-0.01, 1.01, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => priceApr(pd, defaultPolicy)).toThrow(ValidationError);
    }
  });
});

describe('gradeFor', () => {
  it('maps PD to the configured bands, upper bounds inclusive', () => {
    expect(gradeFor(0, defaultPolicy).grade).toBe('A');
    expect(gradeFor(0.02, defaultPolicy).grade).toBe('A');
    expect(gradeFor(0.0200001, defaultPolicy).grade).toBe('B');
    expect(gradeFor(0.12, defaultPolicy).grade).toBe('D');
    expect(gradeFor(1, defaultPolicy).grade).toBe('E');
  });

  it('the income multiple never rises as PD rises, for any valid policy', () => {
    fc.assert(
      fc.property(policyConfigArbitrary(), pdArb, pdArb, (policy, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(gradeFor(hi, policy).incomeMultiple).toBeLessThanOrEqual(gradeFor(lo, policy).incomeMultiple);
      }),
      { numRuns: 300 },
    );
  });
});
