import { describe, expect, it } from 'vitest';
import { PolicyInvalidError } from '../../src/policy/policyInvalidError.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';

/**
 * zod runs the policy's cross-field refinement on values that failed only a range check (too small,
 * too big), so the price checks must compute nothing from a figure already refused: before, a plan of
 * -3 months threw comprehensiveCost's own ValidationError (no policy field named, every other problem
 * lost), 10^9 months allocated a billion-element cash-flow array (the process died out of memory), and a
 * daily-rate step below a billionth with any fee looped forever.
 */
function refusal(overrides: Parameters<typeof resolvePolicy>[0]): { paths: string[] } {
  try {
    resolvePolicy(overrides);
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyInvalidError);
    const issues = (e as PolicyInvalidError).issues;
    return { paths: issues.map((i) => i.path.join('.')) };
  }
  throw new Error('the policy was accepted');
}

describe('a policy whose fee figures are out of range is refused naming them, computing nothing from them', () => {
  it.each([
    ['a plan of negative months', { fees: { instalmentPlans: [{ months: -3, feeRate: 0.01 }] } }, ['fees.instalmentPlans.0.months']],
    ['a plan of 0 months', { fees: { instalmentPlans: [{ months: 0, feeRate: 0.01 }] } }, ['fees.instalmentPlans.0.months']],
    ['a plan of 10^9 months', { fees: { instalmentPlans: [{ months: 1e9, feeRate: 0.01 }] } }, ['fees.instalmentPlans.0.months']],
    ['a plan fee of 1e300', { fees: { instalmentPlans: [{ months: 3, feeRate: 1e300 }] } }, ['fees.instalmentPlans.0.feeRate']],
    ['a negative monthly fee', { fees: { monthlyRate: -1 } }, ['fees.monthlyRate']],
    ['a monthly fee of 10^9', { fees: { monthlyRate: 1e9 } }, ['fees.monthlyRate']],
    ['a daily-rate step of 1e-12 with a fee', { pricing: { dailyRateStep: 1e-12 }, fees: { monthlyRate: 0.001 } }, ['pricing.dailyRateStep']],
    ['a daily-rate step of 0 with a one-off fee', { pricing: { dailyRateStep: 0 }, fees: { oneOffRate: 0.001 } }, ['pricing.dailyRateStep']],
  ] as const)('%s', (_, overrides, expected) => {
    const { paths } = refusal(overrides as Parameters<typeof resolvePolicy>[0]);
    for (const path of expected) expect(paths).toContain(path);
  });

  it('still names a plan above the cap beside a refused figure elsewhere', () => {
    const { paths } = refusal({ pricing: { margin: -1 }, fees: { instalmentPlans: [{ months: 12, feeRate: 0.2 }] } });
    expect(paths).toEqual(expect.arrayContaining(['pricing.margin', 'fees.instalmentPlans.0']));
  });

  it('names the plans that break the cap and the plan that is out of range, each', () => {
    const { paths } = refusal({
      fees: {
        instalmentPlans: [
          { months: 12, feeRate: 0.2 },
          { months: 61, feeRate: 0.01 },
        ],
      },
    });
    expect(paths).toEqual(expect.arrayContaining(['fees.instalmentPlans.0', 'fees.instalmentPlans.1.months']));
  });
});
