import fc from 'fast-check';
import { aprCapInForce, MAX_APR, type PolicyConfig } from '../../policy/policyConfig.js';
import type { CreditLaw } from '../creditLaw.js';
import { billedDrawArbitrary, checkBilledDecisions } from '../_internals/billedDecisions.js';
import { defineLaw } from '../_internals/defineLaw.js';
import { pct, pdArbitrary } from '../_internals/lawInputs.js';
import { requireLaw } from '../_internals/runLaw.js';

function checkApr(apr: number, dailyRate: number, policy: PolicyConfig, where: string): void {
  const floor = policy.pricing.aprFloor;
  const cap = aprCapInForce(policy);
  requireLaw(apr >= floor && apr <= cap, () => `${where}: APR ${pct(apr)} is outside the policy's [${pct(floor)}, ${pct(cap)}]`);
  if (policy.jurisdiction.id === 'cn-consumer-finance-2024')
    requireLaw(apr <= MAX_APR, () => `${where}: APR ${pct(apr)} is above the ${pct(MAX_APR)} legal ceiling`);
  // The disclosed APR is the comprehensive cost: daily x 365 exactly without fees, more with them.
  const noFees = policy.fees.oneOffRate === 0 && policy.fees.monthlyRate === 0;
  requireLaw(
    noFees ? Math.abs(dailyRate - apr / 365) <= 1e-15 : dailyRate * 365 <= apr,
    () => `${where}: daily rate ${dailyRate} does not agree with the APR ${apr} (APR / 365 = ${apr / 365})`,
  );
}

/** APR stays within [floor, cap] of the policy and under the 24% ceiling, at every PD. */
export const aprWithinBounds: CreditLaw = defineLaw({
  name: 'apr_within_bounds',
  description:
    "The APR is never below the policy floor, above its cap or above the legal ceiling in force, at any PD, and the daily rate agrees with it (APR / 365 without fees), on every decision the customer receives: decided alone or in a batch, reassessed, lowered at the customer's request, reviewed by a person or contested.",
  judgedOnLines: true,
  policyProperty: (ctx) =>
    fc.property(fc.record({ applicant: ctx.applicants(0), pd: pdArbitrary(ctx.policy) }), ({ applicant, pd }) => {
      const r = ctx.decidePolicy({ applicant, pd, policy: ctx.policy });
      checkApr(r.apr, r.dailyRate, ctx.policy, `at PD ${pd}`);
    }),
  decidesBatches: true,
  scorerProperty: (ctx, scorer) =>
    // Every decision the customer can receive, not decide alone: a batch, a reassessment, a
    // reduction, a review and a contest are billed too.
    fc.asyncProperty(billedDrawArbitrary(ctx), (draw) =>
      checkBilledDecisions(scorer, draw, (where, d) => checkApr(d.apr, d.dailyRate, ctx.policy, `${where} at PD ${d.pd}`)),
    ),
});
