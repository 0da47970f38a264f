import fc from 'fast-check';
import { MAX_APR } from '../../policy/policyConfig.js';
import type { CreditLaw } from '../creditLaw.js';
import { defineLaw } from '../_internals/defineLaw.js';
import { pct, pdArbitrary } from '../_internals/lawInputs.js';
import { requireLaw } from '../_internals/runLaw.js';

function checkApr(apr: number, dailyRate: number, floor: number, cap: number, where: string): void {
  requireLaw(apr >= floor && apr <= cap, () => `${where}: APR ${pct(apr)} is outside the policy's [${pct(floor)}, ${pct(cap)}]`);
  requireLaw(apr <= MAX_APR, () => `${where}: APR ${pct(apr)} is above the ${pct(MAX_APR)} legal ceiling`);
  requireLaw(Math.abs(dailyRate - apr / 365) <= 1e-15, () => `${where}: daily rate ${dailyRate} is not APR / 365 = ${apr / 365}`);
}

/** APR stays within [floor, cap] of the policy and under the 24% ceiling, at every PD. */
export const aprWithinBounds: CreditLaw = defineLaw({
  name: 'apr_within_bounds',
  description: 'The APR is never below the policy floor, above its cap or above the 24% legal ceiling, at any PD, and the daily rate is APR / 365.',
  policyProperty: (ctx) =>
    fc.property(fc.record({ applicant: ctx.applicants(0), pd: pdArbitrary(ctx.policy) }), ({ applicant, pd }) => {
      const r = ctx.decidePolicy({ applicant, pd, policy: ctx.policy });
      checkApr(r.apr, r.dailyRate, ctx.policy.pricing.aprFloor, ctx.policy.pricing.aprCap, `at PD ${pd}`);
    }),
  scorerProperty: (ctx, scorer) =>
    fc.asyncProperty(fc.record({ applicant: ctx.applicants(2) }), async ({ applicant }) => {
      const d = await scorer.decide(applicant);
      checkApr(d.apr, d.dailyRate, ctx.policy.pricing.aprFloor, ctx.policy.pricing.aprCap, `decision for "${applicant.id}" at PD ${d.pd}`);
    }),
});
