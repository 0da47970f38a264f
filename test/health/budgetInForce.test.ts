import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/index.js';
import { budgetHistory, healthSummary, type TransactionInput } from '../../src/health/index.js';
import { buy } from './arbitraries.js';

// 4,000 RMB spent in each month January to June 2024: within a 5,000 budget, over a 3,000 one.
const spending: TransactionInput[] = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06'].map((m) =>
  buy(`shop-${m}`, `${m}-05`, 400_000, 'Shop', 'shopping'),
);
const money = { currentLimit: 2_000_000, monthlyIncome: 800_000, monthlyEssentials: 300_000 };

describe('past months are judged against the budget in force then', () => {
  it('a budget tightened today does not make the months before it over budget', () => {
    const s = healthSummary({
      transactions: spending,
      budget: { overall: 300_000 },
      budgetSince: '2024-07',
      earlierBudgets: [{ from: '2024-01', overall: 500_000 }],
      asOf: '2024-07-01',
      ...money,
    });
    expect(s.history.map((m) => m.budget)).toEqual([500_000, 500_000, 500_000, 500_000, 500_000, 500_000]);
    expect(s.signals.overBudgetStreak).toBe(0);
    expect(s.signals.monthsWithoutKnownBudget).toBe(0);
    expect(s.lowerLimit.offer).toBe(false);
  });

  it('months from budgetSince on are judged against the current budget, those before against the earlier one', () => {
    const s = healthSummary({
      transactions: spending,
      budget: { overall: 300_000 },
      budgetSince: '2024-05',
      earlierBudgets: [{ from: '2023-01', overall: 500_000 }],
      asOf: '2024-07-01',
      ...money,
    });
    expect(s.history.map((m) => [m.month, m.budget])).toEqual([
      ['2024-01', 500_000],
      ['2024-02', 500_000],
      ['2024-03', 500_000],
      ['2024-04', 500_000],
      ['2024-05', 300_000],
      ['2024-06', 300_000],
    ]);
    expect(s.signals.overBudgetStreak).toBe(2);
    expect(s.signals.streakFillsWindow).toBe(false);
    expect(s.lowerLimit.offer).toBe(true);
  });

  it('without budgetSince no past month is judged, and the output says so rather than guess', () => {
    const s = healthSummary({ transactions: spending, budget: { overall: 300_000 }, asOf: '2024-07-01', ...money });
    expect(s.history.every((m) => m.budget === null)).toBe(true);
    expect(s.history.map((m) => m.spent)).toEqual([400_000, 400_000, 400_000, 400_000, 400_000, 400_000]);
    expect(s.signals).toMatchObject({ overBudgetStreak: 0, overBudgetMonths: 0, monthsWithoutKnownBudget: 6, monthsObserved: 6 });
    expect(s.lowerLimit.offer).toBe(false);
    expect(s.lowerLimit.explanation.en).toBe(
      'No lower limit suggested: we do not know what your budget was in June 2024, so we do not judge that month or the ones before it.',
    );
    expect(s.lowerLimit.explanation.zhHans).toContain('我们不知道您2024年6月的预算');
  });

  it('a streak stops at the first month with no budget known', () => {
    const s = healthSummary({ transactions: spending, budget: { overall: 300_000 }, budgetSince: '2024-04', asOf: '2024-07-01', ...money });
    expect(s.history.map((m) => m.budget)).toEqual([null, null, null, 300_000, 300_000, 300_000]);
    expect(s.signals).toMatchObject({ overBudgetStreak: 3, overBudgetMonths: 3, monthsWithoutKnownBudget: 3, streakFillsWindow: false });
  });

  it('budgetHistory takes the same dates', () => {
    const h = budgetHistory({
      transactions: spending,
      budget: { overall: 300_000 },
      budgetSince: '2024-06',
      earlierBudgets: [{ from: '2024-03', overall: 450_000 }],
      asOf: '2024-07-09',
    });
    expect(h.map((m) => m.budget)).toEqual([null, null, 450_000, 450_000, 450_000, 300_000]);
  });

  it('refuses dates that cannot describe one budget a month, naming the field', () => {
    const issues = (input: Record<string, unknown>): string[] => {
      try {
        healthSummary({ transactions: [], budget: { overall: 300_000 }, asOf: '2024-07-01', ...money, ...input });
      } catch (e) {
        if (e instanceof ValidationError) return e.issues.map((i) => `${i.path.join('.')}:${i.code}`);
        throw e;
      }
      return [];
    };
    expect(issues({ budgetSince: '2024-08' })).toEqual(['budgetSince:out_of_range']);
    expect(issues({ earlierBudgets: [{ from: '2024-01', overall: 1 }] })).toEqual(['earlierBudgets.0.from:out_of_range']);
    expect(issues({ budgetSince: '2024-03', earlierBudgets: [{ from: '2024-03', overall: 1 }] })).toEqual(['earlierBudgets.0.from:out_of_range']);
    expect(
      issues({
        budgetSince: '2024-03',
        earlierBudgets: [
          { from: '2024-01', overall: 1 },
          { from: '2024-01', overall: 2 },
        ],
      }),
    ).toEqual(['earlierBudgets.1.from:duplicate_month']);
    expect(issues({ budgetSince: '2024-3' })).toEqual(['budgetSince:invalid_format']);
  });

  it('law: a budget set this month never changes how a past month is judged', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_000_000 }), fc.integer({ min: 1, max: 2_000_000 }), (oldBudget, newBudget) => {
        const on = (overall: number) =>
          healthSummary({
            transactions: spending,
            budget: { overall },
            budgetSince: '2024-07',
            earlierBudgets: [{ from: '2024-01', overall: oldBudget }],
            asOf: '2024-07-20',
            ...money,
          });
        const a = on(oldBudget);
        const b = on(newBudget);
        expect(b.history).toEqual(a.history);
        expect(b.signals.overBudgetStreak).toBe(a.signals.overBudgetStreak);
        expect(b.lowerLimit).toEqual(a.lowerLimit);
      }),
      { seed: 4901, numRuns: 60 },
    );
  });
});
