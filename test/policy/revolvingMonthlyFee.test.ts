// Outside probe F85: a monthly fee too large for the revolving line to bill under the cap was refused
// at `fees`, with no figure ("no daily rate on the 0.0001% grid at or above the floor keeps the
// comprehensive cost ... under the 24% cap"), though the monthly fee alone left no room: the
// one-off fee's refusal names `fees.oneOffRate` and says what fits, this one now the same.
import { describe, expect, it } from 'vitest';
import { comprehensiveCost } from '../../src/policy/comprehensiveCost.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import { policyRefusal } from '../helpers/policyRefusal.js';

/** One drawdown of 1 repaid at the first bill, written from the cash flows: a month's interest plus the monthly fee. */
const oneBill = (dailyRate: number, monthlyRate: number) => comprehensiveCost({ received: 1, payments: [(dailyRate * 365) / 12 + monthlyRate + 1] }).nominalApr;

describe('a monthly fee the revolving line cannot bill under the cap is refused naming fees.monthlyRate', () => {
  it('monthlyRate 0.0166 (19.92% a year of fee on top of the 7.3% floor): named, with the cost at the floor and what fits', () => {
    const err = policyRefusal({ fees: { monthlyRate: 0.0166, instalmentPlans: [] } });
    expect(err?.code).toBe('policy_invalid');
    expect(err.fields).toEqual(['fees.monthlyRate']);
    // At the floor's 0.0200% a day: 12 x (0.0730 / 12 + 0.0166) = 27.22% a year.
    expect(oneBill(0.0002, 0.0166)).toBeCloseTo(0.2722, 4);
    expect(err.issues[0]?.message).toMatch(/monthly fee of 1\.66%.* costs 27\.22% a year .* above the 24% cap; at most 1\.39\d*% fits/);
  });

  it('beside a one-off fee the monthly fee is still the one named when it alone leaves no room', () => {
    expect(policyRefusal({ fees: { monthlyRate: 0.0166, oneOffRate: 0.001, instalmentPlans: [] } }).fields).toEqual(['fees.monthlyRate']);
  });

  it('the largest monthly fee said to fit is accepted, one ten-thousandth more is not', () => {
    const most = Number(/at most ([\d.]+)% fits/.exec(policyRefusal({ fees: { monthlyRate: 0.02, instalmentPlans: [] } }).issues[0]?.message ?? '')?.[1]) / 100;
    expect(most).toBeGreaterThan(0.0139);
    expect(() => resolvePolicy({ fees: { monthlyRate: most, instalmentPlans: [] } })).not.toThrow();
    expect(policyRefusal({ fees: { monthlyRate: most + 0.0001, instalmentPlans: [] } }).fields).toEqual(['fees.monthlyRate']);
  });
});
