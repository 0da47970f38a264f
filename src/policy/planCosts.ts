import { comprehensiveCost, type ComprehensiveCost, type PlanCashFlows } from './comprehensiveCost.js';

/** Days in the year the daily rate is quoted on (the product convention: APR = daily x 365). */
export const DAYS_PER_YEAR = 365;

/**
 * The months over which a revolving line's comprehensive cost is measured: one billing cycle. A
 * balance drawn on day 0 is repaid with one month's interest (and any periodic fee) at the first
 * monthly bill, the shortest repayment the product bills. That is the worst case for a one-off
 * fee: spread over a longer hold (12 months, as measured before) a 10% fee showed 23.70% while a
 * drawdown repaid at the first bill cost 146.9%. Without a one-off fee the hold does not change
 * the cost (interest and a monthly fee are paid per month), so it is still exactly the bill.
 */
export const REVOLVING_COST_HORIZON_MONTHS = 1;

/** The fees a policy charges, each as a share of the principal drawn. */
export interface PlanFees {
  /** Charged once at drawdown on every plan (the customer receives principal x (1 - this)). */
  readonly oneOffRate: number;
  /** Charged every month on every plan (a periodic account or service fee). */
  readonly monthlyRate: number;
}

/** One instalment plan: `months` equal instalments, with a plan fee of `feeRate` x principal spread over them. */
export interface InstalmentPlanTerms {
  readonly months: number;
  readonly feeRate: number;
}

/**
 * Cash flows of 1 unit drawn on the revolving line at a daily rate and repaid at the first monthly
 * bill: the one-off fee is kept at drawdown, and the bill is one month's interest at
 * `daily x 365 / 12` (the year's interest in twelve equal bills), plus the monthly fee, plus the
 * principal.
 */
export function revolvingCashFlows(dailyRate: number, fees: PlanFees): PlanCashFlows {
  return { received: 1 - fees.oneOffRate, payments: [(dailyRate * DAYS_PER_YEAR) / 12 + fees.monthlyRate + 1] };
}

/**
 * Cash flows of 1 unit on an instalment plan, the Huabei convention: no interest, the plan fee
 * (`feeRate` x principal) is paid in equal parts with each of the equal principal instalments.
 */
export function instalmentCashFlows(plan: InstalmentPlanTerms, fees: PlanFees): PlanCashFlows {
  const each = (1 + plan.feeRate) / plan.months + fees.monthlyRate;
  return { received: 1 - fees.oneOffRate, payments: Array.from({ length: plan.months }, () => each) };
}

/**
 * The comprehensive cost of the revolving line at a daily rate: the IRR of a drawdown repaid at
 * the first bill ({@link revolvingCashFlows}). One payment, so the monthly IRR has a closed form,
 * `r = (bill + oneOffRate) / (1 - oneOffRate)` where `bill` is the month's interest and monthly
 * fee (`(bill + 1) / (1 - oneOffRate) - 1`, without the cancelling 1s). Without fees it is
 * exactly `daily x 365`, returned as given so that the disclosed APR and the billed daily rate
 * agree to the last digit.
 *
 * @example revolvingCost(0.0005, { oneOffRate: 0.01, monthlyRate: 0 }).nominalApr // 0.3055..., 12 x (0.0152083 + 0.01) / 0.99
 */
export function revolvingCost(dailyRate: number, fees: PlanFees, apr: number = dailyRate * DAYS_PER_YEAR): ComprehensiveCost {
  if (fees.oneOffRate === 0 && fees.monthlyRate === 0) {
    const r = apr / 12;
    return { monthlyRate: r, nominalApr: apr, effectiveAnnualRate: (1 + r) ** 12 - 1 };
  }
  const r = ((dailyRate * DAYS_PER_YEAR) / 12 + fees.monthlyRate + fees.oneOffRate) / (1 - fees.oneOffRate);
  return { monthlyRate: r, nominalApr: 12 * r, effectiveAnnualRate: (1 + r) ** 12 - 1 };
}

/** The comprehensive cost of an instalment plan. */
export function instalmentCost(plan: InstalmentPlanTerms, fees: PlanFees): ComprehensiveCost {
  return comprehensiveCost(instalmentCashFlows(plan, fees));
}
