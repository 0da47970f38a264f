// comprehensiveCost refuses cash flows whose IRR lies outside the bracket it searches, at both ends:
// above 1e6 a month it threw, but below -0.999999 a month it returned -0.999999 without a word
// (outside tester, findings11-money F5: 100 received, 0.00001 repaid is -0.9999999 a month, and the NPV
// at the value returned was -90, not 0).
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { comprehensiveCost } from '../../src/policy/comprehensiveCost.js';

describe('comprehensiveCost at the low end of its bracket', () => {
  it.each([
    { received: 100, payments: [0.00001] },
    { received: 1, payments: [0, 0, 1e-30] },
    { received: 1, payments: [1e-7] },
  ])('a rate below -0.999999 a month is refused with a ValidationError, not clamped: %j', (flows) => {
    expect(() => comprehensiveCost(flows)).toThrow(ValidationError);
    const e = (() => {
      try {
        comprehensiveCost(flows);
      } catch (thrown) {
        return thrown as ValidationError;
      }
    })();
    expect(e?.issues[0]).toMatchObject({ path: ['flows', 'payments'], code: 'out_of_range', message: expect.stringMatching(/below -0\.999999 a month/) });
  });

  it('rates inside the bracket are still solved: 1 received, 0.5 repaid is -50% a month; 2e-6 repaid is -0.999998', () => {
    expect(comprehensiveCost({ received: 1, payments: [0.5] }).monthlyRate).toBeCloseTo(-0.5, 12);
    expect(comprehensiveCost({ received: 1, payments: [2e-6] }).monthlyRate).toBeCloseTo(-0.999998, 12);
  });
});
