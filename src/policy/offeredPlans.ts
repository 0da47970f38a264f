import { instalmentCost } from './planCosts.js';
import type { PolicyConfig } from './policyConfig.js';
import type { AprQuote } from './pricing.js';

/** One way the customer can repay, with its comprehensive cost as disclosed. */
export interface OfferedPlan {
  /** `revolving`: the line billed by the daily rate; `instalment`: a fixed plan of equal monthly instalments. */
  readonly kind: 'revolving' | 'instalment';
  /** Number of monthly instalments; `null` for the revolving line. */
  readonly months: number | null;
  /** The billed daily rate (revolving) or `null` (instalment plans charge a plan fee instead). */
  readonly dailyRate: number | null;
  /** Plan fee as a share of the principal (instalment), 0 on the revolving line. */
  readonly feeRate: number;
  /** Comprehensive annualised cost, nominal (12 x monthly IRR), every fee included: the figure disclosed and capped. */
  readonly comprehensiveApr: number;
  /** Effective annual rate of the same cash flows, `(1 + IRR)^12 - 1`. */
  readonly effectiveAnnualRate: number;
}

// Instalment costs depend on the policy only: solved once per policy object.
const instalmentPlansByPolicy = new WeakMap<PolicyConfig, readonly OfferedPlan[]>();

function instalmentPlansOf(policy: PolicyConfig): readonly OfferedPlan[] {
  let plans = instalmentPlansByPolicy.get(policy);
  if (plans === undefined) {
    plans = policy.fees.instalmentPlans.map((plan): OfferedPlan => {
      const cost = instalmentCost(plan, policy.fees);
      return Object.freeze({
        kind: 'instalment',
        months: plan.months,
        dailyRate: null,
        feeRate: plan.feeRate,
        comprehensiveApr: cost.nominalApr,
        effectiveAnnualRate: cost.effectiveAnnualRate,
      });
    });
    instalmentPlansByPolicy.set(policy, plans);
  }
  return plans;
}

/**
 * Every plan offered on a priced line: the revolving line at its billed daily rate, then each
 * instalment plan of the policy, each with its comprehensive cost. A validated policy keeps
 * every one at or under the cap in force (`validatePolicy` refuses one that does not).
 */
export function offeredPlans(pricing: AprQuote, policy: PolicyConfig): OfferedPlan[] {
  const revolving: OfferedPlan = {
    kind: 'revolving',
    months: null,
    dailyRate: pricing.dailyRate,
    feeRate: 0,
    comprehensiveApr: pricing.apr,
    effectiveAnnualRate: pricing.effectiveAnnualRate,
  };
  return [revolving, ...instalmentPlansOf(policy)];
}
