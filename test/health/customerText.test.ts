import { describe, expect, it } from 'vitest';
import { parseApplicant } from '../../src/schema/parseApplicant.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { budgetProgress, budgetReminders, healthSummary, overBudgetStreak, type TransactionInput } from '../../src/health/index.js';

// findings11 health F8: customer text that read wrong, and a streak the scorer refused.

const tx = (id: string, day: string, amount: number): TransactionInput => ({
  id,
  time: `2024-05-${day}T10:00:00+08:00`,
  amount,
  merchant: 'Taobao',
  category: 'shopping',
});

describe('customer text says what is so', () => {
  it('one day left is "the 1 day left", not "1 days"', () => {
    const p = budgetProgress({ budget: { overall: 300_000 }, asOf: '2024-05-30', transactions: [tx('a', '30', 299_000)] });
    expect(p.overall.status).toBe('at_risk');
    expect(p.message.en).toContain('for the 1 day left');
    expect(p.message.en).not.toContain('1 days');
  });

  it('99.67% used reads 99%, not 100%, while the 100% reminder has not fired', () => {
    const p = budgetProgress({ budget: { overall: 300_000 }, asOf: '2024-05-10', transactions: [tx('a', '10', 299_000)] });
    expect(p.message.en).toContain('(99%)');
    expect(p.message.zhHans).toContain('已用99%');
    expect(
      budgetReminders({ budget: { overall: 300_000 }, asOf: '2024-05-10', transactions: [tx('a', '10', 299_000)] }).reminders.map((r) => r.thresholdPercent),
    ).toEqual([50, 80]);
  });

  it('a reminder fired below the share already used says both: the threshold reached and the share used', () => {
    const r = budgetReminders({ budget: { overall: 18 }, asOf: '2024-05-10', transactions: [tx('a', '10', 153_441)], thresholds: [1, 50] });
    expect(r.reminders[0]!.message.en).toBe('Your monthly spending for May 2024 has passed 1% of budget: ¥1,534.41 spent of ¥0.18 (852450% used).');
    expect(r.reminders[0]!.message.zhHans).toBe('2024年5月总支出已超过预算的1%：已花¥1,534.41，预算¥0.18（已用852450%）。');
    // Reached exactly, the sentence stays as it was.
    const exact = budgetReminders({ budget: { overall: 1_000 }, asOf: '2024-05-10', transactions: [tx('a', '10', 500)], thresholds: [50] });
    expect(exact.reminders[0]!.message.en).toBe('You have used 50% of your monthly budget for May 2024: ¥5.00 spent of ¥10.00.');
  });
});

describe('the over-budget streak', () => {
  it('overBudgetStreak of 150 months is accepted by the scorer as financialHealth.overBudgetMonths', () => {
    const history = Array.from({ length: 150 }, (_, i) => {
      const m = 2026 * 12 + 9 - i;
      return { month: `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`, spent: 200, budget: 100 };
    });
    const streak = overBudgetStreak(history, '2026-11-01');
    expect(streak).toBe(150);
    const a = exampleApplicants[0]!.applicant;
    expect(parseApplicant({ ...a, financialHealth: { overBudgetMonths: streak } }).financialHealth?.overBudgetMonths).toBe(150);
  });

  it('healthSummary says when the streak fills its look-back window (it may have begun earlier)', () => {
    const txs = Array.from({ length: 12 }, (_, i) => ({
      id: `t${i}`,
      time: `2025-${String(i + 1).padStart(2, '0')}-10T10:00:00+08:00`,
      amount: 500,
      merchant: 'M',
      category: 'food' as const,
    }));
    const s = healthSummary({
      transactions: txs,
      budget: { overall: 100 },
      budgetSince: '2020-01',
      asOf: '2026-01-05',
      currentLimit: 1_000_000,
      monthlyIncome: 0,
      monthlyEssentials: 0,
    });
    expect(s.signals).toMatchObject({ overBudgetStreak: 6, monthsObserved: 6, streakFillsWindow: true });
    expect(s.lowerLimit.explanation.en).toMatch(/^You have spent more than your budget at least 6 months in a row\./);
    expect(s.lowerLimit.explanation.zhHans).toMatch(/^您已连续至少6个月超出预算。/);
    const longer = healthSummary({
      transactions: txs,
      budget: { overall: 100 },
      budgetSince: '2020-01',
      asOf: '2026-01-05',
      currentLimit: 1_000_000,
      monthlyIncome: 0,
      monthlyEssentials: 0,
      historyMonths: 24,
    });
    expect(longer.signals).toMatchObject({ overBudgetStreak: 12, streakFillsWindow: false });
    expect(longer.lowerLimit.explanation.en).toMatch(/^You have spent more than your budget 12 months in a row\./);
  });
});
