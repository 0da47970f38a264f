import { z } from 'zod';
import { Count } from '../schema/primitives.js';
import type { LocalizedText } from './localizedText.js';
import { lowerLimitMessage } from './messages.js';
import { HealthFen, mulDivFloor } from './money.js';
import { parseWith } from './validate.js';

/** Months over budget in a row before a lower limit is offered: one bad month is not a habit. */
export const MIN_OVER_BUDGET_MONTHS = 2;
/**
 * The default policy's rounding step, 100 RMB: offered limits are multiples of it unless the caller
 * passes the product's own `roundingStep`.
 */
export const LIMIT_STEP_FEN = 10_000;
/**
 * The default policy's product minimum, 500 RMB: no offer goes below it unless the caller passes the
 * product's own `minimumLimit`. (A literal: src/health is upstream of src/policy; a test holds the two equal.)
 */
export const DEFAULT_MINIMUM_LIMIT_FEN = 50_000;
/** Each month over budget steps the limit down by this percent of the current limit... */
export const STEP_DOWN_PERCENT_PER_MONTH = 10;
/** ...up to this percent, so the streak alone never more than halves the limit in one offer. */
export const MAX_STEP_DOWN_PERCENT = 50;

/** The largest rounding step a policy may set (`limits.roundingStep`), fen. */
const MAX_ROUNDING_STEP_FEN = 10_000_000;

/**
 * Input of {@link recommendLowerLimit}. Money in integer fen, at most `MAX_MONEY_FEN` (10^12 fen),
 * as every amount an applicant carries: a figure above it is taken for a data error.
 */
export const LowerLimitInput = z.strictObject({
  currentLimit: HealthFen,
  monthlyIncome: HealthFen.describe('Monthly net income, fen'),
  monthlyEssentials: HealthFen.describe('Rent, food, utilities, transport, fen per month'),
  overBudgetMonths: Count.describe('Consecutive complete months over budget (see overBudgetStreak)'),
  healthyLimit: HealthFen.optional().describe('A limit the lender judges affordable; replaces the spare-income rule'),
  minimumLimit: HealthFen.optional().describe(
    "The product's smallest line (`policy.limits.productMin`), fen: no offer goes below it (a reduction below it is refused). Default the default policy's, 50,000",
  ),
  loweredThisStreak: z
    .boolean()
    .optional()
    .describe(
      'The customer has already lowered their limit since the latest month over budget was recorded: no further offer until another month over budget is',
    ),
  roundingStep: z
    .number()
    .int()
    .min(1)
    .max(MAX_ROUNDING_STEP_FEN)
    .optional()
    .describe(
      "The product's rounding step (`policy.limits.roundingStep`), fen: every offer is a multiple of it, as every limit is. Default the default policy's, 10,000",
    ),
});
/** Input of {@link recommendLowerLimit} as a caller writes it. */
export type LowerLimitInput = z.input<typeof LowerLimitInput>;

/** Which figure set the offered limit; `product_minimum` when the others fell below the product's smallest line. */
export type LowerLimitBasis = 'healthy_limit' | 'spare_income' | 'gradual_step' | 'product_minimum';

/**
 * Why a lower limit is or is not offered: `over_budget_streak` (offered), `not_over_budget_long_enough`,
 * `limit_already_low`, `no_line` (the limit is 0: nothing to lower), `lowered_this_streak` (the customer
 * already lowered their limit on this streak).
 */
export const LOWER_LIMIT_REASON_CODES = ['over_budget_streak', 'not_over_budget_long_enough', 'limit_already_low', 'no_line', 'lowered_this_streak'] as const;
/** See {@link LOWER_LIMIT_REASON_CODES}. */
export type LowerLimitReasonCode = (typeof LOWER_LIMIT_REASON_CODES)[number];

/** A lower limit to offer the customer, or why there is none. Money in integer fen. */
export interface LowerLimitRecommendation {
  /** True when a lower limit is offered. The customer chooses; nothing is applied automatically. */
  readonly offer: boolean;
  readonly reasonCode: LowerLimitReasonCode;
  readonly currentLimit: number;
  /**
   * The offered limit: a multiple of the rounding step (10,000 fen by default) below `currentLimit` and at
   * or above the product minimum, so a reduction to it grants exactly it; equal to `currentLimit` when there is no offer.
   */
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
 * 1. No offer unless `overBudgetMonths >= 2` ({@link MIN_OVER_BUDGET_MONTHS}), nor on a limit of 0
 *    (`no_line`), nor when `loweredThisStreak` (`lowered_this_streak`: the customer has already
 *    lowered their limit since the latest month over budget was recorded).
 * 2. Affordable limit A: `healthyLimit` when given, else spare income
 *    `max(0, monthlyIncome - monthlyEssentials)`: one month of it repays a fully used limit.
 * 3. Gradual step S: `currentLimit * (1 - 0.1 * min(overBudgetMonths, 5))`: 20% down after 2 months,
 *    up to 50% after 5 or more.
 * 4. Offer `min(A, S)` rounded down to the `roundingStep` (default 10,000 fen, the default policy's),
 *    but never below `minimumLimit` (default 50,000 fen, the default policy's product minimum;
 *    rounded up to the step if it is not on it): a line below the product minimum is one the
 *    customer could not take. If that is not below `currentLimit` (a limit at or below the minimum,
 *    0 included), there is no offer.
 *
 * Pass the product's own `minimumLimit` and `roundingStep` (`policy.limits.productMin`,
 * `policy.limits.roundingStep`) so that a reduction to the offer (`scorer.requestReduction`) gives
 * exactly the offer. The offered limit never exceeds the current one, is a multiple of the step and
 * is at least the minimum. Throws a ValidationError naming every bad field.
 *
 * @example
 * recommendLowerLimit({ currentLimit: 1_000_000, monthlyIncome: 500_000, monthlyEssentials: 400_000, overBudgetMonths: 3 })
 * // { offer: true, recommendedLimit: 100_000, basis: 'spare_income', ... }
 */
export function recommendLowerLimit(input: LowerLimitInput): LowerLimitRecommendation {
  const v = parseWith(LowerLimitInput, 'recommendLowerLimit', input);
  const none = (reasonCode: Exclude<LowerLimitReasonCode, 'over_budget_streak'>, explanation: LocalizedText): LowerLimitRecommendation => ({
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
  // "Your limit of ¥0.00 is already as low as we would suggest" is no truth about a customer with no line.
  if (v.currentLimit === 0) return none('no_line', lowerLimitMessage({ kind: 'no_line' }));
  // An offer taken (or a line the customer lowered themselves) answers this streak: offering again on
  // the line just lowered would walk it down to the product minimum on no new information.
  if (v.loweredThisStreak === true) return none('lowered_this_streak', lowerLimitMessage({ kind: 'lowered_this_streak' }));
  const affordable = v.healthyLimit ?? Math.max(0, v.monthlyIncome - v.monthlyEssentials);
  // Whole percents, so the step is exact integer arithmetic.
  const keptPercent = 100 - Math.min(v.overBudgetMonths * STEP_DOWN_PERCENT_PER_MONTH, MAX_STEP_DOWN_PERCENT);
  const step = mulDivFloor(v.currentLimit, keptPercent, 100);
  const target = Math.min(affordable, step);
  const stepFen = v.roundingStep ?? LIMIT_STEP_FEN;
  const minimum = v.minimumLimit ?? DEFAULT_MINIMUM_LIMIT_FEN;
  // Both at most 10^12 + 10^7, so the products below are exact integers.
  const byRule = Math.floor(target / stepFen) * stepFen;
  const floor = Math.ceil(minimum / stepFen) * stepFen;
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
