import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/index.js';
import { analyzeBills, billForMonth, monthOverMonth } from '../../src/health/index.js';
import { buy } from './arbitraries.js';

const history = [
  buy('a1', '2024-04-03', 20_000, 'KFC', 'food'),
  buy('a2', '2024-04-20', 10_000, 'Didi', 'transport'),
  buy('a3', '2024-04-25', 5_000, 'Cinema', 'entertainment'),
  buy('b1', '2024-05-02', 30_000, 'KFC', 'food'),
  buy('b2', '2024-05-21', 10_000, 'Didi', 'transport'),
  buy('b3', '2024-05-22', 8_000, 'Bookshop', 'education'),
];

describe('monthOverMonth', () => {
  it('gives the change per category and overall, largest change first, with sentences in both languages', () => {
    const m = monthOverMonth(billForMonth(history, '2024-05'), billForMonth(history, '2024-04'));
    expect(m.overall).toMatchObject({ current: 48_000, previous: 35_000, change: 13_000, changeShare: 13_000 / 35_000 });
    expect(m.overall.message).toEqual({
      en: 'Total spending rose 37% from last month (¥350.00 → ¥480.00).',
      zhHans: '总支出比上月增加37%（¥350.00 → ¥480.00）。',
    });
    expect(m.categories.map((c) => [c.scope, c.change, c.changeShare])).toEqual([
      ['food', 10_000, 0.5],
      ['education', 8_000, null],
      ['entertainment', -5_000, -1],
      ['transport', 0, 0],
    ]);
    expect(m.categories[1]!.message).toEqual({
      en: 'New education spending this month: ¥80.00 (none last month).',
      zhHans: '本月新增教育支出¥80.00（上月无）。',
    });
    expect(m.categories[2]!.message.en).toBe('No entertainment spending this month (¥50.00 last month).');
    expect(m.categories[3]!.message.zhHans).toBe('交通出行支出与上月基本持平（¥100.00）。');
  });

  it('refuses bills that are not consecutive months', () => {
    expect(() => monthOverMonth(billForMonth(history, '2024-05'), billForMonth(history, '2024-03'))).toThrow(ValidationError);
  });

  it('compares month to date with the same days of the month before when the month is still running', () => {
    const a = analyzeBills({ transactions: history, month: '2024-05', asOf: '2024-05-10' });
    expect(a.basis).toBe('month_to_date');
    expect(a.through).toEqual({ current: '2024-05-10', previous: '2024-04-10' });
    expect(a.monthOverMonth.overall).toMatchObject({ current: 30_000, previous: 20_000 });
    expect(a.monthOverMonth.overall.message.en).toBe('Total spending rose 50% from the same days last month (¥200.00 → ¥300.00).');
    expect(a.monthOverMonth.overall.message.zhHans).toBe('总支出比上月同期增加50%（¥200.00 → ¥300.00）。');
  });

  it('compares whole months for a past month, clamping the day to short months', () => {
    const a = analyzeBills({ transactions: history, month: '2024-05', asOf: '2024-06-02' });
    expect(a.basis).toBe('full_month');
    expect(a.through).toEqual({ current: '2024-05-31', previous: '2024-04-30' });
    const b = analyzeBills({ transactions: history, month: '2024-03', asOf: '2024-03-31' });
    expect(b.through).toEqual({ current: '2024-03-31', previous: '2024-02-29' });
  });
});
