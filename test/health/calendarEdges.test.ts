import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/index.js';
import { analyzeBills, budgetHistory, budgetProgress, budgetReminders, detectRecurring, healthSummary, type TransactionInput } from '../../src/health/index.js';

// findings11 time F4 and F7: months before year 0000 were written "00-1-12"; an invalid asOf also
// gave a made-up month_after_as_of issue.

function issuesOf(f: () => unknown): [string, string][] {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues.map((i) => [i.path.join('.'), i.code]);
  }
  throw new Error('expected a ValidationError');
}

const budget = { overall: 100_000 };
const tx: TransactionInput[] = [{ id: 't1', time: '0000-01-05T10:00:00', amount: 150_000, merchant: 'm', category: 'food' }];

describe('months before year 0000 are refused, never written malformed', () => {
  it("the tester's cases: a look-back or a comparison month before January 0000 is refused naming the field", () => {
    expect(issuesOf(() => budgetHistory({ budget, transactions: tx, asOf: '0000-03-15' }))).toEqual([['asOf', 'out_of_range']]);
    expect(issuesOf(() => analyzeBills({ transactions: tx, month: '0000-01', asOf: '0000-03-15' }))).toEqual([['month', 'out_of_range']]);
    expect(
      issuesOf(() =>
        healthSummary({ transactions: tx, budget, asOf: '0000-02-15', currentLimit: 800_000, monthlyIncome: 450_000, monthlyEssentials: 300_000 }),
      ),
    ).toEqual([['asOf', 'out_of_range']]);
  });

  it('a look-back that stays within year 0000 is answered, every month well formed', () => {
    expect(budgetHistory({ budget, transactions: tx, asOf: '0000-03-15', months: 2 }).map((m) => m.month)).toEqual(['0000-01', '0000-02']);
    const s = healthSummary({
      transactions: tx,
      budget,
      asOf: '0000-03-15',
      currentLimit: 800_000,
      monthlyIncome: 450_000,
      monthlyEssentials: 300_000,
      historyMonths: 2,
    });
    expect(s.history.map((m) => m.month)).toEqual(['0000-01', '0000-02']);
    const b = analyzeBills({ transactions: tx, month: '0000-02', asOf: '0000-03-15' });
    expect(b.through.previous).toBe('0000-01-31');
  });

  it('a payment whose next date would fall after 9999-12-31 says null, never year 10000', () => {
    const monthly = ['9999-10-20', '9999-11-20', '9999-12-20'].map((d, i) => ({
      id: `m${i}`,
      time: `${d}T10:00:00`,
      amount: 5_000,
      merchant: 'Gym',
      category: 'health' as const,
    }));
    const [p] = detectRecurring({ transactions: monthly, asOf: '9999-12-31' });
    expect(p).toMatchObject({ lastDate: '9999-12-20', nextExpectedDate: null, active: true });
    const earlier = detectRecurring({ transactions: monthly.slice(0, 2), asOf: '9999-12-31', minOccurrences: 2 });
    expect(earlier[0]?.nextExpectedDate).toBe('9999-12-20');
  });

  it('the over-budget streak stops at January 0000', () => {
    const s = healthSummary({
      transactions: tx,
      budget,
      budgetSince: '0000-01',
      asOf: '0000-02-15',
      currentLimit: 800_000,
      monthlyIncome: 450_000,
      monthlyEssentials: 300_000,
      historyMonths: 1,
    });
    expect(s.signals.overBudgetStreak).toBe(1);
  });
});

describe('an invalid asOf is the only issue: no month is compared with a date that does not exist', () => {
  it("the tester's case: analyzeBills month 2024-06, asOf 2024-02-30", () => {
    expect(issuesOf(() => analyzeBills({ transactions: [], month: '2024-06', asOf: '2024-02-30' }))).toEqual([['asOf', 'invalid_format']]);
    expect(issuesOf(() => budgetProgress({ budget, transactions: [], month: '2024-06', asOf: '2024-02-30' }))).toEqual([['asOf', 'invalid_format']]);
    expect(issuesOf(() => budgetReminders({ budget, transactions: [], asOf: '2024-02-30', state: { month: '2024-06', fired: [] } }))).toEqual([
      ['asOf', 'invalid_format'],
    ]);
  });
});
