import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { affordabilityCapacity, checkAffordability, type AffordabilityInput } from '../../src/policy/affordability.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { dsrBandFor, effectiveIncome } from '../../src/policy/effectiveIncome.js';
import { policyConfigArbitrary } from '../../src/policy/policyConfigArbitrary.js';

const inputArb: fc.Arbitrary<AffordabilityInput> = fc.record({
  effectiveIncome: fc.integer({ min: 0, max: 5_000_000 }),
  otherMonthlyDebtService: fc.integer({ min: 0, max: 500_000 }),
  monthlyEssentialSpending: fc.integer({ min: 0, max: 800_000 }),
  dependants: fc.integer({ min: 0, max: 4 }),
  cityTier: fc.integer({ min: 1, max: 5 }),
});
const aprBpArb = fc.integer({ min: 0, max: 2_400 });

const worker: AffordabilityInput = {
  effectiveIncome: 600_000,
  otherMonthlyDebtService: 50_000,
  monthlyEssentialSpending: 250_000,
  dependants: 1,
  cityTier: 3,
};

describe('effectiveIncome', () => {
  it('haircuts unverified income by source', () => {
    expect(effectiveIncome({ monthlyNet: 500_000, source: 'payroll' }, defaultPolicy)).toBe(500_000);
    expect(effectiveIncome({ monthlyNet: 500_000, source: 'bank_statement' }, defaultPolicy)).toBe(450_000);
    expect(effectiveIncome({ monthlyNet: 500_000, source: 'self_declared' }, defaultPolicy)).toBe(350_000);
    expect(effectiveIncome({ monthlyNet: 333, source: 'self_declared' }, defaultPolicy)).toBe(233);
  });

  it('DSR bands: upper bounds inclusive, last band unbounded', () => {
    expect(dsrBandFor(300_000, defaultPolicy).maxDsr).toBe(0.3);
    expect(dsrBandFor(300_001, defaultPolicy).maxDsr).toBe(0.4);
    expect(dsrBandFor(1e12, defaultPolicy).maxDsr).toBe(0.5);
  });
});

describe('checkAffordability', () => {
  it('reports every check with value, threshold, unit and both labels', () => {
    const a = checkAffordability(worker, 1_000_000, 1825, defaultPolicy);
    expect(a.monthlyPayment).toBe(91_800);
    expect(a.checks.map((c) => c.id)).toEqual(['income_level', 'debt_service', 'residual_income']);
    expect(a.checks[1]).toMatchObject({ value: 141_800, threshold: 240_000, pass: true, comparison: 'at_most', unit: 'fen_per_month' });
    // 600,000 - 250,000 (declared; above the 2 x 60,000 per-person minimum) - 50,000 - 91,800
    expect(a.checks[2]).toMatchObject({ value: 208_200, threshold: 50_000, pass: true });
    expect(a.debtServiceRatio).toBeCloseTo(141_800 / 600_000, 12);
    for (const c of a.checks) expect(c.label.en.length * c.label.zhHans.length).toBeGreaterThan(0);
  });

  it('pass is exactly value compared with threshold, for every check', () => {
    fc.assert(
      fc.property(policyConfigArbitrary(), inputArb, fc.integer({ min: 0, max: 20_000_000 }), aprBpArb, (policy, input, limit, aprBp) => {
        const a = checkAffordability(input, limit, aprBp, policy);
        for (const c of a.checks) expect(c.pass).toBe(c.comparison === 'at_least' ? c.value >= c.threshold : c.value <= c.threshold);
        expect(a.pass).toBe(a.checks.every((c) => c.pass));
      }),
      { numRuns: 300 },
    );
  });

  it('rejects a city tier outside 1..5 with a ValidationError', () => {
    expect(() => checkAffordability({ ...worker, cityTier: 6 }, 0, 0, defaultPolicy)).toThrow(ValidationError);
  });
});

describe('affordabilityCapacity', () => {
  it('every check passes at the capacity, and one fails a fen above it (any valid policy)', () => {
    fc.assert(
      fc.property(policyConfigArbitrary(), inputArb, aprBpArb, (policy, input, aprBp) => {
        const { capacity } = affordabilityCapacity(input, aprBp, policy);
        if (capacity > 0) expect(checkAffordability(input, capacity, aprBp, policy).pass).toBe(true);
        expect(checkAffordability(input, capacity + 1, aprBp, policy).pass).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('capacity never falls as income rises (any valid policy)', () => {
    fc.assert(
      fc.property(policyConfigArbitrary(), inputArb, fc.integer({ min: 0, max: 2_000_000 }), aprBpArb, (policy, input, extra, aprBp) => {
        const richer = { ...input, effectiveIncome: input.effectiveIncome + extra };
        expect(affordabilityCapacity(richer, aprBp, policy).capacity).toBeGreaterThanOrEqual(affordabilityCapacity(input, aprBp, policy).capacity);
      }),
      { numRuns: 400 },
    );
  });

  it('capacity never rises with APR, other debt, essentials or dependants (any valid policy)', () => {
    fc.assert(
      fc.property(
        policyConfigArbitrary(),
        inputArb,
        aprBpArb,
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 100_000 }),
        (policy, input, aprBp, dApr, d) => {
          const base = affordabilityCapacity(input, aprBp, policy).capacity;
          expect(affordabilityCapacity(input, aprBp + dApr, policy).capacity).toBeLessThanOrEqual(base);
          expect(affordabilityCapacity({ ...input, otherMonthlyDebtService: input.otherMonthlyDebtService + d }, aprBp, policy).capacity).toBeLessThanOrEqual(
            base,
          );
          expect(affordabilityCapacity({ ...input, monthlyEssentialSpending: input.monthlyEssentialSpending + d }, aprBp, policy).capacity).toBeLessThanOrEqual(
            base,
          );
          expect(affordabilityCapacity({ ...input, dependants: input.dependants + 1 }, aprBp, policy).capacity).toBeLessThanOrEqual(base);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('names the check that binds: income level, then the smaller room (debt service on ties)', () => {
    expect(affordabilityCapacity({ ...worker, effectiveIncome: 50_000 }, 1825, defaultPolicy)).toMatchObject({ capacity: 0, bindingCheck: 'income_level' });
    // debt-service room 240,000 - 50,000 = 190,000 fen; residual room 600,000 - 250,000 - 50,000 - 50,000 = 250,000 fen
    expect(affordabilityCapacity(worker, 1825, defaultPolicy).bindingCheck).toBe('debt_service');
    expect(affordabilityCapacity({ ...worker, monthlyEssentialSpending: 360_000 }, 1825, defaultPolicy).bindingCheck).toBe('residual_income');
    // both rooms 190,000 fen: a tie goes to debt service
    expect(affordabilityCapacity({ ...worker, monthlyEssentialSpending: 310_000 }, 1825, defaultPolicy).bindingCheck).toBe('debt_service');
    expect(affordabilityCapacity({ ...worker, monthlyEssentialSpending: 0, dependants: 0 }, 1825, defaultPolicy).bindingCheck).toBe('debt_service');
  });
});
