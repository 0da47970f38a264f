import { z } from 'zod';
import { Count, Fen } from '../schema/primitives.js';
import type { LocalizedText } from './localizedText.js';
import { lowerLimitMessage } from './messages.js';
import { mulDivFloor } from './money.js';
import { parseWith } from './validate.js';

/** Months over budget in a row before a lower limit is offered: one bad month is not a habit. */
export const MIN_OVER_BUDGET_MONTHS = 2;
/** Offered limits are whole 100 RMB. */
export const LIMIT_STEP_FEN = 10_000;
/** Each month over budget steps the limit down by this percent of the current limit... */
export const STEP_DOWN_PERCENT_PER_MONTH = 10;
/** ...up to this percent, so the streak alone never more than halves the limit in one offer. */
export const MAX_STEP_DOWN_PERCENT = 50;

/** Input of {@link recommendLowerLimit}. Money in integer fen. */
export const LowerLimitInput = z.strictObject({
  currentLimit: Fen,
  monthlyIncome: Fen.describe('Monthly net income, fen'),
  monthlyEssentials: Fen.describe('Rent, food, utilities, transport, fen per month'),
  overBudgetMonths: Count.describe('Consecutive complete months over budget (see overBudgetStreak)'),
  healthyLimit: Fen.optional().describe('A limit the lender judges affordable; replaces the spare-income rule'),
  minimumLimit: Fen.optional().describe("The product's smallest line, fen: no offer goes below it (a reduction below it is refused)"),
});
/** Input of {@link recommendLowerLimit} as a caller writes it. */
export type LowerLimitInput = z.input<typeof LowerLimitInput>;

/** Which figure set the offered limit; `product_minimum` when the others fell below the product's smallest line. */
export type LowerLimitBasis = 'healthy_limit' | 'spare_income' | 'gradual_step' | 'product_minimum';

/** A lower limit to offer the customer, or why there is none. Money in integer fen. */
export interface LowerLimitRecommendation {
  /** True when a lower limit is offered. The customer chooses; nothing is applied automatically. */
  readonly offer: boolean;
  readonly reasonCode: 'over_budget_streak' | 'not_over_budget_long_enough' | 'limit_already_low';
  readonly currentLimit: number;
  /** The offered limit: a multiple of 10,000 fen below `currentLimit`; equal to `currentLimit` when there is no offer. */
  readonly recommendedLimit: number;
  /** `currentLimit - recommendedLimit`. */
  readonly reduction: number;
  /** What set the offered limit; `null` when there is no offer. */
  readonly basis: LowerLimitBasis | null;
  readonly explanation: LocalizedText;
}

/**
 * A lower credit limit to offer when spending runs over budget month after month: the brake beside
 * the accelerator. The rule:
 *
 * 1. No offer unless `overBudgetMonths >= 2` ({@link MIN_OVER_BUDGET_MONTHS}).
 * 2. Affordable limit A: `healthyLimit` when given, else spare income
 *    `max(0, monthlyIncome - monthlyEssentials)`: one month of it repays a fully used limit.
 * 3. Gradual step S: `currentLimit * (1 - 0.1 * min(overBudgetMonths, 5))`: 20% down after 2 months,
 *    up to 50% after 5 or more.
 * 4. Offer `min(A, S)` rounded down to whole 100 RMB (10,000 fen), but never below `minimumLimit`
 *    (rounded up to whole 100 RMB) when given: a line below the product minimum is one the customer
 *    could not take. If that is not below `currentLimit` (a limit of 0, or under 100 RMB, or at the
 *    minimum), there is no offer.
 *
 * The offered limit never exceeds the current one and is always a multiple of 10,000 fen.
 * Throws a ValidationError naming every bad field.
 *
 * @example
 * recommendLowerLimit({ currentLimit: 1_000_000, monthlyIncome: 500_000, monthlyEssentials: 400_000, overBudgetMonths: 3 })
 * // { offer: true, recommendedLimit: 100_000, basis: 'spare_income', ... }
 */
export function recommendLowerLimit(input: LowerLimitInput): LowerLimitRecommendation {
  const v = parseWith(LowerLimitInput, 'recommendLowerLimit', input);
  const none = (reasonCode: 'not_over_budget_long_enough' | 'limit_already_low', explanation: LocalizedText): LowerLimitRecommendation => ({
    offer: false,
    reasonCode,
    currentLimit: v.currentLimit,
    recommendedLimit: v.currentLimit,
    reduction: 0,
    basis: null,
    explanation,
  });
  if (v.overBudgetMonths < MIN_OVER_BUDGET_MONTHS) {
    return none('not_over_budget_long_enough', lowerLimitMessage({ kind: 'not_over_budget_long_enough', minMonths: MIN_OVER_BUDGET_MONTHS }));
  }
  const affordable = v.healthyLimit ?? Math.max(0, v.monthlyIncome - v.monthlyEssentials);
  // Whole percents, so the step is exact integer arithmetic.
  const keptPercent = 100 - Math.min(v.overBudgetMonths * STEP_DOWN_PERCENT_PER_MONTH, MAX_STEP_DOWN_PERCENT);
  const step = mulDivFloor(v.currentLimit, keptPercent, 100);
  const target = Math.min(affordable, step);
  const byRule = Math.floor(target / LIMIT_STEP_FEN) * LIMIT_STEP_FEN;
  const floor = v.minimumLimit === undefined ? 0 : Math.ceil(v.minimumLimit / LIMIT_STEP_FEN) * LIMIT_STEP_FEN;
  const recommendedLimit = Math.max(byRule, floor);
  if (recommendedLimit >= v.currentLimit) {
    return none('limit_already_low', lowerLimitMessage({ kind: 'limit_already_low', currentLimit: v.currentLimit }));
  }
  const basis: LowerLimitBasis =
    byRule < floor ? 'product_minimum' : affordable < step ? (v.healthyLimit !== undefined ? 'healthy_limit' : 'spare_income') : 'gradual_step';
  return {
    offer: true,
    reasonCode: 'over_budget_streak',
    currentLimit: v.currentLimit,
    recommendedLimit,
    reduction: v.currentLimit - recommendedLimit,
    basis,
    explanation: lowerLimitMessage({ kind: 'offer', basis, overBudgetMonths: v.overBudgetMonths, currentLimit: v.currentLimit, recommendedLimit }),
  };
}
