import { z } from 'zod';
import { PositiveFen } from './money.js';
import { issueCode, isDay } from './validate.js';
import { monthOf, YearMonth } from './yearMonth.js';

/** An overall monthly budget the customer kept before the current one, from the month it took effect. */
export const EarlierBudget = z.strictObject({
  from: YearMonth.describe('The first month this budget applied (YYYY-MM)'),
  overall: PositiveFen.describe('Monthly budget for all spending, fen'),
});
/** An earlier overall budget, from the month it took effect. */
export type EarlierBudget = z.infer<typeof EarlierBudget>;

/**
 * When the budget passed as `budget` took effect, and the budgets before it: what a past month is
 * judged against. Both optional; see {@link overallBudgetIn}.
 */
export const BudgetDates = {
  budgetSince: YearMonth.optional().describe('The first month the current `budget` applied (YYYY-MM); months before it are judged by `earlierBudgets`'),
  earlierBudgets: z.array(EarlierBudget).max(1200).default([]).describe('Overall budgets in force before `budgetSince`, each from the month it took effect'),
};

/** The budget dates as validated. */
export interface BudgetDates {
  readonly budgetSince?: YearMonth | undefined;
  readonly earlierBudgets: readonly EarlierBudget[];
}

/**
 * Issues of budget dates that cannot describe one budget per month: a `budgetSince` after the month
 * of `asOf` (a budget not yet in force judges nothing), earlier budgets with no `budgetSince` to end
 * them, an earlier budget from `budgetSince` or later, or two from the same month.
 */
export function addBudgetDatesIssues(
  ctx: z.RefinementCtx,
  v: { asOf: string; budgetSince?: string | undefined; earlierBudgets: readonly EarlierBudget[] },
): void {
  // A malformed month has its own issue; compared as a string it would only add a made-up one.
  const since = YearMonth.safeParse(v.budgetSince).success ? v.budgetSince : undefined;
  if (since !== undefined && isDay(v.asOf) && since > monthOf(v.asOf)) {
    ctx.addIssue({
      code: 'custom',
      path: ['budgetSince'],
      message: `The budget applies from ${v.budgetSince}, after asOf ${v.asOf}`,
      ...issueCode('out_of_range'),
    });
  }
  const seen = new Set<string>();
  v.earlierBudgets.forEach((b, i) => {
    if (v.budgetSince === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['earlierBudgets', i, 'from'],
        message: 'An earlier budget needs budgetSince, the month the current budget replaced it',
        ...issueCode('out_of_range'),
      });
    } else if (since !== undefined && b.from >= since) {
      ctx.addIssue({
        code: 'custom',
        path: ['earlierBudgets', i, 'from'],
        message: `An earlier budget from ${b.from} is not before budgetSince ${since}`,
        ...issueCode('out_of_range'),
      });
    }
    if (seen.has(b.from))
      ctx.addIssue({ code: 'custom', path: ['earlierBudgets', i, 'from'], message: `Month ${b.from} appears twice`, ...issueCode('duplicate_month') });
    seen.add(b.from);
  });
}

/**
 * The overall budget in force in a complete past `month`: the current one from `budgetSince` on,
 * else the latest earlier budget that had taken effect by then, else `null`. `null` is "not known",
 * never a guess: a budget set today says nothing about what the customer aimed at before, and
 * judging their past months against it would tell a customer who just tightened a budget they
 * always kept that they overspent every month.
 */
export function overallBudgetIn(month: YearMonth, currentOverall: number, dates: BudgetDates): number | null {
  if (dates.budgetSince !== undefined && month >= dates.budgetSince) return currentOverall;
  let found: EarlierBudget | null = null;
  for (const b of dates.earlierBudgets) {
    if (b.from <= month && (found === null || b.from > found.from)) found = b;
  }
  return found === null ? null : found.overall;
}
