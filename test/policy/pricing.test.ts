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
    // 3.5% + 0.02 x 85% + 4% + 3% = 12.2%
    expect(q.aprBp).toBe(1220);
    expect(q.apr).toBe(0.122);
    expect(q.clampedBy).toBeNull();
    expect(q.components.expectedLoss).toBeCloseTo(0.017, 12);
  });

  it('clamps to the floor and the cap', () => {
    const cheap = priceApr(0, { ...defaultPolicy, pricing: { ...defaultPolicy.pricing, margin: 0, operatingCost: 0 } });
    expect(cheap.aprBp).toBe(730);
    expect(cheap.clampedBy).toBe('floor');
    expect(priceApr(1, defaultPolicy)).toMatchObject({ aprBp: 2400, clampedBy: 'cap' });
  });

  it('shows the daily rate as the product does, rounded up to 0.001%', () => {
    expect(dailyRateText(1825)).toBe('0.050%');
    expect(dailyRateText(2400)).toBe('0.066%');
    expect(dailyRateText(730)).toBe('0.020%');
    expect(dailyRateText(0)).toBe('0.000%');
    expect(priceApr(0.02, defaultPolicy).dailyRate).toBeCloseTo(0.122 / 365, 15);
  });

  it('APR stays within [floor, cap], never above 24%, in whole basis points, for any valid policy', () => {
    fc.assert(
      fc.property(policyConfigArbitrary(), pdArb, (policy, pd) => {
        const q = priceApr(pd, policy);
        expect(Number.isInteger(q.aprBp)).toBe(true);
        expect(q.aprBp).toBeGreaterThanOrEqual(Math.round(policy.pricing.aprFloor * 10_000));
        expect(q.aprBp).toBeLessThanOrEqual(Math.round(policy.pricing.aprCap * 10_000));
        expect(q.apr).toBeLessThanOrEqual(MAX_APR);
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
