import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { healthSummary, type TransactionInput } from '../../src/health/index.js';
import { buy, transactionsIn } from './arbitraries.js';

const budget = { overall: 300_000, categories: { food: 80_000 } };

function months(): TransactionInput[] {
  const out: TransactionInput[] = [];
  // Over budget in March and April, rent every month, a monthly video subscription.
  for (const [m, extra] of [
    ['2024-02', 50_000],
    ['2024-03', 200_000],
    ['2024-04', 250_000],
    ['2024-05', 10_000],
  ] as const) {
    out.push(buy(`rent-${m}`, `${m}-01`, 150_000, 'Landlord', 'housing'));
    out.push(buy(`vip-${m}`, `${m}-12`, 2_500, 'iQIYI VIP', 'entertainment'));
    out.push(buy(`shop-${m}`, `${m}-09`, extra, 'Taobao', 'shopping'));
  }
  return out;
}

describe('healthSummary', () => {
  it('bundles progress, history, streak, recurring payments and the lower-limit offer', () => {
    const s = healthSummary({
      transactions: months(),
      budget,
      budgetSince: '2024-01',
      asOf: '2024-05-15',
      currentLimit: 1_000_000,
      monthlyIncome: 600_000,
      monthlyEssentials: 350_000,
      historyMonths: 3,
      fixedCategories: ['housing'],
    });
    expect(s.history.map((m) => [m.month, m.spent])).toEqual([
      ['2024-02', 202_500],
      ['2024-03', 352_500],
      ['2024-04', 402_500],
    ]);
    expect(s.signals).toEqual({
      overBudgetStreak: 2,
      overBudgetMonths: 2,
      monthsWithoutKnownBudget: 0,
      streakFillsWindow: false,
      monthsObserved: 3,
      shareUsed: 162_500 / 300_000,
      projectedShare: (150_000 + 12_500 + Math.round((12_500 * 16) / 15)) / 300_000,
      status: 'on_track',
      recurringMonthlyCost: 152_500,
      recurringShareOfIncome: 152_500 / 600_000,
    });
    expect(s.recurring.map((r) => r.merchant)).toEqual(['Landlord', 'iQIYI VIP']);
    expect(s.lowerLimit).toMatchObject({ offer: true, recommendedLimit: 250_000, basis: 'spare_income' });
  });

  it('is plain data: it survives a JSON round trip unchanged', () => {
    const s = healthSummary({
      transactions: months(),
      budget,
      budgetSince: '2024-01',
      asOf: '2024-05-15',
      currentLimit: 1_000_000,
      monthlyIncome: 600_000,
      monthlyEssentials: 350_000,
    });
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('law: the summary is deterministic and does not depend on transaction order', () => {
    fc.assert(
      fc.property(
        fc.tuple(transactionsIn('2024-04', { refunds: true, maxLength: 15 }), transactionsIn('2024-05', { refunds: true, maxLength: 15 })).chain(([a, b]) => {
          const all = [...a, ...b];
          return fc.tuple(fc.constant(all), fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }));
        }),
        ([txs, shuffled]) => {
          const input = { budget, asOf: '2024-05-20', currentLimit: 500_000, monthlyIncome: 400_000, monthlyEssentials: 200_000 };
          const a = healthSummary({ ...input, transactions: txs });
          expect(healthSummary({ ...input, transactions: txs })).toEqual(a);
          expect(healthSummary({ ...input, transactions: shuffled })).toEqual(a);
        },
      ),
      { numRuns: 60 },
    );
  });
});
