import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/index.js';
import {
  budgetProgress,
  formatYuan,
  healthSummary,
  MAX_TRANSACTIONS_TOTAL_FEN,
  parseMonthlyBudget,
  parseTransactions,
  recommendLowerLimit,
  type TransactionInput,
} from '../../src/health/index.js';
import { MAX_MONEY_FEN } from '../../src/schema/primitives.js';

// findings11 health F3, F7 and F8 (one fault, two issues): every health amount is at most
// MAX_MONEY_FEN (10^12 fen), the total of one call's transactions is bounded so that every sum and
// projection is an exact integer, and formatYuan refuses what is not integer fen.

function issuesOf(f: () => unknown): { path: string; code: string }[] {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues.map((i) => ({ path: i.path.join('.'), code: i.code }));
  }
  throw new Error('expected a ValidationError');
}

const at = (id: string, day: string, amount: number): TransactionInput => ({ id, time: `${day}T10:00:00+08:00`, amount, merchant: 'M', category: 'food' });

describe('health amounts share the 10^12 fen bound', () => {
  it("the tester's case: a purchase and a budget of 7,000,000,000,000,003 fen are refused, naming each field, not projected past 2^53", () => {
    const amount = 7_000_000_000_000_003;
    expect(issuesOf(() => budgetProgress({ budget: { overall: amount }, asOf: '2024-05-20', transactions: [at('a', '2024-05-20', amount)] }))).toEqual([
      { path: 'budget.overall', code: 'too_big' },
      { path: 'transactions.0.amount', code: 'too_big' },
    ]);
  });

  it('an amount, a budget or a limit of 2^53 gets one issue, not two', () => {
    expect(issuesOf(() => parseTransactions([at('a', '2024-05-01', 2 ** 53)]))).toEqual([{ path: '0.amount', code: 'too_big' }]);
    expect(issuesOf(() => parseMonthlyBudget({ overall: 2 ** 53 }))).toEqual([{ path: 'overall', code: 'too_big' }]);
    expect(issuesOf(() => recommendLowerLimit({ currentLimit: 2 ** 53, monthlyIncome: 0, monthlyEssentials: 0, overBudgetMonths: 2 }))).toEqual([
      { path: 'currentLimit', code: 'too_big' },
    ]);
    expect(
      issuesOf(() =>
        healthSummary({
          transactions: [],
          budget: { overall: 1 },
          asOf: '2024-05-01',
          currentLimit: MAX_MONEY_FEN + 1,
          monthlyIncome: 2 ** 53 - 1,
          monthlyEssentials: 0,
        }),
      ),
    ).toEqual([
      { path: 'currentLimit', code: 'too_big' },
      { path: 'monthlyIncome', code: 'too_big' },
    ]);
  });

  it('amounts up to 10^12 are accepted; transactions adding up past the total bound are refused naming the list', () => {
    expect(parseTransactions([at('a', '2024-05-01', MAX_MONEY_FEN)])[0]!.amount).toBe(MAX_MONEY_FEN);
    const n = Math.floor(MAX_TRANSACTIONS_TOTAL_FEN / MAX_MONEY_FEN) + 1;
    const many = Array.from({ length: n }, (_, i) => at(`t${i}`, '2024-05-01', MAX_MONEY_FEN));
    expect(issuesOf(() => parseTransactions(many))).toEqual([{ path: '', code: 'too_big' }]);
    expect(parseTransactions(many.slice(1))).toHaveLength(n - 1);
  });

  it('law: within the bounds every projection is an exact integer, never below spending', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: MAX_MONEY_FEN }), { minLength: 1, maxLength: 100 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 1, max: MAX_MONEY_FEN }),
        (amounts, day, overall) => {
          const asOf = `2024-05-${String(day).padStart(2, '0')}`;
          const p = budgetProgress({ budget: { overall }, asOf, transactions: amounts.map((a, i) => at(`t${i}`, '2024-05-01', a)) });
          const spent = amounts.reduce((s, a) => s + BigInt(a), 0n);
          expect(BigInt(p.overall.spent)).toBe(spent);
          const exact = spent + (2n * spent * BigInt(31 - day) + BigInt(day)) / (2n * BigInt(day));
          expect(Number.isSafeInteger(p.overall.projected)).toBe(true);
          expect(BigInt(p.overall.projected)).toBe(exact);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('formatYuan refuses what is not integer fen', () => {
  it("the tester's inputs: 1.5, 0.1, NaN, undefined, Infinity, null, '100', 2^60 and 10n are refused with a ValidationError", () => {
    for (const bad of [1.5, 0.1, Number.NaN, undefined, Number.POSITIVE_INFINITY, null, '100', 2 ** 60, 10n, -(2 ** 53)]) {
      expect(() => formatYuan(bad as never), String(bad)).toThrow(ValidationError);
    }
    try {
      formatYuan(1.5);
    } catch (e) {
      expect((e as ValidationError).issues[0]).toMatchObject({ path: ['fen'] });
    }
    expect([0, 5, -500, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER].map(formatYuan)).toEqual([
      '¥0.00',
      '¥0.05',
      '-¥5.00',
      '¥90,071,992,547,409.91',
      '-¥90,071,992,547,409.91',
    ]);
  });
});
