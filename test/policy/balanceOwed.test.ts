// The balance owed on the line was left out of affordability (findings26 F1): a customer owing
// 400,000 RMB on a 500 RMB line was approved for a raise to 15,500 RMB with "debt service: pass",
// the checks testing only the payment of the new limit. The line's payment is now tested on the
// larger of the limit and the balance owed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { affordabilityCapacity, affordabilityInputOf, checkAffordability, linePrincipal } from '../../src/policy/affordability.js';
import { preparePolicy } from '../../src/policy/applyPolicy.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { buildApplicant } from './applicantBuilder.js';

const RMB = 100;
const withBalance = (currentLimit: number, currentBalance: number, otherMonthlyDebtService = 0) =>
  buildApplicant({
    platform: { accountAgeMonths: 30, transactions3m: 150, transactionAmount3m: 1_350_000, onTimeRepaymentRate: 1, currentLimit, currentBalance },
    bureau: { hasFile: true, enquiries6m: 1, delinquencies24m: 0, currentDaysPastDue: 0, otherConsumerCreditBalance: 0, otherMonthlyDebtService },
  });

describe('affordability counts the balance owed on the line', () => {
  it('tests the payment of the larger of the limit and the balance', () => {
    const input = affordabilityInputOf(withBalance(500 * RMB, 17_000 * RMB), defaultPolicy);
    const owed = checkAffordability(input, 500 * RMB, 1_500, defaultPolicy);
    const line = checkAffordability({ ...input, balanceOwed: 0 }, 17_000 * RMB, 1_500, defaultPolicy);
    expect(owed.monthlyPayment).toBe(line.monthlyPayment);
    expect(owed.balanceOwed).toBe(17_000 * RMB);
    expect(owed.checks).toEqual(line.checks);
    // A balance within the limit changes nothing and says nothing.
    const within = checkAffordability(input, 20_000 * RMB, 1_500, defaultPolicy);
    expect(within).toEqual(checkAffordability({ ...input, balanceOwed: 0 }, 20_000 * RMB, 1_500, defaultPolicy));
    expect('balanceOwed' in within).toBe(false);
  });

  it('a balance whose own payment does not fit leaves no capacity; one that fits leaves it as it was', () => {
    const input = affordabilityInputOf(withBalance(500 * RMB, 0), defaultPolicy);
    const free = affordabilityCapacity(input, 1_500, defaultPolicy);
    expect(affordabilityCapacity({ ...input, balanceOwed: free.capacity }, 1_500, defaultPolicy)).toEqual({ ...free, balanceOwedFits: true });
    expect(affordabilityCapacity({ ...input, balanceOwed: free.capacity + 1 }, 1_500, defaultPolicy)).toMatchObject({ capacity: 0, balanceOwedFits: false });
  });

  it('400,000 RMB owed on a 500 RMB line: no raise, the debt named first, the checks failing on it', () => {
    const r = preparePolicy({ applicant: withBalance(500 * RMB, 400_000 * RMB) }).evaluate(0.0268);
    expect(r.outcome).toBe('decline');
    expect(r.limit).toBe(0);
    expect(r.affordabilityCapacity).toBe(0);
    expect(r.reasons[0]).toBe('balance_owed_unaffordable');
    expect(r.affordability.checks.find((c) => c.id === 'debt_service')?.pass).toBe(false);
    expect(r.affordability.balanceOwed).toBe(400_000 * RMB);
  });

  it('law: owing more never gives a higher limit, ceteris paribus (policy at a fixed PD)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 500, max: 30_000 }),
        fc.integer({ min: 0, max: 500_000 }),
        fc.integer({ min: 0, max: 500_000 }),
        fc.integer({ min: 0, max: 300_000 }),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        (lineRmb, a, b, debts, pd) => {
          const [less, more] = a <= b ? [a, b] : [b, a];
          const at = (balanceRmb: number) => preparePolicy({ applicant: withBalance(lineRmb * RMB, balanceRmb * RMB, debts) }).limitAt(pd);
          const l = at(less);
          const m = at(more);
          expect(m.limit, `owing ${more} RMB gave ${m.limit} fen, owing ${less} RMB ${l.limit} fen`).toBeLessThanOrEqual(l.limit);
          expect(m.affordabilityCapacity).toBeLessThanOrEqual(l.affordabilityCapacity);
        },
      ),
      { seed: 20261101, numRuns: 300 },
    );
  });

  it('law: a balance at most the limit tested leaves the policy result exactly as with nothing owed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30_000 }),
        fc.integer({ min: 0, max: 300_000 }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        fc.integer({ min: 0, max: 100 }),
        (lineRmb, debts, pd, share) => {
          const none = preparePolicy({ applicant: withBalance(lineRmb * RMB, 0, debts) }).evaluate(pd);
          const tested = none.affordability.limit;
          const balance = Math.floor((tested * share) / 100);
          const owed = preparePolicy({ applicant: withBalance(lineRmb * RMB, balance, debts) }).evaluate(pd);
          expect(JSON.stringify(owed)).toBe(JSON.stringify(none));
        },
      ),
      { seed: 20261102, numRuns: 300 },
    );
  });

  it('linePrincipal is the larger of the two', () => {
    expect(linePrincipal(50_000, undefined)).toBe(50_000);
    expect(linePrincipal(50_000, 40_000)).toBe(50_000);
    expect(linePrincipal(50_000, 60_000)).toBe(60_000);
  });
});
