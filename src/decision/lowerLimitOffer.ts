import { recommendLowerLimit, type LowerLimitRecommendation } from '../health/recommendLowerLimit.js';
import type { Decision } from './decision.js';

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
 */
export function lowerLimitOfferOn(
  lineOnFile: number,
  health: Pick<Decision['health'], 'healthyLimit' | 'overBudgetMonths'>,
  limits: { readonly productMin: number; readonly roundingStep: number },
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
  });
}
