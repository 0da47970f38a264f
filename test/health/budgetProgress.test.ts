import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetProgress, type TransactionInput } from '../../src/health/index.js';
import { buy, transactionIn, transactionsIn } from './arbitraries.js';

const budget = { overall: 300_000, categories: { food: 60_000, housing: 200_000 } };

describe('budgetProgress', () => {
  it('reports spent, share, days left and the linear projection for the month of asOf', () => {
    const transactions = [
      buy('a', '2024-05-02', 30_000, 'Didi', 'transport'),
      buy('b', '2024-05-09', 20_000, 'KFC', 'food'),
      buy('c', '2024-05-11', 99_999, 'Later', 'shopping'), // after asOf: not counted
      buy('d', '2024-04-30', 50_000, 'Earlier', 'food'), // last month: not counted
      { ...buy('e', '2024-05-10', 5_000, 'KFC', 'food'), kind: 'refund' as const },
    ];
    const p = budgetProgress({ budget, transactions, asOf: '2024-05-10' });
    expect(p).toMatchObject({ month: '2024-05', daysInMonth: 31, daysElapsed: 10, daysLeft: 21 });
    // spent 45,000 fen in 10 days of 31: 45,000 * 31 / 10 = 139,500
    expect(p.overall).toMatchObject({ spent: 45_000, remaining: 255_000, shareUsed: 0.15, projected: 139_500, status: 'on_track', over: false, onTrack: true });
    expect(p.categories.map((c) => [c.scope, c.spent, c.projected])).toEqual([
      ['food', 15_000, 46_500],
      ['housing', 0, 0],
    ]);
    expect(p.spentByCategory).toEqual({ transport: 30_000, food: 15_000 });
    expect(p.message.zhHans).toContain('在预算之内');
  });

  it('flags at risk when the pace overshoots, and over once the budget is passed', () => {
    const risky = budgetProgress({ budget, transactions: [buy('a', '2024-05-05', 100_000, 'x')], asOf: '2024-05-10' });
    expect(risky.overall.status).toBe('at_risk');
    expect(risky.overall.dailyAllowance).toBe(Math.floor(200_000 / 21));
    const over = budgetProgress({ budget, transactions: [buy('a', '2024-05-05', 300_001, 'x')], asOf: '2024-05-10' });
    expect(over.overall).toMatchObject({ status: 'over', over: true, overBy: 1, remaining: 0 });
    expect(over.message.en).toContain('over your ¥3,000.00 budget');
  });

  it('carries fixed categories as they are instead of extrapolating rent', () => {
    const transactions = [buy('rent', '2024-05-05', 200_000, 'Landlord', 'housing'), buy('f', '2024-05-06', 10_000, 'KFC', 'food')];
    const linear = budgetProgress({ budget, transactions, asOf: '2024-05-10' });
    const fixed = budgetProgress({ budget, transactions, asOf: '2024-05-10', fixedCategories: ['housing'] });
    expect(linear.overall.projected).toBe(651_000);
    expect(fixed.overall.projected).toBe(200_000 + 31_000);
    expect(fixed.overall.status).toBe('on_track');
  });

  it('reports a past month as complete', () => {
    const p = budgetProgress({ budget, transactions: [buy('a', '2024-02-10', 100_000, 'x')], asOf: '2024-05-10', month: '2024-02' });
    expect(p).toMatchObject({ daysInMonth: 29, daysElapsed: 29, daysLeft: 0 });
    expect(p.overall.projected).toBe(100_000);
  });

  it('refuses a month after asOf', () => {
    expect(() => budgetProgress({ budget, transactions: [], asOf: '2024-05-10', month: '2024-06' })).toThrow(/month/);
  });

  const asOf = fc.integer({ min: 1, max: 31 }).map((d) => `2024-05-${String(d).padStart(2, '0')}`);

  it('law: share used never falls when a purchase is added (monotone in spending)', () => {
    fc.assert(
      fc.property(transactionsIn('2024-05', { refunds: true }), transactionIn('2024-05'), asOf, (txs, extra, day) => {
        const before = budgetProgress({ budget, transactions: txs, asOf: day });
        const after = budgetProgress({ budget, transactions: [...txs, { id: 'extra', ...extra }], asOf: day });
        expect(after.overall.shareUsed).toBeGreaterThanOrEqual(before.overall.shareUsed);
        after.categories.forEach((c, i) => expect(c.shareUsed).toBeGreaterThanOrEqual(before.categories[i]!.shareUsed));
      }),
      { numRuns: 150 },
    );
  });

  it('law: projected month-end spending is never below spending so far', () => {
    fc.assert(
      fc.property(transactionsIn('2024-05', { refunds: true }), asOf, fc.subarray(['housing', 'food', 'utilities'] as const), (txs, day, fixed) => {
        const p = budgetProgress({ budget, transactions: txs, asOf: day, fixedCategories: fixed });
        for (const s of [p.overall, ...p.categories]) {
          expect(Number.isSafeInteger(s.projected)).toBe(true);
          expect(s.projected).toBeGreaterThanOrEqual(s.spent);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('law: progress is deterministic and independent of transaction order', () => {
    fc.assert(
      fc.property(
        transactionsIn('2024-05', { refunds: true }).chain((txs) =>
          fc.tuple(fc.constant(txs), fc.shuffledSubarray(txs, { minLength: txs.length, maxLength: txs.length })),
        ),
        asOf,
        ([txs, shuffled]: [TransactionInput[], TransactionInput[]], day) => {
          expect(budgetProgress({ budget, transactions: shuffled, asOf: day })).toEqual(budgetProgress({ budget, transactions: txs, asOf: day }));
        },
      ),
      { numRuns: 100 },
    );
  });
});
