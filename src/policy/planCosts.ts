import { comprehensiveCost, type ComprehensiveCost, type PlanCashFlows } from './comprehensiveCost.js';

/** Days in the year the daily rate is quoted on (the product convention: APR = daily x 365). */
export const DAYS_PER_YEAR = 365;

/**
 * The months over which a revolving line's comprehensive cost is measured: a balance drawn on
 * day 0, interest (and any periodic fee) paid monthly, repaid at the end of month 12.
 */
export const REVOLVING_COST_HORIZON_MONTHS = 12;

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
 * Cash flows of 1 unit drawn on the revolving line at a daily rate: interest is billed at
 * `daily x 365 / 12` a month (the year's interest in twelve equal bills), plus the monthly fee,
 * and the principal comes back at the end of the horizon.
 */
export function revolvingCashFlows(dailyRate: number, fees: PlanFees): PlanCashFlows {
  const bill = (dailyRate * DAYS_PER_YEAR) / 12 + fees.monthlyRate;
  const payments = Array.from({ length: REVOLVING_COST_HORIZON_MONTHS }, (_, i) => bill + (i === REVOLVING_COST_HORIZON_MONTHS - 1 ? 1 : 0));
  return { received: 1 - fees.oneOffRate, payments };
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
 * The comprehensive cost of the revolving line at a daily rate. Without fees it is exactly
 * `daily x 365` (interest-only flows have IRR = the monthly bill), returned without solving so
 * that the disclosed APR and the billed daily rate agree to the last digit.
 */
export function revolvingCost(dailyRate: number, fees: PlanFees, apr: number = dailyRate * DAYS_PER_YEAR): ComprehensiveCost {
  if (fees.oneOffRate === 0 && fees.monthlyRate === 0) {
    const r = apr / 12;
    return { monthlyRate: r, nominalApr: apr, effectiveAnnualRate: (1 + r) ** 12 - 1 };
  }
  return comprehensiveCost(revolvingCashFlows(dailyRate, fees));
}

/** The comprehensive cost of an instalment plan. */
export function instalmentCost(plan: InstalmentPlanTerms, fees: PlanFees): ComprehensiveCost {
  return comprehensiveCost(instalmentCashFlows(plan, fees));
}
