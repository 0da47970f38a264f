import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/index.js';
import { budgetHistory, overBudgetStreak } from '../../src/health/index.js';
import { buy } from './arbitraries.js';

const over = (month: string) => ({ month, spent: 120_000, budget: 100_000 });
const under = (month: string) => ({ month, spent: 100_000, budget: 100_000 });

describe('overBudgetStreak', () => {
  it('counts consecutive complete months over budget back from the month before asOf', () => {
    expect(overBudgetStreak([over('2024-01'), under('2024-02'), over('2024-03'), over('2024-04'), over('2024-05')], '2024-05-20')).toBe(2);
    expect(overBudgetStreak([over('2024-04'), over('2024-03'), over('2024-02')], '2024-05-01')).toBe(3);
  });

  it('ends the streak at a month spent exactly on budget, or at a month with no record', () => {
    expect(overBudgetStreak([under('2024-04'), over('2024-03')], '2024-05-01')).toBe(0);
    expect(overBudgetStreak([over('2024-04'), over('2024-02')], '2024-05-01')).toBe(1);
    expect(overBudgetStreak([over('2024-03')], '2024-05-01')).toBe(0);
  });

  it('crosses year ends', () => {
    expect(overBudgetStreak([over('2023-11'), over('2023-12'), over('2024-01')], '2024-02-01')).toBe(3);
  });

  it('refuses a month listed twice', () => {
    expect(() => overBudgetStreak([over('2024-04'), under('2024-04')], '2024-05-01')).toThrow(ValidationError);
  });

  it('law: the streak never exceeds the number of complete months in the history, and does not depend on order', () => {
    const months = fc
      .uniqueArray(fc.integer({ min: 0, max: 23 }), { maxLength: 24 })
      .chain((idx) =>
        fc.tuple(
          ...idx.map((i) => fc.boolean().map((isOver) => (isOver ? over : under)(`${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`))),
        ),
      );
    fc.assert(
      fc.property(months, fc.integer({ min: 0, max: 23 }), (history, asOfIndex) => {
        const asOf = `${2023 + Math.floor(asOfIndex / 12)}-${String((asOfIndex % 12) + 1).padStart(2, '0')}-15`;
        const streak = overBudgetStreak(history, asOf);
        expect(streak).toBeLessThanOrEqual(history.filter((m) => m.month < asOf.slice(0, 7) && m.spent > m.budget).length);
        expect(overBudgetStreak([...history].reverse(), asOf)).toBe(streak);
      }),
      { numRuns: 200 },
    );
  });
});

describe('budgetHistory', () => {
  it('reports each complete month before asOf, oldest first, months without spending as 0', () => {
    const txs = [buy('a', '2024-03-10', 150_000, 'x'), buy('b', '2024-04-10', 90_000, 'x'), buy('c', '2024-05-02', 500_000, 'x')];
    const h = budgetHistory({ transactions: txs, budget: { overall: 100_000 }, budgetSince: '2024-01', asOf: '2024-05-10', months: 3 });
    expect(h).toEqual([
      { month: '2024-02', spent: 0, budget: 100_000 },
      { month: '2024-03', spent: 150_000, budget: 100_000 },
      { month: '2024-04', spent: 90_000, budget: 100_000 },
    ]);
    expect(overBudgetStreak(h, '2024-05-10')).toBe(0);
  });
});
