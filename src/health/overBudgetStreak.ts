import { z } from 'zod';
import { IsoDate } from '../schema/primitives.js';
import { MonthOutcome } from './budgetHistory.js';
import { issueCode, parseWith } from './validate.js';
import { monthIndexOf, monthOf, shiftMonth } from './yearMonth.js';

const Input = z.strictObject({
  history: z
    .array(MonthOutcome)
    .max(1200)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((m, i) => {
        if (seen.has(m.month)) ctx.addIssue({ code: 'custom', path: [i, 'month'], message: `Month ${m.month} appears twice`, ...issueCode('duplicate_month') });
        seen.add(m.month);
      });
    }),
  asOf: IsoDate,
});

/** Streak from validated outcomes. */
export function streakOf(history: readonly MonthOutcome[], asOf: string): number {
  const byMonth = new Map(history.map((m) => [m.month, m]));
  let streak = 0;
  // Only complete months count: the month of asOf is still running, and its spending so far says
  // nothing certain about how it will end.
  // No month before January 0000 is on record: the walk back stops there.
  for (let back = 1; back <= monthIndexOf(monthOf(asOf)); back++) {
    const m = byMonth.get(shiftMonth(monthOf(asOf), -back));
    if (m === undefined || m.budget === null || m.spent <= m.budget) return streak;
    streak += 1;
  }
  return streak;
}

/**
 * Consecutive most-recent complete months spent over budget (`spent > budget`), counting back from
 * the month before `asOf`. A month missing from the history, or with no budget known (`budget:
 * null`), ends the streak (nothing is assumed about a month with no record); months at or after the month of `asOf` are ignored. Order of the
 * history does not matter. Throws a ValidationError on bad input, including a repeated month.
 *
 * @example
 * overBudgetStreak([{ month: '2024-04', spent: 5, budget: 4 }, { month: '2024-03', spent: 5, budget: 4 }], '2024-05-02') // 2
 */
export function overBudgetStreak(history: readonly z.input<typeof MonthOutcome>[], asOf: string): number {
  const v = parseWith(Input, 'overBudgetStreak', { history, asOf });
  return streakOf(v.history, v.asOf);
}
