import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BINDING_PRIORITY, composeLimit, incomeMultipleAt, regulatoryHeadroom, roundDownToStep, type LimitCaps } from '../../src/policy/limit.js';
import { policyConfigArbitrary } from '../../src/policy/policyConfigArbitrary.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { euCcd2 } from '../../src/policy/jurisdictionProfile.js';

const caps = (over: Partial<LimitCaps> = {}): LimitCaps => ({
  risk: 1_234_567,
  affordability: 2_000_000,
  regulatory: 20_000_000,
  lender_cap: null,
  product_max: 5_000_000,
  self_cap: null,
  requested: null,
  ...over,
});

const capsArb: fc.Arbitrary<LimitCaps> = fc.record({
  risk: fc.integer({ min: 0, max: 30_000_000 }),
  affordability: fc.integer({ min: 0, max: 30_000_000 }),
  regulatory: fc.option(fc.integer({ min: 0, max: 20_000_000 }), { nil: null, freq: 5 }),
  lender_cap: fc.option(fc.integer({ min: 0, max: 20_000_000 }), { nil: null }),
  product_max: fc.integer({ min: 1, max: 30_000_000 }),
  self_cap: fc.option(fc.integer({ min: 0, max: 30_000_000 }), { nil: null }),
  requested: fc.option(fc.integer({ min: 0, max: 30_000_000 }), { nil: null }),
});

describe('composeLimit', () => {
  it('takes the smallest cap, rounds down to 100 RMB and names it', () => {
    expect(composeLimit(caps(), 10_000)).toEqual({ limit: 1_230_000, unrounded: 1_234_567, bindingConstraint: 'risk' });
    expect(composeLimit(caps({ self_cap: 800_000 }), 10_000).bindingConstraint).toBe('self_cap');
    expect(composeLimit(caps({ requested: 1_000_050 }), 10_000)).toMatchObject({ limit: 1_000_000, bindingConstraint: 'requested' });
  });

  it('breaks ties by the documented priority: customer choice, regulation, product, affordability, risk', () => {
    expect(BINDING_PRIORITY).toEqual(['self_cap', 'requested', 'regulatory', 'lender_cap', 'product_max', 'affordability', 'risk']);
    const all = caps({ risk: 500_000, affordability: 500_000, regulatory: 500_000, product_max: 500_000, self_cap: 500_000, requested: 500_000 });
    expect(composeLimit(all, 10_000).bindingConstraint).toBe('self_cap');
    expect(composeLimit({ ...all, self_cap: null, requested: null }, 10_000).bindingConstraint).toBe('regulatory');
    expect(composeLimit({ ...all, self_cap: null, requested: null, regulatory: 900_000, product_max: 900_000 }, 10_000).bindingConstraint).toBe(
      'affordability',
    );
  });

  it('the limit never exceeds any cap, is a multiple of the step, and the named cap is the smallest', () => {
    fc.assert(
      fc.property(capsArb, fc.constantFrom(100, 10_000, 50_000), (c, step) => {
        const r = composeLimit(c, step);
        const given = Object.values(c).filter((v): v is number => v !== null);
        for (const cap of given) expect(r.limit).toBeLessThanOrEqual(cap);
        expect(r.limit % step).toBe(0);
        expect(c[r.bindingConstraint]).toBe(Math.min(...given));
        expect(r.unrounded - r.limit).toBeLessThan(step);
      }),
      { numRuns: 500 },
    );
  });
});

describe('regulatoryHeadroom', () => {
  it("is 200,000 RMB less the borrower's other lines with this lender, never negative; null without a jurisdiction cap", () => {
    expect(regulatoryHeadroom(0, defaultPolicy)).toBe(20_000_000);
    expect(regulatoryHeadroom(18_500_000, defaultPolicy)).toBe(1_500_000);
    expect(regulatoryHeadroom(25_000_000, defaultPolicy)).toBe(0);
    expect(regulatoryHeadroom(0, { ...defaultPolicy, jurisdiction: euCcd2 })).toBeNull();
  });
});

describe('roundDownToStep', () => {
  it('rounds down and never below zero', () => {
    expect(roundDownToStep(19_999, 10_000)).toBe(10_000);
    expect(roundDownToStep(9_999, 10_000)).toBe(0);
    expect(roundDownToStep(-1, 10_000)).toBe(0);
  });
});

describe('incomeMultipleAt', () => {
  const grades = [
    { grade: 'A', maxPd: 0.02, incomeMultiple: 3 },
    { grade: 'B', maxPd: 0.05, incomeMultiple: 2.5 },
    { grade: 'C', maxPd: 1, incomeMultiple: 1 },
  ];
  it('holds each grade multiple at its best PD and interpolates to the next grade', () => {
    expect(incomeMultipleAt(0, grades)).toBe(3);
    expect(incomeMultipleAt(0.01, grades)).toBeCloseTo(2.75, 12);
    expect(incomeMultipleAt(0.02, grades)).toBeCloseTo(2.5, 12);
    expect(incomeMultipleAt(0.035, grades)).toBeCloseTo(1.75, 12);
    expect(incomeMultipleAt(0.5, grades)).toBe(1);
  });
  it('law: the multiple never rises as PD rises, for any valid policy', () => {
    fc.assert(
      fc.property(policyConfigArbitrary(), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (policy, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(incomeMultipleAt(hi, policy.grades)).toBeLessThanOrEqual(incomeMultipleAt(lo, policy.grades) + 1e-12);
      }),
    );
  });
});
