import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/index.js';
import { parseBill, parseMonthlyBudget, parseTransactions } from '../../src/health/index.js';

function caught(f: () => unknown): ValidationError {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('transaction and budget schemas', () => {
  it('defaults kind to purchase and keeps integer fen', () => {
    const [t] = parseTransactions([{ id: 'a', time: '2024-05-03T12:30:00+08:00', amount: 1250, merchant: ' KFC ', category: 'food' }]);
    expect(t).toEqual({ id: 'a', time: '2024-05-03T12:30:00+08:00', kind: 'purchase', amount: 1250, merchant: 'KFC', category: 'food' });
  });

  it('names every bad field of every transaction at once', () => {
    const err = caught(() =>
      parseTransactions([
        { id: '', time: '2024-02-30T10:00:00Z', amount: 12.5, merchant: '', category: 'snacks', channel: 'pigeon', extra: 1 },
        { id: 'b', time: '2024-05-01T10:00:00', kind: 'chargeback', amount: -3, merchant: 'x', category: 'food' },
      ]),
    );
    expect(err.code).toBe('validation_failed');
    expect(err.fields).toEqual(['0.amount', '0.category', '0.channel', '0.extra', '0.id', '0.merchant', '0.time', '1.amount', '1.kind']);
  });

  it('refuses a repeated transaction id, since it would count money twice', () => {
    const t = { time: '2024-05-01T10:00:00+08:00', amount: 100, merchant: 'x', category: 'food' };
    const err = caught(() =>
      parseTransactions([
        { id: 'a', ...t },
        { id: 'b', ...t },
        { id: 'a', ...t },
      ]),
    );
    expect(err.issues).toEqual([expect.objectContaining({ path: [2, 'id'], code: 'duplicate_id' })]);
  });

  it('refuses a category budget above the overall budget, and a zero budget', () => {
    const err = caught(() => parseMonthlyBudget({ overall: 100_000, categories: { food: 200_000, travel: 0 } }));
    expect(err.issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['categories.food', 'category_budget_exceeds_overall'],
      ['categories.travel', 'too_small'],
    ]);
  });

  it('refuses a bill line dated outside the bill month', () => {
    const err = caught(() =>
      parseBill({ month: '2024-05', transactions: [{ id: 'a', time: '2024-06-01T00:10:00+08:00', amount: 1, merchant: 'x', category: 'food' }] }),
    );
    expect(err.issues[0]).toMatchObject({ path: ['transactions', 0, 'time'], code: 'outside_bill_month' });
  });
});
