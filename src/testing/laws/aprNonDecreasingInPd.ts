import fc from 'fast-check';
import type { CreditLaw } from '../creditLaw.js';
import type { Decision } from '../../decision/decision.js';
import { billedDrawArbitrary, checkBilledDecisions } from '../_internals/billedDecisions.js';
import { defineLaw } from '../_internals/defineLaw.js';
import { pct, pdSweepArbitrary, sweepPds } from '../_internals/lawInputs.js';
import { requireLaw } from '../_internals/runLaw.js';

/** A riskier applicant never pays a lower rate. */
export const aprNonDecreasingInPd: CreditLaw = defineLaw({
  name: 'apr_non_decreasing_in_pd',
  description:
    "APR never falls as PD rises, across every decision the customer receives: decided alone or in a batch, reassessed, lowered at the customer's request, reviewed by a person or contested.",
  judgedOnLines: true,
  policyProperty: (ctx) =>
    fc.property(fc.record({ applicant: ctx.applicants(0), pds: pdSweepArbitrary(ctx.policy) }), ({ applicant, pds }) => {
      const sorted = sweepPds(pds);
      const aprs = sorted.map((pd) => ctx.decidePolicy({ applicant, pd, policy: ctx.policy }).apr);
      for (let i = 1; i < sorted.length; i++) {
        const [lo, hi, low, high] = [sorted[i - 1]!, sorted[i]!, aprs[i - 1]!, aprs[i]!];
        requireLaw(low <= high, () => `APR is ${pct(low)} at PD ${lo} but only ${pct(high)} at the higher PD ${hi}`);
      }
    }),
  // End to end the PD comes from the model, so the law is checked across every decision of one
  // draw, on every path the customer is billed on (decide, a batch, a reassessment, reductions, a
  // review, a contest): each priced against all the others by the PD it reports. Checked on the
  // batch alone, a reassessment billing PD 14% at 11.83% beside PD 3% at 13.07% passed.
  decidesBatches: true,
  scorerProperty: (ctx, scorer) =>
    fc.asyncProperty(billedDrawArbitrary(ctx), (draw) => {
      const seen: { readonly where: string; readonly d: Decision }[] = [];
      return checkBilledDecisions(scorer, draw, (where, d) => {
        for (const other of seen) {
          const [lo, hi] = other.d.pd <= d.pd ? [other, { where, d }] : [{ where, d }, other];
          requireLaw(
            lo.d.apr <= hi.d.apr && (lo.d.pd < hi.d.pd || lo.d.apr === hi.d.apr),
            () => `${hi.where} pays ${pct(hi.d.apr)} at PD ${hi.d.pd} but ${lo.where} pays ${pct(lo.d.apr)} at PD ${lo.d.pd}`,
          );
        }
        seen.push({ where, d });
      });
    }),
});
