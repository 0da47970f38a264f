import { formatYuan, LIMIT_STEP_FEN, MIN_OVER_BUDGET_MONTHS, recommendLowerLimit, type LowerLimitRecommendation } from '../health/index.js';
import { lineOnFileAfter, type ApplicantInput, type Decision } from '../index.js';

/** The budget assistant's view of a decision: the brake beside the accelerator. Money in fen. */
export interface BudgetView {
  /** The affordability ceiling: no limit or suggestion exceeds it. */
  readonly healthyLimit: number;
  /** Monthly repayment of the line fully used over the affordability term. */
  readonly monthlyPayment: number;
  /** `monthlyPayment` as a share of monthly net income (0 without income). */
  readonly paymentShareOfIncome: number;
  /** The customer's monthly budget, when they set one. */
  readonly monthlyBudget: number | null;
  /** The payment as a share of that budget, or null. */
  readonly paymentShareOfBudget: number | null;
  /**
   * The lower limit the assistant offers: the decision's own offer when the lender passed the
   * over-budget streak, otherwise what it would offer after {@link MIN_OVER_BUDGET_MONTHS} months over budget.
   */
  readonly lowerLimitOffer: LowerLimitRecommendation;
  /** True when `lowerLimitOffer` is the decision's own, false when it is the "if you overspend" preview. */
  readonly offerIsLive: boolean;
}

/**
 * What the budget assistant says about a decision: the healthy limit, what a fully used line costs a
 * month against income and the customer's budget, and the lower limit it would offer if spending
 * ran over budget. Uses only the public decision and the health module's own rule.
 *
 * @param productMin the product's smallest line (`scorer.policy.limits.productMin`): the preview
 *   never offers below it, as the decision's own offer never does (a reduction below it is refused).
 *   Without it, the default policy's.
 * @param roundingStep the product's rounding step (`scorer.policy.limits.roundingStep`): the line
 *   held is read with it (a cap below the line rounds down to it) and the preview offers a multiple
 *   of it, as the decision's own offer does. Without it, the default policy's.
 */
export function budgetView(
  decision: Decision,
  applicant: ApplicantInput,
  monthlyBudget: number | null = null,
  productMin: number | null = null,
  roundingStep: number | null = null,
): BudgetView {
  const income = applicant.income.monthlyNet;
  const payment = decision.affordability.monthlyPayment;
  const live = decision.health.lowerLimitOffer;
  // The preview is on the line the customer holds: a referral's proposal is not theirs yet.
  const preview =
    live ??
    recommendLowerLimit({
      currentLimit: lineOnFileAfter(decision, roundingStep ?? LIMIT_STEP_FEN),
      monthlyIncome: income,
      monthlyEssentials: applicant.household?.monthlyEssentialSpending ?? 0,
      overBudgetMonths: MIN_OVER_BUDGET_MONTHS,
      healthyLimit: decision.health.healthyLimit,
      ...(productMin === null ? {} : { minimumLimit: productMin }),
      ...(roundingStep === null ? {} : { roundingStep }),
    });
  // A preview is a condition, not a fact: the health module's offer text says "you have spent more
  // than your budget 2 months in a row", which the page showed to a customer with none.
  const previewText =
    live === null && preview.offer
      ? {
          en: `If your spending ran over your budget ${MIN_OVER_BUDGET_MONTHS} months in a row, you could choose to lower your credit limit from ${formatYuan(preview.currentLimit)} to ${formatYuan(preview.recommendedLimit)}. Nothing changes unless you choose it.`,
          zhHans: `如果您连续${MIN_OVER_BUDGET_MONTHS}个月超出预算，您可以选择将信用额度从${formatYuan(preview.currentLimit)}降至${formatYuan(preview.recommendedLimit)}。只有在您确认后才会调整。`,
        }
      : null;
  return {
    healthyLimit: decision.health.healthyLimit,
    monthlyPayment: decision.limit > 0 ? payment : 0,
    paymentShareOfIncome: income > 0 && decision.limit > 0 ? payment / income : 0,
    monthlyBudget,
    paymentShareOfBudget: monthlyBudget !== null && monthlyBudget > 0 && decision.limit > 0 ? payment / monthlyBudget : null,
    lowerLimitOffer: previewText === null ? preview : { ...preview, explanation: previewText },
    offerIsLive: live !== null,
  };
}
