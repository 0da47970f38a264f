import { z } from 'zod';
import { IsoDate } from '../schema/primitives.js';
import { selectMonth } from './bill.js';
import { SpendingCategory } from './category.js';
import { MonthlyBudget, type MonthlyBudgetInput } from './budget.js';
import type { LocalizedText } from './localizedText.js';
import { progressMessage, type BudgetScope } from './messages.js';
import { addFen, mulDivRound } from './money.js';
import { budgetSpend, totalsBy, totalsOf } from './spendTotals.js';
import { Transactions, type Transaction, type TransactionInput } from './transaction.js';
import { isDay, issueCode, parseWith } from './validate.js';
import { daysInMonth, monthOf, YearMonth } from './yearMonth.js';

/** Where a budget stands: within it at the current pace, heading over it, or already over. */
export type BudgetStatus = 'on_track' | 'at_risk' | 'over';

/** Progress of one budget (overall or one category) in one month. All money in integer fen. */
export interface ScopeProgress {
  readonly scope: BudgetScope;
  readonly budget: number;
  /** Net spending so far (purchases minus refunds, floored at 0). */
  readonly spent: number;
  /** `max(0, budget - spent)`. */
  readonly remaining: number;
  /** `max(0, spent - budget)`. */
  readonly overBy: number;
  /** `spent / budget`; above 1 when over budget. */
  readonly shareUsed: number;
  /**
   * Month-end spending at the current pace: `spent + flexible * daysLeft / daysElapsed` to the
   * nearest fen, where `flexible` is spending outside the fixed categories (all of it by default,
   * which makes this `spent * daysInMonth / daysElapsed`).
   */
  readonly projected: number;
  /** `projected / budget`. */
  readonly projectedShare: number;
  /** What may be spent per remaining day and still end within budget: `floor(remaining / daysLeft)`; 0 on the last day. */
  readonly dailyAllowance: number;
  /** Already spent more than the budget. */
  readonly over: boolean;
  /** The projection ends within budget (`projected <= budget`). */
  readonly onTrack: boolean;
  readonly status: BudgetStatus;
}

/** Budget progress for one month as of a date. */
export interface BudgetProgress {
  readonly month: YearMonth;
  readonly asOf: string;
  readonly daysInMonth: number;
  /** Days of the month counted as spent, the `asOf` day included (all of them for a past month). */
  readonly daysElapsed: number;
  /** Days of the month after `asOf`. */
  readonly daysLeft: number;
  /** `daysElapsed / daysInMonth`: the share of the budget an even pace would have used by now. */
  readonly expectedShare: number;
  readonly overall: ScopeProgress;
  /** One entry per category that has a budget, in category order. */
  readonly categories: readonly ScopeProgress[];
  /** Net spending (floored at 0) of every category with any activity this month, budgeted or not. */
  readonly spentByCategory: Readonly<Partial<Record<SpendingCategory, number>>>;
  /** The overall progress in a sentence. */
  readonly message: LocalizedText;
}

/** Input of {@link budgetProgress}. */
export interface BudgetProgressInput {
  readonly budget: MonthlyBudgetInput;
  readonly transactions: readonly TransactionInput[];
  /** The date progress is measured to; transactions dated after it are not counted. */
  readonly asOf: string;
  /** The month to report; defaults to the month of `asOf`. A past month is reported as complete. */
  readonly month?: YearMonth;
  /**
   * Categories paid once a month (rent, insurance...) whose spending is not extrapolated: paying
   * rent on the 5th should not read as a pace of six rents a month. Default none.
   */
  readonly fixedCategories?: readonly SpendingCategory[];
}

const ProgressInput = z
  .strictObject({
    budget: MonthlyBudget,
    transactions: Transactions,
    asOf: IsoDate,
    month: YearMonth.optional(),
    fixedCategories: z.array(SpendingCategory).max(SpendingCategory.options.length).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.month !== undefined && isDay(v.asOf) && YearMonth.safeParse(v.month).success && v.month > monthOf(v.asOf)) {
      ctx.addIssue({ code: 'custom', path: ['month'], message: `Month ${v.month} is after asOf ${v.asOf}`, ...issueCode('month_after_as_of') });
    }
  });

function scopeProgress(scope: BudgetScope, budget: number, spent: number, fixed: number, dim: number, elapsed: number): ScopeProgress {
  const daysLeft = dim - elapsed;
  // Written as spent plus a non-negative extra so that projected >= spent holds by construction.
  const projected = spent + mulDivRound(spent - Math.min(fixed, spent), daysLeft, elapsed);
  const remaining = Math.max(0, budget - spent);
  const over = spent > budget;
  const onTrack = projected <= budget;
  return {
    scope,
    budget,
    spent,
    remaining,
    overBy: Math.max(0, spent - budget),
    shareUsed: spent / budget,
    projected,
    projectedShare: projected / budget,
    dailyAllowance: daysLeft === 0 ? 0 : Math.floor(remaining / daysLeft),
    over,
    onTrack,
    status: over ? 'over' : onTrack ? 'on_track' : 'at_risk',
  };
}

/** Progress from validated inputs; shared by reminders, history and the summary. */
export function progressOf(
  budget: MonthlyBudget,
  transactions: readonly Transaction[],
  asOf: string,
  month: YearMonth = monthOf(asOf),
  fixedCategories: readonly SpendingCategory[] = [],
): BudgetProgress {
  const dim = daysInMonth(month);
  const current = month === monthOf(asOf);
  // The asOf day counts as elapsed: by the time anyone reads progress, that day's spending is in.
  const elapsed = current ? Number(asOf.slice(8, 10)) : dim;
  const inMonth = selectMonth(transactions, month, current ? asOf : undefined);
  const byCategory = totalsBy(inMonth, (t) => t.category);
  const fixed = new Set(fixedCategories);
  let fixedSpent = 0;
  for (const category of fixed) fixedSpent = addFen(fixedSpent, budgetSpend(byCategory.get(category) ?? totalsOf([])));
  const overall = scopeProgress('overall', budget.overall, budgetSpend(totalsOf(inMonth)), fixedSpent, dim, elapsed);
  const spentByCategory: Partial<Record<SpendingCategory, number>> = {};
  const categories: ScopeProgress[] = [];
  for (const category of SpendingCategory.options) {
    const totals = byCategory.get(category);
    const spent = totals === undefined ? 0 : budgetSpend(totals);
    if (totals !== undefined) spentByCategory[category] = spent;
    const categoryBudget = budget.categories[category];
    if (categoryBudget !== undefined) categories.push(scopeProgress(category, categoryBudget, spent, fixed.has(category) ? spent : 0, dim, elapsed));
  }
  return {
    month,
    asOf,
    daysInMonth: dim,
    daysElapsed: elapsed,
    daysLeft: dim - elapsed,
    expectedShare: elapsed / dim,
    overall,
    categories,
    spentByCategory,
    message: progressMessage({ month, daysLeft: dim - elapsed, ...overall }),
  };
}

/**
 * Budget progress for a month as of `asOf`: spent overall and per category, share used, days left,
 * the month-end projection at the current pace, and on-track / over flags.
 *
 * The projection is `spent * daysInMonth / daysElapsed`, rounded to the nearest fen, where
 * `daysElapsed` counts the `asOf` day; spending in `fixedCategories` is carried as is instead of
 * extrapolated. It is never below `spent`. Refunds lower spending; spending
 * is floored at zero. Throws a ValidationError naming every bad field.
 *
 * @example
 * budgetProgress({ budget: { overall: 300_000 }, transactions, asOf: '2024-05-10' }).overall.status // 'at_risk'
 */
export function budgetProgress(input: BudgetProgressInput): BudgetProgress {
  const v = parseWith(ProgressInput, 'budgetProgress', input);
  return progressOf(v.budget, v.transactions, v.asOf, v.month, v.fixedCategories);
}
