import { z } from 'zod';
import { IsoDate } from '../schema/primitives.js';
import { MonthlyBudget, type MonthlyBudgetInput } from './budget.js';
import { SpendingCategory } from './category.js';
import { historyOf, type MonthOutcome } from './budgetHistory.js';
import { progressOf, type BudgetProgress, type BudgetStatus } from './budgetProgress.js';
import { lowerLimitMessage } from './messages.js';
import { addFen, HealthFen } from './money.js';
import { streakOf } from './overBudgetStreak.js';
import { LowerLimitInput, recommendLowerLimit, type LowerLimitRecommendation } from './recommendLowerLimit.js';
import { DEFAULT_RECURRING_RULE, recurringOf, type RecurringPayment } from './recurringPayments.js';
import { Transactions, type TransactionInput } from './transaction.js';
import { addLookBackIssue } from './lookBackIssue.js';
import { addBudgetDatesIssues, BudgetDates } from './budgetInForce.js';
import { parseWith } from './validate.js';
import { monthOf, type YearMonth } from './yearMonth.js';

/** Input of {@link healthSummary}. Money in integer fen. */
export interface HealthSummaryInput {
  readonly transactions: readonly TransactionInput[];
  /** The budget in force now: this month's progress, and past months from `budgetSince` on, are judged against it. */
  readonly budget: MonthlyBudgetInput;
  /**
   * The first month `budget` applied (YYYY-MM). Absent, no past month's budget is known: the history
   * shows `budget: null`, no month counts as over budget and `signals.monthsWithoutKnownBudget` says
   * how many were not judged. A budget changed today is not applied to the months before it.
   */
  readonly budgetSince?: string;
  /** Overall budgets in force before `budgetSince`, each from the month it took effect (`{ from: '2024-01', overall }`). */
  readonly earlierBudgets?: readonly { readonly from: string; readonly overall: number }[];
  readonly asOf: string;
  readonly currentLimit: number;
  readonly monthlyIncome: number;
  readonly monthlyEssentials: number;
  /** A limit the lender judges affordable; see `recommendLowerLimit`. */
  readonly healthyLimit?: number;
  /**
   * The product's smallest line (`scorer.policy.limits.productMin`): the offer never goes below it, since a
   * reduction below it is refused. Default the default policy's, 50,000 fen.
   */
  readonly minimumLimit?: number;
  /**
   * The product's rounding step (`scorer.policy.limits.roundingStep`): the offer is a multiple of it, so a
   * reduction to it grants exactly the offer. Default the default policy's, 10,000 fen.
   */
  readonly roundingStep?: number;
  /** Complete months of history to look back over (1 to 120); default 6. */
  readonly historyMonths?: number;
  /** Categories not extrapolated in this month's projection; see `budgetProgress`. */
  readonly fixedCategories?: readonly SpendingCategory[];
}

/** The financial-health signals a scorer reads: numbers and flags only. */
export interface HealthSignals {
  /** Consecutive most-recent complete months over budget. */
  readonly overBudgetStreak: number;
  /** Complete months over budget in the look-back window, consecutive or not. */
  readonly overBudgetMonths: number;
  /**
   * Complete months of the window with no budget known to be in force (before `budgetSince` and
   * every earlier budget): not judged, so never over budget, and a streak stops at them.
   */
  readonly monthsWithoutKnownBudget: number;
  /** Length of the look-back window in months. */
  readonly monthsObserved: number;
  /**
   * Every month of the window was over budget: the streak may have begun before it, so it is "at
   * least" `overBudgetStreak` months (the offer's text says so). Look back further (`historyMonths`)
   * for the whole streak.
   */
  readonly streakFillsWindow: boolean;
  /** This month's overall share of budget used so far. */
  readonly shareUsed: number;
  /** This month's projected month-end share of budget. */
  readonly projectedShare: number;
  readonly status: BudgetStatus;
  /** Monthly cost of recurring payments still running, fen. */
  readonly recurringMonthlyCost: number;
  /** `recurringMonthlyCost / monthlyIncome`; `null` with no income. */
  readonly recurringShareOfIncome: number | null;
}

/** Everything the health module knows about a customer on `asOf`, as plain data. */
export interface HealthSummary {
  readonly asOf: string;
  readonly month: YearMonth;
  readonly signals: HealthSignals;
  readonly progress: BudgetProgress;
  /** Complete months before `asOf`, oldest first. */
  readonly history: readonly MonthOutcome[];
  /** Recurring payments still running (`active`). */
  readonly recurring: readonly RecurringPayment[];
  readonly lowerLimit: LowerLimitRecommendation;
}

const Input = z
  .strictObject({
    transactions: Transactions,
    budget: MonthlyBudget,
    asOf: IsoDate,
    currentLimit: HealthFen,
    monthlyIncome: HealthFen,
    monthlyEssentials: HealthFen,
    healthyLimit: HealthFen.optional(),
    minimumLimit: LowerLimitInput.shape.minimumLimit,
    roundingStep: LowerLimitInput.shape.roundingStep,
    historyMonths: z.number().int().min(1).max(120).default(6),
    fixedCategories: z.array(SpendingCategory).max(SpendingCategory.options.length).default([]),
    ...BudgetDates,
  })
  .superRefine((v, ctx) => {
    // The look-back is written as YYYY-MM months: it cannot start before January 0000.
    addLookBackIssue(ctx, v.asOf, v.historyMonths);
    addBudgetDatesIssues(ctx, v);
  });

/**
 * Bundles the health signals for one customer on `asOf`: this month's budget progress, the history
 * of complete months, the over-budget streak, running recurring payments, and the lower limit to
 * offer (see `recommendLowerLimit`: pass the product's `minimumLimit` and `roundingStep` so that the
 * offer is one `requestReduction` grants as it stands). Money at most `MAX_MONEY_FEN` (10^12 fen) an
 * amount. Pure and deterministic; throws a ValidationError naming every bad field.
 */
export function healthSummary(input: HealthSummaryInput): HealthSummary {
  const v = parseWith(Input, 'healthSummary', input);
  const progress = progressOf(v.budget, v.transactions, v.asOf, monthOf(v.asOf), v.fixedCategories);
  const history = historyOf(v.transactions, v.budget, v, v.asOf, v.historyMonths);
  const streak = streakOf(history, v.asOf);
  const recurring = recurringOf(v.transactions, v.asOf, DEFAULT_RECURRING_RULE).filter((r) => r.active);
  let recurringMonthlyCost = 0;
  for (const r of recurring) recurringMonthlyCost = addFen(recurringMonthlyCost, r.monthlyCost);
  const streakFillsWindow = streak === history.length;
  const offered = recommendLowerLimit({
    currentLimit: v.currentLimit,
    monthlyIncome: v.monthlyIncome,
    monthlyEssentials: v.monthlyEssentials,
    overBudgetMonths: streak,
    ...(v.healthyLimit === undefined ? {} : { healthyLimit: v.healthyLimit }),
    ...(v.minimumLimit === undefined ? {} : { minimumLimit: v.minimumLimit }),
    ...(v.roundingStep === undefined ? {} : { roundingStep: v.roundingStep }),
  });
  // The month that ended the streak had no budget on record: "not over budget" would be a guess, so
  // the customer is told what is not known instead.
  const stoppedAt = history[history.length - 1 - streak];
  const lowerLimit: LowerLimitRecommendation =
    !offered.offer && offered.reasonCode === 'not_over_budget_long_enough' && stoppedAt !== undefined && stoppedAt.budget === null
      ? { ...offered, explanation: lowerLimitMessage({ kind: 'budget_not_known', month: stoppedAt.month }) }
      : offered.offer && offered.basis !== null && streakFillsWindow
        ? {
            ...offered,
            explanation: lowerLimitMessage({
              kind: 'offer',
              basis: offered.basis,
              overBudgetMonths: streak,
              atLeast: true,
              currentLimit: offered.currentLimit,
              recommendedLimit: offered.recommendedLimit,
            }),
          }
        : offered;
  return {
    asOf: v.asOf,
    month: monthOf(v.asOf),
    signals: {
      overBudgetStreak: streak,
      overBudgetMonths: history.filter((m) => m.budget !== null && m.spent > m.budget).length,
      monthsWithoutKnownBudget: history.filter((m) => m.budget === null).length,
      monthsObserved: history.length,
      streakFillsWindow,
      shareUsed: progress.overall.shareUsed,
      projectedShare: progress.overall.projectedShare,
      status: progress.overall.status,
      recurringMonthlyCost,
      recurringShareOfIncome: v.monthlyIncome > 0 ? recurringMonthlyCost / v.monthlyIncome : null,
    },
    progress,
    history,
    recurring,
    lowerLimit,
  };
}
