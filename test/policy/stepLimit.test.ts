import fc from 'fast-check';
import { addDays, formatISO, parseISO } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { applyReduction } from '../../src/policy/applyReduction.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import { policyConfigArbitrary } from '../../src/policy/policyConfigArbitrary.js';
import { applyStepLimits, type LimitChange } from '../../src/policy/stepLimit.js';

const asOf = '2024-06-30';
// The mechanism is tested on fixed numbers of its own, so a change of the default's numbers
// (a business choice, tested below) does not rewrite these examples.
const steps = resolvePolicy({ stepLimits: { perStepRatio: 0.5, perStepAmount: 200_000, windowDays: 30, windowMaxIncrease: 1_000_000, windowMaxCount: 2 } });
const daysBefore = (n: number): string => formatISO(addDays(parseISO(asOf), -n), { representation: 'date' });

describe('applyStepLimits', () => {
  it('lets an increase within the step through unchanged', () => {
    expect(applyStepLimits({ priorLimit: 1_000_000, proposedLimit: 1_400_000, asOf }, steps)).toMatchObject({
      limit: 1_400_000,
      bound: null,
      reason: null,
      allowedIncrease: 500_000,
    });
  });

  it('caps a step at prior x ratio or the flat amount, whichever is greater', () => {
    expect(applyStepLimits({ priorLimit: 1_000_000, proposedLimit: 3_000_000, asOf }, steps)).toMatchObject({
      limit: 1_500_000,
      bound: 'per_step',
      reason: 'step_limit_per_step',
    });
    // A small line: 50% of 1,000 RMB is less than the 2,000 RMB flat step.
    expect(applyStepLimits({ priorLimit: 100_000, proposedLimit: 900_000, asOf }, steps).limit).toBe(300_000);
  });

  it('caps the rolling 30-day total and count; older and future entries do not count', () => {
    const history: LimitChange[] = [
      { asOf: daysBefore(29), from: 1_000_000, to: 1_500_000 },
      { asOf: daysBefore(10), from: 1_500_000, to: 1_800_000 },
      { asOf: daysBefore(30), from: 500_000, to: 1_000_000 }, // outside the window
      { asOf: daysBefore(-1), from: 1_800_000, to: 2_000_000 }, // after asOf
      { asOf: daysBefore(5), from: 1_900_000, to: 1_800_000 }, // a decrease
    ];
    const counted = applyStepLimits({ priorLimit: 1_800_000, proposedLimit: 2_500_000, asOf, history }, steps);
    expect(counted).toMatchObject({ windowIncrease: 800_000, windowCount: 2, limit: 1_800_000, bound: 'window_count' });
    const oneIncrease = applyStepLimits({ priorLimit: 1_800_000, proposedLimit: 2_500_000, asOf, history: history.slice(1) }, steps);
    expect(oneIncrease).toMatchObject({ windowIncrease: 300_000, limit: 2_500_000, bound: null });
    const big = [{ asOf: daysBefore(1), from: 1_000_000, to: 1_900_000 }];
    expect(applyStepLimits({ priorLimit: 1_900_000, proposedLimit: 2_500_000, asOf, history: big }, steps)).toMatchObject({
      limit: 2_000_000,
      bound: 'window_amount',
      reason: 'step_limit_window_amount',
    });
  });

  it('the default lets a first assessment of a thin-file line reach its size, and leaves room for a certificate the same month', () => {
    // A 1,500 RMB line may become 16,500 RMB at once (15,000 RMB flat step), an 8,000 RMB line 20,000 RMB (2.5 x).
    expect(applyStepLimits({ priorLimit: 150_000, proposedLimit: 1_650_000, asOf }, defaultPolicy)).toMatchObject({ limit: 1_650_000, bound: null });
    expect(applyStepLimits({ priorLimit: 150_000, proposedLimit: 1_660_000, asOf }, defaultPolicy)).toMatchObject({ limit: 1_650_000, bound: 'per_step' });
    expect(applyStepLimits({ priorLimit: 800_000, proposedLimit: 2_000_000, asOf }, defaultPolicy)).toMatchObject({ limit: 2_000_000, bound: null });
    const afterFirst = [{ asOf: daysBefore(0), from: 400_000, to: 1_200_000 }];
    expect(applyStepLimits({ priorLimit: 1_200_000, proposedLimit: 1_250_000, asOf, history: afterFirst }, defaultPolicy)).toMatchObject({
      limit: 1_250_000,
      bound: null,
    });
    // Velocity is still bounded: 20,000 RMB and three rises in 30 days.
    expect(applyStepLimits({ priorLimit: 1_000_000, proposedLimit: 5_000_000, asOf }, defaultPolicy)).toMatchObject({ limit: 2_500_000, bound: 'per_step' });
    const busy = [
      { asOf: daysBefore(3), from: 100_000, to: 1_000_000 },
      { asOf: daysBefore(1), from: 1_000_000, to: 1_900_000 },
    ];
    expect(applyStepLimits({ priorLimit: 1_900_000, proposedLimit: 5_000_000, asOf, history: busy }, defaultPolicy)).toMatchObject({
      limit: 2_100_000,
      bound: 'window_amount',
    });
  });

  it('passes decreases through immediately', () => {
    expect(applyStepLimits({ priorLimit: 2_000_000, proposedLimit: 600_000, asOf }, steps)).toMatchObject({ limit: 600_000, bound: null });
  });

  it('rejects a malformed ledger with a ValidationError naming the field', () => {
    try {
      applyStepLimits({ priorLimit: 1, proposedLimit: 2, asOf, history: [{ asOf: 'yesterday', from: 1, to: 1.5 }] }, defaultPolicy);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).fields).toEqual(['history.0.asOf', 'history.0.to']);
    }
  });

  it('step limits hold: the stepped limit lies between prior and proposed, and within the step and window caps', () => {
    const changeArb = fc.record({
      asOf: fc.integer({ min: -5, max: 90 }).map(daysBefore),
      from: fc.integer({ min: 0, max: 5_000_000 }),
      to: fc.integer({ min: 0, max: 5_000_000 }),
    });
    fc.assert(
      fc.property(
        policyConfigArbitrary(),
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.integer({ min: 0, max: 8_000_000 }),
        fc.array(changeArb, { maxLength: 6 }),
        (policy, priorLimit, proposedLimit, history) => {
          const s = policy.stepLimits;
          const r = applyStepLimits({ priorLimit, proposedLimit, asOf, history }, policy);
          expect(r.limit).toBeLessThanOrEqual(Math.max(priorLimit, proposedLimit));
          expect(r.limit).toBeGreaterThanOrEqual(Math.min(priorLimit, proposedLimit));
          if (proposedLimit > priorLimit) {
            const increase = r.limit - priorLimit;
            expect(increase).toBeLessThanOrEqual(Math.max(Math.floor(priorLimit * s.perStepRatio), s.perStepAmount));
            if (increase > 0) {
              expect(r.windowIncrease + increase).toBeLessThanOrEqual(s.windowMaxIncrease);
              expect(r.windowCount + 1).toBeLessThanOrEqual(s.windowMaxCount);
            }
            expect(r.bound === null).toBe(r.limit === proposedLimit);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('applyReduction', () => {
  it('lowers to the requested amount rounded down to 100 RMB, immediately', () => {
    expect(applyReduction(1_500_000, 1_234_567)).toBe(1_230_000);
    expect(applyReduction(1_500_000, 50_000)).toBe(50_000);
  });

  it('refuses an amount below the product minimum (0 included), naming it and the minimum', () => {
    for (const amount of [0, 9_999, 49_999]) {
      const e = (() => {
        try {
          applyReduction(1_500_000, amount);
        } catch (x) {
          return x;
        }
      })();
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues).toEqual([
        expect.objectContaining({ path: ['requestedAmount'], code: 'too_small', expected: '>= 50000', message: expect.stringContaining(`${amount} fen`) }),
      ]);
    }
  });

  it('reduction never raises the limit, and a line it lowers lands on a whole 100 RMB (a line asked above stays as it was)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30_000_000 }), fc.integer({ min: defaultPolicy.limits.productMin, max: 40_000_000 }), (prior, requested) => {
        const next = applyReduction(prior, requested);
        expect(next).toBeLessThanOrEqual(prior);
        expect(next).toBeLessThanOrEqual(requested);
        if (next !== prior) expect(next % 10_000).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects non-fen amounts with a ValidationError naming both', () => {
    expect(() => applyReduction(-1, 0.5)).toThrow(ValidationError);
    try {
      applyReduction(-1, 0.5);
    } catch (e) {
      expect((e as ValidationError).fields).toEqual(['priorLimit', 'requestedAmount']);
    }
  });
});
