import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categoryBreakdown, largestMerchants } from '../../src/health/index.js';
import { buy, transactionsIn } from './arbitraries.js';

describe('categoryBreakdown', () => {
  it('lists categories largest first with amounts, refunds and shares', () => {
    const b = categoryBreakdown({
      month: '2024-05',
      transactions: [
        buy('a', '2024-05-01', 30_000, 'KFC', 'food'),
        buy('b', '2024-05-02', 10_000, 'Didi', 'transport'),
        { ...buy('c', '2024-05-03', 5_000, 'KFC', 'food'), kind: 'refund' },
        { ...buy('d', '2024-05-04', 2_000, 'Shop', 'shopping'), kind: 'refund' },
      ],
    });
    expect(b.total).toEqual({ gross: 40_000, refunds: 7_000, net: 33_000, purchases: 2, refundCount: 2 });
    expect(b.lines.map((l) => [l.category, l.net, l.share])).toEqual([
      ['food', 25_000, 25_000 / 35_000],
      ['transport', 10_000, 10_000 / 35_000],
      ['shopping', -2_000, 0],
    ]);
    expect(b.lines[0]!.label).toEqual({ en: 'food and dining', zhHans: '餐饮' });
  });

  it('law: category totals reconcile exactly with the sum of the bill (integer fen)', () => {
    fc.assert(
      fc.property(transactionsIn('2024-05', { refunds: true, maxLength: 60, maxAmount: 9_000_000_000 }), (txs) => {
        const b = categoryBreakdown({ month: '2024-05', transactions: txs });
        const purchases = txs.filter((t) => t.kind !== 'refund').reduce((s, t) => s + t.amount, 0);
        const refunds = txs.filter((t) => t.kind === 'refund').reduce((s, t) => s + t.amount, 0);
        expect(b.total.gross).toBe(purchases);
        expect(b.total.refunds).toBe(refunds);
        expect(b.lines.reduce((s, l) => s + l.net, 0)).toBe(purchases - refunds);
        expect(b.lines.reduce((s, l) => s + l.gross, 0)).toBe(purchases);
        expect(b.lines.reduce((s, l) => s + l.refunds, 0)).toBe(refunds);
        expect(b.lines.reduce((s, l) => s + l.purchases + l.refundCount, 0)).toBe(txs.length);
        for (const l of b.lines) expect(Number.isInteger(l.net)).toBe(true);
        const shares = b.lines.reduce((s, l) => s + l.share, 0);
        if (b.lines.some((l) => l.net > 0)) expect(shares).toBeCloseTo(1, 9);
      }),
      { numRuns: 200 },
    );
  });
});

describe('largestMerchants', () => {
  it('groups spellings of one merchant, ranks by net and names it as last written', () => {
    const top = largestMerchants(
      {
        month: '2024-05',
        transactions: [
          buy('a', '2024-05-01', 3_000, 'ＫＦＣ', 'food'),
          buy('b', '2024-05-09', 4_000, 'kfc ', 'food'),
          buy('c', '2024-05-03', 5_000, 'Didi', 'transport'),
          buy('d', '2024-05-04', 1_000, 'Shop', 'shopping'),
        ],
      },
      { limit: 2 },
    );
    expect(top.map((m) => [m.merchant, m.key, m.net, m.purchases])).toEqual([
      ['kfc', 'kfc', 7_000, 2],
      ['Didi', 'didi', 5_000, 1],
    ]);
    expect(top[0]!.message.zhHans).toBe('kfc：本月2笔，共¥70.00，占支出的54%。');
  });
});
