import fc from 'fast-check';
import { toNanos } from '../../policy/dailyRateGrid.js';
import { aprCapInForce, type PolicyConfig } from '../../policy/policyConfig.js';
import type { CreditLaw } from '../creditLaw.js';
import { billedDrawArbitrary, checkBilledDecisions } from '../_internals/billedDecisions.js';
import { defineLaw } from '../_internals/defineLaw.js';
import { pct, pdArbitrary } from '../_internals/lawInputs.js';
import { requireLaw } from '../_internals/runLaw.js';

/** The price as billed: the daily rate on the grid, daily x 365 within the cap, the shown text the billed rate. */
function checkDaily(q: { readonly dailyRate: number; readonly dailyRateText: string; readonly apr: number }, policy: PolicyConfig, where: string): void {
  const cap = aprCapInForce(policy);
  const dailyNanos = Math.round(q.dailyRate * 1e9);
  const stepNanos = toNanos(policy.pricing.dailyRateStep);
  requireLaw(
    Math.abs(q.dailyRate * 1e9 - dailyNanos) < 1e-6 && dailyNanos % stepNanos === 0,
    () => `${where}: daily rate ${q.dailyRate} is not on the product's ${policy.pricing.dailyRateStep} grid`,
  );
  // Integer test: the bill for a year at the shown daily rate, in billionths, against the cap.
  requireLaw(
    dailyNanos * 365 <= toNanos(cap),
    () => `${where}: daily rate ${q.dailyRateText} x 365 = ${pct((dailyNanos * 365) / 1e9)} bills above the ${pct(cap)} cap in force`,
  );
  requireLaw(
    /^\d+(\.\d+)?%$/.test(q.dailyRateText) && Math.round(Number.parseFloat(q.dailyRateText) * 1e7) === dailyNanos,
    () => `${where}: shown daily rate "${q.dailyRateText}" is not the billed ${q.dailyRate}`,
  );
  const noFees = policy.fees.oneOffRate === 0 && policy.fees.monthlyRate === 0;
  if (noFees)
    requireLaw(
      q.apr === (dailyNanos * 365) / 1e9,
      () => `${where}: disclosed APR ${pct(q.apr)} is not daily x 365 = ${pct((dailyNanos * 365) / 1e9)} (no fees)`,
    );
  else requireLaw(q.apr >= (dailyNanos * 365) / 1e9, () => `${where}: disclosed APR ${pct(q.apr)} is below the interest alone, daily x 365`);
}

/** The daily rate is the billing authority: on the grid, daily x 365 within the cap, and the disclosed APR agrees. */
export const dailyRateWithinCap: CreditLaw = defineLaw({
  name: 'daily_rate_within_cap',
  description:
    "The billed daily rate is on the product's grid, its text shows exactly that rate, daily x 365 never exceeds the cap in force, and the disclosed APR is daily x 365 (or the comprehensive cost with fees), on every decision the customer receives: decided alone or in a batch, reassessed, lowered at the customer's request, reviewed by a person or contested.",
  judgedOnLines: true,
  policyProperty: (ctx) =>
    fc.property(fc.record({ applicant: ctx.applicants(0), pd: pdArbitrary(ctx.policy) }), ({ applicant, pd }) => {
      checkDaily(ctx.decidePolicy({ applicant, pd, policy: ctx.policy }), ctx.policy, `at PD ${pd}`);
    }),
  decidesBatches: true,
  scorerProperty: (ctx, scorer) =>
    // Every decision the customer can receive, not decide alone: a batch, a reassessment, a
    // reduction, a review and a contest are billed too.
    fc.asyncProperty(billedDrawArbitrary(ctx), (draw) => checkBilledDecisions(scorer, draw, (where, d) => checkDaily(d, ctx.policy, `${where} at PD ${d.pd}`))),
});
