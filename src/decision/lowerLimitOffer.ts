import { MIN_OVER_BUDGET_MONTHS, recommendLowerLimit, type LowerLimitRecommendation } from '../health/recommendLowerLimit.js';
import { monthOf } from '../health/yearMonth.js';
import type { Decision } from './decision.js';

/**
 * True when `prior` records that the customer lowered their line on the over-budget streak still
 * running on `asOf`: its offer says `lowered_this_streak` and no month has ended since (same
 * calendar month), so no new month over budget can have been recorded. A decision carries this
 * forward until a later month, which is when the streak has new information to offer on.
 */
export function loweredThisStreak(prior: Pick<Decision, 'asOf' | 'health'> | null, asOf: string): boolean {
  return prior !== null && prior.health.lowerLimitOffer?.reasonCode === 'lowered_this_streak' && monthOf(prior.asOf) === monthOf(asOf);
}

/**
 * True when a reduction from `line` to `onFile` answers the streak `health` carries: the customer
 * lowered their line while over budget long enough to be offered a lower one.
 */
export function reductionAnswersStreak(line: number, onFile: number, health: Pick<Decision['health'], 'overBudgetMonths'>): boolean {
  return onFile < line && (health.overBudgetMonths ?? 0) >= MIN_OVER_BUDGET_MONTHS;
}

/**
 * The budget assistant's lower-limit offer on the line a decision leaves on file (see
 * `lineOnFileAfter`): a referral's proposal grants nothing, so an offer computed on it would
 * promise a line the customer never held, and taking it would lower nothing. Null when the lender
 * passed no over-budget streak. Every path that seals a decision computes it here, so a review
 * that grants a line offers to lower that line.
 *
 * The decision's healthy limit is the affordable limit of the offer, which replaces the
 * spare-income rule, so income and essentials do not enter it. The offer is never below the
 * product minimum (a reduction below it is refused, so such an offer could not be taken) and is on
 * the policy's rounding step, so a reduction to it (`requestReduction`) grants exactly the offer.
 *
 * An offer taken is not made again on the same streak: with `loweredThisStreak` (see
 * {@link loweredThisStreak}, {@link reductionAnswersStreak}) there is none (`lowered_this_streak`)
 * until a later month; without it, accepting each offer on the day walked a ¥17,000 line on a
 * 2-month streak down to ¥500 in 14 steps.
 */
export function lowerLimitOfferOn(
  lineOnFile: number,
  health: Pick<Decision['health'], 'healthyLimit' | 'overBudgetMonths'>,
  limits: { readonly productMin: number; readonly roundingStep: number },
  lowered = false,
): LowerLimitRecommendation | null {
  if (health.overBudgetMonths === null) return null;
  return recommendLowerLimit({
    currentLimit: lineOnFile,
    monthlyIncome: 0,
    monthlyEssentials: 0,
    overBudgetMonths: health.overBudgetMonths,
    healthyLimit: health.healthyLimit,
    minimumLimit: limits.productMin,
    roundingStep: limits.roundingStep,
    loweredThisStreak: lowered,
  });
}
