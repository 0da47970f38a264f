import { describe, expect, it } from 'vitest';
import type { CreditliftError } from '../../src/errors/index.js';
import { categoryBreakdown, formatYuan, merchantKey } from '../../src/health/index.js';

describe('money and names', () => {
  it('formats integer fen as yuan without floats', () => {
    expect([0, 5, 100, 123_456, -500, 9_007_199_254_740_991].map(formatYuan)).toEqual([
      '¥0.00',
      '¥0.05',
      '¥1.00',
      '¥1,234.56',
      '-¥5.00',
      '¥90,071,992,547,409.91',
    ]);
  });

  it('refuses amounts past 10^12 fen with a ValidationError naming each, instead of adding them up past 2^53', () => {
    const big = { time: '2024-05-01T00:00:00+08:00', amount: Number.MAX_SAFE_INTEGER, merchant: 'x', category: 'other' as const };
    expect(() =>
      categoryBreakdown({
        month: '2024-05',
        transactions: [
          { id: 'a', ...big },
          { id: 'b', ...big },
        ],
      }),
    ).toThrow(expect.objectContaining({ code: 'validation_failed', fields: ['transactions.0.amount', 'transactions.1.amount'] }) as CreditliftError);
  });

  it('matches merchant spellings by width, case and spacing', () => {
    expect(new Set(['ＫＦＣ', ' kfc', 'KFC  ', 'K F C'].map(merchantKey))).toEqual(new Set(['kfc', 'k f c']));
  });
});
