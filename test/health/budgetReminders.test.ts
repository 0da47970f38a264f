import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/index.js';
import { budgetReminders, SpendingCategory, type ReminderState, type TransactionInput } from '../../src/health/index.js';
import { buy, transactionIn } from './arbitraries.js';

const budget = { overall: 100_000, categories: { food: 40_000 } };

describe('budgetReminders', () => {
  it('fires each threshold crossed once, lowest first, and nothing on a re-run with the returned state', () => {
    const txs = [buy('a', '2024-05-02', 85_000, 'x', 'shopping')];
    const first = budgetReminders({ budget, transactions: txs, asOf: '2024-05-03' });
    expect(first.reminders.map((r) => [r.scope, r.thresholdPercent])).toEqual([
      ['overall', 50],
      ['overall', 80],
    ]);
    expect(first.reminders[1]!.message).toEqual({
      // Spending is past the threshold: the sentence says the share used too (findings11 F8).
      en: 'Your monthly spending for May 2024 has passed 80% of budget: ¥850.00 spent of ¥1,000.00 (85% used).',
      zhHans: '2024年5月总支出已超过预算的80%：已花¥850.00，预算¥1,000.00（已用85%）。',
    });
    expect(budgetReminders({ budget, transactions: txs, asOf: '2024-05-03', state: first.state }).reminders).toEqual([]);
    const more = [...txs, buy('b', '2024-05-04', 15_000, 'y', 'food')];
    const second = budgetReminders({ budget, transactions: more, asOf: '2024-05-04', state: first.state });
    expect(second.reminders.map((r) => [r.scope, r.thresholdPercent])).toEqual([['overall', 100]]);
    expect(second.reminders[0]!.message.zhHans).toBe('2024年5月总预算已用完：已花¥1,000.00，预算¥1,000.00。');
  });

  it('resets in a new month and honours custom thresholds', () => {
    const state: ReminderState = { month: '2024-04', fired: [{ scope: 'overall', thresholdPercent: 50 }] };
    const r = budgetReminders({ budget, transactions: [buy('a', '2024-05-01', 60_000, 'x')], asOf: '2024-05-01', state, thresholds: [25, 50, 150] });
    expect(r.reminders.map((x) => x.thresholdPercent)).toEqual([25, 50]);
    expect(r.state.month).toBe('2024-05');
  });

  it('does not re-arm a threshold when a refund drops spending back under it', () => {
    const txs: TransactionInput[] = [buy('a', '2024-05-02', 60_000, 'x')];
    const first = budgetReminders({ budget, transactions: txs, asOf: '2024-05-02' });
    const refunded = budgetReminders({
      budget,
      transactions: [...txs, { ...buy('r', '2024-05-03', 30_000, 'x'), kind: 'refund' }],
      asOf: '2024-05-03',
      state: first.state,
    });
    const again = budgetReminders({
      budget,
      transactions: [...txs, { ...buy('r', '2024-05-03', 30_000, 'x'), kind: 'refund' }, buy('b', '2024-05-04', 30_000, 'x')],
      asOf: '2024-05-04',
      state: refunded.state,
    });
    expect([first.reminders.length, refunded.reminders.length, again.reminders.length]).toEqual([1, 0, 0]);
  });

  it('refuses a state from a later month than asOf', () => {
    const state: ReminderState = { month: '2024-06', fired: [] };
    expect(() => budgetReminders({ budget, transactions: [], asOf: '2024-05-31', state })).toThrow(ValidationError);
  });

  it("findings11 F4: the state returned is always accepted back, whatever thresholds each run uses (the tester's 5 runs of 20 thresholds over 16 scopes)", () => {
    const cats = SpendingCategory.options;
    const all = { overall: 1_500, categories: Object.fromEntries(cats.map((c) => [c, 100])) };
    const transactions = cats.map((c, i) => ({ id: `t${i}`, time: '2024-05-02T10:00:00+08:00', amount: 200, merchant: 'M', category: c }));
    let state: ReminderState | null = null;
    // 50 runs of 20 new thresholds each: every threshold 1 to 1000 over every scope.
    for (let run = 0; run < 50; run++) {
      const thresholds = Array.from({ length: 20 }, (_, i) => run * 20 + i + 1);
      const r = budgetReminders({ budget: all, transactions, asOf: '2024-05-10', state, thresholds });
      state = r.state;
    }
    expect(state!.fired.length).toBe((cats.length + 1) * 200);
    expect(budgetReminders({ budget: all, transactions, asOf: '2024-05-10', state }).reminders).toEqual([]);
  });

  it('findings11 F8: a stored state that repeats an entry is refused naming it, not collapsed without a word', () => {
    const state: ReminderState = {
      month: '2024-05',
      fired: [
        { scope: 'travel', thresholdPercent: 50 },
        { scope: 'travel', thresholdPercent: 50 },
      ],
    };
    try {
      budgetReminders({ budget, transactions: [], asOf: '2024-05-31', state });
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).issues.map((i) => [i.path.join('.'), i.code])).toEqual([['state.fired.1', 'duplicate_key']]);
    }
  });

  it('law: each reminder fires at most once per threshold per month, however often it runs', () => {
    // A customer's two months, revealed day by day; the job runs 1 to 3 times a day, keeping state.
    const history = fc
      .tuple(
        fc.array(transactionIn('2024-05', { refunds: true, maxAmount: 30_000 }), { maxLength: 30 }),
        fc.array(transactionIn('2024-06', { refunds: true, maxAmount: 30_000 }), { maxLength: 30 }),
      )
      .map(([a, b]) => [...a, ...b].map((t, i) => ({ id: `t${i}`, ...t })));
    const runsPerDay = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 61, maxLength: 61 });
    fc.assert(
      fc.property(history, runsPerDay, (txs, runs) => {
        let state: ReminderState | null = null;
        const fired = new Map<string, number>();
        const days = [
          ...Array.from({ length: 31 }, (_, i) => `2024-05-${String(i + 1).padStart(2, '0')}`),
          ...Array.from({ length: 30 }, (_, i) => `2024-06-${String(i + 1).padStart(2, '0')}`),
        ];
        days.forEach((asOf, d) => {
          for (let k = 0; k < runs[d]!; k++) {
            const out = budgetReminders({ budget, transactions: txs, asOf, state });
            for (const r of out.reminders) {
              const key = `${r.month}/${r.scope}/${r.thresholdPercent}`;
              fired.set(key, (fired.get(key) ?? 0) + 1);
              expect(r.month).toBe(asOf.slice(0, 7));
            }
            state = out.state;
          }
        });
        for (const count of fired.values()) expect(count).toBe(1);
      }),
      { numRuns: 25 },
    );
  });

  it('law: reminders are deterministic', () => {
    fc.assert(
      fc.property(fc.array(transactionIn('2024-05', { maxAmount: 60_000 }), { maxLength: 20 }), (list) => {
        const txs = list.map((t, i) => ({ id: `t${i}`, ...t }));
        expect(budgetReminders({ budget, transactions: txs, asOf: '2024-05-28' })).toEqual(budgetReminders({ budget, transactions: txs, asOf: '2024-05-28' }));
      }),
      { numRuns: 50 },
    );
  });
});

describe('a month that ended with reminders owed is not dropped at the reset (findings27-health F5)', () => {
  const budget = { overall: 100_000 };
  const may20 = { id: 'a', time: '2024-05-20T10:00:00+08:00', amount: 60_000, merchant: 'Shop', category: 'shopping' as const };
  // Bought at 23:50 on 31 May, posted after that night's run.
  const may31Late = { id: 'b', time: '2024-05-31T23:50:00+08:00', amount: 50_000, merchant: 'Shop', category: 'shopping' as const };
  const june2 = { id: 'c', time: '2024-06-02T10:00:00+08:00', amount: 55_000, merchant: 'Shop', category: 'shopping' as const };

  it("the tester's case: the first June run sends May's 80% and 100% reminders, dated May, then June's", () => {
    const may = budgetReminders({ budget, transactions: [may20], asOf: '2024-05-31', state: null });
    expect(may.reminders.map((r) => `${r.month}@${r.thresholdPercent}`)).toEqual(['2024-05@50']);
    const june = budgetReminders({ budget, transactions: [may20, may31Late, june2], asOf: '2024-06-02', state: may.state });
    expect(june.reminders.map((r) => `${r.month}@${r.thresholdPercent}`)).toEqual(['2024-05@80', '2024-05@100', '2024-06@50']);
    expect(june.reminders[1]?.message.en).toContain('May 2024');
    expect(june.state).toEqual({ month: '2024-06', fired: [{ scope: 'overall', thresholdPercent: 50 }], budget: { overall: 100_000, categories: {} } });
    // Run again with the state it returned: nothing is sent twice.
    expect(budgetReminders({ budget, transactions: [may20, may31Late, june2], asOf: '2024-06-02', state: june.state }).reminders).toEqual([]);
  });

  it('a month whose reminders had all fired adds nothing at the reset', () => {
    const may = budgetReminders({ budget, transactions: [may20, may31Late], asOf: '2024-05-31', state: null });
    const june = budgetReminders({ budget, transactions: [may20, may31Late], asOf: '2024-06-01', state: may.state });
    expect(june.reminders).toEqual([]);
  });
});

describe("a month's late reminders are judged against that month's budget, not today's (findings27 gap)", () => {
  const may20 = { id: 'a', time: '2024-05-20T10:00:00+08:00', amount: 60_000, merchant: 'Shop', category: 'shopping' as const };
  const may31Late = { id: 'b', time: '2024-05-31T23:50:00+08:00', amount: 20_000, merchant: 'Shop', category: 'food' as const };

  it('a budget lowered on 1 June sends no May reminder May never reached against its own budget', () => {
    // May's budget 2,000 RMB: 600 + 200 = 800 RMB is 40%, no threshold reached. Today's 1,000 RMB would
    // make it 80%: "you passed 80% of your May budget" about a budget May never had.
    const may = budgetReminders({ budget: { overall: 200_000 }, transactions: [may20], asOf: '2024-05-31', state: null });
    expect(may.state.budget).toEqual({ overall: 200_000, categories: {} });
    const june = budgetReminders({ budget: { overall: 100_000 }, transactions: [may20, may31Late], asOf: '2024-06-01', state: may.state });
    expect(june.reminders).toEqual([]);
    expect(june.warnings).toEqual([]);
    expect(june.state).toEqual({ month: '2024-06', fired: [], budget: { overall: 100_000, categories: {} } });
  });

  it("a category budgeted in May but not today is still judged by May's category budget", () => {
    const budgetMay = { overall: 200_000, categories: { food: 10_000 } };
    const may = budgetReminders({ budget: budgetMay, transactions: [may20], asOf: '2024-05-31', state: null });
    const june = budgetReminders({ budget: { overall: 200_000 }, transactions: [may20, may31Late], asOf: '2024-06-01', state: may.state });
    expect(june.reminders.map((r) => `${r.month}:${r.scope}@${r.thresholdPercent}:${r.budget}`)).toEqual([
      '2024-05:food@50:10000',
      '2024-05:food@80:10000',
      '2024-05:food@100:10000',
    ]);
  });

  it("a state kept by an older version (no budget) is judged against today's budget and says so", () => {
    const old: ReminderState = { month: '2024-05', fired: [{ scope: 'overall', thresholdPercent: 50 }] };
    const june = budgetReminders({ budget: { overall: 100_000 }, transactions: [may20, may31Late], asOf: '2024-06-01', state: old });
    expect(june.reminders.map((r) => `${r.month}@${r.thresholdPercent}`)).toEqual(['2024-05@80']);
    expect(june.warnings.map((w) => [w.code, w.month])).toEqual([['late_reminders_judged_by_current_budget', '2024-05']]);
    expect(june.warnings[0]?.message.en).toContain('May 2024');
  });

  it('a state whose budget is malformed is refused, naming the field', () => {
    const bad = { month: '2024-05', fired: [], budget: { overall: 0 } } as unknown as ReminderState;
    let caught: unknown;
    try {
      budgetReminders({ budget: { overall: 100_000 }, transactions: [], asOf: '2024-06-01', state: bad });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).issues.map((i) => i.path.join('.'))).toEqual(['state.budget.overall']);
  });

  it('law: a late reminder never names a budget other than the one the month was kept with', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500_000 }),
        fc.integer({ min: 1, max: 500_000 }),
        fc.array(fc.integer({ min: 1, max: 200_000 }), { maxLength: 6 }),
        (mayBudget, juneBudget, amounts) => {
          const txs = amounts.map((amount, i) => ({
            id: `t${i}`,
            time: `2024-05-${String(10 + i).padStart(2, '0')}T10:00:00+08:00`,
            amount,
            merchant: 'Shop',
            category: 'shopping' as const,
          }));
          const may = budgetReminders({ budget: { overall: mayBudget }, transactions: txs.slice(0, 1), asOf: '2024-05-31', state: null });
          const june = budgetReminders({ budget: { overall: juneBudget }, transactions: txs, asOf: '2024-06-01', state: may.state });
          for (const r of june.reminders) {
            if (r.month === '2024-05') {
              expect(r.budget).toBe(mayBudget);
              expect(r.spent * 100 >= r.thresholdPercent * mayBudget).toBe(true);
            }
          }
        },
      ),
      { seed: 2811, numRuns: 60 },
    );
  });
});
