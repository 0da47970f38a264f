import { z } from 'zod';
import { IsoDate } from '../schema/primitives.js';
import { MonthlyBudget, type MonthlyBudgetInput } from './budget.js';
import { progressOf } from './budgetProgress.js';
import { PositiveFen } from './money.js';
import { MAX_TRANSACTIONS_TOTAL_FEN, Transactions, type Transaction, type TransactionInput } from './transaction.js';
import { addLookBackIssue } from './lookBackIssue.js';
import { addBudgetDatesIssues, BudgetDates, overallBudgetIn } from './budgetInForce.js';
import { issueCode, parseWith } from './validate.js';
import { beijingDayOf } from './beijingTime.js';
import { monthOf, shiftMonth, YearMonth } from './yearMonth.js';

/** How one month ended against its budget. Money in integer fen. */
export const MonthOutcome = z.strictObject({
  month: YearMonth,
  // A sum of amounts, so bounded by what one call's transactions may add up to, not by one amount's bound.
  spent: z
    .number()
    .min(0)
    .max(MAX_TRANSACTIONS_TOTAL_FEN)
    .refine(Number.isInteger, { message: 'Invalid input: expected int, received number', ...issueCode('invalid_type') })
    .describe('Net spending in the month, floored at 0, fen; at most MAX_TRANSACTIONS_TOTAL_FEN'),
  budget: PositiveFen.nullable().describe(
    'The overall budget in force that month; null when none is known to have been (see budgetSince): such a month is never counted over budget',
  ),
});
/** How one month ended against its budget. */
export type MonthOutcome = z.infer<typeof MonthOutcome>;

/** Input of {@link budgetHistory}. */
export interface BudgetHistoryInput {
  readonly transactions: readonly TransactionInput[];
  /** The budget in force now; past months are judged against it only from `budgetSince` on. */
  readonly budget: MonthlyBudgetInput;
  /** The first month `budget` applied (YYYY-MM). Absent: no past month's budget is known. */
  readonly budgetSince?: string;
  /** Overall budgets in force before `budgetSince`, each from the month it took effect. */
  readonly earlierBudgets?: readonly { readonly from: string; readonly overall: number }[];
  readonly asOf: string;
  /** How many complete months before the month of `asOf` to report (1 to 120); default 6. */
  readonly months?: number;
}

const Input = z
  .strictObject({
    transactions: Transactions,
    budget: MonthlyBudget,
    asOf: IsoDate,
    months: z.number().int().min(1).max(120).default(6),
    ...BudgetDates,
  })
  .superRefine((v, ctx) => {
    // The look-back is written as YYYY-MM months: it cannot start before January 0000.
    addLookBackIssue(ctx, v.asOf, v.months);
    addBudgetDatesIssues(ctx, v);
  });

/** History from validated inputs. */
export function historyOf(transactions: readonly Transaction[], budget: MonthlyBudget, dates: BudgetDates, asOf: string, months: number): MonthOutcome[] {
  const thisMonth = monthOf(asOf);
  // Bucket once by month so the cost is one pass over the history, not one pass per month.
  const byMonth = new Map<YearMonth, Transaction[]>();
  for (const t of transactions) {
    const m = monthOf(beijingDayOf(t.time));
    const bucket = byMonth.get(m);
    if (bucket === undefined) byMonth.set(m, [t]);
    else bucket.push(t);
  }
  const out: MonthOutcome[] = [];
  for (let back = months; back >= 1; back--) {
    const month = shiftMonth(thisMonth, -back);
    const p = progressOf(budget, byMonth.get(month) ?? [], asOf, month);
    out.push({ month: p.month, spent: p.overall.spent, budget: overallBudgetIn(month, budget.overall, dates) });
  }
  return out;
}

/**
 * The outcome of each complete month before the month of `asOf`, oldest first, each against the
 * overall budget in force that month: `budget` from `budgetSince` on, before it the latest of
 * `earlierBudgets` then in force, else `null` (not known, so never over budget; see
 * `overallBudgetIn`). A month with no transactions counts as spending 0 (within budget).
 * Throws a ValidationError naming every bad field.
 */
export function budgetHistory(input: BudgetHistoryInput): MonthOutcome[] {
  const v = parseWith(Input, 'budgetHistory', input);
  return historyOf(v.transactions, v.budget, v, v.asOf, v.months);
}
